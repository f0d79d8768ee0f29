"""The rules that walk a record (references, periods) visit only the fields that may
hold what they look for; they find what a walk through every field finds."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from innovatiebieb.check.filerules import file_rules
from innovatiebieb.check.registry import load_registry
from innovatiebieb.check.validate import references
from innovatiebieb.model.models import REF_KEY, Period, Record

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402


def _every_reference(record: Record, loc: tuple[Any, ...] = ()) -> Iterator[Any]:
    for name, info in type(record).model_fields.items():
        key, value = info.alias or name, getattr(record, name)
        extra = info.json_schema_extra
        target = extra.get(REF_KEY) if isinstance(extra, dict) else None
        if isinstance(target, str) and isinstance(value, str):
            yield (*loc, key), target, value
        elif isinstance(target, str) and isinstance(value, list):
            yield from (((*loc, key, i), target, v) for i, v in enumerate(value))
        elif isinstance(value, Record):
            yield from _every_reference(value, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Record):
                    yield from _every_reference(item, (*loc, key, i))


def _every_period(record: Record, loc: tuple[Any, ...] = ()) -> Iterator[Any]:
    if isinstance(record, Period):
        yield loc, record
        return
    for name, info in type(record).model_fields.items():
        key, value = info.alias or name, getattr(record, name)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            if isinstance(item, Record):
                yield from _every_period(item, (*loc, key) if i is None else (*loc, key, i))


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[Record]:
    registry = generate(40, tmp_path_factory.mktemp("walks") / "r", "full")
    (registry / "regions" / "backwards.yaml").write_text(
        "id: backwards\nname: Achteruit\nperiod: {start: '2020', end: '2019'}\n"
        "regiogidsen:\n  - name: Ans\n    period: {start: '2019-05', end: '2019-04'}\n"
        "  - name: Bas\n    period: {start: '2019', end: '2019-04'}\n", encoding="utf-8")
    with (registry / "bodies" / "innovatieraad.yaml").open("a", encoding="utf-8") as f:
        f.write("members:\n  - name: Cas\n    period: {start: '2022', end: '2021-12'}\n")
    loaded, _ = load_registry(registry)
    found: list[Record] = [r for kind in loaded.records.values() for r in kind.values()]
    assert loaded.info is not None
    return [*found, loaded.info]


def test_references_are_those_of_every_field(records: list[Record]) -> None:
    for record in records:
        assert list(references(record)) == list(_every_reference(record))


def test_periods_are_checked_wherever_they_are(records: list[Record]) -> None:
    assert sum(1 for r in records for rule in file_rules(r) if rule[1] == "period-order") == 3
    for record in records:
        backwards = [(*loc, "end") for loc, period in _every_period(record)
                     if period.end is not None
                     and (period.end + "-12")[:7] < (period.start + "-01")[:7]]
        flagged = [rule[0] for rule in file_rules(record) if rule[1] == "period-order"]
        assert flagged == backwards
