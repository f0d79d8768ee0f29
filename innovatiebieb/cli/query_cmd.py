"""`bieb project list` and `bieb project show`: what regiogidsen and moderators look up."""

from __future__ import annotations

from typing import Annotated

import typer

from innovatiebieb.cli.options import RegistryOption
from innovatiebieb.formats import ListFormat

Filter = Annotated[str | None, typer.Option(show_default=False)]


def register(app: typer.Typer) -> None:
    app.command("list")(list_projects)
    app.command("show")(show)


def list_projects(
    region: Annotated[str | None, typer.Option(
        help="Region id: projects of organisations in its provinces.", show_default=False)]
    = None,
    phase: Annotated[str | None, typer.Option(help="idee, experiment, implementatie or "
                                              "opschaling.", show_default=False)] = None,
    status: Annotated[str | None, typer.Option(help="lopend, aangehouden or gestopt.",
                                               show_default=False)] = None,
    theme: Annotated[str | None, typer.Option(help="Themagroep id.", show_default=False)]
    = None,
    fieldlab: Filter = None,
    org: Annotated[str | None, typer.Option(help="Organisation id, owner or participant.",
                                            show_default=False)] = None,
    opgave: Filter = None,
    year: Annotated[int | None, typer.Option(help="Started or decided in this year.",
                                             show_default=False)] = None,
    search: Annotated[str | None, typer.Option(help="Words in title, summary or results.",
                                               show_default=False)] = None,
    owner_only: Annotated[bool, typer.Option(help="With --region: only projects whose "
                                             "owner is in the region.")] = False,
    sort: Annotated[str, typer.Option(help="Column to sort by.")] = "id",
    columns: Annotated[str | None, typer.Option(
        help="Comma-separated columns for table and markdown: id, title, phase, status, "
        "owner, regions, themes, fieldlab, created.", show_default=False)] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="table, json, csv, "
                                               "yaml or markdown.")] = ListFormat.TABLE,
    registry: RegistryOption = None,
) -> None:
    """List projects; the filters combine.

    Example:

        $ bieb project list --region noordoost-nederland --phase experiment --format csv
    """
    from innovatiebieb.catalogue import load_catalogue
    from innovatiebieb.errors import UsageError
    from innovatiebieb.location import find_registry
    from innovatiebieb.queries import COLUMNS, DEFAULT_COLUMNS, Filters, select
    from innovatiebieb.render_projects import project_list

    chosen = tuple(c.strip() for c in columns.split(",")) if columns else DEFAULT_COLUMNS
    unknown = [c for c in chosen if c not in COLUMNS]
    if unknown:
        raise UsageError(f"unknown column {', '.join(unknown)}",
                         "Columns: " + ", ".join(COLUMNS))
    filters = Filters(region, phase, status, theme, fieldlab, org, opgave, year, search,
                      owner_only)
    project_list(select(load_catalogue(find_registry(registry)), filters, sort), format,
                 chosen)


def show(project_id: Annotated[str, typer.Argument(help="The project's id.")],
         registry: RegistryOption = None) -> None:
    """Everything about one project: its history as a timeline, its fieldlab and
    themagroepen, and similar projects elsewhere.

    Example:

        $ bieb project show leesleen-app-po
    """
    from innovatiebieb.catalogue import load_catalogue
    from innovatiebieb.location import find_registry
    from innovatiebieb.queries import project_view
    from innovatiebieb.render_projects import project_show

    project_show(project_view(load_catalogue(find_registry(registry)), project_id))
