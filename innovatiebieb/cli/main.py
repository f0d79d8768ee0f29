"""The `bieb` command: the Typer app and its one exit point."""

from __future__ import annotations

import copy
import gc
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperCommand
from typer.models import CommandInfo

from innovatiebieb import __version__
from innovatiebieb.cli import (
    idea_cmd,
    init_cmd,
    kinds_cmd,
    overview_cmd,
    project_cmd,
    query_cmd,
    report_cmd,
    schema_cmd,
    setup_cmd,
    site_cmd,
    status_cmd,
    sync_cmd,
    validate_cmd,
)

# Every top-level command and group, in the order `bieb --help` lists them.
COMMANDS: dict[str, Callable[..., None]] = {
    "validate": validate_cmd.validate, "overview": overview_cmd.overview,
    "init": init_cmd.init, "search": query_cmd.search, "report": report_cmd.report,
    "sync": sync_cmd.sync, "setup": setup_cmd.setup, "merge-file": setup_cmd.merge_file,
    "status": status_cmd.status, "doctor": status_cmd.doctor}
GROUPS: dict[str, typer.Typer] = {
    "schema": schema_cmd.app, "idea": idea_cmd.app, "project": project_cmd.app,
    "site": site_cmd.app, **kinds_cmd.apps()}


class PlainUsage(TyperCommand):
    """A usage line as click and man pages write it, `bieb project show ID`, where
    Typer would write a required argument as `{ID}`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [re.sub(r"^\{(.*)\}$", r"\1", piece)
                for piece in super().collect_usage_pieces(ctx)]


for _group_app in GROUPS.values():
    for _info in _group_app.registered_commands:
        if _info.cls in (None, TyperCommand):
            _info.cls = PlainUsage


def make_app(only: str | None = None, sub: str | None = None, *,
             shallow: bool = False) -> typer.Typer:
    """The bieb app; with `only`, just that command or group, and with `sub`, just
    that command of the group; `shallow`, the groups without their commands."""
    made = typer.Typer(
        name="bieb",
        help="The registry of innovations of the Dutch public library network.",
        no_args_is_help=True,
        # Plain click help: rich's help renderer and its Markdown parser cost 0.2 s
        # on every `--help`, twice what the rest of the help takes.
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    # A callback keeps `bieb NAME` a group even when it holds one command.
    made.callback()(_group)
    for name, command in COMMANDS.items():
        if only in (None, name):
            made.command(name, cls=PlainUsage)(command)
    for name, group in GROUPS.items():
        if only in (None, name):
            if shallow:
                group = _holding(group, [])
            elif only == name:
                chosen = [c for c in group.registered_commands if _command_name(c) == sub]
                if chosen:  # else (--help, a typo) the whole group, for its list and hints
                    group = _holding(group, chosen)
            made.add_typer(group, name=name)
    return made


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app a run with these arguments needs. Typer turns every command into a
    click command on each run (50 ms for all of them, 25 ms for the project group),
    so a run builds only what it can reach: the command asked for; for `bieb --help`
    or a mistyped name, the groups without their commands (their names and help are
    all the top level shows). Shell completion walks every command: the whole app."""
    if os.environ.get("_BIEB_COMPLETE"):
        return app
    asked, sub = (list(args[:2]) + [None, None])[:2]
    if asked in COMMANDS or asked in GROUPS:
        return make_app(asked, sub)
    return make_app(shallow=True)


def _command_name(command: CommandInfo) -> str | None:
    callback = command.callback
    return command.name or (typer.main.get_command_name(callback.__name__) if callback
                            else None)


def _holding(group: typer.Typer, commands: list[CommandInfo]) -> typer.Typer:
    """A copy of `group` with only `commands` (and no subgroups)."""
    narrowed = copy.copy(group)
    narrowed.registered_commands = commands
    narrowed.registered_groups = []
    return narrowed


def _show_version(asked: bool) -> None:
    if asked:
        typer.echo(f"bieb {__version__}")
        raise typer.Exit()  # click's way for an eager option: nothing else runs


def _group(version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_show_version,
        help="Show bieb's version and exit.")] = False) -> None:
    """The registry of innovations of the Dutch public library network."""


app = make_app()


def _check_environment(args: Sequence[str]) -> None:
    """A current folder that exists, and arguments that are text: Python keeps bytes
    that are not UTF-8 as lone surrogates, which no file, commit or terminal can take."""
    from pathlib import Path

    from innovatiebieb.model.errors import UsageError

    try:
        Path.cwd()
    except FileNotFoundError as e:
        raise UsageError("the current folder no longer exists (it was deleted or moved)",
                         "Change to a folder that exists (cd) and run bieb again.") from e
    import re

    from innovatiebieb.model.characters import INVISIBLE

    hidden = re.compile(f"[{INVISIBLE}\r]")
    for n, arg in enumerate(args, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError as e:
            raise UsageError(f"argument {n} holds bytes that are not UTF-8",
                             "Type the text again in a UTF-8 terminal.") from e
        # Refused at the door, before any message, commit or file can carry it.
        if m := hidden.search(arg):
            raise UsageError(f"argument {n} holds the invisible character "
                             f"U+{ord(m.group()):04X}", "Type it again without control, "
                             "zero-width or direction-changing characters.")


def main() -> None:
    """Run bieb; map BiebError to its exit code and anything unexpected to 3.

    The renderer is imported only when it is needed: `bieb --help` must not
    pay for the models.
    """
    from innovatiebieb.cli import streams
    from innovatiebieb.model.errors import BiebError
    from innovatiebieb.store import signals

    streams.guard()  # a closed, full or ASCII-only output is an error, never a crash
    signals.terminate_gently()  # SIGTERM cleans up as Ctrl-C does
    # bieb is a short-lived process that builds large trees of small objects
    # (10,000 records); the cyclic collector only slows that down.
    gc.disable()
    try:
        _check_environment(sys.argv[1:])
        try:
            # `python -m innovatiebieb` says `Usage: bieb ...` too, as its examples do.
            app_for(sys.argv[1:])(prog_name="bieb")
        finally:
            streams.finish()
    except BiebError as e:
        if isinstance(e, streams.OutputFailed):
            streams.discard()
            if streams.broken_pipe(e):  # the reader has all it wanted (| head): no message
                sys.exit(141)
        if getattr(e, "conflicts", None):  # a stopped sync: each field with both values
            from innovatiebieb.show import render_sync

            render_sync.conflicts(e.conflicts)  # type: ignore[attr-defined]
        if e.message:
            from innovatiebieb.show import render

            render.error(e)
        sys.exit(e.exit_code)
    except signals.STOPPED as e:
        sys.exit(signals.exit_code(e))
    except Exception as e:
        from innovatiebieb.show import render

        if render.debug_enabled():
            raise
        render.crash(e)
        sys.exit(3)
