"""Contract tests on the CLI surface: every command has an example and is in the README."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer import _click as click  # typer 0.28 builds its commands on its own copy of click
from typer.testing import CliRunner

from innovatiebieb import __version__
from innovatiebieb.cli.main import app, app_for
from tests.helpers import run_bieb
from tests.readme_replay import Replayer

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, Any]]:
    root: Any = typer.main.get_command(app)
    found = []
    for name, cmd in root.commands.items():
        if hasattr(cmd, "commands"):  # a group such as `schema`
            found += [(f"{name} {sub}", subcmd) for sub, subcmd in cmd.commands.items()]
        else:
            found.append((name, cmd))
    return found


def test_there_are_commands() -> None:
    assert {name for name, _ in _commands()} >= {"validate", "overview", "init", "schema export"}


def test_every_command_has_an_example_in_its_help() -> None:
    missing = [name for name, cmd in _commands()
               if "Example" not in (cmd.help or "") or f"$ bieb {name}" not in (cmd.help or "")]
    assert not missing, f"commands without an example in --help: {missing}"


def test_every_command_is_shown_in_the_readme() -> None:
    missing = [name for name, _ in _commands() if f"$ bieb {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_gives_the_two_setup_commands() -> None:
    assert "make run" in README and "make test" in README


@pytest.mark.parametrize("args", [[], ["--help"], ["projct"], ["project", "--help"],
                                  ["project", "lst"], ["project", "list", "--help"],
                                  ["region", "show", "--help"], ["schema", "--help"]])
def test_a_run_builds_less_and_says_the_same(args: list[str]) -> None:
    """A run builds only the commands it can reach; help and hints are the whole app's."""
    runner = CliRunner()
    narrowed, whole = runner.invoke(app_for(args), args), runner.invoke(app, args)
    assert (narrowed.exit_code, narrowed.output) == (whole.exit_code, whole.output)
    assert "Usage: bieb" in whole.output


# Plain metavars: `ID`, `PATH`, `FIELD=VALUE...`, `YYYY-MM-DD`, `NAME=1..5`; never Typer's
# `{record_id}`, `<str>` or `<%Y-%m-%d>`.
PLAIN_METAVAR = re.compile(r"[A-Z][A-Z0-9]*([=_.-][A-Z0-9.]+)*(\.\.\.)?")


def _parameters() -> list[tuple[str, Any]]:
    return [(f"{name} {param.name}", param) for name, cmd in _commands() for param in cmd.params
            if not getattr(param, "hidden", False)]


def test_every_option_and_argument_has_help_and_a_plain_metavar() -> None:
    missing_help = [name for name, param in _parameters() if not getattr(param, "help", None)]
    assert not missing_help, f"options and arguments without help: {missing_help}"
    not_plain = []
    for name, cmd in _commands():
        ctx = click.Context(cmd, info_name=name)
        for param in cmd.params:
            metavar = param.make_metavar(ctx)
            if not getattr(param, "is_flag", False) and not PLAIN_METAVAR.fullmatch(metavar):
                not_plain.append((f"{name} {param.name}", metavar))
    assert not not_plain, f"metavars that are not plain: {not_plain}"


def test_every_choice_is_named_in_its_options_help() -> None:
    """`--format` says every format it takes (validate's once forgot junit)."""
    incomplete = [(name, choice) for name, param in _parameters()
                  for choice in getattr(param.type, "choices", None) or ()
                  if str(getattr(choice, "value", choice)) not in (param.help or "")]
    assert any(getattr(p.type, "choices", None) for _, p in _parameters())
    assert not incomplete, f"choices missing from the help: {incomplete}"


def test_usage_lines_are_plain() -> None:
    """`Usage: bieb project show [OPTIONS] ID`, not Typer's `{ID}`."""
    not_plain = []
    for name, cmd in _commands():
        usage = cmd.get_usage(click.Context(cmd, info_name=f"bieb {name}"))
        if re.search(r"[{}<>]", usage):
            not_plain.append(usage)
    assert not not_plain, not_plain


def test_bieb_version() -> None:
    result = run_bieb("--version")
    assert (result.returncode, result.stdout) == (0, f"bieb {__version__}\n")


def test_overview_and_report_say_how_they_differ() -> None:
    helps = {name: cmd.help or "" for name, cmd in _commands()}
    assert helps["overview"].split(".")[0] != helps["report"].split(".")[0]
    assert "bieb report" in helps["overview"] and "bieb overview" in helps["report"]


def _examples() -> list[tuple[str, str]]:
    """(command, example) for each `$ bieb ...` line of every command's help; a line
    ending in a backslash goes on on the next."""
    found = []
    for name, cmd in _commands():
        lines = [line.strip() for line in (cmd.help or "").splitlines()]
        for i, line in enumerate(lines):
            if line.startswith("$ bieb "):
                example = line[2:]
                while example.endswith("\\") and i + 1 < len(lines):
                    i += 1
                    example = example[:-1].rstrip() + " " + lines[i]
                found.append((name, example))
    return found


# What must be true before an example can work; run first, like the README's set-ups.
_SHARED_REMOTE = ("git init -q --bare ../$(basename $PWD).git "
                  "&& git remote add origin ../$(basename $PWD).git && git push -q -u origin HEAD")
# The sources name no moderators and no members of the Innovatieraad, and every
# decision names someone who decides: as the README's moderator session does, Mo
# Derator (the replay's git identity, found by his e-mail) moderates a themagroep
# and Ria Raad sits on the raad, whose decision a triage is.
_DECIDERS = ["bieb themagroep set doorgaande-leeslijn 'moderators=[{name: Mo Derator, "
             "organisation: biblionet-groningen, email: mo@poi.example.nl}]'",
             "bieb body set innovatieraad 'members=[{name: Ria Raad, organisation: kb, "
             "period: {start: \"2021\"}}]'"]
_TRIAGE = "bieb project triage leesleen-app-po --decision kansrijk --by 'Ria Raad'"
EXAMPLE_SETUP = {
    "validate": ["git update-ref refs/remotes/origin/main HEAD"],
    "project triage": _DECIDERS,
    "project advance": [
        *_DECIDERS, _TRIAGE,
        "bieb project set leesleen-app-po 'goal={kinds: [effectiviteit], description: Lezen.}'"],
    "project repeat": _DECIDERS,
    "project shelve": _DECIDERS,
    "project resume": [*_DECIDERS, "bieb project shelve leesleen-app-po"],
    "project stop": _DECIDERS,
    # A shared remote for the commands that talk to the network.
    "sync": [_SHARED_REMOTE, *_DECIDERS, _TRIAGE],
    "doctor": [_SHARED_REMOTE, "bieb setup"],
    "status": [_SHARED_REMOTE],
    # git hands the driver three versions of one record.
    "merge-file": ["for f in base mine theirs; do "
                   "cp registry/projects/leesleen-app-po.yaml $f.yaml; done"],
}


@pytest.mark.slow
def test_every_example_in_the_help_works_as_typed(tmp_path: Path) -> None:
    """Each example, typed as shown into bash in a clone of the bundled registry, exits 0."""
    replayer = Replayer(tmp_path)
    # An editor that changes the file, so `edit` has something to commit.
    edits = ["export EDITOR=\"sed -i -e '1i # checked by tests/test_docs.py'\""]
    failed = []
    for name, example in _examples():
        setup = [*edits, *(f"{line} >/dev/null" for line in EXAMPLE_SETUP.get(name, []))]
        output, status = replayer.shell(replayer.repository(None), setup,
                                        [example, "echo $?"], f"bieb {name} --help")
        if status != ["0"]:
            failed.append(f"$ {example}  (exit {status})\n" + "\n".join(output))
    assert not failed, "examples in --help that fail as typed:\n" + "\n\n".join(failed)
