from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from innovatiebieb.cli.options import RegistryOption


def setup(registry: RegistryOption = None) -> None:
    """Make this clone ready: git merges record files field by field.

    Declares the bieb merge driver in the registry's .gitattributes and
    registers it in this clone's git config, so a plain git pull, merge or
    rebase merges records the way bieb sync does. Safe to run again.

    Example:

        \b
        $ bieb setup
    """
    from innovatiebieb.change.setup import setup as make_ready
    from innovatiebieb.show import render
    from innovatiebieb.store.location import find_registry

    result = make_ready(find_registry(registry))
    for line in result.done:
        render.message(line)
    for line in result.already:
        render.message(f"already: {line}")


def merge_file(
    base: Annotated[Path, typer.Argument(
        metavar="BASE", help="The common ancestor's version (git's %O).")],
    mine: Annotated[Path, typer.Argument(
        metavar="MINE", help="This side's version, merged in place (%A).")],
    theirs: Annotated[Path, typer.Argument(
        metavar="THEIRS", help="The other side's version (%B).")],
    name: Annotated[str, typer.Argument(
        metavar="NAME", help="The file's path in the repository (%P).")] = "",
) -> None:
    """The merge driver git runs for record files (registered by bieb setup).

    Merges the three versions field by field into MINE; exit 0 when clean.
    On a field conflict, or when a side is not valid YAML, it falls back to
    git's own line merge (conflict markers) and says why; it never writes a
    file it cannot parse.

    Example:

        \b
        $ bieb merge-file base.yaml mine.yaml theirs.yaml registry/projects/x.yaml
    """
    from innovatiebieb.change.mergefile import merge_file as merge
    from innovatiebieb.model.errors import ProblemsFound
    from innovatiebieb.show import render

    outcome = merge(base, mine, theirs, name)
    for line in outcome.said:
        render.message(line)
    if outcome.conflicts:
        raise ProblemsFound("")  # git reads the exit code: the file is left conflicted
