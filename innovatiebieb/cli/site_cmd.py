"""`bieb site build`: the registry as a static website."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from innovatiebieb.cli.options import RegistryOption

app = typer.Typer(help="The registry as a static website, for library staff.",
                  no_args_is_help=True)


@app.command()
def build(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="PATH", help="Folder to write "
                                      "the site to; a rebuild replaces only the files an "
                                      "earlier build made.")]
    = Path("_site"),
    source_url: Annotated[str | None, typer.Option(
        metavar="URL", help="Web address of the registry folder in the repository, for the "
        "links to each project's YAML file (e.g. https://github.com/ORG/REPO/blob/main/registry).",
        show_default=False)] = None,
    search: Annotated[bool, typer.Option(
        "--search/--no-search", help="Index the projects with Pagefind for the catalogue's "
        "search and filters; --no-search builds without (the catalogue's pages stay).")]
    = True,
    registry: RegistryOption = None,
) -> None:
    """Build a static website of the registry: a catalogue with search and filters
    (a Pagefind index), a page per project, region, themagroep, fieldlab and
    organisation, the yearly report, and open data (JSON and CSV). No server code,
    no database.

    Example:

        \b
        $ bieb site build --out _site
        $ python -m http.server --directory _site
    """
    from innovatiebieb.show import render
    from innovatiebieb.site.build import build_site
    from innovatiebieb.store.location import display, find_registry

    built = build_site(find_registry(registry), out, source_url, search)
    index = f", {built.index_files} of them the search index" if built.index_files else ""
    render.message(f"wrote {built.pages} pages ({built.files} files{index}) to "
                   f"{display(built.out)}; open {display(built.out / 'index.html')}")
