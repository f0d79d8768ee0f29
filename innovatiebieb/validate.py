"""Validation: the schema (while loading) plus the rules between records.

Every rule yields Problems; nothing here prints or stops at the first one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from innovatiebieb.loader import locate_in_file
from innovatiebieb.models import Decision, Phase, Project, Status
from innovatiebieb.problems import Problem, Severity
from innovatiebieb.registry import Registry, load_registry
from innovatiebieb.workflow import phase_index, requirements_for_phase

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class _Finding:
    """A rule's finding before it is pinned to a line (located lazily: re-parsing is rare)."""

    kind: str
    record_id: str
    loc: Loc
    code: str
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class ValidationReport:
    registry: Registry
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


def validate_registry(root: Path) -> ValidationReport:
    """Load and check a whole registry; every problem, sorted by file and line."""
    registry, problems = load_registry(root)
    for f in check_rules(registry):
        path = registry.path_of(f.kind, f.record_id)
        line, col = locate_in_file(path, f.loc)
        problems.append(Problem(registry.display_path(f.kind, f.record_id), line, col,
                                f.code, f.message, f.hint, f.severity))
    problems.sort(key=lambda p: p.sort_key)
    return ValidationReport(registry, problems)


def check_rules(registry: Registry) -> Iterator[_Finding]:
    yield from _references(registry)
    for project in registry.projects.values():
        yield from _history(project)
        yield from _gates(project)
        yield from _status(project)
        yield from _warnings(project)


def _closest(value: str, choices: Iterable[str]) -> str:
    choices = sorted(choices)
    close = difflib.get_close_matches(value, choices, n=3)
    if close:
        return "Did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if not choices:
        return "There are none in the registry yet; add one first."
    shown = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f"Known: {shown}."


def _references(registry: Registry) -> Iterator[_Finding]:
    info = registry.info
    targets = {
        "organisation": set(registry.organisations),
        "themagroep": set(registry.themagroepen),
        "fieldlab": set(registry.fieldlabs),
        "region": set(registry.regions),
        "opgave": {t.id for t in info.opgaven} if info else set(),
        "prioriteit": {t.id for t in info.prioriteiten} if info else set(),
        "province": {t.id for t in info.provinces} if info else set(),
    }
    for kind, record_id, loc, target, value in _reference_fields(registry):
        if value not in targets[target]:
            yield _Finding(kind, record_id, loc, "unknown-reference",
                           f"unknown {target} '{value}'", _closest(value, targets[target]))


Reference = tuple[str, str, Loc, str, str]


def _reference_fields(registry: Registry) -> Iterator[Reference]:
    """Every (kind, id, location, target kind, value) reference in the registry."""
    yield from _project_references(registry)
    yield from _other_references(registry)


def _project_references(registry: Registry) -> Iterator[Reference]:
    for p in registry.projects.values():
        k = "projects"
        if p.owner:
            yield k, p.id, ("owner",), "organisation", p.owner
        for field, target, values in (
            ("participants", "organisation", p.participants),
            ("adopters", "organisation", p.adopters),
            ("themes", "themagroep", p.themes),
            ("opgaven", "opgave", p.opgaven),
            ("prioriteiten", "prioriteit", p.prioriteiten),
        ):
            for i, v in enumerate(values):
                yield k, p.id, (field, i), target, v
        if p.fieldlab:
            yield k, p.id, ("fieldlab",), "fieldlab", p.fieldlab


def _other_references(registry: Registry) -> Iterator[Reference]:
    yield from _fieldlab_references(registry)
    yield from _network_references(registry)


def _fieldlab_references(registry: Registry) -> Iterator[Reference]:
    for f in registry.fieldlabs.values():
        k = "fieldlabs"
        yield k, f.id, ("opgave",), "opgave", f.opgave
        if f.lead:
            yield k, f.id, ("lead",), "organisation", f.lead
        for i, v in enumerate(f.partners):
            yield k, f.id, ("partners", i), "organisation", v
        if f.region:
            yield k, f.id, ("region",), "region", f.region


def _network_references(registry: Registry) -> Iterator[Reference]:
    for t in registry.themagroepen.values():
        for i, m in enumerate(t.moderators):
            if m.organisation:
                yield "themagroepen", t.id, ("moderators", i, "organisation"), "organisation", \
                    m.organisation
    for r in registry.regions.values():
        for i, v in enumerate(r.provinces):
            yield "regions", r.id, ("provinces", i), "province", v
        for i, g in enumerate(r.regiogidsen):
            if g.organisation:
                yield "regions", r.id, ("regiogidsen", i, "organisation"), "organisation", \
                    g.organisation
    for o in registry.organisations.values():
        if o.province:
            yield "organisations", o.id, ("province",), "province", o.province


def _history(project: Project) -> Iterator[_Finding]:
    def finding(loc: Loc, code: str, message: str, hint: str) -> _Finding:
        return _Finding("projects", project.id, loc, code, message, hint)

    expected_from: Phase | None = None
    previous_date = None
    for i, entry in enumerate(project.history):
        if previous_date is not None and entry.date < previous_date:
            yield finding(("history", i, "date"), "history-order",
                          f"history entry {i + 1} is dated before the entry above it",
                          "History is in date order: append new decisions at the end.")
        previous_date = entry.date
        if i > 0 and entry.from_ != expected_from:
            yield finding(("history", i, "from"), "history-chain",
                          f"history entry {i + 1} starts from '{entry.from_}' but the entry "
                          f"above ends in '{expected_from}'",
                          "Each decision starts from the phase the one before ended in.")
        if entry.decision is Decision.DOOR:
            if entry.from_ is not None and phase_index(entry.to) != phase_index(entry.from_) + 1:
                yield finding(("history", i, "to"), "history-step",
                              f"'door' goes from '{entry.from_}' to '{entry.to}', "
                              "which is not the next phase",
                              "A 'door' decision moves exactly one phase forward.")
        elif entry.to != entry.from_:
            yield finding(("history", i, "to"), "history-step",
                          f"a '{entry.decision}' decision must stay in its phase",
                          "Set 'to' equal to 'from' for herhalen and stoppen.")
        expected_from = entry.to
    last = project.history[-1].to if project.history else Phase.IDEE
    if last != project.phase:
        where = "the last history entry" if project.history else "an empty history (idee)"
        yield finding(("phase",), "history-phase",
                      f"phase is '{project.phase}' but {where} ends in '{last}'",
                      "Record each phase decision in history, or use 'bieb project advance'.")


def _gates(project: Project) -> Iterator[_Finding]:
    for req in requirements_for_phase(project.phase, project):
        yield _Finding("projects", project.id, ("phase",), "gate",
                       f"a project in '{project.phase}' needs {req.message} "
                       f"(gate to '{req.phase}')",
                       f"Add '{req.field}', or record the project in an earlier phase.")


def _status(project: Project) -> Iterator[_Finding]:
    if project.status is Status.GESTOPT and project.stop_reason is None:
        yield _Finding("projects", project.id, ("status",), "stopped-without-reason",
                       "a 'gestopt' project needs a stop_reason",
                       "Add stop_reason (and lessons: what was learned is worth keeping).")
    if project.stop_reason is not None and project.status is not Status.GESTOPT:
        yield _Finding("projects", project.id, ("stop_reason",), "reason-without-stop",
                       f"stop_reason is set but status is '{project.status}'",
                       "Set status to 'gestopt' or remove stop_reason.")


def _warnings(project: Project) -> Iterator[_Finding]:
    if project.contact is None or project.contact.email is None:
        yield _Finding("projects", project.id, ("contact",), "no-contact-email",
                       "project has no contact e-mail",
                       "Add contact: {name: ..., email: ...} so others can reach the makers.",
                       Severity.WARNING)
