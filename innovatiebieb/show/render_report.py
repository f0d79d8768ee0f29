"""Printing `bieb report`: sections of tables, as text, Markdown or JSON."""

from __future__ import annotations

import json
import sys

from innovatiebieb.read.network import NOT_IN_SOURCES, PHASES, euros
from innovatiebieb.read.report import STATUSES, Report
from innovatiebieb.show.formats import ReportFormat
from innovatiebieb.show.tables import (
    markdown_cell,
    markdown_lines,
    table_lines,
    terminal_width,
)

Section = tuple[str, list[str], list[list[str]]]
SHOWN_IDS = 10  # a target's projects listed by id in text and Markdown (JSON has all)


def _ids(ids: list[str]) -> str:
    more = len(ids) - SHOWN_IDS
    return ", ".join(ids[:SHOWN_IDS]) + (f" and {more} more" if more > 0 else "")


def _per_phase(title: str, first: str, matrix: dict[str, dict[str, int]]) -> Section:
    rows = [[name, *(str(counts[p]) for p in PHASES), str(sum(counts.values()))]
            for name, counts in matrix.items()]
    return title, [first, *PHASES, "total"], rows


def _programme(report: Report) -> list[Section]:
    """The programme first: it is what the core team acts on."""
    prog = report.programme
    if prog is None:
        return []
    almost = [[t.description, f"{a.id} ({a.title})", "; ".join(a.lacks)]
              for t in prog.targets for a in t.almost[:SHOWN_IDS]]
    more = [[t.description, f"and {len(t.almost) - SHOWN_IDS} more", ""]
            for t in prog.targets if len(t.almost) > SHOWN_IDS]
    return [
        (f"{prog.name}: targets", ["target", "needed", "counted", "met", "projects"],
         [[t.description, str(t.count), str(len(t.projects)), "met" if t.met else "NOT MET",
           _ids(t.projects)] for t in prog.targets]),
        (f"{prog.name}: projects of {prog.id} that do not count yet, and what they lack",
         ["target", "project", "lacks"], almost + more),
        (f"{prog.name}: actions", ["action", "status", "note"],
         [[a.description, a.status or NOT_IN_SOURCES, a.note or ""] for a in prog.actions]),
    ]


def sections(report: Report) -> list[Section]:
    funnel = [[phase, *(str(report.funnel[phase][s]) for s in STATUSES),
               str(sum(report.funnel[phase].values()))] for phase in PHASES]
    found: list[Section] = [*_programme(report), 
        ("Funnel: projects per phase and status", ["phase", *STATUSES, "total"], funnel),
        ("Ideas and the Innovatieraad's triage", ["decision", "ideas"],
         [[d, str(n)] for d, n in report.triage.items()]),
        _per_phase("Themagroep x phase", "themagroep", report.themagroepen),
        _per_phase("Region x phase", "region", report.regions),
        _per_phase("Prioriteit x phase", "prioriteit", report.prioriteiten),
        _per_phase("Opgave x phase", "opgave", report.opgaven),
        ("Implementatie: how far each project spread",
         ["project", "eigenaarschap", "adopted", "planned", "regions reached",
          "structural funding"],
         [[f"{s.id} ({s.title})", s.eigenaarschap_name, str(len(s.adopted)),
           str(len(s.planned)), ", ".join(s.regions), "yes" if s.structural else "no"]
          for s in report.spread]),
        ("Funding per year", ["year", "total", "aanvullend", "structural"],
         [[str(y), euros(f["total"]), euros(f["aanvullend"]), euros(f["structural"])]
          for y, f in report.funding.items()]),
        ("Fieldlabs per scope", ["scope", "fieldlabs", "names"],
         [[scope, str(len(names)), ", ".join(names)] for scope, names in report.scopes.items()]),
        ("Fieldlabs: projects and budget per phase",
         ["fieldlab", "scope", *PHASES, "budget"],
         [[lab["name"], lab["scope"] or NOT_IN_SOURCES,
           *(str(lab["projects"][p]) for p in PHASES),
           "; ".join(f"{ph} {euros(n)}" for ph, n in lab["budget"].items())]
          for lab in report.fieldlabs]),
        ("Stopped projects and their lessons", ["id", "title", "reason", "lessons"],
         [[s["id"], s["title"], s["reason"], s["lessons"]] for s in report.stopped]),
    ]
    return found


def report(r: Report, fmt: ReportFormat) -> None:
    out = sys.stdout
    if fmt is ReportFormat.JSON:
        out.write(json.dumps(r.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    scope = f"projects started or decided in {r.year}" if r.year else "all projects"
    markdown = fmt is ReportFormat.MARKDOWN
    lines = [f"# Innovation network report ({scope}: {r.projects})" if markdown
             else f"Innovation network report ({scope}: {r.projects})", ""]
    if r.programme is not None and r.programme.aim:
        lines += [f"{r.programme.name}, aim: {r.programme.aim}", ""]
    width = terminal_width(out)
    for title, columns, rows in sections(r):
        lines.append(f"## {markdown_cell(title)}" if markdown else title.upper())
        lines.append("")
        if not rows:
            lines += ["(none)", ""]
            continue
        lines += markdown_lines(columns, rows) if markdown else table_lines(
            columns, rows, width)
        lines.append("")
    lines += [f"Note: {markdown_cell(n) if markdown else n}" for n in r.notes]
    out.write("\n".join(lines).rstrip("\n") + "\n")
