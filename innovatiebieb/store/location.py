"""Where the registry is, and how its paths are shown to the user.

Kept apart from `registry` (which loads the models) so that commands that
only read the catalogue start fast.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path

from innovatiebieb.model.errors import RegistryNotFound

INFO_FILE = "registry.yaml"
ENV_VAR = "BIEB_REGISTRY"


def find_registry(explicit: Path | None = None, env: Mapping[str, str] | None = None,
                  cwd: Path | None = None) -> Path:
    """`--registry`, else $BIEB_REGISTRY, else the nearest registry/ walking up from cwd."""
    env = os.environ if env is None else env
    for given, source in ((explicit, "--registry"), (env.get(ENV_VAR), ENV_VAR)):
        if given:
            root = Path(given)
            if not (root / INFO_FILE).is_file():
                raise RegistryNotFound(
                    f"{source} points at {root}, which holds no {INFO_FILE}",
                    f"Point {source} at the folder with {INFO_FILE}, or run 'bieb init {root}'.")
            return root
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder, folder / "registry"):
            if (candidate / INFO_FILE).is_file():
                return candidate
    raise RegistryNotFound(
        "no registry found in this folder or any folder above it",
        f"Run bieb inside a registry, pass --registry PATH, set {ENV_VAR}, "
        "or create one with 'bieb init PATH'.")


def display(path: Path) -> str:
    """A path as the user should see it: relative to the cwd when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def linked_folder(root: Path, kind: str) -> bool:
    """Whether a record folder is a symbolic link. Such a folder could lead out of the
    registry and the repository: bieb never reads or writes through it."""
    return (root / kind).is_symlink()


def record_ids(root: Path, kind: str) -> list[str]:
    """The ids of a kind's records, from the file names (no Path objects: 10,000 of
    them cost a third of a second)."""
    folder = root / kind
    if linked_folder(root, kind):
        return []
    try:
        version = folder.stat().st_mtime_ns  # a folder's mtime changes with its entries
    except (FileNotFoundError, NotADirectoryError):
        return []
    return list(_scan_ids(str(folder), version))


@functools.lru_cache(maxsize=16)
def _scan_ids(folder: str, version: int) -> tuple[str, ...]:
    try:
        with os.scandir(folder) as entries:
            return tuple(sorted(e.name[:-5] for e in entries
                                if e.name.endswith(".yaml") and not e.name.startswith(".")
                                and not e.is_dir(follow_symlinks=False)))
    except (FileNotFoundError, NotADirectoryError):
        return ()
