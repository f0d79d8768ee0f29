"""Printing regions, themagroepen, fieldlabs and organisations with their projects,
and ranked projects (likeness, search)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from innovatiebieb.formats import ListFormat, ShowFormat
from innovatiebieb.network import cell_value
from innovatiebieb.tables import write_rows

if TYPE_CHECKING:
    from innovatiebieb.catalogue import Catalogue
    from innovatiebieb.network import Kind, RecordView
    from innovatiebieb.similar import Match


def record_list(rows: list[dict[str, Any]], kind: Kind, fmt: ListFormat) -> None:
    write_rows(fmt, rows, kind.columns, kind.fields, cell_value)


def record_show(view: RecordView, fmt: ShowFormat) -> None:
    """One record: name, facts, description, then its projects phase by phase."""
    if fmt is ShowFormat.JSON:
        sys.stdout.write(json.dumps(view.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    from rich.console import Console
    from rich.markup import escape

    out = Console(highlight=False, soft_wrap=True)
    r = view.record
    out.print(f"[bold]{escape(r['name'])}[/] ({r['id']})", markup=True)
    for name, value in view.facts:
        out.print(f"  {name + ':':<15}{value}", markup=False)
    if r.get("description"):
        out.print("")
        out.print(r["description"], markup=False)
    total = sum(len(found) for found in view.projects.values())
    out.print(f"\n[bold]Projects[/] ({total})", markup=True)
    for phase, found in view.projects.items():
        if found:
            out.print(f"  {phase} ({len(found)})", markup=False)
            for p in found:
                status = "" if p["status"] == "lopend" else f"  [{p['status']}]"
                out.print(f"    {p['id']}  {p['title']}{status}", markup=False)


def ranked(found: Sequence[Match], catalogue: Catalogue, fmt: ListFormat) -> None:
    """Projects ranked by likeness or by search score, best first."""
    rows = [{"id": m.id, "title": m.title, "score": m.score,
             "phase": catalogue.projects[m.id]["phase"],
             "status": catalogue.projects[m.id]["status"]} for m in found]
    columns = ("score", "id", "title", "phase", "status")
    if fmt is ListFormat.TABLE and not rows:
        sys.stderr.write("no projects found\n")
        return
    write_rows(fmt, rows, columns, columns,
               lambda r, c: f"{r[c]:.2f}" if c == "score" else r.get(c))
