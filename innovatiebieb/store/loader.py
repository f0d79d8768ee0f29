"""Load one registry file into its model; translate YAML and pydantic errors
into Problems pinned to the file, line and column of the offending node."""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from innovatiebieb.model.models import (
    EMAIL_PATTERN,
    PROGRAMME_ID_PATTERN,
    SLUG_PATTERN,
    TEXT_PATTERN,
    URL_PATTERN,
    VERSION_PATTERN,
    YEAR_MONTH_PATTERN,
    Record,
)
from innovatiebieb.model.problems import Problem
from innovatiebieb.model.vocabulary import RETIRED_VALUES
from innovatiebieb.store.yamlio import (
    Document,
    Where,
    locate,
    positions,
    read_document,
    read_text,
)

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
    VERSION_PATTERN: "Write a bieb version in quotes, e.g. '0.2' or '1.0.3'.",
}
# What a failed pattern means, where pydantic's "should match pattern '\\S'" would
# tell a user nothing (the patterns are in the models for the JSON Schemas).
PATTERN_MESSAGES = {
    TEXT_PATTERN: "holds only spaces or other blank characters",
}


def load_record(
    path: Path, display: str, model: type[Record]
) -> tuple[Record | None, list[Problem]]:
    """Read `path` and validate it as `model`; None and the problems if it fails."""
    return record_from_document(read_document(path), path, display, model)


def record_from_document(
    doc: Document, path: str | os.PathLike[str], display: str, model: type[Record]
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
        return None, schema_problems(e, Locator.of(path, doc), doc.data,
                                     display, model)


class Locator:
    """Line and column of locations in one parsed file.

    The parse found the root's and its keys' positions; a deeper location costs
    one second parse of the file, made once, on first need (never one per problem:
    a file with 60,000 problems is parsed twice, not 60,001 times).
    """

    def __init__(self, path: str | os.PathLike[str], where: Where, text: str = "") -> None:
        self.path, self.where, self.text = path, where, text
        self._full = False
        self._asked = False  # a key alone was looked for (see __call__)
        self._doc: Document | None = None

    @classmethod
    def of(cls, path: str | os.PathLike[str], doc: Document) -> Locator:
        """The locations in a parsed document, whose positions are asked for only when
        a problem is located (after the fast read, finding them costs a scan)."""
        locator = cls(path, {}, doc.text)
        locator._doc = doc
        return locator

    def __call__(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        # The first location one level deep is found from its key's line alone (a
        # warning a file, 10,000 files); from the second on, every key's at once: the
        # key alone scans the whole text each time (16,000 problems in one file: 160 s).
        if self._doc is not None and len(loc) == 1 and not self._asked:
            self._asked = True
            if (found := self._doc.root_key(loc[0])) is not None:
                return found[0] if key else found[1]
        if self._doc is not None:
            self.where, self._doc = self._doc.where, None
        if not self._full and (not self.where or (len(loc) > 1 and loc[:1] in self.where)):
            self.where = positions(self.text or read_text(self.path))
            self._full = True
        return locate(self.where, loc, key=key)


def locate_in_file(path: Path, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """Line and column of `loc` in a file that loaded before (parsed again: for one
    problem; use a Locator for many)."""
    return Locator(path, {})(loc, key=key)


def schema_problems(error: ValidationError, where_is: Locator, data: Any, display: str,
                    model: type[Record]) -> list[Problem]:
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        where = ".".join(str(p) for p in loc)
        hint: str | None
        if kind == "extra_forbidden":
            line, col = where_is(loc, key=True)
            message = f"unknown field '{loc[-1]}'"
            hint = _closest_field(loc, data, model)
            code = "unknown-field"
        elif kind == "missing":
            # Where the editor (yaml-language-server) says it too: at the key that holds
            # the mapping lacking the field; at the mapping when no key holds it (the
            # file itself, a list item).
            parent = loc[:-1]
            line, col = where_is(parent, key=bool(parent) and isinstance(parent[-1], str))
            message = f"missing required field '{where}'"
            hint, code = _missing_hint(model, loc), "missing-field"
        elif kind == "enum" and _value_at(data, loc) in RETIRED_VALUES:
            # A word bieb once used: say what it became, not just the list of choices.
            line, col = where_is(loc)
            message = f"{where}: '{_value_at(data, loc)}' is no longer used"
            hint, code = RETIRED_VALUES[str(_value_at(data, loc))], "retired-value"
        elif kind == "int_type" and isinstance(err.get("input"), float):
            line, col = where_is(loc)
            message = f"{where}: {err['input']!r} is not a whole number as written"
            hint = f"Write it without a decimal point: {int(err['input'])}." \
                if float(err["input"]).is_integer() else "Write a whole number."
            code = "float-for-integer"
        else:
            line, col = where_is(loc)
            message = pattern_message(err) or err["msg"]
            message = f"{where}: {_lower_first(message)}" if where else message
            hint = _HINTS.get(kind) or pattern_hint(err)
            code = "schema"
        problems.append(Problem(display, line, col, code, message, hint))
    return problems


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    """The value at `loc` in the parsed document (None if the path is not there)."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data if isinstance(data, str) else None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _pattern(err: Any) -> str:
    if err.get("type") != "string_pattern_mismatch":
        return ""
    return str((err.get("ctx") or {}).get("pattern", ""))


def pattern_hint(err: Any) -> str | None:
    """How to write a value that failed one of the models' patterns (None: no hint)."""
    return PATTERN_HINTS.get(_pattern(err))


def pattern_message(err: Any) -> str | None:
    """What a failed pattern means, said instead of pydantic's message that shows the
    pattern itself (None: no plainer message)."""
    return PATTERN_MESSAGES.get(_pattern(err))


def _closest_field(loc: tuple[Any, ...], data: Any, model: type[Record]) -> str:
    fields = _fields_at(model, loc[:-1])
    if not fields:
        return "Remove the field."
    close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
    if close:
        return f"Did you mean '{close[0]}'? Otherwise remove the field."
    return "Remove the field; allowed here: " + ", ".join(sorted(fields)) + "."


def _missing_hint(model: type[Record], loc: tuple[Any, ...]) -> str:
    """'Add the field: <what the model says it is>.' (the model's description)."""
    current: Any = model
    for step in loc[:-1]:
        if not isinstance(step, int):
            info = getattr(current, "model_fields", {}).get(step)
            current = _inner_model(info.annotation) if info is not None else None
    info = getattr(current, "model_fields", {}).get(loc[-1]) if loc else None
    if info is None or not info.description:
        return _HINTS["missing"]
    return f"Add the field: {info.description.rstrip('.')}."


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
