"""FIELD=VALUE never changes a value silently: it is stored exactly, or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from innovatiebieb.store.yamlio import parse_text
from tests.helpers import repo_state, run_bieb

TEXTS = [
    "Dit is plan #2",
    "#1 Bibliotheek Venlo",
    "# alleen commentaar",
    "regel 1\nregel 2",
    "regel 1\n\n# geen commentaar\nregel 4\n",
    "  ingesprongen\n  tweede regel",
    ": begint met een dubbelepunt",
    "a: b",
    "- geen lijst",
    "[geen lijst] # echt niet",
    "'half quoted",
    "Bieb & co | 50% {x}",
    "ëén — “quotes” 🙂",
    "trailing spaces   ",
]


def _read(path: Path) -> dict:  # type: ignore[type-arg]
    data = parse_text(path.read_text(encoding="utf-8")).data
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("value", TEXTS)
def test_text_values_are_stored_exactly(git_registry: Path, value: str) -> None:
    path = git_registry / "projects" / "impact-cockpit.yaml"
    result = run_bieb("project", "set", "impact-cockpit", f"proeftuin={value}",
                      f"summary={value}", "--registry", str(git_registry))
    assert result.returncode == 0, result.stderr
    data = _read(path)
    assert data["proeftuin"] == value and data["summary"] == value
    assert run_bieb("validate", "--registry", str(git_registry)).returncode == 0


@pytest.mark.parametrize(("value", "expected"), [
    ("[werkplaats, effectmeting]", ["werkplaats", "effectmeting"]),
    ('"Plan #2"', "Plan #2"),
    ("2021-03-01", "2021-03-01"),
])
def test_yaml_values_are_read_as_yaml_when_yaml_reads_all_of_them(
        git_registry: Path, value: str, expected: object) -> None:
    field = "themes" if value.startswith("[") else "created" if value[0] == "2" else "proeftuin"
    result = run_bieb("project", "set", "impact-cockpit", f"{field}={value}",
                      "--registry", str(git_registry))
    assert result.returncode == 0, result.stderr
    found = _read(git_registry / "projects" / "impact-cockpit.yaml")[field]
    assert (str(found) if field == "created" else found) == expected


def test_a_value_of_the_wrong_type_is_refused_not_guessed(git_registry: Path) -> None:
    before = repo_state(git_registry.parent)
    result = run_bieb("project", "set", "impact-cockpit", "summary=true",
                      "--registry", str(git_registry))
    assert result.returncode == 1 and "summary" in result.stderr
    assert repo_state(git_registry.parent) == before


def test_new_records_take_values_the_same_way(git_registry: Path) -> None:
    result = run_bieb("org", "add", "bieb-nummer-1", "name=Bieb #1", "kind=bibliotheek",
                      "--registry", str(git_registry))
    assert result.returncode == 0, result.stderr
    assert _read(git_registry / "organisations" / "bieb-nummer-1.yaml")["name"] == "Bieb #1"
