"""The `bieb` command: the Typer app and its one exit point."""

from __future__ import annotations

import gc
import sys

import typer

from innovatiebieb.cli import (
    idea_cmd,
    init_cmd,
    kinds_cmd,
    overview_cmd,
    project_cmd,
    query_cmd,
    report_cmd,
    schema_cmd,
    site_cmd,
    validate_cmd,
)

app = typer.Typer(
    name="bieb",
    help="The registry of innovations of the Dutch public library network.",
    no_args_is_help=True,
    # Plain click help: rich's help renderer and its Markdown parser cost 0.2 s
    # on every `--help`, twice what the rest of the help takes.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.command("validate")(validate_cmd.validate)
app.command("overview")(overview_cmd.overview)
app.command("init")(init_cmd.init)
app.add_typer(schema_cmd.app, name="schema")
app.add_typer(idea_cmd.app, name="idea")
app.add_typer(project_cmd.app, name="project")
app.command("search")(query_cmd.search)
app.command("report")(report_cmd.report)
app.add_typer(site_cmd.app, name="site")
for name, sub_app in kinds_cmd.apps().items():
    app.add_typer(sub_app, name=name)


def main() -> None:
    """Run bieb; map BiebError to its exit code and anything unexpected to 3.

    The renderer is imported only when it is needed: `bieb --help` must not
    pay for the models.
    """
    from innovatiebieb.errors import BiebError

    # bieb is a short-lived process that builds large trees of small objects
    # (10,000 records); the cyclic collector only slows that down.
    gc.disable()
    try:
        app()
    except BiebError as e:
        if e.message:
            from innovatiebieb import render

            render.error(e)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:
        from innovatiebieb import render

        if render.debug_enabled():
            raise
        render.crash(e)
        sys.exit(3)
