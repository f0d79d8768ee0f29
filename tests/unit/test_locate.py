"""Problems are located from positions found once per file, however many a file has."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from innovatiebieb.check.remembered import check_registry
from innovatiebieb.check.validate import validate_registry
from innovatiebieb.model.problems import Problem
from innovatiebieb.store import fastyaml, loader
from innovatiebieb.store.yamlio import locate, positions

MANY = 3000


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the second parses made to locate problems (yamlio.positions)."""
    calls: list[int] = []
    real = loader.positions

    def counting(text: str):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(text)

    monkeypatch.setattr(loader, "positions", counting)
    return calls


@pytest.mark.parametrize("check", [lambda r: validate_registry(r).problems,
                                   lambda r: check_registry(r).problems],
                         ids=["whole registry", "per file, remembered"])
def test_thousands_of_findings_in_one_file_cost_one_second_parse(
        registry: Path, parses: list[int], check: Callable[[Path], list[Problem]]) -> None:
    path = registry / "projects" / "leesleen-app-po.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    first = len(lines) + 2  # the line of the first participant below
    text += "participants:\n" + "".join(f"  - onbekend-{i}\n" for i in range(MANY))
    path.write_text(text, encoding="utf-8")

    found = [p for p in check(registry)
             if p.path.endswith("leesleen-app-po.yaml") and p.code == "unknown-reference"]

    assert len(found) == MANY
    assert [(p.line, p.col) for p in found] == [(first + i, 5) for i in range(MANY)]
    assert len(parses) == 1


def test_top_level_findings_need_no_second_parse(registry: Path, parses: list[int]) -> None:
    """A warning on every project (no contact e-mail) is located from the first parse."""
    problems = validate_registry(registry).problems
    warned = [p for p in problems if p.code == "no-contact-email"]
    assert warned
    for p in warned:  # no contact: the record as a whole, where a full parse puts it
        assert (p.line, p.col) == locate(positions(Path(p.path).read_text()), ("contact",))
    owner = registry / "projects" / "leesleen-app-po.yaml"
    owner.write_text(owner.read_text(encoding="utf-8") + "owner: onbekend\n", encoding="utf-8")
    problem = next(p for p in validate_registry(registry).problems
                   if p.code == "unknown-reference")
    assert (problem.line, problem.col) == (len(owner.read_text().splitlines()), 8)
    assert parses == []


@pytest.mark.parametrize("check", [lambda r: validate_registry(r).problems,
                                   lambda r: check_registry(r).problems],
                         ids=["whole registry", "per file, remembered"])
def test_thousands_of_unknown_fields_in_one_file_scan_its_key_lines_twice_at_most(
        registry: Path, monkeypatch: pytest.MonkeyPatch,
        check: Callable[[Path], list[Problem]]) -> None:
    """The first root field is found from its key's line alone; the others from every
    key's position, found once (each alone would scan the whole file each time)."""
    scans: list[str] = []  # of this file's text
    for name in ("root_key", "where"):
        real = getattr(fastyaml, name)
        monkeypatch.setattr(fastyaml, name, lambda text, *a, _n=name, _r=real: (
            scans.append(_n) if "extra0:" in text else None, _r(text, *a))[1])
    path = registry / "projects" / "leesleen-app-po.yaml"
    text = path.read_text(encoding="utf-8")
    first = len(text.splitlines()) + 1
    path.write_text(text + "".join(f"extra{i}: {i}\n" for i in range(MANY)),
                    encoding="utf-8")

    found = [p for p in check(registry)
             if p.path.endswith("leesleen-app-po.yaml") and p.code == "unknown-field"]

    assert [(p.line, p.col) for p in found] == [(first + i, 1) for i in range(MANY)]
    assert scans.count("root_key") <= 1 and scans.count("where") == 1
