"""A record file as the plain data of its validated model: what the catalogue keeps.

Separate from `catalogue` because it needs the models, which are imported
only when a file changed since the last snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from innovatiebieb.model.models import KINDS, Project, Record, RegistryInfo
from innovatiebieb.read.similar import candidate
from innovatiebieb.store.yamlio import Document, read_document

# What a project's search looks in, besides its title and summary.
SEARCHED = ("results", "effect_measurement", "lessons", "stop_reason", "proeftuin")

View = tuple[dict[str, Any], tuple[str, ...] | None] | None


def _validated(doc: Document, model: type[Record]) -> Record | None:
    if not doc.ok or not isinstance(doc.data, dict):
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError:
        return None


def dump(record: Record) -> dict[str, Any]:
    return record.model_dump(mode="json", by_alias=True, exclude_none=True)


def info(path: Path) -> dict[str, Any]:
    """registry.yaml as plain data; its taxonomies empty if it does not load."""
    record = _validated(read_document(path), RegistryInfo)
    return dump(record) if record is not None else {"opgaven": [], "prioriteiten": [],
                                                    "provinces": []}


def _candidate(p: Project) -> tuple[str, ...]:
    texts = [getattr(p, f) for f in SEARCHED] + [p.goal.description if p.goal else None]
    return tuple(candidate(p.id, p.title, p.summary, *texts))  # plain tuples pickle fast


def viewer(kind: str) -> Callable[[Document], View]:
    """The catalogue's view of one file of `kind`: its data, and a project's words."""
    model = KINDS[kind]

    def view(doc: Document) -> View:
        record = _validated(doc, model)
        if record is None:
            return None
        return dump(record), _candidate(record) if isinstance(record, Project) else None

    return view
