"""A bieb commit holds exactly the files of its change, whatever the index held
before it or comes to hold while it runs; a failed one leaves the index as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from innovatiebieb.store.gitstore import CommitFailed, GitStore, open_store
from tests.helpers import git, repo_state


def _store(registry: Path) -> GitStore:
    store = open_store(registry)
    assert store is not None
    return store


def _edit(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")


def _committed(repo: Path) -> list[str]:
    return git(repo, "show", "--name-only", "--format=", "HEAD").split()


def test_a_new_and_a_changed_file_are_committed_and_nothing_is_left_staged(
        git_registry: Path) -> None:
    repo = git_registry.parent
    before = git(repo, "rev-parse", "HEAD").strip()
    changed = git_registry / "organisations" / "vob.yaml"
    new = git_registry / "projects" / "nieuw-idee.yaml"
    _edit(changed, "website: https://www.debibliotheken.nl\n")
    new.write_text("id: nieuw-idee\n", encoding="utf-8")
    made = _store(git_registry).commit([changed, new], [new], "idee: nieuw", "")
    assert made == git(repo, "rev-parse", "HEAD").strip()
    assert git(repo, "rev-parse", "HEAD^").strip() == before
    assert sorted(_committed(repo)) == ["registry/organisations/vob.yaml",
                                        "registry/projects/nieuw-idee.yaml"]
    assert git(repo, "status", "--porcelain") == ""


def test_work_staged_while_the_commit_runs_stays_staged_and_out_of_it(
        git_registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's `git add` in another terminal, between bieb's look at the index and
    its commit: the commit still holds bieb's file alone."""
    repo = git_registry.parent
    before = git(repo, "rev-parse", "HEAD").strip()
    theirs = git_registry / "organisations" / "spn.yaml"
    _edit(theirs, "# their own work\n")
    ours = git_registry / "projects" / "nieuw-idee.yaml"
    ours.write_text("id: nieuw-idee\n", encoding="utf-8")
    store = _store(git_registry)
    run = store._git

    def staging_meanwhile(*args: str, env: dict[str, str] | None = None) -> str:
        out = run(*args, env=env)
        if args[:2] == ("diff", "--cached"):
            git(repo, "add", str(theirs))  # right after bieb looked: the index was clean
        return out

    monkeypatch.setattr(store, "_git", staging_meanwhile)
    store.commit([ours], [ours], "idee: nieuw", "")
    assert _committed(repo) == ["registry/projects/nieuw-idee.yaml"]
    assert git(repo, "rev-parse", "HEAD^").strip() == before  # the first try is taken back whole
    assert git(repo, "diff", "--cached", "--name-only").split() == [
        "registry/organisations/spn.yaml"]
    assert "their own work" in git(repo, "show", ":registry/organisations/spn.yaml")


@pytest.mark.parametrize("staged_first", [False, True], ids=["index-clean", "other-staged"])
def test_a_rejected_commit_leaves_the_index_as_it_was(git_registry: Path,
                                                      staged_first: bool) -> None:
    repo = git_registry.parent
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'no commits today' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    if staged_first:
        theirs = git_registry / "organisations" / "spn.yaml"
        _edit(theirs, "# their own work\n")
        git(repo, "add", str(theirs))
    changed = git_registry / "organisations" / "vob.yaml"
    new = git_registry / "projects" / "nieuw-idee.yaml"
    before = repo_state(repo)
    _edit(changed, "website: https://www.debibliotheken.nl\n")
    new.write_text("id: nieuw-idee\n", encoding="utf-8")
    with pytest.raises(CommitFailed, match="no commits today"):
        _store(git_registry).commit([changed, new], [new], "idee: nieuw", "")
    changed.write_text(before[2]["registry/organisations/vob.yaml"].decode(), encoding="utf-8")
    new.unlink()  # what bieb's change does with the files after a failed commit
    assert repo_state(repo) == before
