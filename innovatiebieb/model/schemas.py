"""JSON Schema documents generated from the models, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from innovatiebieb.model.errors import BiebError, UsageError
from innovatiebieb.model.models import KINDS, REF_KEY, Record, RegistryInfo
from innovatiebieb.model.vocabulary import MEANINGS, meaning

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The rules bieb checks in a single file that JSON Schema cannot say, by problem
# code. Every schema's description lists them, and the differential test
# (tests/unit/test_schema_agreement.py) allows exactly these disagreements.
STRICTER_THAN_SCHEMA: dict[str, str] = {
    "period-order": "a period's end is not before its start",
    "history-order": "a project's history is in date order",
    "history-chain": "each history entry starts from the phase the one before ended in",
    "history-step": "'door' moves one phase forward; the other decisions stay in the phase",
    "history-phase": "a project's phase is where its history ends",
    "gate": "a project in a phase has what that phase's gates ask (triage, goal, results...)",
    "duplicate-id": "the ids of a taxonomy in registry.yaml, and of a programme's targets, "
                    "are unique",
    "ambiguous-number": "no number with a leading zero (0123), 0o, 0x, .inf or .nan, "
                        "which YAML readers disagree on: quote it if it is text",
    "float-for-integer": "whole numbers are written without a decimal point (1000, not 1000.0)",
    "duplicate-key": "a key appears once in a mapping",
    "yaml-anchor": "no anchors (&a) or aliases (*a)",
    "yaml-alias": "no anchors (&a) or aliases (*a)",
    "yaml-tag": "no YAML tags (!!python/...)",
    "yaml-directive": "no %YAML or %TAG directives",
    "yaml-key": "keys are plain words",
    "multiple-documents": "one YAML document per file",
    "too-deep": "nesting is at most 32 levels deep",
    "tab": "indentation is spaces, never tabs",
    "control-character": "no invisible or direction-changing characters",
    "merge-conflict": "no merge-conflict markers",
    "encoding": "files are UTF-8",
    "file-too-large": "a file is at most 1 MiB",
    "symlink": "a file is a regular file, not a symbolic link",
}

# Where a reference points, said in words: the editor shows it.
_TARGETS = {"organisation": "registry/organisations/<id>.yaml",
            "themagroep": "registry/themagroepen/<id>.yaml",
            "fieldlab": "registry/fieldlabs/<id>.yaml",
            "region": "registry/regions/<id>.yaml",
            "project": "registry/projects/<id>.yaml",
            "opgave": "an opgave in registry.yaml",
            "prioriteit": "a prioriteit in registry.yaml",
            "province": "a province in registry.yaml"}

# File name in schemas/ -> model: one per record kind, named after one record.
SCHEMA_FILES: dict[str, type[Record]] = {
    "registry.schema.json": RegistryInfo,
    **{f"{model.__name__.lower()}.schema.json": model for model in KINDS.values()},
}


def schema_texts() -> dict[str, str]:
    """Every schema file's exact text, as `bieb schema export` writes it."""
    texts = {}
    for name, model in SCHEMA_FILES.items():
        schema = {"$schema": DIALECT, **model.model_json_schema(by_alias=True, mode="validation")}
        texts[name] = json.dumps(published(schema), indent=2, ensure_ascii=False) + "\n"
    return texts


def published(schema: dict[str, Any]) -> dict[str, Any]:
    """The generated schema as editors and other validators should see it."""
    schema["description"] = (schema.get("description", "").strip() + " " + _stricter()).strip()
    enums = {e.__name__: e for e in MEANINGS}
    for name, definition in schema.get("$defs", {}).items():
        if name in enums:
            definition["description"] = meaning(enums[name])
    _walk(schema)
    return schema


def open_data_schema(model: type[Record], file: str, description: str,
                     computed: dict[str, Any] | None = None) -> str:
    """The schema of one open-data file: a JSON array of `model`'s records, each as the
    registry holds it, plus the fields bieb computes (`computed`: name -> schema)."""
    record = published({"$schema": DIALECT,
                        **model.model_json_schema(by_alias=True, mode="validation")})
    defs = record.pop("$defs", {})
    record.pop("$schema")
    record["properties"].update(computed or {})
    schema: dict[str, Any] = {"$schema": DIALECT, "title": file, "description": description,
                              "type": "array", "items": record}
    if defs:
        schema["$defs"] = defs
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _stricter() -> str:
    rules = sorted(set(STRICTER_THAN_SCHEMA.values()))
    return ("bieb validate also checks what a JSON Schema cannot say: " + "; ".join(rules)
            + "; and the rules between files (references, history, gates).")


def _walk(node: Any) -> None:
    """Drop pydantic's titles ('Amount Eur') and say a reference's target in words: an
    unknown keyword such as x-bieb-ref fails Ajv's strict mode."""
    if isinstance(node, list):
        for item in node:
            _walk(item)
        return
    if not isinstance(node, dict):
        return
    target = node.pop(REF_KEY, None)
    if target is not None:
        node["description"] = f"{node.get('description', '').rstrip('.')}: the id of " \
                              f"{_TARGETS[target]}.".lstrip(": ")
    for key, value in node.items():
        if key == "properties":
            for prop in value.values():
                prop.pop("title", None)
                _walk(prop)
        else:
            _walk(value)


def stale_schemas(folder: Path) -> list[str]:
    """Names of the schema files in `folder` that are missing or differ from the models."""
    stale = []
    for name, text in schema_texts().items():
        path = folder / name
        try:
            same = path.is_file() and path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            stale.append(name)
    return stale


def write_schemas(folder: Path) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {folder} exists and is not a folder",
                         "Give a folder: the schemas are one file per record kind.")
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in schema_texts().items():
            path = folder / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as e:
        raise BiebError(f"cannot write the schemas in {folder}: {e.strerror}",
                        "Check that the folder is writable.") from e
    return written
