"""Faults injected into a change: the registry ends exactly as before, and says so."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from innovatiebieb import changes
from innovatiebieb.changes import Change, FileChange, Mode, apply
from innovatiebieb.errors import BiebError
from tests.helpers import repo_state


def _change(registry: Path) -> Change:
    path = registry / "organisations" / "kb.yaml"
    old = path.read_text(encoding="utf-8")
    return Change([FileChange("organisations", "kb", path, old,
                              old + "website: https://www.kb.nl\n")], "org kb: set website")


def test_disk_full_during_the_write_changes_nothing(git_registry: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(changes, "write_atomic", full)
    before = repo_state(git_registry.parent)
    with pytest.raises(BiebError, match="No space left on device; nothing was changed"):
        apply(git_registry, _change(git_registry), Mode.COMMIT)
    assert repo_state(git_registry.parent) == before


def test_interrupt_after_the_write_restores_the_file(git_registry: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = changes.write_atomic

    def write_then_interrupt(path: Path, text: str) -> None:
        real_write(path, text)
        raise KeyboardInterrupt

    monkeypatch.setattr(changes, "write_atomic", write_then_interrupt)
    before = repo_state(git_registry.parent)
    with pytest.raises(KeyboardInterrupt):
        apply(git_registry, _change(git_registry), Mode.COMMIT)
    monkeypatch.undo()
    assert repo_state(git_registry.parent) == before
    leftovers = [p.name for p in (git_registry / "organisations").iterdir()
                 if p.name.startswith(".")]
    assert leftovers == []
    assert not (git_registry.parent / ".git" / "index.lock").exists()
