"""Create an empty registry: registry.yaml with the taxonomies, and the record folders."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from innovatiebieb.change.modelines import modeline
from innovatiebieb.model.errors import UsageError
from innovatiebieb.model.models import KINDS
from innovatiebieb.model.schemas import write_schemas
from innovatiebieb.store.location import INFO_FILE


def init_registry(root: Path) -> list[Path]:
    """Create a registry at `root`; refuse if one is there already. Returns what was made."""
    info = root / INFO_FILE
    if info.exists():
        raise UsageError(f"{info} exists already", "Pick an empty folder for a new registry.")
    root.mkdir(parents=True, exist_ok=True)
    # The JSON Schemas inside the registry, unless it sits beside some: every file bieb
    # writes points an editor at them with a modeline that resolves in any clone.
    made = [] if (root.parent / "schemas").is_dir() else write_schemas(root / "schemas")
    template = (files("innovatiebieb.change.templates").joinpath(INFO_FILE)
                .read_text(encoding="utf-8"))
    line = modeline(root, None)
    info.write_text((f"# {line}\n" if line else "") + template, encoding="utf-8")
    made.insert(0, info)
    for kind in KINDS:
        folder = root / kind
        folder.mkdir(exist_ok=True)
        made.append(folder)
    return made
