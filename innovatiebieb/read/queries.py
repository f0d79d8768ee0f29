"""Which projects a regiogids, moderator or core team asks for: filters that combine."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from innovatiebieb.model.errors import UsageError, closest
from innovatiebieb.model.vocabulary import RETIRED_VALUES, Phase, Status
from innovatiebieb.read.catalogue import Catalogue, Data
from innovatiebieb.read.similar import Match, words
from innovatiebieb.read.spread import adopters_text, spread_of, spread_text

# Columns a list can show, in their default order; machine formats carry every field.
COLUMNS = ("id", "title", "phase", "status", "owner", "regions", "themes", "fieldlab",
           "created")
DEFAULT_COLUMNS = ("id", "title", "phase", "status", "owner", "regions")
PHASE_ORDER = {p.value: i for i, p in enumerate(Phase)}


@dataclass(frozen=True)
class Filters:
    region: str | None = None
    phase: str | None = None
    status: str | None = None
    theme: str | None = None
    fieldlab: str | None = None
    org: str | None = None
    opgave: str | None = None
    year: int | None = None
    search: str | None = None
    owner_only: bool = False


@dataclass(frozen=True)
class Row:
    """One project as a list shows it, with what follows from the registry (its regions)."""

    project: Data
    regions: list[str] = field(default_factory=list)

    def value(self, column: str) -> Any:
        if column == "regions":
            return self.regions
        return self.project.get(column)

    def as_dict(self) -> dict[str, Any]:
        return {**self.project, "regions": self.regions}


def check_choice(kind: str, value: str | None, known: Iterable[str]) -> None:
    """An unknown value is an error that names the valid choices (or the closest)."""
    if value is None:
        return
    choices = sorted(known)
    if value in RETIRED_VALUES:
        raise UsageError(f"'{value}' is no longer a {kind}", RETIRED_VALUES[value])
    if value not in choices:
        raise UsageError(f"unknown {kind} '{value}'",
                         closest(value, choices, "Choose from: " + ", ".join(choices) + "."))


def check_filters(catalogue: Catalogue, f: Filters) -> None:
    records = catalogue.records
    check_choice("region", f.region, records["regions"])
    check_choice("phase", f.phase, [p.value for p in Phase])
    check_choice("status", f.status, [s.value for s in Status])
    check_choice("themagroep", f.theme, records["themagroepen"])
    check_choice("fieldlab", f.fieldlab, records["fieldlabs"])
    check_choice("organisation", f.org, records["organisations"])
    check_choice("opgave", f.opgave, [t["id"] for t in catalogue.info.get("opgaven", [])])
    if f.owner_only and f.region is None:
        raise UsageError("--owner-only limits --region; give a region too")


def _tests(catalogue: Catalogue, f: Filters) -> list[Callable[[Data], bool]]:
    """One test per filter given; a project is listed when it passes them all."""
    tests: list[Callable[[Data], bool]] = []
    if f.phase is not None:
        tests.append(lambda p: p["phase"] == f.phase)
    if f.status is not None:
        tests.append(lambda p: p["status"] == f.status)
    if f.theme is not None:
        tests.append(lambda p: f.theme in p["themes"])
    if f.fieldlab is not None:
        tests.append(lambda p: p.get("fieldlab") == f.fieldlab)
    if f.org is not None:
        tests.append(lambda p: f.org == p.get("owner") or f.org in p["participants"])
    if f.opgave is not None:
        tests.append(lambda p: f.opgave in p["opgaven"])
    if f.year is not None:
        year = f.year
        tests.append(lambda p: active_in(p, year))
    if f.search:
        found = catalogue.words.holding_all(f.search)
        tests.append(lambda p: p["id"] in found)
    if f.region is not None:
        tests.append(catalogue.in_region(f.region, f.owner_only))
    return tests


def active_in(p: Data, year: int) -> bool:
    """Started (created, or dated by the sources), or decided (triage, a history entry),
    in that year."""
    if p.get("year") == year:
        return True
    prefix = f"{year}-"
    dates = [p.get("created"), p.get("triage", {}).get("date"),
             *(e["date"] for e in p["history"])]
    return any(d is not None and d.startswith(prefix) for d in dates)


def select(catalogue: Catalogue, f: Filters, sort: str = "id") -> list[Row]:
    """The projects that match every given filter, sorted by `sort` (a column)."""
    check_filters(catalogue, f)
    if sort not in COLUMNS:
        raise UsageError(f"cannot sort by '{sort}'", "Sort by one of: " + ", ".join(COLUMNS))
    tests = _tests(catalogue, f)
    rows = [Row(p, catalogue.regions_of(p)) for p in catalogue.projects.values()
            if all(test(p) for test in tests)]

    def key(row: Row) -> tuple[int, str, str]:
        value = row.value(sort)
        if sort == "phase":
            return PHASE_ORDER[value], "", row.project["id"]
        text = ",".join(value) if isinstance(value, list) else str(value or "")
        return 0, text, row.project["id"]

    return sorted(rows, key=key)


def similar_to(catalogue: Catalogue, project_id: str, limit: int = 5) -> list[Match]:
    """Projects most like `project_id` by title and summary."""
    p = catalogue.get("projects", project_id, "project")
    return catalogue.words.similar(p["title"], p["summary"], exclude=project_id, limit=limit)


def related(catalogue: Catalogue, project_id: str, limit: int = 10) -> list[Match]:
    """The projects `project_id` builds on and those building on it (listed first: a
    recorded link says more than shared words), then the most alike. Each with its
    likeness (0 when they share too few words to be found alike)."""
    p = catalogue.get("projects", project_id, "project")
    linked = [b for b in p.get("builds_on", []) if b in catalogue.projects]
    linked += [q["id"] for q in catalogue.projects.values()
               if project_id in q.get("builds_on", ()) and q["id"] not in linked]
    alike = similar_to(catalogue, project_id, max(limit, 50) if linked else limit)
    score = {m.id: m.score for m in alike}
    found = [Match(i, catalogue.name("projects", i), score.get(i, 0.0)) for i in linked]
    found += [m for m in alike if m.id not in linked]
    return found[:max(limit, len(linked))]


def relation(catalogue: Catalogue, project_id: str, other: str) -> str:
    """'builds on', 'built on by' or '': how `project_id` is linked to `other`."""
    if other in catalogue.projects[project_id].get("builds_on", ()):
        return "builds on"
    return "built on by" if project_id in catalogue.projects[other].get("builds_on", ()) else ""


@dataclass(frozen=True)
class Resemblance:
    """An existing project that looks like a new idea, with what tells a moderator
    whether it is the same one: where it stands, who owns it, where."""

    id: str
    title: str
    score: float
    phase: str
    status: str
    owner: str
    regions: list[str]


def resemblances(catalogue: Catalogue, title: str, summary: str,
                 limit: int = 5) -> list[Resemblance]:
    """The projects most like a new idea's title and summary, best first."""
    found = []
    for m in catalogue.words.similar(title, summary, limit=limit):
        p = catalogue.projects[m.id]
        found.append(Resemblance(m.id, m.title, m.score, p["phase"], p["status"],
                                 catalogue.name("organisations", p.get("owner")),
                                 catalogue.regions_of(p)))
    return found


def search(catalogue: Catalogue, text: str, limit: int = 20) -> list[Match]:
    """Projects ranked by how many of the words of `text` they hold, title words
    counting most: what a library types to find what others built."""
    if not words(text):
        raise UsageError("nothing to search for",
                         "Give words of three letters or more, e.g.: bieb search leesapp")
    return catalogue.words.search(text, limit)


@dataclass(frozen=True)
class ProjectView:
    """Everything `bieb project show` tells about one project."""

    row: Row
    themagroepen: list[str]
    fieldlab: str | None
    owner: str | None
    similar: list[Match]
    builds_on: list[str]  # "title (id)" of each project it builds on
    built_on_by: list[str]  # "title (id)" of each project building on it
    opgaven: list[str]  # names
    eigenaarschap: str | None
    adopters: str
    spread: str | None  # for an implementatie project: how far it spread


def project_view(catalogue: Catalogue, project_id: str) -> ProjectView:
    project = catalogue.get("projects", project_id, "project")
    return ProjectView(Row(project, catalogue.regions_of(project)),
                       [catalogue.name("themagroepen", t) for t in project["themes"]],
                       catalogue.name("fieldlabs", project.get("fieldlab")) or None,
                       catalogue.name("organisations", project.get("owner")) or None,
                       similar_to(catalogue, project_id),
                       [f"{catalogue.name('projects', b)} ({b})"
                        for b in project.get("builds_on", [])],
                       [f"{q['title']} ({q['id']})" for q in catalogue.projects.values()
                        if project_id in q.get("builds_on", ())],
                       [catalogue.term("opgaven", o) for o in project["opgaven"]],
                       catalogue.name("organisations", project.get("eigenaarschap")) or None,
                       adopters_text(catalogue, project),
                       spread_text(catalogue, spread_of(catalogue, project))
                       if project["phase"] == "implementatie" else None)
