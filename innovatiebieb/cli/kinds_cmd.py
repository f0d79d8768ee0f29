"""`bieb org|fieldlab|themagroep|region|body add|set|edit|list|show`."""

from __future__ import annotations

import typer

from innovatiebieb.cli.network_cmd import add_list_and_show
from innovatiebieb.cli.record_cmds import add_set_and_edit

# Command name -> (record folder, what the help calls one).
KINDS = {
    "org": ("organisations", "org"),
    "fieldlab": ("fieldlabs", "fieldlab"),
    "themagroep": ("themagroepen", "themagroep"),
    "region": ("regions", "region"),
    "body": ("bodies", "body"),
}


def apps() -> dict[str, typer.Typer]:
    made = {}
    for name, (kind, noun) in KINDS.items():
        app = typer.Typer(help=f"List, show, add and change {kind}.", no_args_is_help=True)
        add_list_and_show(app, name, kind)
        add_set_and_edit(app, kind, noun)
        made[name] = app
    return made
