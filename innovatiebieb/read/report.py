"""`bieb report`: the network's cockpit, from the registry alone.

The year's programme held against its targets and actions
(registry/programmes/<year>.yaml, see programme.py), the funnel (projects per
phase and status, ideas triaged and how), where projects are (themagroep,
region, prioriteit and opgave x phase), how far implementatie projects
spread, funding per year, the fieldlabs per scope with their projects and
budgets per phase, and what stopped projects taught.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from innovatiebieb.model.errors import UsageError
from innovatiebieb.model.vocabulary import Status, TriageDecision
from innovatiebieb.read.catalogue import Catalogue, Data
from innovatiebieb.read.network import (
    NOT_IN_SOURCES,
    PHASES,
    budget_per_phase,
    per_phase,
    projects_by_record,
)
from innovatiebieb.read.programme import ProgrammeResult, programme_result
from innovatiebieb.read.queries import active_in
from innovatiebieb.read.spread import Spread, spreads

STATUSES = tuple(s.value for s in Status)


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
    prioriteiten: dict[str, dict[str, int]] = field(default_factory=dict)  # name -> phase
    opgaven: dict[str, dict[str, int]] = field(default_factory=dict)
    funding: dict[int, dict[str, int]] = field(default_factory=dict)  # year -> kind -> euros
    scopes: dict[str, list[str]] = field(default_factory=dict)  # scope -> fieldlab names
    spread: list[Spread] = field(default_factory=list)  # the implementatie projects

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _matrix(catalogue: Catalogue, kind: str, projects: set[str],
            year: int | None = None) -> dict[str, dict[str, int]]:
    """Phase counts per record of `kind`; regions only those of `year` (else of now)."""
    related = projects_by_record(catalogue, kind)
    return {catalogue.name(kind, record_id): per_phase([p for p in found if p["id"] in projects])
            for record_id, found in related.items()
            if kind != "regions" or catalogue.region_current(record_id, year)}


def _terms(catalogue: Catalogue, taxonomy: str, key: str,
           chosen: list[Data]) -> dict[str, dict[str, int]]:
    """Phase counts per term of a taxonomy (prioriteit, opgave), by the term's name."""
    return {t["name"]: per_phase([p for p in chosen if t["id"] in p.get(key, [])])
            for t in catalogue.info.get(taxonomy, [])}


def _funding(chosen: list[Data]) -> dict[int, dict[str, int]]:
    """Euros per year: all, additional (from outside a fieldlab's budget), structural."""
    years: dict[int, dict[str, int]] = {}
    for p in chosen:
        for f in p["funding"]:
            row = years.setdefault(f["year"], {"total": 0, "aanvullend": 0, "structural": 0})
            row["total"] += f["amount_eur"]
            row["aanvullend"] += f["amount_eur"] if f["aanvullend"] else 0
            row["structural"] += f["amount_eur"] if f["structural"] else 0
    return dict(sorted(years.items()))


def _scopes(catalogue: Catalogue) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"landelijk": [], "regionaal": [], NOT_IN_SOURCES: []}
    for lab in sorted(catalogue.records["fieldlabs"].values(), key=lambda f: f["name"]):
        found[lab.get("scope") or NOT_IN_SOURCES].append(lab["name"])
    return found


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
    programme = programme_result(catalogue, year)
    notes = []
    if programme is None:
        notes.append(f"no programme for {year}: add registry/programmes/{year}.yaml"
                     if year is not None else "no programme in registry/programmes/")
    return Report(year, len(chosen), funnel, triage,
                  _matrix(catalogue, "themagroepen", ids),
                  _matrix(catalogue, "regions", ids, year),
                  labs, stopped, programme, notes,
                  _terms(catalogue, "prioriteiten", "prioriteiten", chosen),
                  _terms(catalogue, "opgaven", "opgaven", chosen),
                  _funding(chosen), _scopes(catalogue), spreads(catalogue, chosen))

