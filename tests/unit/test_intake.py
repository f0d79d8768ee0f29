"""The intake's rules as data: choices, names resolved to ids, one answer checked, the
fields a refused record must ask again, and the template for --from-file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from innovatiebieb.change import choices, intake
from innovatiebieb.change.changes import Change, FileChange, check_change
from innovatiebieb.change.ideas import idea_template, plan_idea
from innovatiebieb.model.errors import UsageError
from innovatiebieb.store.fieldsfile import read_fields_file
from tests.conftest import BUNDLED

ORGS = [choices.Choice("bibliotheek-venlo", "Bibliotheek Venlo"),
        choices.Choice("bibliotheek-deventer", "Bibliotheek Deventer"),
        choices.Choice("kb", "Koninklijke Bibliotheek")]


@pytest.mark.parametrize(("typed", "wanted"), [
    ("kb", "kb"), ("Venlo", "bibliotheek-venlo"), ("bibliotheek venlo", "bibliotheek-venlo"),
    ("  BIBLIOTHEEK-DEVENTER ", "bibliotheek-deventer"), ("koninklijke", "kb")])
def test_a_name_or_an_id_names_one_choice(typed: str, wanted: str) -> None:
    assert choices.resolve(typed, ORGS, "organisation") == wanted


@pytest.mark.parametrize(("typed", "message", "hint"), [
    ("bibliotheek", "'bibliotheek' matches 3 organisations", "Type more"),
    ("venlow", "unknown organisation 'venlow'", "Did you mean 'bibliotheek-venlo'?"),
    ("koninklijke-bieb", "unknown organisation 'koninklijke-bieb'", "Did you mean 'kb'?"),
    ("zzz", "unknown organisation 'zzz'", "Known: bibliotheek-venlo, "),
])
def test_an_unknown_or_ambiguous_name_says_what_to_type(typed: str, message: str,
                                                        hint: str) -> None:
    with pytest.raises(UsageError) as e:
        choices.resolve(typed, ORGS, "organisation")
    assert e.value.message.startswith(message)
    assert hint in (e.value.hint or "")


def test_the_choices_are_the_registrys_own() -> None:
    themes = choices.choices_for(BUNDLED, "themagroep")
    assert choices.Choice("doorgaande-leeslijn", "Doorgaande leeslijn") in themes
    assert len(themes) == 13
    assert [c.id for c in choices.choices_for(BUNDLED, "opgave")] == [
        "geletterde-samenleving", "participatie-in-de-informatiesamenleving",
        "leven-lang-ontwikkelen"]


def test_answers_are_checked_one_at_a_time() -> None:
    asked = {q.field: q for q in intake.idea_questions(BUNDLED)}
    assert intake.check_answer("projects", asked["themes"], "Doorgaande leeslijn, werkplaats") \
        == ["doorgaande-leeslijn", "werkplaats"]
    assert intake.check_answer("projects", asked["themes"], ["werkplaats", "werkplaats"]) \
        == ["werkplaats"]
    assert intake.check_answer("projects", asked["owner"], "") is None  # optional: skipped
    for question, answer, message in [
            ("themes", "", "themes is required"),
            ("title", "ab", "title: string should have at least 3 characters"),
            ("contact.email", "sam@venlo", "contact.email: 'sam@venlo' is not valid here")]:
        with pytest.raises(UsageError) as e:
            intake.check_answer("projects", asked[question], answer)
        assert e.value.message == message


def test_the_questions_of_other_kinds_come_from_their_models() -> None:
    org = {q.field: q for q in intake.record_questions(BUNDLED, "organisations")}
    assert list(org) == ["name", "kind", "province"]
    assert org["name"].required and org["kind"].required and not org["province"].required
    assert "poi" in [c.id for c in org["kind"].choices] and org["kind"].fixed
    with pytest.raises(UsageError) as e:
        intake.check_answer("organisations", org["kind"], "pio")
    assert (e.value.message, e.value.hint) == ("unknown kind 'pio'", "Did you mean 'poi'?")
    fieldlab = {q.field: q for q in intake.record_questions(BUNDLED, "fieldlabs")}
    assert fieldlab["opgave"].required and fieldlab["opgave"].noun == "opgave"
    assert fieldlab["partners"].shape == "many"
    assert fieldlab["goal"].required and fieldlab["goal"].shape == "yaml"  # asked up front


def test_a_refused_record_names_only_its_failing_fields(registry: Path) -> None:
    fields = {"title": "Voorleesuur", "summary": "Voorlezen.", "themes": ["werkplaats"],
              "owner": "koninklijke-bieb", "contact": {"name": "Sam", "email": "sam@x"},
              "goal": {"kinds": ["snel"], "description": "Meer lezers."}}
    plan = plan_idea(registry, fields, dt.date(2026, 1, 1))
    change = Change([FileChange("projects", plan.id, plan.path, None, plan.text)], "")
    errors = [p for p in check_change(registry, change) if p.severity == "error"]
    # The schema's errors first; the unknown owner is found once the record loads.
    assert intake.failing_fields(plan.text, errors) == ["contact", "goal"]
    fields.update(contact={"name": "Sam"}, goal={"kinds": ["effectiviteit"], "description": "x"})
    plan = plan_idea(registry, fields, dt.date(2026, 1, 1))
    change = Change([FileChange("projects", plan.id, plan.path, None, plan.text)], "")
    errors = [p for p in check_change(registry, change) if p.severity == "error"]
    assert intake.failing_fields(plan.text, errors) == ["owner"]
    again = intake.questions_for_fields(registry, "projects", ["contact", "goal"],
                                        intake.idea_questions(registry))
    assert [(q.field, q.shape) for q in again] == [
        ("contact.name", "text"), ("contact.email", "text"), ("goal", "yaml")]


def test_the_template_lists_the_choices_and_reads_back_empty(tmp_path: Path) -> None:
    text = idea_template(BUNDLED)
    assert "#   bibliotheek-venlo  (Bibliotheek Venlo)\n" in text
    assert "#   doorgaande-leeslijn  (Doorgaande leeslijn)\n" in text
    assert "#   geletterde-samenleving  (Geletterde samenleving)\n" in text
    file = tmp_path / "idee.yaml"
    file.write_text(text, encoding="utf-8")
    fields = read_fields_file(file)
    assert set(fields) == {"title", "summary", "owner", "participants", "themes", "opgaven",
                           "fieldlab", "builds_on", "contact"}
    assert all(v in (None, []) for k, v in fields.items() if k != "contact")
