"""Reading the fields of a new record from a YAML file (`--from-file`).

Apart from `records` so that `bieb idea add` can read them before it loads
the models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from innovatiebieb.model.errors import UsageError
from innovatiebieb.store.yamlio import parse_text


def read_fields_file(path: Path) -> dict[str, Any]:
    """The fields of a record from a YAML file given with --from-file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror}") from e
    doc = parse_text(text)
    if not doc.ok:
        f = doc.findings[0]
        raise UsageError(f"{path}:{f.line}:{f.col}: {f.message}", f.hint)
    if not isinstance(doc.data, dict):
        raise UsageError(f"{path} must hold a mapping of fields", "Write 'key: value' lines.")
    return doc.data
