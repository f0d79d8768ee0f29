"""Load one registry file into its model; translate YAML and pydantic errors
into Problems pinned to the file, line and column of the offending node."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from innovatiebieb.model.models import (
    EMAIL_PATTERN,
    PROGRAMME_ID_PATTERN,
    SLUG_PATTERN,
    TEXT_PATTERN,
    URL_PATTERN,
    YEAR_MONTH_PATTERN,
    Record,
)
from innovatiebieb.model.problems import Problem
from innovatiebieb.store.yamlio import Document, locate, positions, read_document

# Hints per pydantic error type: say how to write it right.
_HINTS = {
    "date_type": "Write a date as YYYY-MM-DD, e.g. 2021-05-01.",
    "date_from_datetime_parsing": "Write a date as YYYY-MM-DD, e.g. 2021-05-01.",
    "bool_type": "Write true or false (not yes/no, not quoted).",
    "int_type": "Write a whole number without quotes or leading zeros.",
    "string_type": "Put the value in quotes to make it text.",
    "list_type": "Write a list: one '- item' per line.",
    "model_type": "Write a mapping of 'key: value' lines here.",
    "dict_type": "Write a mapping of 'key: value' lines here.",
    "too_short": "Add at least one item.",
    "missing": "Add the field.",
}

# Hints per pattern of the models, matched exactly: one field kind, one hint (a
# URL's pattern holds an '@' too, and must not be told to be an e-mail address).
PATTERN_HINTS = {
    SLUG_PATTERN: "Ids are lowercase letters, digits and single hyphens, e.g. 'leesleen-app-po'.",
    EMAIL_PATTERN: "Write an e-mail address like 'naam@bibliotheek.nl'.",
    URL_PATTERN: "Write a web address starting with https:// or http://, or mailto:naam@...",
    YEAR_MONTH_PATTERN: "Write a year (2019) or a month (2019-05), in quotes.",
    PROGRAMME_ID_PATTERN: 'Write the programme\'s year in quotes, e.g. "2021".',
    TEXT_PATTERN: "Write some text here; blanks alone are not text.",
}


def load_record(
    path: Path, display: str, model: type[Record]
) -> tuple[Record | None, list[Problem]]:
    """Read `path` and validate it as `model`; None and the problems if it fails."""
    return record_from_document(read_document(path), path, display, model)


def record_from_document(
    doc: Document, path: Path, display: str, model: type[Record]
) -> tuple[Record | None, list[Problem]]:
    """Validate a parsed document as `model`; None and the problems if it fails."""
    if not doc.ok:
        return None, [Problem(display, f.line, f.col, f.code, f.message, f.hint)
                      for f in doc.findings]
    if not isinstance(doc.data, dict):
        return None, [Problem(display, 1, 1, "not-a-mapping",
                              "the file must hold a mapping of fields",
                              "Write the record as 'key: value' lines.")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as e:
        text = doc.text or read_document(path).text  # documents from workers carry no text
        return None, schema_problems(e, text, doc.data, display, model)


def locate_in_file(path: Path, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """Line and column of `loc` in a file that loaded before (re-parsed: errors are rare)."""
    return locate(positions(read_document(path).text), loc, key=key)


def schema_problems(error: ValidationError, text: str, data: Any, display: str,
                    model: type[Record]) -> list[Problem]:
    problems = []
    where_is = positions(text)
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        where = ".".join(str(p) for p in loc)
        hint: str | None
        if kind == "extra_forbidden":
            line, col = locate(where_is, loc, key=True)
            message = f"unknown field '{loc[-1]}'"
            hint = _closest_field(loc, data, model)
            code = "unknown-field"
        elif kind == "missing":
            line, col = locate(where_is, loc[:-1])
            message = f"missing required field '{where}'"
            hint, code = _HINTS["missing"], "missing-field"
        elif kind == "int_type" and isinstance(err.get("input"), float):
            line, col = locate(where_is, loc)
            message = f"{where}: {err['input']!r} is not a whole number as written"
            hint = f"Write it without a decimal point: {int(err['input'])}." \
                if float(err["input"]).is_integer() else "Write a whole number."
            code = "float-for-integer"
        else:
            line, col = locate(where_is, loc)
            message = f"{where}: {_lower_first(err['msg'])}" if where else err["msg"]
            hint = _HINTS.get(kind) or _pattern_hint(err)
            code = "schema"
        problems.append(Problem(display, line, col, code, message, hint))
    return problems


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _pattern_hint(err: Any) -> str | None:
    return PATTERN_HINTS.get((err.get("ctx") or {}).get("pattern", ""))


def _closest_field(loc: tuple[Any, ...], data: Any, model: type[Record]) -> str:
    fields = _fields_at(model, loc[:-1])
    if not fields:
        return "Remove the field."
    close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
    if close:
        return f"Did you mean '{close[0]}'? Otherwise remove the field."
    return "Remove the field; allowed here: " + ", ".join(sorted(fields)) + "."


def _fields_at(model: type[Record], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at a (model-level) location, by alias."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        info = getattr(current, "model_fields", {}).get(step) or next(
            (f for f in getattr(current, "model_fields", {}).values() if f.alias == step), None)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return [f.alias or name for name, f in getattr(current, "model_fields", {}).items()]


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        if (found := _inner_model(arg)) is not None:
            return found
    return None
