"""The yaml-language-server line that points an editor at a file's JSON Schema.

`# yaml-language-server: $schema=../../schemas/project.schema.json` as a file's
first line gives the editor bieb's rules while typing. The path is relative to
the file, so it resolves in any clone: to the schemas/ folder beside the
registry (as in bieb's own repository), else the one inside it (`bieb init`
puts one there).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from innovatiebieb.model.errors import UsageError
from innovatiebieb.model.models import KINDS
from innovatiebieb.store.location import INFO_FILE
from innovatiebieb.store.yamlio import read_exact, write_atomic

PREFIX = "# yaml-language-server: $schema="
INFO_SCHEMA = "registry.schema.json"


def schema_folder(root: Path) -> Path | None:
    """Where the registry's schemas are: beside it, else inside it; None if nowhere."""
    for folder in (root.parent / "schemas", root / "schemas"):
        if (folder / INFO_SCHEMA).is_file():
            return folder
    return None


def schema_name(kind: str | None) -> str:
    """The schema file of a record folder's kind; None is registry.yaml."""
    return INFO_SCHEMA if kind is None else f"{KINDS[kind].__name__.lower()}.schema.json"


def modeline(root: Path, kind: str | None) -> str | None:
    """The comment (without '# ') for a new file of `kind`, or None without schemas."""
    folder = schema_folder(root)
    if folder is None:
        return None
    here = root if kind is None else root / kind
    target = os.path.relpath(folder / schema_name(kind), here)
    return f"yaml-language-server: $schema={Path(target).as_posix()}"


def has_modeline(text: str) -> bool:
    return any(line.startswith(PREFIX) for line in text.lstrip("\ufeff").splitlines()[:5])


@dataclass(frozen=True)
class Missing:
    path: Path
    line: str


def missing_modelines(root: Path) -> list[Missing]:
    """The registry's files without a modeline, each with the line it should get."""
    if schema_folder(root) is None:
        raise UsageError(f"no JSON Schemas beside or inside {root}",
                         f"Write them first: bieb schema export --out {root.parent / 'schemas'}")
    files: list[tuple[Path, str | None]] = [(root / INFO_FILE, None)]
    files += [(path, kind) for kind in KINDS for path in sorted((root / kind).glob("*.yaml"))
              if path.is_file() and not path.is_symlink()]
    found = []
    for path, kind in files:
        if not has_modeline(read_exact(path)):
            found.append(Missing(path, f"# {modeline(root, kind)}"))
    return found


def add_modelines(root: Path) -> list[Path]:
    """Put a modeline on top of each file lacking one; the rest of the file is kept as is."""
    written = []
    for m in missing_modelines(root):
        text = read_exact(m.path)
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        newline = "\r\n" if "\r\n" in text else "\n"
        write_atomic(m.path, bom + m.line + newline + text.removeprefix(bom))
        written.append(m.path)
    return written
