"""Printing regions, themagroepen, fieldlabs and organisations with their projects,
and ranked projects (likeness, search)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from innovatiebieb.read.network import cell_value
from innovatiebieb.show.formats import ListFormat, ShowFormat
from innovatiebieb.show.tables import bold, write_rows

if TYPE_CHECKING:
    from innovatiebieb.read.catalogue import Catalogue
    from innovatiebieb.read.network import Kind, RecordView
    from innovatiebieb.read.similar import Match


def record_list(rows: list[dict[str, Any]], kind: Kind, fmt: ListFormat) -> None:
    write_rows(fmt, rows, kind.columns, kind.fields, cell_value)


def record_show(view: RecordView, fmt: ShowFormat) -> None:
    """One record: name, facts, description, then its projects phase by phase."""
    if fmt is ShowFormat.JSON:
        sys.stdout.write(json.dumps(view.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    out = sys.stdout
    r = view.record
    lines = [f"{bold(r['name'], out)} ({r['id']})"]
    lines += [f"  {name + ':':<15}{value}" for name, value in view.facts]
    if r.get("description"):
        lines += ["", r["description"]]
    if view.kind.folder == "bodies":  # a body holds people, not projects
        out.write("".join(line + "\n" for line in lines))
        return
    total = sum(len(found) for found in view.projects.values())
    lines += ["", f"{bold('Projects', out)} ({total})"]
    for phase, found in view.projects.items():
        if found:
            lines.append(f"  {phase} ({len(found)})")
            for p in found:
                status = "" if p["status"] == "lopend" else f"  [{p['status']}]"
                lines.append(f"    {p['id']}  {p['title']}{status}")
    out.write("".join(line + "\n" for line in lines))


def ranked(found: Sequence[Match], catalogue: Catalogue, fmt: ListFormat,
           relation: Callable[[str], str] | None = None) -> None:
    """Projects ranked by likeness or by search score, best first; with `relation`,
    a column saying how each is linked (builds on, built on by)."""
    rows = [{"id": m.id, "title": m.title, "score": m.score,
             "phase": catalogue.projects[m.id]["phase"],
             "status": catalogue.projects[m.id]["status"],
             **({"relation": relation(m.id)} if relation else {})} for m in found]
    columns: tuple[str, ...] = ("score", "id", "title", "phase", "status")
    # A table shows the column only when something is linked; machine formats always.
    people = fmt in (ListFormat.TABLE, ListFormat.MARKDOWN)
    if relation is not None and (not people or any(r["relation"] for r in rows)):
        columns += ("relation",)
    if fmt is ListFormat.TABLE and not rows:
        sys.stderr.write("no projects found\n")
        return
    write_rows(fmt, rows, columns, columns,
               lambda r, c: f"{r[c]:.2f}" if c == "score" else r.get(c))
