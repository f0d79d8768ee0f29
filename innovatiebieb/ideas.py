"""Recording a new idea: its fields, its id, and the projects it resembles."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from innovatiebieb.cache import read_view
from innovatiebieb.errors import UsageError
from innovatiebieb.records import (
    new_record_text,
    record_path,
    schema_comment,
    slugify,
    unique_id,
)
from innovatiebieb.registry import record_ids
from innovatiebieb.similar import Candidate, Match, candidate, similar
from innovatiebieb.yamlio import Document

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


def resembling(root: Path, title: str, summary: str) -> list[Match]:
    """Existing projects that look like this idea.

    Reads a small cache of each project's words, not the records: a likeness
    needs only titles and summaries, and must stay fast at 10,000 projects.
    """
    ids = record_ids(root, "projects")
    folder = f"{root}{os.sep}projects{os.sep}"  # strings: see record_ids
    paths = [f"{folder}{i}.yaml" for i in ids]
    found = read_view(root, paths, "likeness-3", _as_candidate)  # -N: Candidate's shape
    return similar(title, summary, (Candidate(*c) for c in found if c is not None))


def _as_candidate(doc: Document) -> tuple[str, ...] | None:
    data = doc.data if isinstance(doc.data, dict) else {}
    project_id, title, summary = data.get("id"), data.get("title"), data.get("summary")
    if isinstance(project_id, str) and isinstance(title, str) and isinstance(summary, str):
        return tuple(map(str, candidate(project_id, title, summary)))  # plain tuples pickle fastest
    return None
