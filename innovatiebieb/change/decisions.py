"""The moderators' decisions as edits of one record file.

Each function checks the decision against the project (the gates, the status)
and returns the new text of the file; the round-trip editor keeps everything
it does not touch. Nothing here writes or commits: see changes.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from innovatiebieb.model.errors import BiebError, UsageError
from innovatiebieb.model.models import Decision, Phase, Project, Status, TriageDecision
from innovatiebieb.model.workflow import next_phase, requirements_to_enter
from innovatiebieb.store.yamlio import EditableDocument, append_item, set_key

PROJECT_ORDER = [f.alias or name for name, f in Project.model_fields.items()]


class GateNotMet(BiebError):
    """The project lacks what the next phase needs; nothing was changed."""

    exit_code = 1


@dataclass(frozen=True)
class Edit:
    """The new text of a record and what the commit should say about it."""

    text: str
    subject: str
    body: str


def _history(doc: EditableDocument, project: Project, decision: Decision, to: Phase,
             by: str, note: str | None, today: dt.date) -> None:
    entry: dict[str, Any] = {"date": today, "from": project.phase.value, "to": to.value,
                             "decision": decision.value, "by": by}
    if note:
        entry["note"] = note
    append_item(doc.data, "history", entry, PROJECT_ORDER)


def _subject(label: str, project: Project) -> str:
    return f"{label}: {project.title} ({project.id})"


def triage(doc: EditableDocument, project: Project, decision: TriageDecision, note: str | None,
           scores: dict[str, int], by: str, today: dt.date) -> Edit:
    """The Innovatieraad's decision on an idea, kept in `triage` and as a history entry;
    `aangehouden` also puts it on the shelf."""
    if project.phase is not Phase.IDEE:
        raise UsageError(f"{project.id} is in '{project.phase}'; only ideas are triaged")
    value: dict[str, Any] = {"decision": decision.value, "date": today, "by": by}
    if note:
        value["note"] = note
    if scores:
        value["scores"] = scores
    set_key(doc.data, "triage", value, PROJECT_ORDER)
    if decision is TriageDecision.AANGEHOUDEN and project.status is Status.LOPEND:
        set_key(doc.data, "status", Status.AANGEHOUDEN.value, PROJECT_ORDER)
    _history(doc, project, Decision.TRIAGE, project.phase, by,
             f"{decision.value}: {note}" if note else decision.value, today)
    return Edit(doc.dump(), _subject(f"triage {decision}", project), note or "")


def _require_running(project: Project, what: str) -> None:
    if project.status is not Status.LOPEND:
        hint = ("Resume it first: bieb project resume " + project.id
                if project.status is Status.AANGEHOUDEN else "A stopped project stays stopped.")
        raise UsageError(f"{project.id} is '{project.status}'; only a 'lopend' project can "
                         f"{what}", hint)


def advance(doc: EditableDocument, project: Project, by: str, note: str | None,
            today: dt.date) -> Edit:
    """To the next phase, if its gate is met; else every missing thing, and no change."""
    _require_running(project, "advance")
    target = next_phase(project.phase)
    if target is None:
        raise UsageError(f"{project.id} is in '{project.phase}', the last phase")
    missing = requirements_to_enter(target, project)
    if missing:
        lines = "\n".join(f"  - {r.message} (field '{r.field}')" for r in missing)
        raise GateNotMet(f"{project.id} cannot go to '{target}' yet; it needs:\n{lines}",
                         f"Add them with 'bieb project set {project.id} FIELD=VALUE' or "
                         f"'bieb project edit {project.id}', then advance again.")
    set_key(doc.data, "phase", target.value, PROJECT_ORDER)
    _history(doc, project, Decision.DOOR, target, by, note, today)
    return Edit(doc.dump(), _subject(target.value, project), note or "")


def repeat(doc: EditableDocument, project: Project, by: str, note: str | None,
           today: dt.date) -> Edit:
    """Run the current phase again."""
    _require_running(project, "repeat a phase")
    _history(doc, project, Decision.HERHALEN, project.phase, by, note, today)
    return Edit(doc.dump(), _subject(f"{project.phase} herhalen", project), note or "")


def stop(doc: EditableDocument, project: Project, by: str, reason: str, lessons: str | None,
         today: dt.date) -> Edit:
    """Stop the project, keeping why and what was learned."""
    if project.status is Status.GESTOPT:
        raise UsageError(f"{project.id} is stopped already")
    set_key(doc.data, "status", Status.GESTOPT.value, PROJECT_ORDER)
    set_key(doc.data, "stop_reason", reason, PROJECT_ORDER)
    if lessons:
        set_key(doc.data, "lessons", lessons, PROJECT_ORDER)
    _history(doc, project, Decision.STOPPEN, project.phase, by, reason, today)
    body = reason + (f"\n\nLessons: {lessons}" if lessons else "")
    return Edit(doc.dump(), _subject("gestopt", project), body)


def shelve(doc: EditableDocument, project: Project, by: str, note: str | None,
           today: dt.date) -> Edit:
    """Put a good idea that must wait on the shelf."""
    _require_running(project, "be shelved")
    set_key(doc.data, "status", Status.AANGEHOUDEN.value, PROJECT_ORDER)
    _history(doc, project, Decision.AANHOUDEN, project.phase, by, note, today)
    return Edit(doc.dump(), _subject("aangehouden", project), note or "")


def resume(doc: EditableDocument, project: Project, by: str, note: str | None,
           today: dt.date) -> Edit:
    """Take a project off the shelf."""
    if project.status is not Status.AANGEHOUDEN:
        raise UsageError(f"{project.id} is '{project.status}', not on the shelf")
    set_key(doc.data, "status", Status.LOPEND.value, PROJECT_ORDER)
    _history(doc, project, Decision.HERVATTEN, project.phase, by, note, today)
    return Edit(doc.dump(), _subject("hervat", project), note or "")
