from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
