"""The gates between phases."""

from __future__ import annotations

import datetime as dt

from innovatiebieb.model.models import Phase, Project
from innovatiebieb.model.workflow import next_phase, requirements_for_phase, requirements_to_enter


def _project(**fields: object) -> Project:
    base: dict[str, object] = {"id": "p", "title": "Leesapp", "summary": "Een app.",
                               "phase": "idee", "status": "lopend", "themes": ["t"]}
    return Project.model_validate({**base, **fields})


def test_the_three_phases_of_the_sources_follow_each_other() -> None:
    assert [p.value for p in Phase] == ["idee", "experiment", "implementatie"]
    assert next_phase(Phase.IDEE) is Phase.EXPERIMENT
    assert next_phase(Phase.EXPERIMENT) is Phase.IMPLEMENTATIE
    assert next_phase(Phase.IMPLEMENTATIE) is None


def test_experiment_gate_lists_everything_missing() -> None:
    missing = requirements_to_enter(Phase.EXPERIMENT, _project())
    assert [r.field for r in missing] == ["triage", "goal", "fieldlab"]


def test_experiment_gate_passes_with_kansrijk_triage_goal_and_proeftuin() -> None:
    project = _project(
        triage={"decision": "kansrijk", "date": dt.date(2021, 4, 1)},
        goal={"kinds": ["effectiviteit"], "description": "Meer lezers."},
        proeftuin="Bibliotheek Venlo")
    assert requirements_to_enter(Phase.EXPERIMENT, project) == []
    niet = project.model_copy(update={"triage": project.triage.model_copy(  # type: ignore[union-attr]
        update={"decision": "niet-kansrijk"})})
    assert [r.field for r in requirements_to_enter(Phase.EXPERIMENT, niet)] == ["triage"]


def test_implementatie_needs_an_owner_and_an_adopting_library() -> None:
    project = _project(results="Een app.", effect_measurement="Meting.")
    assert [r.field for r in requirements_to_enter(Phase.IMPLEMENTATIE, project)] == [
        "owner", "adopters"]
    ready = project.model_copy(update={"owner": "kb"})
    adopted = Project.model_validate({**ready.model_dump(by_alias=True), "adopters": [
        {"organisation": "fers", "date": "2022-03"}]})
    assert requirements_to_enter(Phase.IMPLEMENTATIE, adopted) == []


def test_a_planned_adoption_with_a_date_opens_implementatie_too() -> None:
    planned = _project(results="Een app.", effect_measurement="Meting.", owner="kb",
                       adopters=[{"organisation": "fers", "date": "2023", "planned": True}])
    assert requirements_to_enter(Phase.IMPLEMENTATIE, planned) == []


def test_a_phase_needs_the_gates_before_it_too() -> None:
    fields = {r.field for r in requirements_for_phase(Phase.IMPLEMENTATIE, _project())}
    assert fields == {"triage", "goal", "fieldlab", "results", "effect_measurement", "owner",
                      "adopters"}
    assert requirements_for_phase(Phase.IDEE, _project()) == []
