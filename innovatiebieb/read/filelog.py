"""`bieb project log`: who changed a record's file, when, why, and which fields."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from innovatiebieb.model.errors import UsageError
from innovatiebieb.store.gitstore import Revision, file_history, open_store, uncommitted
from innovatiebieb.store.yamlio import parse_text


@dataclass(frozen=True)
class LogEntry:
    commit: str
    author: str
    email: str
    date: str
    subject: str
    body: str
    path: str
    changed: list[str]  # top-level fields whose value changed; ["(created)"] at first

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class FileLog:
    path: str
    entries: list[LogEntry]
    uncommitted: bool  # the work tree holds changes not in any commit yet


def _fields(text: str) -> dict[str, Any]:
    data = parse_text(text).data if text else None
    return data if isinstance(data, dict) else {}


def changed_fields(before: str | None, after: str) -> list[str]:
    """Top-level fields that differ between two versions of a record's text."""
    if before is None:
        return ["(created)"]
    if not after:
        return ["(deleted)"]
    old, new = _fields(before), _fields(after)
    changed = [k for k in new if old.get(k) != new[k]] + [k for k in old if k not in new]
    return changed or ["(layout or comments only)"]


def file_log(path: Path, shown: str) -> FileLog:
    """The git history of one record file, newest first."""
    store = open_store(path.parent)
    if store is None:
        raise UsageError(f"{shown} is not in a git repository, so it has no history",
                         "Keep the registry in git (git init; git add; git commit).")
    revisions: list[Revision] = file_history(store, path)
    entries = []
    for i, r in enumerate(revisions):
        before = revisions[i + 1].text if i + 1 < len(revisions) else None
        entries.append(LogEntry(r.commit, r.author, r.email, r.date, r.subject, r.body, r.path,
                                changed_fields(before, r.text)))
    return FileLog(shown, entries, uncommitted(store, path))
