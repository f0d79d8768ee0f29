from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def init(path: Annotated[Path, typer.Argument(metavar="PATH",
                                              help="Folder for the new registry.")]) -> None:
    """Create an empty registry with the taxonomies (opgaven, prioriteiten, provinces).

    Example:

        \b
        $ bieb init my-registry
    """
    from innovatiebieb.change.init import init_registry
    from innovatiebieb.change.setup import setup
    from innovatiebieb.show import render

    made = init_registry(path)
    folders = sum(p.is_dir() for p in made)
    render.message(f"created registry in {path} ({folders} record folders)")
    for line in setup(path).done:  # the merge driver, as `bieb setup` makes it ready
        render.message(line)
