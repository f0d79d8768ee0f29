"""`bieb report`: the network's cockpit."""

from __future__ import annotations

from typing import Annotated

import typer

from innovatiebieb.cli.options import RegistryOption
from innovatiebieb.show.formats import ReportFormat


def report(
    year: Annotated[int | None, typer.Option(
        help="Only projects started or decided in this year, and that year's programme.",
        show_default=False)] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="table, markdown "
                                                 "or json.")] = ReportFormat.TABLE,
    registry: RegistryOption = None,
) -> None:
    """The network at a glance: the funnel, themagroepen and regions per phase,
    fieldlabs with their budgets, stopped projects' lessons, and the year's
    programme held against its targets (registry/programmes/<year>.yaml).

    Example:

        \b
        $ bieb report --year 2021 --format markdown > verslag-2021.md
    """
    from innovatiebieb.read.catalogue import load_catalogue
    from innovatiebieb.read.report import build_report
    from innovatiebieb.show.render_report import report as render
    from innovatiebieb.store.location import find_registry

    render(build_report(load_catalogue(find_registry(registry)), year), format)
