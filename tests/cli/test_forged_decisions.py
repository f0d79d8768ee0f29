"""Decisions (phase, status, triage, history) come only from the decision commands."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.helpers import git, repo_state, run_bieb

FORGED = {
    "triage": "triage:\n  decision: kansrijk\n  date: 2021-01-01\n",
    "history": ("history:\n  - date: 2021-01-01\n    from: idee\n    to: idee\n"
                "    decision: herhalen\n    by: De Innovatieraad\n"),
    "phase": "phase: experiment\n",
    "status": "status: aangehouden\n",
}


@pytest.mark.parametrize("field", sorted(FORGED))
def test_idea_add_from_file_refuses_decision_fields(git_registry: Path, tmp_path: Path,
                                                    field: str) -> None:
    idea = tmp_path / "idee.yaml"
    idea.write_text("title: Leesclub voor jongeren\nsummary: Elke maand.\n"
                    "themes: [werkplaats]\n" + FORGED[field], encoding="utf-8")
    before = repo_state(git_registry.parent)
    result = run_bieb("idea", "add", "--from-file", str(idea), "--registry", str(git_registry))
    assert result.returncode == 2
    assert f"an idea cannot bring its own {field}" in result.stderr
    assert repo_state(git_registry.parent) == before


EDITOR = """\
import pathlib, sys
path = pathlib.Path(sys.argv[-1])
text = path.read_text()
pathlib.Path({seen!r}).write_text(text)
if {new!r} not in text:  # the second time: leave it as it is, which aborts
    path.write_text(text.replace({old!r}, {new!r}))
"""


@pytest.mark.parametrize(("old", "new"), [
    ("decision: kansrijk", "decision: niet-kansrijk"),  # a past decision rewritten
    ("status: lopend", "status: aangehouden"),
    # an entry slipped into the history the triage began (a triage is a history entry too)
    ("history:\n", "history:\n  - date: 2021-01-01\n    from: idee\n    to: idee\n"
     "    decision: herhalen\n    by: Mo Derator\n"),
])
def test_project_edit_refuses_to_change_decisions(git_registry: Path, tmp_path: Path,
                                                  old: str, new: str) -> None:
    repo = git_registry.parent
    assert run_bieb("project", "triage", "impact-cockpit", "--decision", "kansrijk",
                    "--registry", str(git_registry)).returncode == 0
    seen = tmp_path / "seen.yaml"
    script = tmp_path / "editor.py"
    script.write_text(EDITOR.format(seen=str(seen), old=old, new=new), encoding="utf-8")
    before = repo_state(repo)
    result = run_bieb("project", "edit", "impact-cockpit", "--registry", str(git_registry),
                      env={"EDITOR": f"{sys.executable} {script}", "VISUAL": ""})
    # The editor came back with the refusal at the top; leaving it so aborts.
    assert "decisions are recorded only by the decision commands" in seen.read_text()
    assert result.returncode == 1 and "aborted" in result.stderr
    assert repo_state(repo) == before


def test_decision_commands_still_record_decisions(git_registry: Path) -> None:
    assert run_bieb("project", "shelve", "impact-cockpit", "--note", "Wacht",
                    "--registry", str(git_registry)).returncode == 0
    assert git(git_registry.parent, "status", "--porcelain") == ""
