from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from innovatiebieb.cli.options import RegistryOption

app = typer.Typer(help="JSON Schema files for editors and other tools.", no_args_is_help=True)


@app.command("export")
def export(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="PATH",
                                      help="Folder to write to.")] = Path("schemas"),
    check: Annotated[bool, typer.Option(help="Write nothing; exit 1 if the files are stale.")]
    = False,
) -> None:
    """Write one JSON Schema per record kind, generated from bieb's models.

    Example:

        \b
        $ bieb schema export --out schemas/
    """
    from innovatiebieb.model.errors import ProblemsFound
    from innovatiebieb.model.schemas import stale_schemas, write_schemas
    from innovatiebieb.show import render

    if check:
        stale = stale_schemas(out)
        if stale:
            raise ProblemsFound(f"out of date in {out}: {', '.join(stale)}",
                                "Run 'bieb schema export' and commit the result.")
        render.message(f"schemas in {out} are up to date")
        return
    for path in write_schemas(out):
        render.message(f"wrote {path}")


@app.command("modelines")
def modelines(
    registry: RegistryOption = None,
    check: Annotated[bool, typer.Option(help="Write nothing; exit 1 if a file lacks one.")]
    = False,
) -> None:
    """Put a yaml-language-server line on top of each registry file that lacks one, so an
    editor checks the file against bieb's JSON Schema while you type.

    Example:

        \b
        $ bieb schema modelines --registry registry/
    """
    from innovatiebieb.change.modelines import add_modelines, missing_modelines
    from innovatiebieb.model.errors import ProblemsFound
    from innovatiebieb.show import render
    from innovatiebieb.store.location import display, find_registry

    root = find_registry(registry)
    if check:
        missing = missing_modelines(root)
        if missing:
            raise ProblemsFound(f"{len(missing)} files without a schema modeline, e.g. "
                                f"{display(missing[0].path)}",
                                "Run 'bieb schema modelines' and commit the result.")
        render.message(f"every file in {display(root)} has a schema modeline")
        return
    written = add_modelines(root)
    for path in written:
        render.message(f"added a modeline to {display(path)}")
    if not written:
        render.message(f"every file in {display(root)} has a schema modeline")
