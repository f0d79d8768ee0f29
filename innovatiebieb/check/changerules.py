"""Rules only a change can break: the registry now, held against the registry at a base ref.

A pull request may add and extend, never rewrite: history is append-only, a
phase never goes backward or skips one, an id is never renamed, and a project
is never deleted (it is stopped instead). Only git is read; the work tree is
never touched. Only the files that differ from the base are parsed twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from innovatiebieb.check.findings import Finding, pin_one
from innovatiebieb.check.registry import Registry
from innovatiebieb.model.errors import BiebError
from innovatiebieb.model.models import KINDS, Decision, Project, Record
from innovatiebieb.model.problems import Problem
from innovatiebieb.model.workflow import phase_index
from innovatiebieb.store.gitstore import changes_since, open_store, read_at
from innovatiebieb.store.loader import record_from_document
from innovatiebieb.store.location import display
from innovatiebieb.store.yamlio import parse_text


@dataclass(frozen=True)
class _Side:
    kind: str
    record: Record | None
    text: str


def base_problems(registry: Registry, base: str) -> list[Problem]:
    """Problems of the change from `base` to the registry as it is now."""
    store = open_store(registry.root)
    if store is None:
        raise BiebError(f"--base needs a git repository, and {display(registry.root)} is not "
                        "in one", "Run without --base, or inside the registry's clone.")
    changed = [c for c in changes_since(store, base, registry.root)
               if c.path.suffix == ".yaml" and c.path.parent.name in KINDS
               and c.path.parent.parent.resolve() == registry.root.resolve()]
    before = read_at(store, base, [c.path for c in changed if c.status in "MD"])
    old = {p: _side(p, text) for p, text in before.items()}
    added = [c.path for c in changed if c.status == "A"]
    deleted = [c.path for c in changed if c.status == "D"]
    problems: list[Problem] = []
    for c in changed:
        if c.status != "M" or c.path.parent.name != "projects":
            continue
        was, now = old[c.path].record, registry.projects.get(c.path.stem)
        if isinstance(was, Project) and now is not None:
            text = c.path.read_text(encoding="utf-8")
            problems += pin_one(text, display(c.path), _project_change(was, now))
    problems += _deletions(registry, deleted, added, old)
    return problems


def _side(path: Path, text: str) -> _Side:
    kind = path.parent.name
    record, _ = record_from_document(parse_text(text), path, display(path), KINDS[kind])
    return _Side(kind, record, text)


def _project_change(was: Project, now: Project) -> Iterator[Finding]:
    def finding(loc: tuple[str | int, ...], code: str, message: str, hint: str) -> Finding:
        return Finding("projects", now.id, loc, code, message, hint)

    kept = len(was.history)
    # Append-only: every entry of the base is still there, unchanged and in its order.
    # New entries may sit between them when their date puts them there (two
    # moderators' decisions merged in date order); history-order checks the dates.
    remaining = iter(now.history)
    for i, old_entry in enumerate(was.history):
        if not any(entry == old_entry for entry in remaining):
            if len(now.history) < kept:
                yield finding(("history",), "history-rewritten",
                              f"history lost {kept - len(now.history)} of its {kept} entries",
                              "History is append-only: restore the entries and add new ones "
                              "below.")
            else:
                yield finding(("history", min(i, len(now.history) - 1)), "history-rewritten",
                              f"history entry {i + 1} was changed",
                              "History is append-only: put the entry back as it was and "
                              "record the correction as a new entry.")
            break
    step = phase_index(now.phase) - phase_index(was.phase)
    if step < 0:
        yield finding(("phase",), "phase-backward",
                      f"phase went back from '{was.phase}' to '{now.phase}'",
                      "A phase never goes back; repeat the phase (herhalen) or stop instead.")
    appended_doors = sum(e.decision is Decision.DOOR for e in now.history[kept:])
    if step > max(appended_doors, 1):
        yield finding(("phase",), "phase-skipped",
                      f"phase jumped from '{was.phase}' to '{now.phase}'",
                      "Go one phase at a time: bieb project advance, through each gate.")


def _without_id(side: _Side) -> dict[str, object] | None:
    if side.record is None:
        return None
    data = side.record.model_dump()
    data.pop("id", None)
    return data


def _deletions(registry: Registry, deleted: list[Path], added: list[Path],
               old: dict[Path, _Side]) -> list[Problem]:
    problems = []
    new_sides = {p: _Side(p.parent.name, registry.records[p.parent.name].get(p.stem), "")
                 for p in added}
    for path in deleted:
        gone = _without_id(old[path])
        twin = next((p for p, side in new_sides.items() if side.kind == old[path].kind
                     and gone is not None and _without_id(side) == gone), None)
        if twin is not None:
            problems.append(Problem(
                display(twin), 1, 1, "id-renamed",
                f"'{path.stem}' was renamed to '{twin.stem}'",
                "Ids never change: links and history point at them. Keep the old id."))
        elif old[path].kind == "projects":
            problems.append(project_deleted(path, display(path)))
    return problems


def project_deleted(path: Path, shown: str) -> Problem:
    """A project file gone in a change: projects stop, they are never deleted."""
    return Problem(shown, 0, 0, "project-deleted", f"project '{path.stem}' was deleted",
                   f"Projects are never deleted: restore the file and run "
                   f"'bieb project stop {path.stem} --reason ...' instead.")
