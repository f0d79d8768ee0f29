"""Recording a new idea: its fields, its id, and the projects it resembles."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from innovatiebieb.cache import read_cached
from innovatiebieb.errors import UsageError
from innovatiebieb.records import (
    new_record_text,
    record_path,
    schema_comment,
    slugify,
    unique_id,
)
from innovatiebieb.registry import record_ids
from innovatiebieb.similar import Match, similar

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

    Reads the parsed files straight from the cache, without the schema: a
    likeness needs only titles and summaries, and must stay fast at 10,000.
    """
    ids = record_ids(root, "projects")
    folder = f"{root}{os.sep}projects{os.sep}"  # strings: see record_ids
    paths = [f"{folder}{i}.yaml" for i in ids]
    texts = []
    for record_id, doc in zip(ids, read_cached(root, paths), strict=True):
        data = doc.data if isinstance(doc.data, dict) else {}
        their_title, their_summary = data.get("title"), data.get("summary")
        if isinstance(their_title, str) and isinstance(their_summary, str):
            texts.append((record_id, their_title, their_summary))
    return similar(title, summary, texts)
