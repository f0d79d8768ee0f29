"""The gates between phases."""

from __future__ import annotations

import datetime as dt

from innovatiebieb.model.models import Phase, Project
from innovatiebieb.model.workflow import next_phase, requirements_for_phase, requirements_to_enter


def _project(**fields: object) -> Project:
    base: dict[str, object] = {"id": "p", "title": "Leesapp", "summary": "Een app.",
                               "phase": "idee", "status": "lopend", "themes": ["t"]}
    return Project.model_validate({**base, **fields})


def test_phases_follow_each_other() -> None:
    assert next_phase(Phase.IDEE) is Phase.EXPERIMENT
    assert next_phase(Phase.IMPLEMENTATIE) is Phase.OPSCHALING
    assert next_phase(Phase.OPSCHALING) is None


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


def test_opschaling_needs_owner_structural_funding_and_an_adopter() -> None:
    project = _project(funding=[{"source": "KB", "amount_eur": 1000, "year": 2022}])
    assert [r.field for r in requirements_to_enter(Phase.OPSCHALING, project)] == [
        "owner", "funding", "adopters"]
    ready = _project(owner="kb", adopters=["fers"],
                     funding=[{"source": "KB", "amount_eur": 1000, "year": 2022,
                               "structural": True}])
    assert requirements_to_enter(Phase.OPSCHALING, ready) == []


def test_a_phase_needs_the_gates_before_it_too() -> None:
    fields = {r.field for r in requirements_for_phase(Phase.IMPLEMENTATIE, _project())}
    assert fields == {"triage", "goal", "fieldlab", "results", "effect_measurement"}
    assert requirements_for_phase(Phase.IDEE, _project()) == []
