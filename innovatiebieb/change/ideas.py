"""Recording a new idea: its fields, its id, and the projects it resembles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from innovatiebieb.change.records import (
    new_record_text,
    record_path,
    schema_comment,
    slugify,
    unique_id,
)
from innovatiebieb.model.errors import UsageError

REQUIRED = {"title": "--title", "summary": "--summary", "themes": "--theme"}


@dataclass(frozen=True)
class IdeaPlan:
    id: str
    path: Path
    text: str
    title: str
    summary: str


def missing_fields(fields: dict[str, Any]) -> list[str]:
    return [name for name in REQUIRED if not fields.get(name)]


def plan_idea(root: Path, fields: dict[str, Any], today: dt.date,
              record_id: str | None = None) -> IdeaPlan:
    """The new project file for an idea: phase idee, status lopend, a unique id."""
    missing = missing_fields(fields)
    if missing:
        options = ", ".join(REQUIRED[m] for m in missing)
        raise UsageError(f"an idea needs {', '.join(missing)}",
                         f"Give {options} (or --from-file FILE); without a terminal bieb "
                         "does not ask.")
    title = str(fields["title"])
    new_id = record_id or unique_id(root, "projects", slugify(title))
    path = record_path(root, "projects", new_id)
    if path.exists():
        raise UsageError(f"a project with id '{new_id}' exists already", "Pick another --id.")
    fields = {**fields, "id": new_id, "phase": "idee", "status": "lopend"}
    fields.setdefault("created", today)
    text = new_record_text("projects", fields, schema_comment(root, "projects"))
    return IdeaPlan(new_id, path, text, title,
                    str(fields["summary"]))
