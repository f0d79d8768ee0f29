"""One verdict: bieb and a JSON Schema validator agree on every file of a mutated corpus.

Each full sample in tests/agreement/ (every field of its kind) is mutated at
every path: the value removed, replaced by each of many YAML values, an
unknown key added. bieb checks each file on its own (`check_file`: YAML, model
and single-file rules) and check-jsonschema checks it against schemas/, as an
editor or another CI would. Where they disagree, bieb must be the stricter one
and only by a rule on the documented list (STRICTER_THAN_SCHEMA, which every
schema's description repeats). The schema must never refuse what bieb accepts.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from innovatiebieb.check.validate import check_file
from innovatiebieb.model.models import KINDS, Record, RegistryInfo
from innovatiebieb.model.problems import Severity
from innovatiebieb.model.schemas import STRICTER_THAN_SCHEMA
from innovatiebieb.store.yamlio import parse_text
from tests.helpers import missing_tool

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "tests" / "agreement"
CORPUS = REPO / "tests" / "corpus"
MODELS: dict[str, type[Record]] = {
    "registry": RegistryInfo, **{m.__name__.lower(): m for m in KINDS.values()}}

# YAML values put in place of each value of a sample, written as they appear in a file.
VALUES = [
    '""', '" "', '"x"', '"Een tekst"', "0", "3", "-1", "6", "1000.0", "1e3", "2021", "2101",
    "true", "null", "[]", "[a, a]", "[kb]", "{}", "2021-05-01", '"2021-05-01"', "2021-02-30",
    "2021-5-1", "0123", '"0123"', "0x1F", ".inf", '"https://www.kb.nl"', '"www.kb.nl"',
    '"mailto:a@kb.nl"', '"a@kb.nl"', '"Geen Id"', "landelijk", "gestopt", "idee",
    '"2019"', '"2019-13"', '{start: "2020", end: "2019"}', '{start: "2019", end: "2019-01"}',
]
_HOLE = "@@value@@"


def _paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*path, i))


def _with(data: Any, path: tuple[Any, ...], value: Any, *, remove: bool = False) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(data))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    if remove:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return copy


def _text(data: Any, value: str = "") -> str:
    """Flow YAML (JSON is YAML 1.2) with one raw YAML value in place of the hole."""
    return json.dumps(data, ensure_ascii=False).replace(f'"{_HOLE}"', value) + "\n"


def mutations(kind: str) -> Iterator[str]:
    sample = (SAMPLES / f"{kind}.yaml").read_text(encoding="utf-8")
    data = parse_text(sample).data
    yield sample
    properties = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text())["properties"]
    absent = [(name,) for name in properties if name not in data]
    for path in [*_paths(data), *absent]:
        if path and path not in absent:
            yield _text(_with(data, path, None, remove=True))
        for value in VALUES:
            yield _text(_with(data, path, _HOLE), value)
    for path in _paths(data):
        node = data
        for step in path:
            node = node[step]
        if isinstance(node, dict):
            for key in ("from_", "extra"):
                yield _text(_with(data, (*path, key), "x"))


def _schema_refusals(kind: str, files: list[Path]) -> set[str]:
    """The files check-jsonschema (the real command) refuses."""
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if exe is None:
        missing_tool("check-jsonschema is not installed (make test installs it)")
    result = subprocess.run(
        [exe, "-o", "json", "--schemafile", str(REPO / "schemas" / f"{kind}.schema.json"),
         *map(str, files)], capture_output=True, text=True, check=False)
    report = json.loads(result.stdout)
    return {e["filename"] for e in (*report.get("errors", []), *report.get("parse_errors", []))}


def _schema_refusals_in_process(kind: str, files: list[Path]) -> set[str]:
    """The same verdicts without a process per batch: check-jsonschema's own YAML reading
    and the jsonschema library it runs (thousands of files take minutes through the CLI)."""
    yaml = pytest.importorskip("check_jsonschema.parsers.yaml")
    import jsonschema

    load = yaml.impl2loader(yaml.construct_yaml_implementation(),
                            yaml.construct_yaml_implementation(pure=True))
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    refused = set()
    for path in files:
        try:
            with path.open("rb") as f:
                data = load(f)
        except yaml.ParseError:
            refused.add(str(path))
            continue
        if not validator.is_valid(data):
            refused.add(str(path))
    return refused


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_bieb_and_the_json_schema_agree_on_every_mutated_file(kind: str,
                                                             tmp_path: Path) -> None:
    files = []
    for n, text in enumerate(dict.fromkeys(mutations(kind))):
        path = tmp_path / f"{n:05}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    if kind == "project":  # and the bad files of the corpus, each as a project
        # billion-laughs is left out: bieb refuses its first anchor, while a JSON Schema
        # tool expands the aliases and takes minutes (bieb's point, not a disagreement).
        for bad in sorted(set(CORPUS.glob("*.yaml")) - {CORPUS / "billion-laughs.yaml"}):
            files.append(Path(shutil.copy(bad, tmp_path / bad.name)))
    refused_by_schema = _schema_refusals_in_process(kind, files)
    # The shortcut gives the real command's verdicts: checked on a sample of the files.
    sample = files[::20]
    assert {str(f) for f in sample} & refused_by_schema == _schema_refusals(kind, sample)
    disagreements, refused_by_both = [], 0
    for path in files:
        errors = [p for p in check_file(path, path.name, MODELS[kind])
                  if p.severity is Severity.ERROR]
        schema_refuses = str(path) in refused_by_schema
        refused_by_both += bool(errors) and schema_refuses
        undocumented = {p.code for p in errors} - set(STRICTER_THAN_SCHEMA)
        if schema_refuses and not errors:
            disagreements.append(f"{path.name}: the schema refuses what bieb accepts")
        elif errors and not schema_refuses and undocumented:
            disagreements.append(f"{path.name}: bieb refuses ({', '.join(sorted(undocumented))})"
                                 " what the schema accepts")
    shown = "\n".join(f"{d}\n  {(tmp_path / d.split(':')[0]).read_text()[:600]}"
                      for d in disagreements[:20])
    assert not disagreements, f"{len(disagreements)} disagreements:\n{shown}"
    # Not a vacuous pass: many files, and both tools refuse most mutations.
    assert len(files) > 200 and refused_by_both > len(files) // 3


def _verdicts(kind: str, text: str, tmp_path: Path) -> tuple[bool, bool]:
    path = tmp_path / "one.yaml"
    path.write_text(text, encoding="utf-8")
    bieb_ok = not [p for p in check_file(path, "one.yaml", MODELS[kind])
                   if p.severity is Severity.ERROR]
    return bieb_ok, str(path) not in _schema_refusals(kind, [path])


@pytest.mark.parametrize(("change", "accepted"), [
    ("from: idee", True),
    ("from_: idee", False),  # the Python name of the field: refused by both, as by the editor
])
def test_history_from_is_spelled_as_in_the_schema(change: str, accepted: bool,
                                                  tmp_path: Path) -> None:
    text = (SAMPLES / "project.yaml").read_text(encoding="utf-8").replace("from: idee", change)
    assert _verdicts("project", text, tmp_path) == (accepted, accepted)


@pytest.mark.parametrize("created", ["2021-01-15", '"2021-01-15"', "'2021-01-15'"])
def test_a_date_quoted_or_not_is_accepted_by_both(created: str, tmp_path: Path) -> None:
    text = (SAMPLES / "project.yaml").read_text(encoding="utf-8").replace(
        "created: 2021-01-15", f"created: {created}")
    assert _verdicts("project", text, tmp_path) == (True, True)


def test_the_documented_rules_are_in_every_schema_description() -> None:
    for name in MODELS:
        schema = json.loads((REPO / "schemas" / f"{name}.schema.json").read_text())
        for rule in STRICTER_THAN_SCHEMA.values():
            assert rule in schema["description"], (name, rule)
