"""`bieb ... edit` in the user's editor, and several moderators at once on one clone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import git, repo_state, run_bieb

EDITOR_SCRIPT = """\
import pathlib, sys
path, state = pathlib.Path(sys.argv[-1]), pathlib.Path({state!r})
calls = int(state.read_text()) if state.exists() else 0
state.write_text(str(calls + 1))
text = path.read_text()
if calls == 0:  # first save: a typo in a key
    path.write_text(text.replace("status: lopend", "status: lopend\\ntitel: X"))
else:  # the problems are shown at the top; fix the typo
    assert "# bieb: line" in text and "unknown field 'titel'" in text, text
    path.write_text(text.replace("titel: X", "owner: kb"))
"""


def _editor(tmp_path: Path, script: str) -> dict[str, str]:
    path = tmp_path / "editor.py"
    path.write_text(script.format(state=str(tmp_path / "calls")), encoding="utf-8")
    return {"EDITOR": f"{sys.executable} {path}", "VISUAL": ""}


def test_edit_reopens_with_the_problems_until_valid(git_registry: Path, tmp_path: Path) -> None:
    result = run_bieb("project", "edit", "impact-cockpit", "--registry", str(git_registry),
                      env=_editor(tmp_path, EDITOR_SCRIPT))
    assert result.returncode == 0
    assert (tmp_path / "calls").read_text() == "2"
    text = (git_registry / "projects" / "impact-cockpit.yaml").read_text(encoding="utf-8")
    assert "owner: kb\n" in text and "# bieb:" not in text and "titel" not in text
    assert git(git_registry.parent, "log", "-1", "--format=%s") == \
        "project impact-cockpit: edited\n"


def test_edit_left_unchanged_aborts(git_registry: Path, tmp_path: Path) -> None:
    before = repo_state(git_registry.parent)
    result = run_bieb("org", "edit", "kb", "--registry", str(git_registry),
                      env=_editor(tmp_path, "pass\n"))
    assert result.returncode == 1
    assert "aborted" in result.stderr
    assert repo_state(git_registry.parent) == before


def _round(registry: Path, label: str, n: int = 8) -> None:
    """`n` moderators add an idea at the same moment: each gets its own commit."""
    repo = registry.parent
    start = git(repo, "rev-parse", "HEAD").strip()
    procs = [subprocess.Popen(
        [sys.executable, "-m", "innovatiebieb", "idea", "add", "--title", f"{label} {k}",
         "--summary", f"Idee nummer {k}.", "--theme", "werkplaats", "--registry",
         str(registry)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for k in range(n)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * n, outputs
    commits = git(repo, "rev-list", f"{start}..HEAD").split()
    assert len(commits) == n
    seen = set()
    for commit in commits:
        files = git(repo, "show", "--name-only", "--format=", commit).split()
        assert len(files) == 1  # none carries another's file
        seen.add(files[0])
    slug = label.lower().replace(" ", "-")
    assert seen == {f"registry/projects/{slug}-{k}.yaml" for k in range(n)}  # none lost
    assert git(repo, "status", "--porcelain") == ""


def test_eight_ideas_at_once_each_get_their_own_commit(git_registry: Path) -> None:
    _round(git_registry, "Gelijktijdig")
    assert run_bieb("validate", "--registry", str(git_registry)).returncode == 0


@pytest.mark.slow
def test_eight_at_once_twenty_five_rounds(git_registry: Path) -> None:
    for n in range(25):
        _round(git_registry, f"Ronde {n}")
        assert run_bieb("validate", "--registry", str(git_registry)).returncode == 0, n
