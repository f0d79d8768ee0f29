"""Faults injected into a change: the registry ends exactly as before, and says so."""

from __future__ import annotations

import errno
import subprocess
from pathlib import Path
from typing import Any

import pytest

from innovatiebieb.change import changes
from innovatiebieb.change.changes import Change, FileChange, Mode, apply
from innovatiebieb.model.errors import BiebError
from innovatiebieb.store import yamlio
from innovatiebieb.store.gitstore import GitStore
from tests.helpers import git, repo_state


def _change(registry: Path) -> Change:
    path = registry / "organisations" / "kb.yaml"
    old = path.read_text(encoding="utf-8")
    return Change([FileChange("organisations", "kb", path, old,
                              old + "website: https://www.kb.nl\n")], "org kb: set website")


def _no_leftovers(registry: Path) -> None:
    """No temporary file, no lock, and a repository git finds sound."""
    repo = registry.parent
    # the registry's own dot-file (.gitattributes, the merge driver) is no leftover
    temporary = [p for p in registry.rglob(".*") if p.is_file() and p.name != ".gitattributes"]
    assert temporary == []
    assert not (repo / ".git" / "index.lock").exists()
    assert subprocess.run(["git", "fsck", "--no-progress"], cwd=repo, capture_output=True,
                          check=False).returncode == 0


def _fails_changing_nothing(registry: Path, monkeypatch: pytest.MonkeyPatch,
                            message: str) -> None:
    """Apply the change under the fault set up by the test: it must fail with
    `message`, and leave the repository exactly as before, with nothing left over."""
    before = repo_state(registry.parent)
    with pytest.raises(BiebError, match=message):
        apply(registry, _change(registry), Mode.COMMIT)
    monkeypatch.undo()
    assert repo_state(registry.parent) == before
    _no_leftovers(registry)


def test_disk_full_during_the_write_changes_nothing(git_registry: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(changes, "write_atomic", full)
    _fails_changing_nothing(git_registry, monkeypatch,
                            "No space left on device; nothing was changed")


def test_interrupt_after_the_write_restores_the_file(git_registry: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = changes.write_atomic
    calls: list[Path] = []

    def write_then_interrupt(path: Path, text: str) -> None:
        real_write(path, text)
        calls.append(path)
        if len(calls) == 1:  # Ctrl-C once, after bieb's write; the restore goes through
            raise KeyboardInterrupt

    monkeypatch.setattr(changes, "write_atomic", write_then_interrupt)
    _fails_changing_nothing(git_registry, monkeypatch, "interrupted; nothing was changed")


def test_interrupt_before_the_rename_leaves_no_temporary_file(
        git_registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = git_registry / "organisations" / "kb.yaml"
    real_replace = Path.replace

    def interrupted(self: Path, to: Path | str) -> Path:
        if Path(to) == target:
            raise KeyboardInterrupt
        return real_replace(self, to)

    monkeypatch.setattr(Path, "replace", interrupted)
    _fails_changing_nothing(git_registry, monkeypatch, "interrupted; nothing was changed")


@pytest.mark.parametrize(("code", "message"), [(errno.ENOSPC, "No space left on device"),
                                               (errno.EROFS, "Read-only file system")])
def test_a_failing_fsync_or_read_only_disk_changes_nothing(
        git_registry: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str) -> None:
    def fails(fd: int) -> None:
        raise OSError(code, message)

    monkeypatch.setattr(yamlio.os, "fsync", fails)
    _fails_changing_nothing(git_registry, monkeypatch, f"{message}; nothing was changed")


def test_interrupt_just_before_the_commit_restores_everything(
        git_registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(GitStore, "commit", interrupted)
    _fails_changing_nothing(git_registry, monkeypatch, "interrupted; nothing was changed")


def test_interrupt_once_the_commit_is_made_keeps_the_commit(
        git_registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_commit = GitStore.commit

    def commit_then_interrupt(self: GitStore, *args: Any, **kwargs: Any) -> str:
        real_commit(self, *args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(GitStore, "commit", commit_then_interrupt)
    repo = git_registry.parent
    head = git(repo, "rev-parse", "HEAD").strip()
    with pytest.raises(BiebError, match="interrupted after the commit; the change is in "):
        apply(git_registry, _change(git_registry), Mode.COMMIT)
    monkeypatch.undo()
    # Exactly as after: one new commit with the change, and a clean work tree.
    assert git(repo, "rev-parse", "HEAD~1").strip() == head
    assert git(repo, "status", "--porcelain") == ""
    assert "website: https://www.kb.nl" in (git_registry / "organisations" / "kb.yaml"
                                            ).read_text(encoding="utf-8")
    _no_leftovers(git_registry)
