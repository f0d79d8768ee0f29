"""The intake in a terminal: ask what is missing, compare, preview, confirm.

The order is the one of the best intake wizards (Decidim's proposals: create,
compare, complete, publish): an idea's title and summary first, then the
projects that look like it (go on, stop, or build on one), then the rest, then
the record as it will be saved. Every answer is checked as it is typed; if the
final check still refuses the record, only the failing fields are asked again,
so nothing typed is lost. The rules are the core's (change/intake.py); this
module only decides what to ask when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from innovatiebieb.change import intake
from innovatiebieb.change.changes import Change, ChangeRefused, FileChange, check_change
from innovatiebieb.change.choices import Choice
from innovatiebieb.change.intake import Question
from innovatiebieb.change.records import BadId
from innovatiebieb.cli.prompt import Asker, asker, cancel_writes_nothing
from innovatiebieb.model.errors import BiebError, UsageError
from innovatiebieb.model.problems import Severity
from innovatiebieb.show import render, render_intake

# A candidate record from the fields: the change that would write it, and its id.
Planner = Callable[[dict[str, Any]], tuple[Change, str]]


def settle(a: Asker, kind: str, q: Question, fields: dict[str, Any], *,
           again: bool = False) -> None:
    """Keep a given value that passes its check; ask for one that is missing or wrong
    (the wrong one is shown as the answer to correct)."""
    def check(answer: Any) -> Any:
        return intake.check_answer(kind, q, answer)

    current = intake.get_value(fields, q.field)
    if q.shape in ("one", "many") and not q.choices:  # nothing to choose from (a new registry)
        if q.required or current not in (None, "", []):
            raise UsageError(f"{q.field} names a {q.noun}, and the registry has none yet",
                             f"Add a {q.noun} to the registry first." if q.required
                             else f"Leave {q.field} out.")
        return
    if current not in (None, "", []) and not again:
        try:
            intake.set_value(fields, q.field, check(current))
            return
        except BiebError as e:
            render.message(f"{q.field}: {e.message}" + (f" ({e.hint})" if e.hint else ""))
    intake.set_value(fields, q.field, a.ask(q, current, check))


def ask_idea(root: Path, fields: dict[str, Any], plan: Planner, yes: bool) -> Change | None:
    """An idea's fields asked, compared and confirmed; None if the moderator stopped."""
    questions = intake.idea_questions(root)
    _answerable(questions)
    a = asker()
    with cancel_writes_nothing():
        for q in questions[:2]:  # title and summary: what the comparison needs
            settle(a, "projects", q, fields)
        found = [] if fields.get("builds_on") else _compare(root, fields, a, yes)
        if found is None:
            render_intake.stopped("stopped: nothing was written")
            return None
        for q in questions[2:]:
            if q.field == "contact.email" and not intake.get_value(fields, "contact.name"):
                continue
            settle(a, "projects", q, fields)
        if found:  # at the preview, "building on" can still be changed among the look-alikes
            questions = [*questions, Question("builds_on", "Builds on", "many", False,
                                              tuple(found), "project")]
        return confirm(a, root, "projects", fields, questions, plan, yes, "idea")


def ask_record(root: Path, kind: str, fields: dict[str, Any], plan: Planner,
               yes: bool) -> Change | None:
    """`bieb KIND add` in a terminal: the required fields and the registry's choices."""
    questions = intake.record_questions(root, kind)
    _answerable(questions)
    a = asker()
    with cancel_writes_nothing():
        for q in questions:
            settle(a, kind, q, fields)
        return confirm(a, root, kind, fields, questions, plan, yes, kind.rstrip("s"))


def _answerable(questions: Sequence[Question]) -> None:
    """Refuse before the first question, not after: a required choice with nothing to
    choose from (a new registry without themagroepen) cannot be answered."""
    for q in questions:
        if q.required and q.shape in ("one", "many") and not q.choices:
            raise UsageError(f"{q.field} names a {q.noun}, and the registry has none yet",
                             f"Add a {q.noun} to the registry first.")


def _compare(root: Path, fields: dict[str, Any], a: Asker,
             yes: bool) -> list[Choice] | None:
    """Show the projects like this idea and ask: go on, stop, or build on one (then
    set in `fields`). The look-alikes as choices; None if the moderator stops."""
    from innovatiebieb.read.catalogue import load_catalogue
    from innovatiebieb.read.queries import resemblances

    found = resemblances(load_catalogue(root), str(fields["title"]), str(fields["summary"]))
    if not found:
        return []
    render_intake.resemblances(found)
    if not yes:
        options = [("go", "go on: it is a new idea"), ("stop", "stop: record nothing")]
        options += [(r.id, f"record it as building on {r.id}") for r in found]
        choice = a.select("Is this idea new?", options)
        if choice == "stop":
            return None
        if choice != "go":
            fields["builds_on"] = [choice]
    return [Choice(r.id, r.title) for r in found]


def confirm(a: Asker, root: Path, kind: str, fields: dict[str, Any],
            questions: Sequence[Question], plan: Planner, yes: bool,
            noun: str) -> Change | None:
    """Check the whole record; ask again what fails; preview; record, edit or cancel."""
    while True:
        try:
            change, record_id = plan(fields)
        except BadId as e:  # an --id that is taken or not an id: ask for another
            render.message(f"{e.message}")
            settle(a, kind, Question("id", "Id (lowercase letters, digits and hyphens)",
                                     "text", True), fields, again=True)
            continue
        new = change.files[0]
        errors = [p for p in check_change(root, change) if p.severity is Severity.ERROR]
        if errors:
            failing = intake.failing_fields(new.new, errors)
            if not failing:
                raise ChangeRefused(errors)
            render.problem_list(errors)
            render_intake.asked_again(failing)
            for q in intake.questions_for_fields(root, kind, failing, questions):
                settle(a, kind, q, fields, again=True)
            continue
        if yes:
            return change
        render_intake.preview(new.path, record_id, new.new)
        choice = a.select(f"Record this {noun}?", [
            ("record", "record it"), ("edit", "edit a field"), ("cancel", "cancel")])
        if choice == "record":
            return change
        if choice == "cancel":
            render_intake.stopped("cancelled: nothing was written")
            return None
        asked = {q.field: q for q in questions}
        which = a.select("Which field?", [(f, asked[f].label) for f in asked])
        settle(a, kind, asked[which], fields, again=True)


def idea_planner(root: Path, today: dt.date, record_id: str | None) -> Planner:
    from innovatiebieb.change.ideas import plan_idea

    def plan(fields: dict[str, Any]) -> tuple[Change, str]:
        # An id asked for again (the --id given was taken) is in the fields.
        p = plan_idea(root, fields, today, fields.get("id") or record_id)
        return Change([FileChange("projects", p.id, p.path, None, p.text)],
                      f"idee: {p.title} ({p.id})", p.summary), p.id

    return plan
