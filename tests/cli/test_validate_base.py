"""`bieb validate --base`: a pull request may add and extend, never rewrite."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import git, missing_tool, run_bieb

PROJECT = "leesleen-app-po"


def _advance_twice(registry: Path) -> None:
    """Two honest decisions, made with bieb, committed on main."""
    for args in (("project", "triage", PROJECT, "--decision", "kansrijk", "--date", "2026-01-05",
                  "--by", "Mo Derator"),
                 ("project", "set", PROJECT,
                  "goal={kinds: [effectiviteit], description: Meer lezers.}"),
                 ("project", "advance", PROJECT, "--note", "Go", "--date", "2026-02-01",
                  "--by", "Mo Derator"),
                 ("project", "repeat", PROJECT, "--note", "Again", "--date", "2026-03-01",
                  "--by", "Mo Derator")):
        assert run_bieb(*args, "--registry", str(registry)).returncode == 0


@pytest.fixture
def pr(git_registry: Path) -> Path:
    """A registry with history on main, and a branch `pr` checked out for the change."""
    _advance_twice(git_registry)
    git(git_registry.parent, "switch", "--quiet", "-c", "pr")
    return git_registry


def _problems(registry: Path, base: str = "main") -> list[tuple[str, str, int]]:
    result = run_bieb("validate", "--base", base, "--format", "json",
                      "--registry", str(registry))
    assert result.returncode in (0, 1), result.stderr
    return [(Path(p["path"]).name, p["code"], p["line"])
            for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_honest_change_passes(pr: Path) -> None:
    assert run_bieb("project", "shelve", PROJECT, "--note", "Wacht", "--date", "2026-04-01",
                    "--registry", str(pr)).returncode == 0
    assert run_bieb("idea", "add", "--title", "Nieuw", "--summary", "Iets nieuws.", "--theme",
                    "werkplaats", "--registry", str(pr)).returncode == 0
    assert _problems(pr) == []


def test_an_edited_history_entry_is_caught_at_its_line(pr: Path) -> None:
    path = pr / "projects" / f"{PROJECT}.yaml"
    _edit(path, "note: Go", "note: Went well")
    line = path.read_text(encoding="utf-8").splitlines().index("  - date: 2026-02-01") + 1
    assert _problems(pr) == [(f"{PROJECT}.yaml", "history-rewritten", line)]


def test_a_removed_history_entry_and_a_phase_going_back_are_caught(pr: Path) -> None:
    path = pr / "projects" / f"{PROJECT}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("history:")[0].replace("phase: experiment", "phase: idee"),
                    encoding="utf-8")
    codes = {code for _, code, _ in _problems(pr)}
    assert {"history-rewritten", "phase-backward"} <= codes


def test_a_skipped_phase_is_caught(pr: Path) -> None:
    path = pr / "projects" / "impact-cockpit.yaml"
    _edit(path, "phase: idee", "phase: implementatie")
    codes = {code for _, code, _ in _problems(pr)}
    assert "phase-skipped" in codes


def test_a_deleted_project_is_caught(pr: Path) -> None:
    (pr / "projects" / "impact-cockpit.yaml").unlink()
    assert ("impact-cockpit.yaml", "project-deleted", 0) in _problems(pr)


def test_a_renamed_id_is_caught(pr: Path) -> None:
    old = pr / "projects" / "impact-cockpit.yaml"
    new = pr / "projects" / "cockpit.yaml"
    git(pr.parent, "mv", str(old), str(new))
    _edit(new, "id: impact-cockpit", "id: cockpit")
    found = _problems(pr)
    assert ("cockpit.yaml", "id-renamed", 1) in found
    assert all(code != "project-deleted" for _, code, _ in found)


def test_base_reads_git_only_and_leaves_the_work_tree_alone(pr: Path) -> None:
    _edit(pr / "projects" / f"{PROJECT}.yaml", "note: Go", "note: Changed")
    before = git(pr.parent, "status", "--porcelain")
    _problems(pr)
    assert git(pr.parent, "status", "--porcelain") == before


def test_an_unknown_base_is_a_usage_error(pr: Path) -> None:
    result = run_bieb("validate", "--base", "no-such-branch", "--registry", str(pr))
    assert result.returncode == 2
    assert "names no commit" in result.stderr


def test_two_clones_and_a_pull_request_that_rewrites_history(tmp_path: Path,
                                                             git_registry: Path) -> None:
    """A bare remote, two clones: B branches from an old main and rewrites what A added."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(git_registry.parent), str(remote))
    a, b = tmp_path / "a", tmp_path / "b"
    for clone in (a, b):
        git(tmp_path, "clone", "--quiet", str(remote), str(clone))
        git(clone, "config", "user.name", clone.name.upper())
        git(clone, "config", "user.email", f"{clone.name}@poi.example.nl")
    _advance_twice(a / "registry")
    git(a, "push", "--quiet", "origin", "main")
    git(b, "fetch", "--quiet")
    git(b, "switch", "--quiet", "-c", "pr", "origin/main")
    _edit(b / "registry" / "projects" / f"{PROJECT}.yaml", "date: 2026-02-01",
          "date: 2026-01-20")
    git(b, "commit", "--quiet", "-am", "backdate a decision")
    found = _problems(b / "registry", base="origin/main")
    assert [code for _, code, _ in found] == ["history-rewritten"]


def test_junit_and_github_summary(pr: Path, tmp_path: Path) -> None:
    (pr / "projects" / "impact-cockpit.yaml").unlink()
    junit = run_bieb("validate", "--base", "main", "--format", "junit", "--registry", str(pr))
    assert junit.returncode == 1
    assert junit.stdout.startswith("<?xml")
    assert 'failures="1"' in junit.stdout and "project-deleted" in junit.stdout
    summary = tmp_path / "summary.md"
    github = run_bieb("validate", "--base", "main", "--format", "github", "--registry", str(pr),
                      env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert "::error file=" in github.stdout and "title=project-deleted" in github.stdout
    assert summary.read_text(encoding="utf-8").startswith("## bieb validate\n\n1 errors")


@pytest.mark.slow
def test_the_pre_commit_hook_from_this_repository(git_registry: Path, tmp_path: Path) -> None:
    """The real pre-commit framework runs the hook of .pre-commit-hooks.yaml."""
    bieb_repo = Path(__file__).resolve().parents[2]
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or \
        shutil.which("pre-commit")
    if pre_commit is None:
        missing_tool("pre-commit is not installed (make test installs it)")
    repo = git_registry.parent
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "PATH": _path()}

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run([pre_commit, "try-repo", str(bieb_repo), "bieb-validate"],
                              cwd=repo, env={**_env(), **env}, capture_output=True, text=True,
                              timeout=600, check=False)

    good = git_registry / "organisations" / "kb.yaml"
    _edit(good, "province: zuid-holland", "province: zuid-holland\nwebsite: https://www.kb.nl")
    git(repo, "add", str(good))
    passed = try_repo()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    bad = git_registry / "organisations" / "fers.yaml"
    _edit(bad, "kind: poi", "kind: museum")
    git(repo, "add", str(bad))
    failed = try_repo()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    # kind: is on line 6, below the modeline and the comments
    assert "registry/organisations/fers.yaml:6:7: error[schema]" in failed.stdout
    # A commit that only deletes a record others refer to: no file is passed to the
    # hook, and it must run all the same.
    git(repo, "reset", "-q", "--hard")
    git(repo, "rm", "-q", str(git_registry / "organisations" / "bibliotheek-venlo.yaml"))
    deleted = try_repo()
    assert deleted.returncode == 1, deleted.stdout + deleted.stderr
    assert "unknown organisation 'bibliotheek-venlo'" in deleted.stdout


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def _path() -> str:
    import os
    import sys

    return f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
