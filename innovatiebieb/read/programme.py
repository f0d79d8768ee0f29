"""A year's programme held against the registry: what the core team acts on.

For each target: met or not, the projects that count, and the projects of the
year that do not count yet with what each lacks ("in a fieldlab whose scope
is not in the sources", "no additional funding in 2021"). A stopped project
never counts. "Aanvullend gefinancierd" (Jaarprogramma 2021) is money from
outside the fieldlab's own budget: a funding line with `aanvullend: true`.
The programme's actions are reported with their status, or that the sources
do not give one.
"""

from __future__ import annotations

from dataclasses import dataclass

from innovatiebieb.read.catalogue import Catalogue, Data
from innovatiebieb.read.queries import active_in


@dataclass(frozen=True)
class Lacking:
    """A project of the year that does not count for a target, and why."""

    id: str
    title: str
    lacks: list[str]


@dataclass(frozen=True)
class TargetResult:
    id: str
    description: str
    count: int  # needed
    met: bool
    projects: list[str]  # those that count
    almost: list[Lacking]  # the year's projects that do not count yet, fewest lacks first


@dataclass(frozen=True)
class ActionResult:
    id: str
    description: str
    status: str | None  # None: the registry (the sources) does not say
    note: str | None


@dataclass(frozen=True)
class ProgrammeResult:
    id: str
    name: str
    aim: str | None
    targets: list[TargetResult]
    actions: list[ActionResult]


def additional_funding_in(p: Data, year: int) -> int:
    """Euros from outside the fieldlab's own budget for the project in `year`."""
    return sum(f["amount_eur"] for f in p["funding"] if f["year"] == year and f["aanvullend"])


def funding_in(p: Data, year: int) -> int:
    return sum(f["amount_eur"] for f in p["funding"] if f["year"] == year)


def lacks_for(catalogue: Catalogue, p: Data, target: Data, year: int) -> list[str]:
    """What keeps a project from counting for a target in `year` (empty: it counts)."""
    lacks = []
    if p["phase"] not in target["phases"]:
        lacks.append(f"in phase {p['phase']}; counted are {', '.join(target['phases'])}")
    if not (active_in(p, year) or funding_in(p, year) > 0):
        lacks.append(f"nothing started, decided or funded in {year}")
    scope = target.get("fieldlab_scope")
    if scope:
        lab = catalogue.records["fieldlabs"].get(p.get("fieldlab") or "")
        if lab is None:
            lacks.append(f"not in a fieldlab (needs a {scope} one)")
        elif lab.get("scope") is None:
            lacks.append(f"in {lab['name']}, whose scope (landelijk or regionaal) is not in "
                         "the sources")
        elif lab["scope"] != scope:
            lacks.append(f"in a {lab['scope']} fieldlab, not a {scope} one")
    if target["funded"] and additional_funding_in(p, year) == 0:
        lacks.append(f"no additional funding (aanvullend: true) in {year}")
    minimum = target.get("min_funding_eur")
    if minimum and funding_in(p, year) < minimum:
        lacks.append(f"less than {minimum} euros of funding in {year}")
    return lacks


def target_result(catalogue: Catalogue, target: Data, year: int) -> TargetResult:
    counted: list[str] = []
    almost: list[Lacking] = []
    for p in sorted(catalogue.projects.values(), key=lambda p: p["id"]):
        if p["status"] == "gestopt":
            continue  # a stopped project never counts, and is not nearly there
        lacks = lacks_for(catalogue, p, target, year)
        if not lacks:
            counted.append(p["id"])
        elif active_in(p, year):
            almost.append(Lacking(p["id"], p["title"], lacks))
    almost.sort(key=lambda a: (len(a.lacks), a.id))
    return TargetResult(target["id"], target["description"], target["count"],
                        len(counted) >= target["count"], counted, almost)


def programme_result(catalogue: Catalogue, year: int | None) -> ProgrammeResult | None:
    """The programme of `year` (else the latest) held against the registry."""
    programmes = catalogue.records["programmes"]
    if not programmes or (year is not None and str(year) not in programmes):
        return None
    chosen = programmes[str(year) if year is not None else max(programmes)]
    year_of = int(chosen["id"])
    return ProgrammeResult(
        chosen["id"], chosen["name"], chosen.get("aim"),
        [target_result(catalogue, t, year_of) for t in chosen["targets"]],
        [ActionResult(a["id"], a["description"], a.get("status"), a.get("note"))
         for a in chosen.get("actions", [])])
