"""`bieb report`: the network's cockpit."""

from __future__ import annotations

from typing import Annotated

import typer

from innovatiebieb.cli.options import RegistryOption, one_of
from innovatiebieb.show.formats import ReportFormat


def report(
    year: Annotated[int | None, typer.Option(
        metavar="YEAR",
        help="Only projects started or decided in this year, and that year's programme.",
        show_default=False)] = None,
    format: Annotated[ReportFormat, typer.Option(
        "--format", "-f", metavar="FORMAT", help=f"{one_of(ReportFormat)}.")]
    = ReportFormat.TABLE,
    registry: RegistryOption = None,
) -> None:
    """The yearly report: the funnel, the triage, budgets, lessons and targets.

    Themagroepen and regions per phase, the Innovatieraad's triage, fieldlabs
    with their budgets per phase, what stopped projects taught, and the year's
    programme held against its targets (registry/programmes/YEAR.yaml). For
    the network on one screen, see 'bieb overview'.

    Example:

        \b
        $ bieb report --year 2021 --format markdown > verslag-2021.md
    """
    from innovatiebieb.read.catalogue import load_catalogue
    from innovatiebieb.read.report import build_report
    from innovatiebieb.show.render_report import report as render
    from innovatiebieb.store.location import find_registry

    render(build_report(load_catalogue(find_registry(registry)), year), format)
