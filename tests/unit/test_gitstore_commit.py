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


def test_a_staged_submodule_stays_out_whatever_its_ignore_setting(
        git_registry: Path, tmp_path: Path) -> None:
    """`submodule.<name>.ignore = all` hides a staged submodule from `git diff --cached`
    and `git diff-tree` unless told otherwise: it must not be swept into bieb's commit."""
    repo = git_registry.parent
    source = tmp_path / "source"
    source.mkdir()
    git(source, "init", "--quiet", "--initial-branch=main")
    who = ("-c", "user.name=Sub Module", "-c", "user.email=sub@poi.example.nl")
    git(source, *who, "commit", "--quiet", "--allow-empty", "-m", "one")
    git(repo, "-c", "protocol.file.allow=always", "submodule", "--quiet", "add",
        str(source), "sub")
    git(repo, "config", "-f", ".gitmodules", "submodule.sub.ignore", "all")
    git(repo, "add", ".gitmodules")
    git(repo, "commit", "--quiet", "-m", "a submodule")
    git(repo / "sub", *who, "commit", "--quiet", "--allow-empty", "-m", "two")
    git(repo, "add", "sub")  # the user's staged work
    changed = git_registry / "organisations" / "vob.yaml"
    _edit(changed, "website: https://www.debibliotheken.nl\n")
    _store(git_registry).commit([changed], [], "organisatie: vob", "")
    assert _committed(repo) == ["registry/organisations/vob.yaml"]
    assert git(repo, "diff", "--cached", "--ignore-submodules=none",
               "--name-only").split() == ["sub"]


@pytest.mark.parametrize("state", ["in-an-ignored-folder", "assume-unchanged"])
def test_a_tracked_file_git_add_passes_over_is_committed_all_the_same(
        git_registry: Path, state: str) -> None:
    """`git add` refuses a tracked file in a folder .gitignore names, and passes over
    one marked assume-unchanged: bieb's change to it is committed as any other."""
    repo = git_registry.parent
    changed = git_registry / "organisations" / "vob.yaml"
    if state == "in-an-ignored-folder":
        (repo / ".gitignore").write_text("registry/organisations/\n", encoding="utf-8")
        git(repo, "add", ".gitignore")
        git(repo, "commit", "--quiet", "-m", "ignore")
    else:
        git(repo, "update-index", "--assume-unchanged", str(changed))
    _edit(changed, "website: https://www.debibliotheken.nl\n")
    _store(git_registry).commit([changed], [], "organisatie: vob", "")
    assert _committed(repo) == ["registry/organisations/vob.yaml"]
    assert "debibliotheken" in git(repo, "show", "HEAD:registry/organisations/vob.yaml")
    assert git(repo, "diff", "--cached", "--name-only") == ""
