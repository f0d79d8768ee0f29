"""JSON Schema documents generated from the models, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path

from innovatiebieb.model.errors import BiebError, UsageError
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
