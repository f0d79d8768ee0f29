"""The rules of a change checked from text, before any file is on disk (`bieb sync`).

Above both `validate` (a record and its references) and `changerules` (what a
change may not do), so that neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from innovatiebieb.check.changerules import _project_change, _side, project_deleted
from innovatiebieb.check.findings import pin_one
from innovatiebieb.check.validate import Index, check_record
from innovatiebieb.model.models import KINDS, Project, RegistryInfo
from innovatiebieb.model.problems import Problem
from innovatiebieb.model.vocabulary import TARGET_FOLDERS
from innovatiebieb.store.loader import record_from_document
from innovatiebieb.store.location import INFO_FILE, display
from innovatiebieb.store.yamlio import parse_text


@dataclass(frozen=True)
class TextChange:
    """One registry file as a change leaves it, given as text (None: deleted)."""

    path: Path  # where it lives in the work tree
    old: str | None  # at the base
    new: str | None


def texts_problems(root: Path, info_text: str | None, ids: dict[str, set[str]],
                   changed: list[TextChange]) -> list[Problem]:
    """What `bieb validate --base` reports for the changed files, checked from their
    text before any of them is on disk: each record, its references (against `ids`,
    folder -> ids, as the change leaves them) and the rules of a change."""
    info_path = root / INFO_FILE
    info, problems = record_from_document(parse_text(info_text or ""), info_path,
                                          display(info_path), RegistryInfo)
    if not any(c.path == info_path for c in changed):
        problems = []  # an unchanged registry.yaml was checked when it was merged
    index = Index.from_files(root, info if isinstance(info, RegistryInfo) else None)
    index = Index({**index.ids, **{target: frozenset(ids.get(folder, ()))
                                   for target, folder in TARGET_FOLDERS.items()}})
    for c in changed:
        kind, shown = c.path.parent.name, display(c.path)
        if kind not in KINDS or c.path.parent.parent != root:
            continue
        if c.new is None:
            if kind == "projects" and c.old is not None:
                problems.append(project_deleted(c.path, shown))
            continue
        record, found = record_from_document(parse_text(c.new), c.path, shown, KINDS[kind])
        problems += found
        if record is None:
            continue
        problems += pin_one(c.new, shown, check_record(index, kind, record))
        was = _side(c.path, c.old).record if c.old is not None else None
        if isinstance(was, Project) and isinstance(record, Project):
            problems += pin_one(c.new, shown, _project_change(was, record))
    return problems
