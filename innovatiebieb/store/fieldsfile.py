"""Reading the fields of a new record from a YAML file (`--from-file`).

Apart from `records` so that `bieb idea add` can read them before it loads
the models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from innovatiebieb.model.errors import UsageError
from innovatiebieb.store.yamlio import FileRefused, parse_bytes, read_limited


def read_fields_file(path: Path) -> dict[str, Any]:
    """The fields of a record from a YAML file given with --from-file: a regular file
    of at most 1 MiB in UTF-8, with every rule of a registry file."""
    try:
        raw = read_limited(path)
    except FileRefused as e:
        raise UsageError(f"{path} {e.message}", e.hint) from e
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror}") from e
    doc = parse_bytes(raw)  # the encoding too: Latin-1 or UTF-16 is a finding, not a crash
    if not doc.ok:
        f = doc.findings[0]
        raise UsageError(f"{path}:{f.line}:{f.col}: {f.message}", f.hint)
    if not isinstance(doc.data, dict):
        raise UsageError(f"{path} must hold a mapping of fields", "Write 'key: value' lines.")
    return doc.data
