"""Every state bieb must not commit in is refused, and leaves HEAD and the files as they were."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import add_deciders
from tests.helpers import git, repo_state, run_bieb

# --by names a member of the Innovatieraad (see conftest.DECIDERS), so that what is
# refused is the repository's state, not the decider.
TRIAGE = ("project", "triage", "leesleen-app-po", "--decision", "kansrijk", "--by", "Mo Derator")


def _refused(registry: Path, expect: str, env: dict[str, str] | None = None) -> None:
    repo = registry.parent
    before = repo_state(repo)
    result = run_bieb(*TRIAGE, "--registry", str(registry), env=env)
    assert result.returncode == 2
    assert expect in result.stderr
    assert repo_state(repo) == before


def test_refused_during_a_merge(git_registry: Path) -> None:
    repo = git_registry.parent
    kb = git_registry / "organisations" / "kb.yaml"
    git(repo, "switch", "--quiet", "-c", "other")
    kb.write_text(kb.read_text(encoding="utf-8") + "website: https://a.example\n",
                  encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "a")
    git(repo, "switch", "--quiet", "main")
    kb.write_text(kb.read_text(encoding="utf-8") + "website: https://b.example\n",
                  encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "b")
    subprocess.run(["git", "merge", "other"], cwd=repo, capture_output=True, check=False)
    _refused(git_registry, "a merge is in progress")


def test_refused_on_a_detached_head(git_registry: Path) -> None:
    git(git_registry.parent, "switch", "--quiet", "--detach")
    _refused(git_registry, "HEAD is detached")


def test_refused_when_the_file_has_changes_of_its_own(git_registry: Path) -> None:
    path = git_registry / "projects" / "leesleen-app-po.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    _refused(git_registry, "has uncommitted changes of its own")


def test_refused_while_index_lock_exists(git_registry: Path) -> None:
    (git_registry.parent / ".git" / "index.lock").write_text("", encoding="utf-8")
    _refused(git_registry, "index.lock")


def test_refused_without_a_git_identity(git_registry: Path) -> None:
    repo = git_registry.parent
    git(repo, "config", "--unset", "user.name")
    git(repo, "config", "--unset", "user.email")
    _refused(git_registry, "no git identity is configured",
             env={"GIT_AUTHOR_NAME": "", "GIT_AUTHOR_EMAIL": ""})


def test_outside_git_only_no_commit_writes(registry: Path) -> None:
    add_deciders(registry)
    result = run_bieb(*TRIAGE, "--registry", str(registry))
    assert result.returncode == 2
    assert "not inside a git work tree" in result.stderr
    assert "--no-commit" in result.stderr
    assert run_bieb(*TRIAGE, "--no-commit", "--registry",
                    str(registry)).returncode == 0
    assert "decision: kansrijk" in (registry / "projects" / "leesleen-app-po.yaml").read_text(
        encoding="utf-8")


def test_a_rejecting_hook_restores_the_file_and_shows_its_message(git_registry: Path) -> None:
    repo = git_registry.parent
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'registry frozen for the release' >&2\nexit 1\n",
                    encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    before = repo_state(repo)
    result = run_bieb(*TRIAGE, "--registry", str(git_registry))
    assert result.returncode == 2
    assert "registry frozen for the release" in result.stderr
    assert repo_state(repo) == before
    idea = run_bieb("idea", "add", "--title", "Nieuw idee", "--summary", "Iets nieuws.",
                    "--theme", "werkplaats", "--registry", str(git_registry))
    assert idea.returncode == 2
    assert repo_state(repo) == before  # the new file is gone and not left in the index


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
def test_refused_on_a_read_only_folder(git_registry: Path) -> None:
    folder = git_registry / "projects"
    folder.chmod(0o555)
    try:
        before = repo_state(git_registry.parent)
        result = run_bieb(*TRIAGE, "--registry", str(git_registry))
        assert result.returncode == 2
        assert repo_state(git_registry.parent) == before
    finally:
        folder.chmod(0o755)
