"""Editor help: every property of every schema says what it is, in a form every
validator accepts (Ajv's strict mode refuses keywords it does not know)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from innovatiebieb.model.models import KINDS
from innovatiebieb.model.schemas import schema_texts
from innovatiebieb.model.vocabulary import MEANINGS
from tests.helpers import missing_tool

# The keywords of JSON Schema 2020-12 (core, applicator, validation, format and
# meta-data vocabularies): what Ajv's strict mode knows without addKeyword.
KEYWORDS = set("""$schema $id $ref $defs $comment $anchor $dynamicRef $dynamicAnchor
    $vocabulary allOf anyOf oneOf not if then else dependentSchemas prefixItems items
    contains properties patternProperties additionalProperties propertyNames type enum
    const multipleOf maximum exclusiveMaximum minimum exclusiveMinimum maxLength minLength
    pattern maxItems minItems uniqueItems maxContains minContains maxProperties
    minProperties required dependentRequired format title description default deprecated
    readOnly writeOnly examples""".split())
SCHEMAS = {name: json.loads(text) for name, text in schema_texts().items()}


def _properties(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            if isinstance(prop, dict) and "type" not in prop and "$ref" not in prop \
                    and "anyOf" not in prop and "items" not in prop:
                continue  # a condition inside if/then, not a property's declaration
            yield f"{where}.{name}", prop
        for key, value in node.items():
            if key not in ("properties", "if", "then", "else"):
                yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _properties(item, f"{where}[{i}]")


def _keywords(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            if key in ("properties", "$defs", "patternProperties"):
                for sub in value.values():
                    yield from _keywords(sub)
            elif key not in ("enum", "const", "default", "examples", "required"):
                yield from _keywords(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keywords(item)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_property_has_a_description(name: str) -> None:
    missing = [where for where, prop in _properties(SCHEMAS[name], name)
               if not prop.get("description")]
    assert not missing, f"properties without a description: {missing}"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_no_title_is_a_field_name_made_readable(name: str) -> None:
    titles = [where for where, prop in _properties(SCHEMAS[name], name) if "title" in prop]
    assert not titles, titles


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_only_standard_keywords_so_ajv_strict_accepts_the_schema(name: str) -> None:
    assert set(_keywords(SCHEMAS[name])) - KEYWORDS == set()


def test_every_value_of_every_enum_is_described_in_dutch_terms() -> None:
    for enum, (summary, values) in MEANINGS.items():
        assert summary and set(values) == {v.value for v in enum}, enum.__name__
    described = [d for schema in SCHEMAS.values() for d in schema.get("$defs", {}).values()
                 if "enum" in d]
    assert described
    for definition in described:
        for value in definition["enum"]:
            assert f"{value}: " in definition["description"], (definition["title"], value)


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


def test_every_pattern_of_every_schema_has_its_own_hint() -> None:
    from innovatiebieb.store.loader import PATTERN_HINTS

    patterns = {p for schema in SCHEMAS.values() for p in _patterns(schema)}
    assert patterns <= set(PATTERN_HINTS), patterns - set(PATTERN_HINTS)
    assert len(set(PATTERN_HINTS.values())) == len(PATTERN_HINTS)  # one hint per field kind


def test_ajv_compiles_every_schema_in_strict_mode(tmp_path: Path) -> None:
    """The real Ajv (npm, into .venv/ajv by tests/site/install_browser.sh), strict."""
    repo = Path(__file__).resolve().parents[2]
    modules = Path(os.environ.get("BIEB_AJV_MODULES", repo / ".venv" / "ajv" / "node_modules"))
    if shutil.which("node") is None or not (modules / "ajv-formats").is_dir():
        missing_tool(f"Ajv strict needs node and {modules} (make test installs them)")
    files = []
    for name, text in schema_texts().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(str(tmp_path / name))
    result = subprocess.run(["node", str(repo / "tests" / "schema" / "ajv_strict.js"),
                             str(modules), *files], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _text_fields(schema: dict[str, Any]) -> list[str]:
    """The top-level properties that are text of more than blanks (the '\\S' pattern)."""
    from innovatiebieb.model.models import TEXT_PATTERN

    return [name for name, prop in schema["properties"].items()
            if any(branch.get("pattern") == TEXT_PATTERN and branch.get("type") == "string"
                   for branch in [prop, *prop.get("anyOf", [])])]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_blank_text_is_refused_in_words_in_every_text_field(kind: str, tmp_path: Path) -> None:
    """Not pydantic's "should match pattern '\\S'": users are told what is wrong."""
    from innovatiebieb.store.loader import load_record

    model = KINDS[kind]
    fields = _text_fields(SCHEMAS[f"{model.__name__.lower()}.schema.json"])
    assert fields, kind
    path = tmp_path / "record.yaml"
    path.write_text("".join(f'{name}: " \\u00a0\\u3000 "\n' for name in fields),
                    encoding="utf-8")
    _, problems = load_record(path, "record.yaml", model)
    said = {p.message: p.hint for p in problems}
    for name in fields:
        assert said.get(f"{name}: holds only spaces or other blank characters") \
            == "Write some text here; blanks alone are not text.", (name, said)
