"""Regions, themagroepen, fieldlabs and organisations, each with its projects.

What `bieb region|themagroep|fieldlab|org list|show` print: one row per
record for a list, and for one record its facts and its projects per phase.
Which projects belong to a record follows from the projects: a region holds
the projects of the organisations in its provinces, a themagroep those that
name it, a fieldlab those tried in it, an organisation those it owns, takes
part in or adopted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from innovatiebieb.model.periods import covers, period_text
from innovatiebieb.model.vocabulary import Phase
from innovatiebieb.read.catalogue import Catalogue, Data
from innovatiebieb.read.queries import active_in
from innovatiebieb.read.spread import goal_text

PHASES = tuple(p.value for p in Phase)
# What a view shows where the registry leaves a fact out because the sources
# do not give it (rather than a bare '?', which reads as a fault).
NOT_IN_SOURCES = "not in the sources"


def _period(period: Data | None) -> str:
    if not period:
        return ""
    end = period.get("end")
    return f"{period['start']} to {end}" if end else f"since {period['start']}"


def projects_by_record(catalogue: Catalogue, kind: str,
                       only: str | None = None) -> dict[str, list[Data]]:
    """Each record of `kind` (by id; or just the one `only`) with its projects, by id."""
    found: dict[str, list[Data]] = {i: [] for i in catalogue.records[kind]
                                    if only is None or i == only}
    if kind == "regions" and only is not None:  # one region: one test per project
        member = catalogue.in_region(only)
        found[only] = [p for p in sorted(catalogue.projects.values(), key=lambda p: p["id"])
                       if member(p)]
        return found
    for p in sorted(catalogue.projects.values(), key=lambda p: p["id"]):
        if kind == "regions":
            owners: list[str] = catalogue.regions_of(p)
        elif kind == "themagroepen":
            owners = p["themes"]
        elif kind == "fieldlabs":
            owners = [p["fieldlab"]] if p.get("fieldlab") else []
        else:
            owners = catalogue.organisations_of(p)
        for owner in owners:
            if owner in found:
                found[owner].append(p)
    return found


def per_phase(projects: list[Data]) -> dict[str, int]:
    counts = dict.fromkeys(PHASES, 0)
    for p in projects:
        counts[p["phase"]] += 1
    return counts


def budget_per_phase(fieldlab: Data) -> dict[str, int]:
    """A fieldlab's budget lines added up per phase (only phases with a budget)."""
    totals: dict[str, int] = {}
    for line in fieldlab.get("budget", []):
        totals[line["phase"]] = totals.get(line["phase"], 0) + line["amount_eur"]
    return {phase: totals[phase] for phase in PHASES if phase in totals}


def euros(amount: int) -> str:
    return "€ " + f"{amount:,}".replace(",", ".")


@dataclass(frozen=True)
class Kind:
    """How one kind of record is listed and shown."""

    folder: str
    noun: str
    columns: tuple[str, ...]  # of the table
    fields: tuple[str, ...]  # of the CSV, in a stable order
    facts: Callable[[Catalogue, Data], list[tuple[str, str]]]


def _region_facts(c: Catalogue, r: Data) -> list[tuple[str, str]]:
    gidsen = [g["name"] + (f" ({c.name('organisations', g.get('organisation'))})"
                           if g.get("organisation") else f" (organisation {NOT_IN_SOURCES})")
              + (f", {_period(g.get('period'))}" if g.get("period") else "")
              for g in r.get("regiogidsen", [])]
    provinces = ", ".join(c.term("provinces", p) for p in r["provinces"])
    return [("regiogidsen", "; ".join(gidsen)), ("provinces", provinces or NOT_IN_SOURCES),
            ("organisations", ", ".join(o["name"] for o in c.organisations_in(r))),
            ("period", _period(r.get("period")))]


def _themagroep_facts(c: Catalogue, t: Data) -> list[tuple[str, str]]:
    moderators = [m["name"] + (f" ({c.name('organisations', m.get('organisation'))})"
                               if m.get("organisation") else "")
                  for m in t.get("moderators", [])]
    return [("moderators", "; ".join(moderators)), ("active", "yes" if t["active"] else "no")]


def _fieldlab_facts(c: Catalogue, f: Data) -> list[tuple[str, str]]:
    goal = f.get("goal")
    budget = budget_per_phase(f)
    return [("scope", f.get("scope", NOT_IN_SOURCES)), ("opgave", c.term("opgaven", f["opgave"])),
            ("lead", c.name("organisations", f.get("lead"))),
            ("partners", ", ".join(c.name("organisations", o) for o in f["partners"])),
            ("region", c.name("regions", f.get("region"))),
            ("goal", goal_text(goal)),
            ("period", _period(f.get("period"))),
            ("budget", ", ".join(f"{ph} {euros(n)}" for ph, n in budget.items()))]


def _org_facts(c: Catalogue, o: Data) -> list[tuple[str, str]]:
    regions = c.regions_of({"owner": o["id"]}, owner_only=True)
    return [("kind", o["kind"]), ("province", o.get("province", "")),
            ("regions", ", ".join(regions)), ("website", o.get("website", ""))]


def _body_facts(c: Catalogue, b: Data) -> list[tuple[str, str]]:
    members = [m["name"] + (f" ({c.name('organisations', m.get('organisation'))})"
                            if m.get("organisation") else "")
               + (f", {m['role']}" if m.get("role") else "")
               + (f", {_period(m.get('period'))}" if m.get("period") else "")
               for m in b.get("members", [])]
    return [("organisations", ", ".join(c.name("organisations", o) for o in b["organisations"])),
            ("members", "; ".join(members) or f"{NOT_IN_SOURCES} (none named)"),
            ("count", str(b.get("count", ""))), ("period", _period(b.get("period")))]


_RELATED = ("projects", "per_phase")
KINDS = {
    "region": Kind("regions", "region", ("id", "name", "regiogidsen", "period", *PHASES),
                   ("id", "name", "description", "provinces", "regiogidsen", "period",
                    *_RELATED), _region_facts),
    "themagroep": Kind("themagroepen", "themagroep", ("id", "name", "moderators", *PHASES),
                       ("id", "name", "description", "moderators", "active", *_RELATED),
                       _themagroep_facts),
    "fieldlab": Kind("fieldlabs", "fieldlab", ("id", "name", "scope", "opgave", *PHASES),
                     ("id", "name", "scope", "opgave", "description", "goal", "lead",
                      "partners", "region", "period", "budget", *_RELATED), _fieldlab_facts),
    "org": Kind("organisations", "org", ("id", "name", "kind", "province", *PHASES),
                ("id", "name", "kind", "province", "website", *_RELATED), _org_facts),
    # Bodies hold people, not projects: their lists show members instead of phases.
    "body": Kind("bodies", "body", ("id", "name", "organisations", "members", "period"),
                 ("id", "name", "description", "organisations", "members", "count", "period",
                  *_RELATED), _body_facts),
}


def list_rows(catalogue: Catalogue, kind: Kind,
              year: int | None = None) -> list[dict[str, Any]]:
    """Every record of the kind with its projects (ids) and their count per phase.

    Regions follow time: only those of `year` (without one: the current ones),
    each with the regiogidsen and the projects of that year.
    """
    related = projects_by_record(catalogue, kind.folder)
    if year is not None:  # and the projects of that year
        related = {i: [p for p in found if active_in(p, year)] for i, found in related.items()}
    rows = []
    for record_id, record in sorted(catalogue.records[kind.folder].items()):
        row = {**record, "projects": [p["id"] for p in related[record_id]],
               "per_phase": per_phase(related[record_id])}
        if kind.folder == "regions":
            if not catalogue.region_current(record_id, year):
                continue
            row["regiogidsen"] = [g for g in record.get("regiogidsen", [])
                                  if _in_period(g.get("period"), year)]
        if kind.folder == "fieldlabs":
            row["opgave_name"] = catalogue.term("opgaven", record["opgave"])
        rows.append(row)
    return rows


def _in_period(period: Data | None, year: int | None) -> bool:
    period = period or {}
    return covers(period.get("start"), period.get("end"), year)


def cell_value(row: dict[str, Any], column: str) -> Any:
    """What a list's table shows in `column`: people's and opgaven's names, counts per
    phase, and where the sources give no scope, that they do not."""
    if column in PHASES:
        return row["per_phase"][column]
    if column in ("regiogidsen", "moderators", "members"):
        return [person["name"] for person in row.get(column, [])]
    if column == "opgave":
        return row.get("opgave_name", row.get("opgave"))
    if column == "scope":
        return row.get("scope") or NOT_IN_SOURCES
    if column == "organisations":
        return row.get("organisations", [])
    if column == "period":
        period = row.get("period") or {}
        return period_text(period.get("start"), period.get("end"))
    return row.get(column)


@dataclass(frozen=True)
class RecordView:
    """One record for `show`: its name, facts, description and projects per phase."""

    kind: Kind
    record: Data
    facts: list[tuple[str, str]]
    projects: dict[str, list[Data]]

    def as_dict(self) -> dict[str, Any]:
        return {**self.record, "projects": {phase: [p["id"] for p in found]
                                            for phase, found in self.projects.items()}}


def record_view(catalogue: Catalogue, kind: Kind, record_id: str) -> RecordView:
    record = catalogue.get(kind.folder, record_id, kind.noun)
    mine = projects_by_record(catalogue, kind.folder, only=record_id)[record_id]
    grouped: dict[str, list[Data]] = {phase: [] for phase in PHASES}
    for p in mine:
        grouped[p["phase"]].append(p)
    return RecordView(kind, record, [(k, v) for k, v in kind.facts(catalogue, record) if v],
                      grouped)
