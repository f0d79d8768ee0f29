"""What an intake asks, as data: the questions of a new record, the check of one
answer, and which fields a refused record must have asked again.

The prompts themselves live in `cli/prompt.py`; this module never asks and never
prints, so the rules are the same whether an answer is typed, given as an option
or read from a file.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import ValidationError

from innovatiebieb.change.choices import NOT_LISTED, Choice, choices_for, resolve, split_list
from innovatiebieb.model.errors import UsageError
from innovatiebieb.model.models import KINDS, REF_KEY
from innovatiebieb.model.problems import Problem
from innovatiebieb.store.loader import pattern_hint, pattern_message
from innovatiebieb.store.yamlio import parse_text

Shape = Literal["text", "one", "many", "yaml"]


@dataclass(frozen=True)
class Question:
    """One thing an intake asks for. `field` may be dotted (contact.email)."""

    field: str
    label: str
    shape: Shape
    required: bool = False
    choices: tuple[Choice, ...] = ()
    noun: str = ""  # what one choice is called in messages: "organisation"
    fixed: bool = False  # the choices are the model's few words (kind, scope), not records


def _field_info(kind: str, name: str) -> Any:
    return KINDS[kind].model_fields.get(name)


def _ref_target(info: Any) -> str | None:
    extra = info.json_schema_extra if info is not None else None
    target = extra.get(REF_KEY) if isinstance(extra, dict) else None
    return target if isinstance(target, str) else None


def _enum_of(annotation: Any) -> type[enum.Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    for arg in get_args(annotation):
        if (found := _enum_of(arg)) is not None:
            return found
    return None


def _is_list(annotation: Any) -> bool:
    return get_origin(annotation) is list or any(
        get_origin(a) is list for a in get_args(annotation))


def question_for(root: Path, kind: str, name: str, label: str | None = None) -> Question:
    """The question for top-level field `name` of a `kind` record, from its model:
    a reference offers the registry's values, an enum its words, a list takes several."""
    info = _field_info(kind, name)
    required = info is not None and info.is_required()
    many = info is not None and _is_list(info.annotation)
    target = _ref_target(info)
    words = _enum_of(info.annotation) if info is not None else None
    label = label or name.replace("_", " ").capitalize()
    if target is not None and target not in NOT_LISTED:
        return Question(name, label, "many" if many else "one", required,
                        choices_for(root, target), target)
    if words is not None and not many:
        return Question(name, label, "one", required,
                        tuple(Choice(str(w.value), "") for w in words),
                        name.replace("_", " "), fixed=True)
    if info is not None and _simple_text(info.annotation):
        return Question(name, label, "text", required)
    return Question(name, f"{label} (YAML)", "yaml", required)


def _simple_text(annotation: Any) -> bool:
    """str, str | None, or either Annotated with constraints."""
    if annotation is str:
        return True
    if get_origin(annotation) is Annotated:
        return _simple_text(get_args(annotation)[0])
    args = [a for a in get_args(annotation) if a is not type(None)]
    return get_origin(annotation) is not list and len(args) == 1 and _simple_text(args[0])


def record_questions(root: Path, kind: str) -> list[Question]:
    """What `bieb KIND add` asks in a terminal: every required field (a fieldlab's goal
    too, as YAML: asked up front, not only after the final check refuses the record),
    and the optional ones that offer choices from the registry (a province, a lead
    organisation...)."""
    found = []
    for name, info in KINDS[kind].model_fields.items():
        if name == "id" or info.annotation is bool:
            continue
        q = question_for(root, kind, info.alias or name)
        if q.required or (q.choices and q.shape != "yaml"):
            found.append(q)
    return found


IDEA_LABELS = {"title": "Title", "summary": "Summary (one or two sentences)",
               "owner": "Owner organisation (name or id)",
               "themes": "Themagroepen", "opgaven": "Opgaven",
               "participants": "Participating organisations",
               "contact.name": "Contact name", "contact.email": "Contact e-mail"}


def idea_questions(root: Path) -> list[Question]:
    """What `bieb idea add` asks, in order; title and summary come before the comparison."""
    questions = [question_for(root, "projects", f, IDEA_LABELS[f])
                 for f in ("title", "summary", "owner", "themes", "opgaven", "participants")]
    return [*questions, Question("contact.name", IDEA_LABELS["contact.name"], "text"),
            Question("contact.email", IDEA_LABELS["contact.email"], "text")]


def get_value(fields: dict[str, Any], dotted: str) -> Any:
    value: Any = fields
    for step in dotted.split("."):
        value = value.get(step) if isinstance(value, dict) else None
    return value


def set_value(fields: dict[str, Any], dotted: str, value: Any) -> None:
    """Set (or, for None and empty lists, remove) a possibly dotted field."""
    *parents, last = dotted.split(".")
    target = fields
    for step in parents:
        if not isinstance(target.get(step), dict):
            target[step] = {}
        target = target[step]
    if value is None or value == [] or value == "":
        target.pop(last, None)
        if parents and not target:
            fields.pop(parents[0], None)
    else:
        target[last] = value


def check_answer(kind: str, question: Question, answer: Any) -> Any:
    """The value to record for `answer` (typed text, or a given value), or a UsageError
    saying what is wrong: an unknown name with did-you-mean, an empty required field,
    a value the schema refuses."""
    if isinstance(answer, str):
        answer = answer.strip()
    if answer in ("", None, []):
        if question.required:
            raise UsageError(f"{question.field} is required", "Give at least one value."
                             if question.shape == "many" else "Type a value.")
        return None
    if question.shape == "one":
        value: Any = resolve(str(answer), question.choices, question.noun)
    elif question.shape == "many":
        value = _resolve_many(answer, question)
    elif question.shape == "yaml" and isinstance(answer, str):
        doc = parse_text(f"v: {answer}\n")
        value = doc.data["v"] if doc.ok and isinstance(doc.data, dict) else answer
    else:
        value = answer
    _check_schema(kind, question.field, value)
    return value


def _resolve_many(answer: Any, question: Question) -> list[str]:
    if isinstance(answer, str) and "," not in answer:
        try:  # one name with spaces in it ('Doorgaande leeslijn') before words split
            return [resolve(answer, question.choices, question.noun)]
        except UsageError:
            pass
    return list(dict.fromkeys(resolve(a, question.choices, question.noun)
                              for a in split_list(answer)))


def _check_schema(kind: str, dotted: str, value: Any) -> None:
    """Validate one field alone: a probe record holding just it, errors of other fields
    (all the missing ones) ignored."""
    path = tuple(dotted.split("."))
    probe: dict[str, Any] = {}
    set_value(probe, dotted, value)
    if path[0] == "contact" and path[-1] != "name":
        probe["contact"]["name"] = "x"  # the e-mail alone is checked, not the name it needs
    try:
        KINDS[kind].model_validate(probe)
    except ValidationError as e:
        for err in e.errors(include_url=False, include_input=False):
            loc = tuple(str(p) for p in err["loc"])
            if loc[:len(path)] == path and err["type"] != "missing":
                where, hint = ".".join(loc), pattern_hint(err)
                message = pattern_message(err)
                if message is None:  # a pattern's hint says how; else pydantic's words
                    message = (f"'{value}' is not valid here" if hint
                               else err["msg"][:1].lower() + err["msg"][1:])
                raise UsageError(f"{where}: {message}", hint) from None


def failing_fields(text: str, problems: Sequence[Problem]) -> list[str]:
    """The top-level fields of a new record's `text` that `problems` are about, in order:
    what must be asked again when the final check refuses it."""
    lines = text.splitlines()
    found: list[str] = []
    for p in problems:
        if p.code == "missing-field" and "'" in p.message:
            name = p.message.split("'")[1].split(".")[0]
        else:
            name = ""
            for line in reversed(lines[:max(p.line, 1)]):
                if line[:1].isalpha() and ":" in line:
                    name = line.split(":", 1)[0]
                    break
        if name and name not in found:
            found.append(name)
    return found


def questions_for_fields(root: Path, kind: str, names: Iterable[str],
                         asked: Sequence[Question]) -> list[Question]:
    """Questions for `names`: those of the intake when it has them (contact gives its
    name and e-mail), else one built from the model (a YAML answer if nothing simpler)."""
    by_field = {q.field: q for q in asked}
    found = []
    for name in names:
        own = [q for q in asked if q.field.split(".")[0] == name]
        found += own or [by_field.get(name) or question_for(root, kind, name)]
    return found
