"""Printing projects: the list in every format, and one project in full."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from innovatiebieb.formats import ListFormat, ShowFormat
from innovatiebieb.tables import write_rows

if TYPE_CHECKING:
    from rich.console import Console

    from innovatiebieb.filelog import FileLog
    from innovatiebieb.queries import ProjectView, Row
    from innovatiebieb.similar import Match


# Every field a machine format carries, in a stable order (CSV needs one header).
FIELDS = ("id", "title", "summary", "phase", "status", "owner", "participants", "regions",
          "themes", "opgaven", "prioriteiten", "fieldlab", "proeftuin", "contact", "goal",
          "triage", "results", "effect_measurement", "funding", "adopters", "links", "created",
          "stop_reason", "lessons", "history")


def project_list(rows: Sequence[Row], fmt: ListFormat, columns: Sequence[str]) -> None:
    """The projects of a query, one row each; for people, the count on stderr."""
    write_rows(fmt, [r.as_dict() for r in rows], columns, FIELDS)
    if fmt is ListFormat.TABLE:
        sys.stderr.write(f"{len(rows)} projects\n")


def project_show(view: ProjectView) -> None:
    """One project in full: what it is, where it stands, its history as a timeline."""
    from rich.console import Console
    from rich.markup import escape

    p = view.row.project
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"[bold]{escape(p['title'])}[/] ({p['id']})", markup=True)
    out.print(f"{p['phase']}, {p['status']}"
              + (f": {p['stop_reason']}" if p.get("stop_reason") else ""), markup=False)
    out.print("")
    out.print(p["summary"], markup=False)
    out.print("")
    contact, goal, triage = p.get("contact"), p.get("goal"), p.get("triage")
    facts = [("owner", view.owner), ("participants", ", ".join(p["participants"])),
             ("regions", ", ".join(view.row.regions)),
             ("themagroepen", ", ".join(view.themagroepen)),
             ("opgaven", ", ".join(p["opgaven"])), ("fieldlab", view.fieldlab),
             ("proeftuin", p.get("proeftuin")),
             ("contact", f"{contact['name']} <{contact.get('email', '?')}>" if contact else None),
             ("goal", f"{', '.join(goal['kinds'])}: {goal['description']}" if goal else None),
             ("triage", f"{triage['decision']} ({triage['date']})"
              + (f": {triage['note']}" if triage.get("note") else "") if triage else None),
             ("results", p.get("results")), ("effect", p.get("effect_measurement")),
             ("adopters", ", ".join(p["adopters"])), ("lessons", p.get("lessons")),
             ("created", p.get("created"))]
    for name, value in facts:
        if value:
            out.print(f"  {name + ':':<14}{value}", markup=False)
    if p["history"]:
        out.print("\n[bold]History[/]", markup=True)
        for e in p["history"]:
            move = f"{e.get('from', '-')} -> {e['to']}"
            note = f"  {e['note']}" if e.get("note") else ""
            out.print(f"  {e['date']}  {e['decision']:<9} {move:<28} {e['by']}{note}",
                      markup=False)
    if view.similar:
        out.print("\n[bold]Similar projects[/]", markup=True)
        matches(view.similar, out)


def matches(found: Sequence[Match], out: Console | None = None) -> None:
    """Projects ranked by likeness, best first."""
    from rich.console import Console

    out = out or Console(highlight=False, soft_wrap=True)
    for m in found:
        out.print(f"  {m.id}  {m.title}  (likeness {m.score:.2f})", markup=False)


def project_log(log: FileLog, fmt: ShowFormat) -> None:
    """A file's commits, newest first: who, when, what the message says, which fields."""
    if fmt is ShowFormat.JSON:
        doc = {"path": log.path, "uncommitted": log.uncommitted,
               "commits": [e.as_dict() for e in log.entries]}
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return
    from rich.console import Console
    from rich.markup import escape

    out = Console(highlight=False, soft_wrap=True)
    if log.uncommitted:
        out.print(f"[yellow]uncommitted changes[/] in {log.path} (git diff shows them)\n",
                  markup=True)
    for e in log.entries:
        out.print(f"[bold]{e.commit[:10]}[/]  {e.date[:16].replace('T', ' ')}  "
                  f"{escape(e.author)} <{escape(e.email)}>", markup=True)
        out.print(f"    {e.subject}", markup=False)
        for line in e.body.splitlines():
            out.print(f"    {line}".rstrip(), markup=False)
        out.print(f"    changed: {', '.join(e.changed)}" + (
            f"  (as {e.path})" if not log.path.endswith(e.path) else ""), markup=False)
        out.print("")
    Console(stderr=True, highlight=False).print(f"{len(log.entries)} commits", markup=False)
