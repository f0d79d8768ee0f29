"""Create an empty registry: registry.yaml with the taxonomies, and the record folders."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from innovatiebieb.change.modelines import modeline
from innovatiebieb.model.errors import BiebError, UsageError
from innovatiebieb.model.models import KINDS
from innovatiebieb.model.schemas import write_schemas
from innovatiebieb.store.location import INFO_FILE


def init_registry(root: Path) -> list[Path]:
    """Create a registry at `root`; refuse if one is there already. Returns what was made.

    Everything is checked before the first folder is made, and nothing is
    written through a symbolic link (a dangling `registry.yaml` link would
    otherwise create its target, wherever it points).
    """
    info = root / INFO_FILE
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} exists and is not a folder", "Give a new or empty folder.")
    if info.is_symlink() and not info.exists():
        raise UsageError(f"{info} is a symbolic link to nothing; bieb does not write "
                         "through it", "Remove the link, or pick an empty folder.")
    if info.exists():
        raise UsageError(f"{info} exists already", "Pick an empty folder for a new registry.")
    for kind in KINDS:
        folder = root / kind
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise UsageError(f"{folder} is in the way: it is not a folder",
                             "Remove it, or pick an empty folder for a new registry.")
    template = (files("innovatiebieb.change.templates").joinpath(INFO_FILE)
                .read_text(encoding="utf-8"))
    try:
        root.mkdir(parents=True, exist_ok=True)
        # The JSON Schemas inside the registry, unless it sits beside some: every file bieb
        # writes points an editor at them with a modeline that resolves in any clone.
        schemas = [] if (root.parent / "schemas").is_dir() else write_schemas(root / "schemas")
        line = modeline(root, None)
        with info.open("x", encoding="utf-8") as f:  # "x": never through a link made meanwhile
            f.write((f"# {line}\n" if line else "") + template)
        made = [info, *schemas]
        for kind in KINDS:
            folder = root / kind
            folder.mkdir(exist_ok=True)
            made.append(folder)
    except OSError as e:
        raise BiebError(f"cannot create the registry in {root}: {e.strerror}",
                        "Check that the folder is writable.") from e
    return made
