"""Contract tests on the CLI surface: every command has an example and is in the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from innovatiebieb.cli.main import app, app_for

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
