"""Which projects a regiogids, moderator or core team asks for: filters that combine."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from innovatiebieb.errors import UsageError
from innovatiebieb.models import Phase, Project, Status
from innovatiebieb.registry import Registry
from innovatiebieb.similar import words

# Columns a list can show, in their default order; machine formats carry every field.
COLUMNS = ("id", "title", "phase", "status", "owner", "regions", "themes", "fieldlab",
           "created")
DEFAULT_COLUMNS = ("id", "title", "phase", "status", "owner", "regions")


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

    project: Project
    regions: list[str] = field(default_factory=list)

    def value(self, column: str) -> Any:
        if column == "regions":
            return self.regions
        return getattr(self.project, column)

    def as_dict(self) -> dict[str, Any]:
        data = self.project.model_dump(mode="json", by_alias=True, exclude_none=True)
        data["regions"] = self.regions
        return data


def _check(kind: str, value: str | None, known: Iterable[str]) -> None:
    if value is None:
        return
    choices = sorted(known)
    if value not in choices:
        close = difflib.get_close_matches(value, choices, n=3)
        hint = ("Did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else \
            "Choose from: " + ", ".join(choices) + "."
        raise UsageError(f"unknown {kind} '{value}'", hint)


def check_filters(registry: Registry, f: Filters) -> None:
    """Unknown filter values are an error that names the valid choices (or the closest)."""
    info = registry.info
    _check("region", f.region, registry.regions)
    _check("phase", f.phase, [p.value for p in Phase])
    _check("status", f.status, [s.value for s in Status])
    _check("themagroep", f.theme, registry.themagroepen)
    _check("fieldlab", f.fieldlab, registry.fieldlabs)
    _check("organisation", f.org, registry.organisations)
    _check("opgave", f.opgave, [t.id for t in info.opgaven] if info else [])
    if f.owner_only and f.region is None:
        raise UsageError("--owner-only limits --region; give a region too")


def _in_region(registry: Registry, project: Project, region: str, owner_only: bool) -> bool:
    provinces = set(registry.regions[region].provinces)
    orgs = [project.owner] if owner_only else [project.owner, *project.participants]
    for org_id in orgs:
        org = registry.organisations.get(org_id) if org_id else None
        if org is not None and org.province in provinces:
            return True
    return False


def _matches(registry: Registry, p: Project, f: Filters, search_words: frozenset[str]) -> bool:
    checks = [
        f.phase is None or p.phase.value == f.phase,
        f.status is None or p.status.value == f.status,
        f.theme is None or f.theme in p.themes,
        f.fieldlab is None or p.fieldlab == f.fieldlab,
        f.org is None or f.org == p.owner or f.org in p.participants,
        f.opgave is None or f.opgave in p.opgaven,
        f.year is None or _active_in(p, f.year),
        f.region is None or _in_region(registry, p, f.region, f.owner_only),
    ]
    if not all(checks):
        return False
    if search_words:
        text = " ".join(filter(None, (p.title, p.summary, p.results)))
        return search_words <= words(text)
    return True


def _active_in(p: Project, year: int) -> bool:
    """Started (created) or decided (triage, a history entry) in that year."""
    dates = [p.created, p.triage.date if p.triage else None, *(e.date for e in p.history)]
    return any(d is not None and d.year == year for d in dates)


def select(registry: Registry, f: Filters, sort: str = "id") -> list[Row]:
    """The projects that match every given filter, sorted by `sort` (a column)."""
    check_filters(registry, f)
    if sort not in COLUMNS:
        raise UsageError(f"cannot sort by '{sort}'", "Sort by one of: " + ", ".join(COLUMNS))
    search_words = words(f.search) if f.search else frozenset()
    rows = [Row(p, registry.regions_of(p)) for p in registry.projects.values()
            if _matches(registry, p, f, search_words)]
    order = {p.value: i for i, p in enumerate(Phase)}

    def key(row: Row) -> tuple[int, str, str]:
        value = row.value(sort)
        if sort == "phase":
            return order[value.value], "", row.project.id
        text = ",".join(value) if isinstance(value, list) else str(value or "")
        return 0, text, row.project.id

    return sorted(rows, key=key)


@dataclass(frozen=True)
class ProjectView:
    """Everything `bieb project show` tells about one project."""

    row: Row
    themagroepen: list[str]
    fieldlab: str | None
    owner: str | None
    similar: list[Any]


def project_view(registry: Registry, project_id: str) -> ProjectView:
    from innovatiebieb.similar import candidate, similar

    project = registry.projects.get(project_id)
    if project is None:
        close = difflib.get_close_matches(project_id, sorted(registry.projects), n=3)
        raise UsageError(f"no project with id '{project_id}'",
                         ("Did you mean " + " or ".join(f"'{c}'" for c in close) + "?")
                         if close else "List them with: bieb project list")
    names = {t: registry.themagroepen[t].name if t in registry.themagroepen else t
             for t in project.themes}
    lab = registry.fieldlabs.get(project.fieldlab) if project.fieldlab else None
    owner = registry.organisations.get(project.owner) if project.owner else None
    others = (candidate(p.id, p.title, p.summary) for p in registry.projects.values())
    return ProjectView(Row(project, registry.regions_of(project)), list(names.values()),
                       lab.name if lab else project.fieldlab,
                       owner.name if owner else project.owner,
                       similar(project.title, project.summary, others, exclude=project.id))
