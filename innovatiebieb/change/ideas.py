"""Recording a new idea: its fields, its id, and the projects it resembles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from innovatiebieb.change.changes import DECISIONS
from innovatiebieb.change.records import (
    BadId,
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
    forged = [name for name in DECISIONS if name in fields]
    if forged:
        raise UsageError(f"an idea cannot bring its own {', '.join(forged)}: decisions "
                         "are recorded only by the decision commands",
                         "Remove those fields from the file; a new idea starts in phase "
                         "idee, status lopend, without triage or history.")
    given_id = fields.get("id")
    if given_id is not None and record_id is not None and given_id != record_id:
        raise UsageError(f"the fields say id '{given_id}' but --id says '{record_id}'",
                         "Make them the same, or leave id out of the file.")
    title = str(fields["title"])
    record_id = record_id or (str(given_id) if given_id is not None else None)
    new_id = record_id or unique_id(root, "projects", slugify(title))
    path = record_path(root, "projects", new_id)
    if path.exists():
        raise BadId(f"a project with id '{new_id}' exists already", "Pick another --id.")
    fields = {**fields, "id": new_id, "phase": "idee", "status": "lopend"}
    fields.setdefault("created", today)
    text = new_record_text("projects", fields, schema_comment(root, "projects"))
    return IdeaPlan(new_id, path, text, title,
                    str(fields["summary"]))


def idea_template(root: Path) -> str:
    """A commented YAML file to fill in for `bieb idea add --from-file`: every field an
    idea takes, empty, with the registry's own choices in the comments."""
    from innovatiebieb.change.choices import choices_for

    def listed(target: str) -> str:
        return "".join(f"#   {c.id}" + (f"  ({c.name})" if c.name and c.name != c.id else "")
                       + "\n" for c in choices_for(root, target))

    return (
        "# A new idea for: bieb idea add --from-file THIS-FILE\n"
        "# Fill in what you know; empty fields are left out. The ids are checked when\n"
        "# the idea is added; in a terminal a wrong or missing one is asked again.\n"
        "\n# Required: at least 3 characters.\ntitle:\n"
        "# Required: one or two sentences.\nsummary:\n"
        "\n# The owning organisation's id, one of:\n" + listed("organisation") + "owner:\n"
        "# Participating organisations (ids from the list above): [a, b]\n"
        "participants: []\n"
        "\n# Required: one or more themagroepen, e.g. [doorgaande-leeslijn]:\n"
        + listed("themagroep") + "themes: []\n"
        "\n# Maatschappelijke opgaven, e.g. [geletterde-samenleving]:\n"
        + listed("opgave") + "opgaven: []\n"
        "\n# A fieldlab where it is tried, one of:\n" + listed("fieldlab") + "fieldlab:\n"
        "\n# Projects (ids) this idea builds on; bieb project similar ID finds them.\n"
        "builds_on: []\n"
        "\n# Who to ask about it:\ncontact:\n  name:\n  email:\n")
