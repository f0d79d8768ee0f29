"""Printing projects: the list in every format, and one project in full."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from innovatiebieb.yamlio import dump_data

if TYPE_CHECKING:
    from innovatiebieb.queries import ProjectView, Row


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    YAML = "yaml"
    MARKDOWN = "markdown"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, StrEnum):
        return value.value
    return str(value)


def _csv_cell(value: Any) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


# Every field a machine format carries, in a stable order (CSV needs one header).
FIELDS = ("id", "title", "summary", "phase", "status", "owner", "participants", "regions",
          "themes", "opgaven", "prioriteiten", "fieldlab", "proeftuin", "contact", "goal",
          "triage", "results", "effect_measurement", "funding", "adopters", "links", "created",
          "stop_reason", "lessons", "history")


def project_list(rows: Sequence[Row], fmt: ListFormat, columns: Sequence[str]) -> None:
    """The projects of a query, one row each."""
    out = sys.stdout
    if fmt is ListFormat.JSON:
        out.write(json.dumps([r.as_dict() for r in rows], indent=2, ensure_ascii=False) + "\n")
    elif fmt is ListFormat.YAML:
        out.write(dump_data([r.as_dict() for r in rows]) if rows else "[]\n")
    elif fmt is ListFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(FIELDS)
        for r in rows:
            data = r.as_dict()
            writer.writerow([_csv_cell(data.get(f)) for f in FIELDS])
        out.write(buffer.getvalue())
    elif fmt is ListFormat.MARKDOWN:
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for r in rows:
            cells = [_cell(r.value(c)).replace("|", "\\|").replace("\n", " ") for c in columns]
            lines.append("| " + " | ".join(cells) + " |")
        out.write("\n".join(lines) + "\n")
    else:
        table = Table(show_edge=False, pad_edge=False)
        for c in columns:
            # The title gets the room; ids and phases never wrap, the rest may shorten.
            table.add_column(c, no_wrap=c in ("id", "phase", "status"),
                             min_width=24 if c == "title" else None,
                             overflow="fold" if c == "title" else "ellipsis")
        for r in rows:
            table.add_row(*(_cell(r.value(c)) for c in columns))
        console = Console(highlight=False)
        console.print(table)
        Console(stderr=True, highlight=False).print(f"{len(rows)} projects")


def project_show(view: ProjectView) -> None:
    """One project in full: what it is, where it stands, its history as a timeline."""
    p = view.row.project
    out = Console(highlight=False)
    out.print(f"[bold]{p.title}[/] ({p.id})", markup=True)
    out.print(f"{p.phase.value}, {p.status.value}"
              + (f": {p.stop_reason}" if p.stop_reason else ""), markup=False)
    out.print("")
    out.print(p.summary, markup=False)
    out.print("")
    facts = [("owner", view.owner), ("participants", ", ".join(p.participants)),
             ("regions", ", ".join(view.row.regions)),
             ("themagroepen", ", ".join(view.themagroepen)),
             ("opgaven", ", ".join(p.opgaven)), ("fieldlab", view.fieldlab),
             ("proeftuin", p.proeftuin),
             ("contact", f"{p.contact.name} <{p.contact.email or '?'}>" if p.contact else None),
             ("goal", f"{', '.join(k.value for k in p.goal.kinds)}: {p.goal.description}"
              if p.goal else None),
             ("triage", f"{p.triage.decision.value} ({p.triage.date})"
              + (f": {p.triage.note}" if p.triage.note else "") if p.triage else None),
             ("results", p.results), ("effect", p.effect_measurement),
             ("adopters", ", ".join(p.adopters)), ("lessons", p.lessons),
             ("created", str(p.created) if p.created else None)]
    for name, value in facts:
        if value:
            out.print(f"  {name + ':':<14}{value}", markup=False)
    if p.history:
        out.print("\n[bold]History[/]", markup=True)
        for e in p.history:
            move = f"{e.from_.value if e.from_ else '-'} -> {e.to.value}"
            note = f"  {e.note}" if e.note else ""
            out.print(f"  {e.date}  {e.decision.value:<9} {move:<28} {e.by}{note}",
                      markup=False)
    if view.similar:
        out.print("\n[bold]Similar projects[/]", markup=True)
        for m in view.similar:
            out.print(f"  {m.id}  {m.title}  (likeness {m.score:.2f})", markup=False)
