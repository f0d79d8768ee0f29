"""Printing projects: the list in every format, and one project in full."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from innovatiebieb.read.spread import goal_text
from innovatiebieb.show.formats import ListFormat, ShowFormat
from innovatiebieb.show.tables import bold, write_rows
from innovatiebieb.show.visible import visible, visible_fields

if TYPE_CHECKING:
    from innovatiebieb.read.filelog import FileLog
    from innovatiebieb.read.queries import ProjectView, Row


# Every field a machine format carries, in a stable order (CSV needs one header).
FIELDS = ("id", "title", "summary", "phase", "status", "owner", "participants", "regions",
          "themes", "opgaven", "prioriteiten", "fieldlab", "builds_on", "proeftuin", "contact",
          "goal", "triage", "results", "effect_measurement", "funding", "eigenaarschap",
          "adopters", "links", "created", "year", "stop_reason", "lessons", "history")


def project_list(rows: Sequence[Row], fmt: ListFormat, columns: Sequence[str]) -> None:
    """The projects of a query, one row each; for people, the count on stderr."""
    if fmt in (ListFormat.TABLE, ListFormat.MARKDOWN):  # only the columns shown
        write_rows(fmt, [{c: r.value(c) for c in columns} for r in rows], columns, FIELDS)
    else:
        write_rows(fmt, [r.as_dict() for r in rows], columns, FIELDS)
    if fmt is ListFormat.TABLE:
        sys.stderr.write(f"{len(rows)} projects\n")


def project_show(view: ProjectView) -> None:
    """One project in full: what it is, where it stands, its history as a timeline."""
    p = view.row.project
    out = sys.stdout
    lines = [f"{bold(p['title'], out)} ({p['id']})",
             f"{p['phase']}, {p['status']}" + (f": {p['stop_reason']}"
                                                if p.get("stop_reason") else ""),
             "", p["summary"], ""]
    contact, goal, triage = p.get("contact"), p.get("goal"), p.get("triage")
    facts = [("owner", view.owner), ("participants", ", ".join(p["participants"])),
             ("regions", ", ".join(view.row.regions)),
             ("themagroepen", ", ".join(view.themagroepen)),
             ("opgaven", ", ".join(view.opgaven)), ("fieldlab", view.fieldlab),
             ("builds on", ", ".join(view.builds_on)),
             ("built on by", ", ".join(view.built_on_by)),
             ("proeftuin", p.get("proeftuin")),
             ("contact", f"{contact['name']} <{contact.get('email', '?')}>" if contact else None),
             ("goal", goal_text(goal) or None),
             ("triage", f"{triage['decision']} ({triage['date']}"
              + (f", by {triage['by']})" if triage.get("by") else ")")
              + (f": {triage['note']}" if triage.get("note") else "") if triage else None),
             ("results", p.get("results")), ("effect", p.get("effect_measurement")),
             ("eigenaarschap", view.eigenaarschap), ("adopters", view.adopters),
             ("lessons", p.get("lessons")),
             ("created", p.get("created"))]
    facts.append(("spread", view.spread))
    lines += [f"  {name + ':':<15}{value}" for name, value in facts if value]
    if p["history"]:
        lines += ["", bold("History", out)]
        for e in p["history"]:
            move = f"{e.get('from', '-')} -> {e['to']}"
            note = f"  {e['note']}" if e.get("note") else ""
            lines.append(f"  {e['date']}  {e['decision']:<9} {move:<28} {e['by']}{note}")
    if view.similar:
        lines += ["", bold("Similar projects", out)]
        lines += [f"  {m.id}  {m.title}  (likeness {m.score:.2f})" for m in view.similar]
    out.write("\n".join(lines) + "\n")


def project_log(log: FileLog, fmt: ShowFormat) -> None:
    """A file's commits, newest first: who, when, what the message says, which fields."""
    out = sys.stdout
    if fmt is ShowFormat.JSON:
        doc = {"path": log.path, "uncommitted": log.uncommitted,
               "commits": [e.as_dict() for e in log.entries]}
        out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return
    lines = []
    if log.uncommitted:
        lines += [f"{bold('uncommitted changes', out)} in {visible(log.path)} (git diff shows "
                  "them)", ""]
    for e in map(visible_fields, log.entries):  # anyone's text: it may not drive the terminal
        lines.append(f"{bold(e.commit[:10], out)}  {e.date[:16].replace('T', ' ')}  "
                     f"{e.author} <{e.email}>")
        lines.append(f"    {e.subject}")
        lines += [f"    {line}".rstrip() for line in e.body.splitlines()]
        lines.append(f"    changed: {', '.join(e.changed)}"
                     + (f"  (as {e.path})" if not log.path.endswith(e.path) else ""))
        lines.append("")
    out.write("".join(line + "\n" for line in lines))
    sys.stderr.write(f"{len(log.entries)} commits\n")
