"""Apply a change to the registry: validate, write atomically, commit only its files.

The order is what keeps a failure harmless: everything that can refuse
(validation, git state, identity, a file changed meanwhile) refuses before
the first byte is written; a failing commit restores the files it wrote.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from innovatiebieb.change.records import DECISION_FIELDS
from innovatiebieb.check.findings import Finding, pin_one
from innovatiebieb.check.registry import registry_info
from innovatiebieb.check.validate import Index, check_record
from innovatiebieb.model.errors import BiebError, Interrupted, ProblemsFound
from innovatiebieb.model.models import KINDS
from innovatiebieb.model.problems import Problem, Severity
from innovatiebieb.store import lockfile, signals
from innovatiebieb.store.gitstore import GitStore, Identity, open_store
from innovatiebieb.store.loader import record_from_document
from innovatiebieb.store.location import display, linked_folder
from innovatiebieb.store.yamlio import (
    parse_text,
    read_exact,
    remove_stale_temporaries,
    write_atomic,
)


class Mode(StrEnum):
    COMMIT = "commit"
    NO_COMMIT = "no-commit"
    DRY_RUN = "dry-run"


@dataclass(frozen=True)
class FileChange:
    """One record file's new text; `old` is None for a new file."""

    kind: str
    record_id: str
    path: Path
    old: str | None
    new: str


@dataclass(frozen=True)
class Change:
    files: list[FileChange]
    subject: str
    body: str = ""
    decision: bool = False  # made by a decision command: the only changes to DECISIONS


# A project's decisions, written only by the decision commands (triage, advance,
# repeat, stop, shelve, resume); a new project starts as an idea without any.
DECISIONS = ("phase", "status", "history", "triage")
_NEW_PROJECT = {"phase": "idee", "status": "lopend", "history": None, "triage": None}


@dataclass
class Outcome:
    mode: Mode
    diff: str
    written: list[Path] = field(default_factory=list)
    commit: str | None = None
    warnings: list[Problem] = field(default_factory=list)


class ChangeRefused(ProblemsFound):
    """The change would make the registry invalid; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("the change would make the registry invalid; nothing was written",
                         "Fix the values listed above and run the command again.")
        self.problems = problems


class ChangedMeanwhile(BiebError):
    """A file bieb was about to write changed (or appeared) after bieb read it."""


def unified_diff(files: Sequence[FileChange]) -> str:
    parts: list[str] = []
    for f in files:
        shown = display(f.path)
        parts.extend(difflib.unified_diff(
            (f.old or "").splitlines(keepends=True), f.new.splitlines(keepends=True),
            fromfile="/dev/null" if f.old is None else f"a/{shown}", tofile=f"b/{shown}"))
    return "".join(parts)


def check_change(root: Path, change: Change) -> list[Problem]:
    """Problems the changed files would have: schema, and every rule with the registry."""
    index = Index.from_files(root, registry_info(root))
    new_ids = {(f.kind, f.record_id) for f in change.files}
    index = index.with_ids(new_ids)
    problems: list[Problem] = []
    for f in change.files:
        doc = parse_text(f.new)
        record, found = record_from_document(doc, f.path, display(f.path), KINDS[f.kind])
        problems.extend(found)
        if record is not None:
            problems.extend(pin_one(f.new, display(f.path), check_record(index, f.kind, record)))
            if f.kind == "projects" and not change.decision:
                problems.extend(pin_one(f.new, display(f.path), _forged(f, doc.data)))
    return problems


def _forged(f: FileChange, new: dict[str, Any]) -> Iterator[Finding]:
    """Decision fields that a change other than a decision would set or rewrite."""
    old = parse_text(f.old).data if f.old is not None else _NEW_PROJECT
    old = old if isinstance(old, dict) else {}
    for name in DECISIONS:
        if new.get(name) != old.get(name):
            yield Finding("projects", f.record_id, (name,), "decision-field",
                          f"'{name}' is changed here, but decisions are recorded only by "
                          "the decision commands", DECISION_FIELDS[name])


def apply(root: Path, change: Change, mode: Mode) -> Outcome:
    """Validate and carry out `change`: show it, write it, or write and commit it."""
    problems = check_change(root, change)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ChangeRefused(errors)
    outcome = Outcome(mode, unified_diff(change.files),
                      warnings=[p for p in problems if p.severity is Severity.WARNING])
    if mode is Mode.DRY_RUN or all(f.new == f.old for f in change.files):
        return outcome  # nothing to write (a value set to what it is): no empty commit
    _check_inside(root, change.files)
    store = _store_for(root, mode)
    paths = [f.path for f in change.files]
    with locked(root):
        if store is not None:  # inside the lock: another bieb's git calls take index.lock
            store.check_ready(paths)
        _check_unchanged(change.files)
        for folder in {p.parent for p in paths}:  # left by a bieb killed with SIGKILL
            remove_stale_temporaries(folder)
        head = store.head() if store is not None else None
        try:
            for f in change.files:
                write_atomic(f.path, f.new)
            if store is not None:
                new = [f.path for f in change.files if f.old is None]
                outcome.commit = store.commit(paths, new, change.subject, change.body)
        except BaseException as e:
            made = store.head() if store is not None else None
            if made is not None and made != head:  # the commit is made: keep it, whole
                if isinstance(e, signals.STOPPED):
                    raise Interrupted(f"interrupted after the commit; the change is in "
                                      f"commit {made[:10]} and the work tree holds it",
                                      "Nothing is left to do.", signals.exit_code(e)) from e
                raise
            with signals.deferred(reraise=False):  # a second Ctrl-C must not cut it short
                _restore(change.files)
            if isinstance(e, signals.STOPPED):
                raise Interrupted("interrupted; nothing was changed",
                                  "Run the command again to make the change.",
                                  signals.exit_code(e)) from e
            if isinstance(e, OSError):  # read-only file system, disk full, permissions
                raise BiebError(f"cannot write in {display(root)}: {e.strerror}; nothing "
                                "was changed", "Check that the registry is writable and the "
                                "disk has room.") from e
            raise
    outcome.written = paths
    return outcome


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold bieb's lock on the registry (re-entrant): under the git directory in a
    clone, else in the registry folder. A command holds it around its whole
    read-modify-write, so concurrent commands run one after another."""
    store = open_store(root)
    with lockfile.hold(store.lock_path if store is not None else root / ".bieb.lock"):
        yield


def identity_for(root: Path) -> Identity | None:
    store = open_store(root)
    return store.identity() if store is not None else None


def _store_for(root: Path, mode: Mode) -> GitStore | None:
    store = open_store(root)
    if mode is Mode.COMMIT and store is None:
        raise BiebError(f"{display(root)} is not inside a git work tree, so nothing can be "
                        "committed", "Run 'git init' there, or pass --no-commit to only write.")
    return store if mode is Mode.COMMIT else None


def _check_inside(root: Path, files: Sequence[FileChange]) -> None:
    """Every file in its record folder, in the registry: never through a link that
    could lead out of it (and out of the repository)."""
    top = root.resolve()
    for f in files:
        if linked_folder(root, f.kind) or f.path.parent.resolve() != top / f.kind:
            raise BiebError(f"{display(f.path)} is not inside the registry's folder "
                            f"{f.kind}/; nothing was written", "Replace a linked record "
                            "folder by a real folder inside the registry.")


def _check_unchanged(files: Sequence[FileChange]) -> None:
    for f in files:
        try:
            current: str | None = read_exact(f.path)
        except FileNotFoundError:
            current = None
        except (UnicodeDecodeError, OSError):  # rewritten meanwhile (another encoding, a FIFO)
            current = "\0"
        if current != f.old:
            what = "was created" if f.old is None else "changed"
            raise ChangedMeanwhile(f"{display(f.path)} {what} while bieb was working",
                                   "Nothing was written. Run the command again.")


def _restore(files: Sequence[FileChange]) -> None:
    """Put back what was there before bieb wrote (the old text, or no file), wherever
    bieb's write got through; a write that failed left the old file as it was."""
    for f in files:
        try:
            current: str | None = read_exact(f.path)
        except FileNotFoundError:
            current = None
        except (UnicodeDecodeError, OSError):  # not bieb's write (bieb writes UTF-8 files)
            continue
        if current == f.old:
            continue
        if f.old is None:
            f.path.unlink(missing_ok=True)
        else:
            write_atomic(f.path, f.old)
