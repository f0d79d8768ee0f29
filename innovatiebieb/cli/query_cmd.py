"""`bieb project list|show|similar|log` and `bieb search`: what regiogidsen and
moderators look up."""

from __future__ import annotations

from typing import Annotated

import typer

from innovatiebieb.cli.options import RegistryOption, one_of
from innovatiebieb.show.formats import ListFormat, ShowFormat

FormatOption = Annotated[ListFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                                  help=f"{one_of(ListFormat)}.")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, metavar="N",
                                          help="At most this many.")]
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="The project's id.",
                                           show_default=False)]


def register(app: typer.Typer) -> None:
    app.command("list")(list_projects)
    app.command("show")(show)
    app.command("similar")(similar)
    app.command("log")(log)


def list_projects(
    region: Annotated[str | None, typer.Option(
        metavar="ID", help="Region id: projects of organisations in its provinces.",
        show_default=False)] = None,
    phase: Annotated[str | None, typer.Option(
        metavar="PHASE", help="idee, experiment or implementatie.",
        show_default=False)] = None,
    status: Annotated[str | None, typer.Option(
        metavar="STATUS", help="lopend, aangehouden or gestopt.", show_default=False)] = None,
    theme: Annotated[str | None, typer.Option(
        metavar="ID", help="Themagroep id.", show_default=False)] = None,
    fieldlab: Annotated[str | None, typer.Option(
        metavar="ID", help="Fieldlab id.", show_default=False)] = None,
    org: Annotated[str | None, typer.Option(
        metavar="ID", help="Organisation id, owner or participant.", show_default=False)]
    = None,
    opgave: Annotated[str | None, typer.Option(
        metavar="ID", help="Opgave id (maatschappelijke opgave).", show_default=False)] = None,
    year: Annotated[int | None, typer.Option(
        metavar="YEAR", help="Started or decided in this year.", show_default=False)] = None,
    search: Annotated[str | None, typer.Option(
        metavar="WORDS", help="Words in title, summary or results.", show_default=False)]
    = None,
    owner_only: Annotated[bool, typer.Option(help="With --region: only projects whose "
                                             "owner is in the region.")] = False,
    sort: Annotated[str, typer.Option(metavar="COLUMN", help="Column to sort by.")] = "id",
    columns: Annotated[str | None, typer.Option(
        metavar="COLUMNS", help="Comma-separated columns for table and markdown: id, title, "
        "phase, status, owner, regions, themes, fieldlab, created.", show_default=False)]
    = None,
    format: FormatOption = ListFormat.TABLE,
    registry: RegistryOption = None,
) -> None:
    """List projects; the filters combine.

    Example:

        \b
        $ bieb project list --region noordoost-nederland --phase experiment --format csv
    """
    from innovatiebieb.model.errors import UsageError
    from innovatiebieb.read.catalogue import load_catalogue
    from innovatiebieb.read.queries import COLUMNS, DEFAULT_COLUMNS, Filters, select
    from innovatiebieb.show.render_projects import project_list
    from innovatiebieb.store.location import find_registry

    chosen = tuple(c.strip() for c in columns.split(",")) if columns else DEFAULT_COLUMNS
    unknown = [c for c in chosen if c not in COLUMNS]
    if unknown:
        raise UsageError(f"unknown column {', '.join(unknown)}",
                         "Columns: " + ", ".join(COLUMNS))
    filters = Filters(region, phase, status, theme, fieldlab, org, opgave, year, search,
                      owner_only)
    # Tables show a few columns; the machine formats carry every field.
    listing = format in (ListFormat.TABLE, ListFormat.MARKDOWN)
    catalogue = load_catalogue(find_registry(registry), listing=listing)
    project_list(select(catalogue, filters, sort), format, chosen)


def show(project_id: IdArgument, registry: RegistryOption = None) -> None:
    """Everything about one project: its history as a timeline, its fieldlab and
    themagroepen, and similar projects elsewhere.

    Example:

        \b
        $ bieb project show leesleen-app-po
    """
    from innovatiebieb.read.catalogue import load_for_project
    from innovatiebieb.read.queries import project_view
    from innovatiebieb.show.render_projects import project_show
    from innovatiebieb.store.location import find_registry

    project_show(project_view(load_for_project(find_registry(registry), project_id),
                              project_id))


def similar(project_id: IdArgument, limit: LimitOption = 10,
            format: FormatOption = ListFormat.TABLE, registry: RegistryOption = None) -> None:
    """Projects most like this one (by title and summary), so a library builds on
    what others already did. The projects it builds on (the field builds_on),
    and those building on it, come first, with how they are linked.

    Example:

        \b
        $ bieb project similar leesleen-app-po
    """
    from innovatiebieb.read.catalogue import load_catalogue
    from innovatiebieb.read.queries import related, relation
    from innovatiebieb.show.render_network import ranked
    from innovatiebieb.store.location import find_registry

    catalogue = load_catalogue(find_registry(registry))
    ranked(related(catalogue, project_id, limit), catalogue, format,
           lambda other: relation(catalogue, project_id, other))


def search(text: Annotated[list[str], typer.Argument(metavar="WORDS...",
                                                     help="Words to look for.",
                                                     show_default=False)],
           limit: LimitOption = 20, format: FormatOption = ListFormat.TABLE,
           registry: RegistryOption = None) -> None:
    """Find projects by words of their title, summary, results or lessons, best
    match first (a word in the title counts double).

    Example:

        \b
        $ bieb search leesapp primair onderwijs
    """
    from innovatiebieb.read.catalogue import load_catalogue
    from innovatiebieb.read.queries import search as find
    from innovatiebieb.show.render_network import ranked
    from innovatiebieb.store.location import find_registry

    catalogue = load_catalogue(find_registry(registry))
    ranked(find(catalogue, " ".join(text), limit), catalogue, format)


def log(project_id: IdArgument,
        format: Annotated[ShowFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                                   help="text, or json.")]
        = ShowFormat.TEXT,
        registry: RegistryOption = None) -> None:
    """The git history of a project's file: who changed which fields, when and why,
    whether with bieb or by hand.

    Example:

        \b
        $ bieb project log leesleen-app-po
    """
    from innovatiebieb.change.records import record_path
    from innovatiebieb.read.filelog import file_log
    from innovatiebieb.show.render_projects import project_log
    from innovatiebieb.store.location import display, find_registry

    root = find_registry(registry)
    path = record_path(root, "projects", project_id)
    if not path.is_file():
        from innovatiebieb.read.catalogue import load_catalogue

        load_catalogue(root).get("projects", project_id, "project")  # names the closest ids
    project_log(file_log(path, display(path)), format)
