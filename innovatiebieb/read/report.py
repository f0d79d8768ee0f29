"""`bieb report`: the network's cockpit, from the registry alone.

The funnel (projects per phase and status, ideas triaged and how), where
projects are (themagroep x phase, region x phase), the fieldlabs with their
projects and budgets per phase, what stopped projects taught, and the
year's programme held against its targets (registry/programmes/<year>.yaml).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from innovatiebieb.model.errors import UsageError
from innovatiebieb.model.vocabulary import Status, TriageDecision
from innovatiebieb.read.catalogue import Catalogue, Data
from innovatiebieb.read.network import PHASES, budget_per_phase, per_phase, projects_by_record
from innovatiebieb.read.queries import active_in

STATUSES = tuple(s.value for s in Status)


@dataclass(frozen=True)
class TargetResult:
    id: str
    description: str
    count: int  # needed
    met: bool
    projects: list[str]  # those that count


@dataclass(frozen=True)
class ProgrammeResult:
    id: str
    name: str
    targets: list[TargetResult]


@dataclass(frozen=True)
class Report:
    year: int | None
    projects: int
    funnel: dict[str, dict[str, int]]  # phase -> status -> count
    triage: dict[str, int]  # decision (or "untriaged") -> ideas
    themagroepen: dict[str, dict[str, int]]  # name -> phase -> count
    regions: dict[str, dict[str, int]]
    fieldlabs: list[dict[str, Any]]
    stopped: list[dict[str, str]]
    programme: ProgrammeResult | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def funding_in(p: Data, year: int) -> int:
    return sum(f["amount_eur"] for f in p["funding"] if f["year"] == year)


def counts_for(catalogue: Catalogue, target: Data, year: int) -> list[str]:
    """Ids of the projects that count for a programme target in `year`."""
    found = []
    for p in catalogue.projects.values():
        lab = catalogue.records["fieldlabs"].get(p.get("fieldlab") or "")
        funded = funding_in(p, year)
        checks = [
            p["phase"] in target["phases"],
            active_in(p, year) or funded > 0,
            not target.get("fieldlab_scope") or (lab is not None
                                                 and lab.get("scope") == target["fieldlab_scope"]),
            not target["funded"] or funded > 0,
            funded >= target.get("min_funding_eur", 0),
        ]
        if all(checks):
            found.append(p["id"])
    return sorted(found)


def _programme(catalogue: Catalogue, year: int | None) -> ProgrammeResult | None:
    programmes = catalogue.records["programmes"]
    if year is not None and str(year) not in programmes:
        return None
    if not programmes:
        return None
    chosen = programmes[str(year) if year is not None else max(programmes)]
    year_of = int(chosen["id"])
    results = []
    for t in chosen["targets"]:
        counted = counts_for(catalogue, t, year_of)
        results.append(TargetResult(t["id"], t["description"], t["count"],
                                    len(counted) >= t["count"], counted))
    return ProgrammeResult(chosen["id"], chosen["name"], results)


def _matrix(catalogue: Catalogue, kind: str, projects: set[str]) -> dict[str, dict[str, int]]:
    related = projects_by_record(catalogue, kind)
    return {catalogue.name(kind, record_id): per_phase([p for p in found if p["id"] in projects])
            for record_id, found in related.items()}


def build_report(catalogue: Catalogue, year: int | None = None) -> Report:
    """The report over every project, or over those started or decided in `year`."""
    if year is not None and not 1990 <= year <= 2100:
        raise UsageError(f"{year} is not a year bieb knows", "Give a year such as 2021.")
    chosen = [p for p in catalogue.projects.values() if year is None or active_in(p, year)]
    ids = {p["id"] for p in chosen}
    funnel = {phase: dict.fromkeys(STATUSES, 0) for phase in PHASES}
    triage = dict.fromkeys([d.value for d in TriageDecision] + ["untriaged"], 0)
    for p in chosen:
        funnel[p["phase"]][p["status"]] += 1
        decided = p.get("triage")
        if decided:
            triage[decided["decision"]] += 1
        elif p["phase"] == "idee":
            triage["untriaged"] += 1
    labs = []
    for lab_id, found in projects_by_record(catalogue, "fieldlabs").items():
        lab = catalogue.records["fieldlabs"][lab_id]
        mine = [p for p in found if p["id"] in ids]
        labs.append({"id": lab_id, "name": lab["name"], "scope": lab.get("scope"),
                     "projects": per_phase(mine), "project_ids": [p["id"] for p in mine],
                     "budget": budget_per_phase(lab)})
    stopped = [{"id": p["id"], "title": p["title"], "reason": p.get("stop_reason", ""),
                "lessons": p.get("lessons", "")}
               for p in sorted(chosen, key=lambda p: p["id"]) if p["status"] == "gestopt"]
    programme = _programme(catalogue, year)
    notes = []
    if programme is None:
        notes.append(f"no programme for {year}: add registry/programmes/{year}.yaml"
                     if year is not None else "no programme in registry/programmes/")
    return Report(year, len(chosen), funnel, triage,
                  _matrix(catalogue, "themagroepen", ids), _matrix(catalogue, "regions", ids),
                  labs, stopped, programme, notes)
