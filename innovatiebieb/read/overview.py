"""The network at a glance: counts per phase, themagroep and region."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from innovatiebieb.check.registry import Registry
from innovatiebieb.model.models import Period, Phase, Status
from innovatiebieb.model.periods import covers, period_text


@dataclass(frozen=True)
class Row:
    """One line of a count table: a name and its projects per phase."""

    id: str
    name: str
    per_phase: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.per_phase.values())


@dataclass(frozen=True)
class FieldlabLine:
    id: str
    name: str
    scope: str | None
    opgave: str
    projects: int


@dataclass(frozen=True)
class RegiogidsLine:
    region: str
    name: str
    organisation: str | None
    period: str


@dataclass(frozen=True)
class Overview:
    registry_name: str
    projects: int
    per_phase: dict[str, int]
    per_status: dict[str, int]
    themagroepen: list[Row] = field(default_factory=list)
    regions: list[Row] = field(default_factory=list)
    fieldlabs: list[FieldlabLine] = field(default_factory=list)
    regiogidsen: list[RegiogidsLine] = field(default_factory=list)


def _per_phase(counter: Counter[str]) -> dict[str, int]:
    return {p.value: counter.get(p.value, 0) for p in Phase}


def _period(period: Period | None) -> str:
    return period_text(period.start, period.end) if period else ""


def _current(period: Period | None) -> bool:
    return covers(period.start, period.end, None) if period else True


def network_overview(registry: Registry) -> Overview:
    projects = list(registry.projects.values())
    by_theme: dict[str, Counter[str]] = {t: Counter() for t in registry.themagroepen}
    # The regions and regiogidsen of now; a project counts in the regions of its year,
    # so one of a former region is in no row here (`bieb region list --year` has it).
    current = {i: r for i, r in registry.regions.items() if _current(r.period)}
    by_region: dict[str, Counter[str]] = {r: Counter() for r in current}
    by_fieldlab: Counter[str] = Counter()
    for p in projects:
        for theme in p.themes:
            by_theme.setdefault(theme, Counter())[p.phase.value] += 1
        for region in registry.regions_of(p):
            if region in by_region:
                by_region[region][p.phase.value] += 1
        if p.fieldlab:
            by_fieldlab[p.fieldlab] += 1

    def name_of(records: dict, key: str) -> str:  # type: ignore[type-arg]
        return records[key].name if key in records else key

    orgs = registry.organisations
    opgaven = {t.id: t.name for t in registry.info.opgaven} if registry.info else {}
    return Overview(
        registry_name=registry.info.name if registry.info else str(registry.root),
        projects=len(projects),
        per_phase=_per_phase(Counter(p.phase.value for p in projects)),
        per_status={s.value: sum(p.status is s for p in projects) for s in Status},
        themagroepen=[Row(t, name_of(registry.themagroepen, t), _per_phase(c))
                      for t, c in by_theme.items()],
        regions=[Row(r, name_of(registry.regions, r), _per_phase(c))
                 for r, c in by_region.items()],
        fieldlabs=[FieldlabLine(f.id, f.name, f.scope.value if f.scope else None,
                                opgaven.get(f.opgave, f.opgave), by_fieldlab[f.id])
                   for f in registry.fieldlabs.values()],
        regiogidsen=[
            RegiogidsLine(
                region=r.name, name=g.name,
                organisation=name_of(orgs, g.organisation) if g.organisation else None,
                period=_period(g.period))
            for r in current.values() for g in r.regiogidsen if _current(g.period)
        ],
    )
