"""JSON Schema documents generated from the models, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path

from innovatiebieb.model.models import KINDS, Record, RegistryInfo

DIALECT = "https://json-schema.org/draft/2020-12/schema"

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
        texts[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


def stale_schemas(folder: Path) -> list[str]:
    """Names of the schema files in `folder` that are missing or differ from the models."""
    stale = []
    for name, text in schema_texts().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
