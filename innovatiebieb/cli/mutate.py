"""What every command that changes the registry shares: options, who, and carrying it out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from innovatiebieb.change.changes import Change
    from innovatiebieb.model.models import Project

NoCommitOption = Annotated[bool, typer.Option(
    "--no-commit", help="Write and validate, but do not commit.")]
DryRunOption = Annotated[bool, typer.Option(
    "--dry-run", help="Show the change as a diff; write nothing.")]
YesOption = Annotated[bool, typer.Option(
    "--yes", "-y", help="In a terminal, do not ask to confirm before writing.")]
DateOption = Annotated[dt.datetime | None, typer.Option(
    "--date", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD",
    help="Date of the decision (default: today).", show_default=False)]
ByOption = Annotated[str | None, typer.Option(
    "--by", metavar="NAME", help="Who decides: a moderator, regiogids or Innovatieraad member "
    "the registry knows (default: the one whose e-mail, else name, is your git identity's).",
    show_default=False)]


def day(date: dt.datetime | None) -> dt.date:
    return date.date() if date else today()


def today() -> dt.date:
    """The one clock of the changing commands (the README's replay fixes it)."""
    return dt.date.today()


def who(root: Path, by: str | None, on: dt.date, triage_of: Project | None = None) -> str:
    """The name recorded in history: a decider the registry knows, named by --by or
    found by the git identity; for a triage, a member of the Innovatieraad who need
    not abstain."""
    from innovatiebieb.change.changes import identity_for
    from innovatiebieb.change.deciders import check_triage, choose, deciders

    known = deciders(root, on)
    identity = identity_for(root) if by is None else None
    decider = choose(known, by, (identity.name, identity.email) if identity else None, on)
    if triage_of is not None:
        check_triage(decider, known, triage_of)
    return decider.name


def carry_out(root: Path, change: Change, no_commit: bool, dry_run: bool) -> None:
    from innovatiebieb.change.changes import Mode, apply
    from innovatiebieb.show import render

    mode = Mode.DRY_RUN if dry_run else Mode.NO_COMMIT if no_commit else Mode.COMMIT
    render.outcome(apply(root, change, mode), change.subject)


@contextmanager
def one_at_a_time(root: Path, dry_run: bool) -> Iterator[None]:
    """Hold the registry's lock from reading the record to committing it, so that
    concurrent commands run one after another (a dry run writes nothing: no lock)."""
    if dry_run:
        yield
        return
    from innovatiebieb.change.changes import locked

    with locked(root):
        yield
