"""Make a clone ready for shared work: the merge driver, declared and registered.

`.gitattributes` in the registry folder (`*.yaml merge=bieb`, which covers
registry/**/*.yaml wherever the registry sits in the repository) is shared
through git; the driver's command lives in each clone's own git config,
since git never runs a command a repository names by itself. Idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from innovatiebieb.store import gitsync
from innovatiebieb.store.gitstore import open_store
from innovatiebieb.store.location import display
from innovatiebieb.store.mergedriver import ATTRIBUTES, DRIVER_KEY, LINE, declared, driver_command


@dataclass
class SetupResult:
    done: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)


def setup(root: Path) -> SetupResult:
    """Declare the driver in `.gitattributes` and register it in the clone (if in one)."""
    result = SetupResult()
    path = root / ATTRIBUTES
    if declared(root):
        result.already.append(f"{display(path)} declares the bieb merge driver")
    else:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        why = ("# Records merge field by field (bieb setup registers the driver in a clone).\n"
               if not text else "")
        path.write_text(text + ("\n" if text and not text.endswith("\n") else "") + why
                        + LINE + "\n", encoding="utf-8")
        result.done.append(f"wrote {display(path)}: record files merge with the bieb driver "
                           "(commit it, so every clone has it)")
    store = open_store(root)
    if store is None:
        return result
    if gitsync.config(store, DRIVER_KEY) == driver_command():
        result.already.append("the merge driver is registered in this clone")
    else:
        gitsync.set_config(store, "merge.bieb.name", "bieb: records field by field")
        gitsync.set_config(store, DRIVER_KEY, driver_command())
        result.done.append("registered the merge driver in this clone's git config")
    return result
