"""The innovation phases and their gates, as pure functions over models."""

from __future__ import annotations

from dataclasses import dataclass

from innovatiebieb.model.models import Phase, Project, TriageDecision

PHASES: tuple[Phase, ...] = tuple(Phase)


@dataclass(frozen=True, slots=True)
class Requirement:
    """Something a project lacks to be in a phase; `field` is where it belongs."""

    phase: Phase
    field: str
    message: str


def next_phase(phase: Phase) -> Phase | None:
    i = PHASES.index(phase)
    return PHASES[i + 1] if i + 1 < len(PHASES) else None


def phase_index(phase: Phase) -> int:
    return PHASES.index(phase)


def _gate(phase: Phase, project: Project) -> list[Requirement]:
    """What entering `phase` (from the one before) needs, that `project` lacks."""
    missing: list[Requirement] = []

    def need(ok: bool, field: str, message: str) -> None:
        if not ok:
            missing.append(Requirement(phase, field, message))

    if phase is Phase.EXPERIMENT:
        need(project.triage is not None and project.triage.decision is TriageDecision.KANSRIJK,
             "triage", "a 'kansrijk' triage by the Innovatieraad")
        need(project.goal is not None, "goal",
             "a goal (effectiviteit and/or efficientie, and the result aimed for)")
        need(project.fieldlab is not None or project.proeftuin is not None, "fieldlab",
             "where it is tried: a fieldlab or a named proeftuin")
    elif phase is Phase.IMPLEMENTATIE:
        # Phase 3 is "geïmplementeerd bij bibliotheken die deze innovaties willen
        # overnemen" (Innovatieagenda): someone owns it and libraries take it over.
        need(project.results is not None, "results", "the results of the experiment")
        need(project.effect_measurement is not None, "effect_measurement",
             "an effect measurement of the experiment")
        need(project.owner is not None, "owner", "an owner organisation")
        need(bool(project.adopters), "adopters",
             "a library that adopts it (or will: an adopter with planned: true and a date)")
    return missing


def requirements_to_enter(phase: Phase, project: Project) -> list[Requirement]:
    """What `project` lacks to pass the gate into `phase` (that gate only)."""
    return _gate(phase, project)


def requirements_for_phase(phase: Phase, project: Project) -> list[Requirement]:
    """Everything a project in `phase` must have: the gates up to and including it."""
    missing: list[Requirement] = []
    for p in PHASES[1: phase_index(phase) + 1]:
        missing.extend(_gate(p, project))
    return missing
