from __future__ import annotations

from typing import Annotated

import typer

from innovatiebieb.cli.options import RegistryOption, one_of
from innovatiebieb.model.problems import ProblemFormat


def validate(
    registry: RegistryOption = None,
    format: Annotated[
        ProblemFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                    help=f"{one_of(ProblemFormat)}.")
    ] = ProblemFormat.TEXT,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    base: Annotated[str | None, typer.Option(
        "--base", metavar="REF", help="Also check the change since this git ref (a pull "
        "request's target branch): history append-only, no phase backward or skipped, "
        "no id renamed, no project deleted.", show_default=False)] = None,
) -> None:
    """Check the whole registry and report every problem at once.

    Exit code 0: valid; 1: problems found; 2: no registry or bad usage.
    With --format github, a Markdown summary is appended to $GITHUB_STEP_SUMMARY
    when that is set.

    Example:

        \b
        $ bieb validate --base origin/main --format github
    """
    from innovatiebieb.check.remembered import check_registry
    from innovatiebieb.model.errors import ProblemsFound
    from innovatiebieb.show import render
    from innovatiebieb.store.location import find_registry

    root = find_registry(registry)
    report = check_registry(root, base)
    render.problems(report.problems, format, report.files, strict, root)
    if report.failed(strict):
        raise ProblemsFound("")
