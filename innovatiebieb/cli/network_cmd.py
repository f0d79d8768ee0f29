"""`list` and `show` for regions, themagroepen, fieldlabs and organisations.

No `from __future__ import annotations` here: Typer reads the annotations of
these nested functions at run time.
"""

from typing import Annotated

import typer

from innovatiebieb.cli.options import RegistryOption, one_of
from innovatiebieb.show.formats import ListFormat, ShowFormat

# An example id per command, for the help texts.
EXAMPLES = {"region": "noordoost-nederland", "themagroep": "doorgaande-leeslijn",
            "fieldlab": "geletterde-samenleving", "org": "biblionet-groningen",
            "body": "innovatieraad"}
WHAT = {"region": "its regiogidsen, organisations and projects per phase",
        "themagroep": "its moderators and its pipeline: projects per phase",
        "fieldlab": "its goal, partners, budget per phase and projects",
        "org": "the projects it owns, takes part in or adopted",
        "body": "its organisations, members with their periods, and when it existed"}


def _list(name: str, format: ListFormat, registry: RegistryOption, year: int | None) -> None:
    from innovatiebieb.read.catalogue import load_catalogue
    from innovatiebieb.read.network import KINDS, list_rows
    from innovatiebieb.show.render_network import record_list
    from innovatiebieb.store.location import find_registry

    catalogue = load_catalogue(find_registry(registry))
    record_list(list_rows(catalogue, KINDS[name], year), KINDS[name], format)


def add_list_and_show(app: typer.Typer, name: str, plural: str) -> None:
    """Register `list` and `show` on `app` for the records of command `name`."""

    def list_(format: Annotated[ListFormat, typer.Option(
                  "--format", "-f", metavar="FORMAT", help=f"{one_of(ListFormat)}.")]
              = ListFormat.TABLE,
              registry: RegistryOption = None) -> None:
        _list(name, format, registry, None)

    list_.__doc__ = f"""List the {plural}, each with its number of projects per phase.

    Example:

        \b
        $ bieb {name} list --format markdown
    """
    if name == "body":
        list_.__doc__ = """List the bodies of the network (Kernteam Innovatie, Innovatieraad,
    netwerkoverleg, ...) with their organisations and members.

    Example:

        \b
        $ bieb body list --format markdown
    """
    if name == "region":
        def region_list(format: Annotated[ListFormat, typer.Option(
                            "--format", "-f", metavar="FORMAT",
                            help=f"{one_of(ListFormat)}.")] = ListFormat.TABLE,
                        year: Annotated[int | None, typer.Option(
                            "--year", metavar="YEAR", help="The regions and regiogidsen of "
                            "that year (default: the current ones).", show_default=False)]
                        = None,
                        registry: RegistryOption = None) -> None:
            _list(name, format, registry, year)

        region_list.__doc__ = """List the regions of now (or of --year), each with its
    regiogidsen of that time and its projects per phase.

    A project belongs to the regions of its own year (its creation, else the
    year the sources give it).

    Example:

        \b
        $ bieb region list --year 2018
    """
        app.command("list")(region_list)
    else:
        app.command("list")(list_)

    def show(record_id: Annotated[str, typer.Argument(metavar="ID", help=f"The {name}'s id.",
                                                      show_default=False)],
             format: Annotated[ShowFormat, typer.Option(
                 "--format", "-f", metavar="FORMAT", help="text, or json with every field.")]
             = ShowFormat.TEXT,
             registry: RegistryOption = None) -> None:
        from innovatiebieb.read.catalogue import load_catalogue
        from innovatiebieb.read.network import KINDS, record_view
        from innovatiebieb.show.render_network import record_show
        from innovatiebieb.store.location import find_registry

        catalogue = load_catalogue(find_registry(registry))
        record_show(record_view(catalogue, KINDS[name], record_id), format)

    show.__doc__ = f"""Show one {name}: {WHAT[name]}.

    Example:

        \b
        $ bieb {name} show {EXAMPLES[name]}
    """
    app.command("show")(show)
