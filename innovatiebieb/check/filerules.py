"""The rules one file can break that its model's field types do not hold.

Some are in the JSON Schema too (a landelijk fieldlab has no region); the
others are listed in `model.schemas.STRICTER_THAN_SCHEMA`, which every
schema's description repeats, so an editor user knows where bieb says more.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

from innovatiebieb.model.models import (
    Fieldlab,
    FieldlabScope,
    Period,
    Programme,
    Record,
    RegistryInfo,
)

Loc = tuple[str | int, ...]
# (location, code, message, hint)
Rule = tuple[Loc, str, str, str]


def file_rules(record: Record) -> Iterator[Rule]:
    """Every rule within one record, whatever its kind."""
    yield from _periods(record)
    if isinstance(record, RegistryInfo):
        for name in ("opgaven", "prioriteiten", "provinces"):
            yield from _unique_ids(name, getattr(record, name))
    if isinstance(record, Programme):
        yield from _unique_ids("targets", record.targets)
    if isinstance(record, Fieldlab) and record.scope is FieldlabScope.LANDELIJK \
            and record.region is not None:
        yield (("region",), "landelijk-with-region",
               f"a landelijk fieldlab has no region, but region is '{record.region}'",
               "Remove region, or set scope: regionaal.")


def _periods(record: Record, loc: Loc = ()) -> Iterator[Rule]:
    if isinstance(record, Period):
        if record.end is not None and _last_month(record.end) < _first_month(record.start):
            yield ((*loc, "end"), "period-order",
                   f"the period ends ({record.end}) before it starts ({record.start})",
                   "Swap start and end, or correct the year.")
        return
    for name, key in _period_fields(type(record)):
        value = getattr(record, name)
        if isinstance(value, Record):
            yield from _periods(value, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Record):
                    yield from _periods(item, (*loc, key, i))


@functools.cache
def _period_fields(model: type[Record]) -> tuple[tuple[str, str], ...]:
    """(name, key) of the fields of `model` that may hold a Period, at any depth:
    found once per model (walking every field of every record was a sixth of a cold
    validate, and a project holds no period)."""
    return tuple((name, info.alias or name) for name, info in model.model_fields.items()
                 if any(_may_hold_period(m, frozenset()) for m in records_in(info.annotation)))


def records_in(annotation: Any) -> Iterator[type[Record]]:
    """The record models an annotation names (`Contact | None`, `list[Funding]`)."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from records_in(arg)


def _may_hold_period(model: type[Record], seen: frozenset[type[Record]]) -> bool:
    if issubclass(model, Period) or model is Record:  # Record: any record, so maybe one
        return True
    seen = seen | {model}
    return any(_may_hold_period(inner, seen) for info in model.model_fields.values()
               for inner in records_in(info.annotation) if inner not in seen)


def _first_month(value: str) -> str:
    return value if len(value) > 4 else f"{value}-01"


def _last_month(value: str) -> str:
    return value if len(value) > 4 else f"{value}-12"


def _unique_ids(name: str, items: Sequence[object]) -> Iterator[Rule]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        item_id = getattr(item, "id", "")
        if item_id in seen:
            yield ((name, i, "id"), "duplicate-id",
                   f"id '{item_id}' appears more than once in {name}",
                   "Give each entry its own id, or merge the two entries.")
        seen.add(item_id)
