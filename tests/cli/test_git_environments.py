"""Git environments a user's machine may have: bieb commits only where it may,
says why not otherwise, and its reading commands work everywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import git, repo_state, run_bieb

# --by names a member of the Innovatieraad (see conftest.DECIDERS), so that what is
# refused is the repository's state, not the decider.
TRIAGE = ("project", "triage", "leesleen-app-po", "--decision", "kansrijk", "--by", "Mo Derator")
READS = (("validate",), ("project", "list"), ("project", "show", "leesleen-app-po"),
         ("report",), ("region", "list"))


def _reads_work(registry: Path, env: dict[str, str] | None = None) -> None:
    for command in READS:
        result = run_bieb(*command, "--registry", str(registry), env=env)
        assert result.returncode == 0, command


def test_refused_during_a_rebase(git_registry: Path) -> None:
    repo = git_registry.parent
    kb = git_registry / "organisations" / "kb.yaml"
    original = kb.read_text(encoding="utf-8")
    git(repo, "switch", "--quiet", "-c", "other")
    kb.write_text(original + "website: https://a.example\n", encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "a")
    git(repo, "switch", "--quiet", "main")
    kb.write_text(original + "website: https://b.example\n", encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "b")
    git(repo, "switch", "--quiet", "other")
    rebase = subprocess.run(["git", "rebase", "main"], cwd=repo, capture_output=True,
                            check=False)
    assert rebase.returncode != 0  # stopped at the conflict
    before = repo_state(repo)
    result = run_bieb(*TRIAGE, "--registry", str(git_registry))
    assert result.returncode == 2
    assert "a rebase is in progress" in result.stderr
    assert "git rebase --abort" in result.stderr
    assert repo_state(repo) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="giving the repository to another user needs root")
def test_a_repository_of_another_user_is_explained(git_registry: Path) -> None:
    repo = git_registry.parent
    before = repo_state(repo)
    subprocess.run(["chown", "-R", "65534:65534", str(repo)], check=True)
    try:
        result = run_bieb(*TRIAGE, "--registry", str(git_registry))
        assert result.returncode == 2
        assert "belongs to another user" in result.stderr
        assert "safe.directory" in result.stderr
        _reads_work(git_registry)
    finally:  # our own git must read it again to compare
        subprocess.run(["chown", "-R", f"{os.getuid()}:{os.getgid()}", str(repo)], check=True)
    assert repo_state(repo) == before


def test_without_git_on_path_reads_work_and_writes_say_why(git_registry: Path,
                                                            tmp_path: Path) -> None:
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    env = {"PATH": str(empty)}
    assert shutil.which("git", path=str(empty)) is None
    before = repo_state(git_registry.parent)
    result = run_bieb(*TRIAGE, "--registry", str(git_registry), env=env)
    assert result.returncode == 2
    assert "git is not installed or not on PATH" in result.stderr
    assert repo_state(git_registry.parent) == before
    _reads_work(git_registry, env)
    written = run_bieb(*TRIAGE, "--no-commit", "--registry", str(git_registry), env=env)
    assert written.returncode == 0
    assert "decision: kansrijk" in (git_registry / "projects" / "leesleen-app-po.yaml"
                                    ).read_text(encoding="utf-8")


def test_a_registry_outside_git_can_be_read(registry: Path) -> None:
    _reads_work(registry)
