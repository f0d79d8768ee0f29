"""`bieb project ...`: the decisions after each phase, and changing a project's fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from innovatiebieb.cli import query_cmd
from innovatiebieb.cli.mutate import (
    ByOption,
    DateOption,
    DryRunOption,
    NoCommitOption,
    carry_out,
    day,
    one_at_a_time,
    who,
)
from innovatiebieb.cli.options import RegistryOption, one_of
from innovatiebieb.cli.record_cmds import add_set_and_edit
from innovatiebieb.model.vocabulary import TriageDecision

if TYPE_CHECKING:
    from pathlib import Path

    from innovatiebieb.change.decisions import Edit
    from innovatiebieb.change.records import Loaded
    from innovatiebieb.model.models import Project

app = typer.Typer(help="Decide on projects and change them; every change is one commit.",
                  no_args_is_help=True)

IdArgument = Annotated[str, typer.Argument(metavar="ID", help="The project's id.",
                                           show_default=False)]
NoteOption = Annotated[str | None, typer.Option(
    "--note", "-m", metavar="TEXT", help="Why; goes into history and the commit message.",
    show_default=False)]


def _decide(registry: Path | None, project_id: str, no_commit: bool, dry_run: bool,
            decide: Callable[[Path, Loaded, Project], Edit]) -> None:
    from innovatiebieb.change.changes import Change, FileChange
    from innovatiebieb.change.records import load_for_change
    from innovatiebieb.model.models import Project
    from innovatiebieb.store.location import find_registry

    root = find_registry(registry)
    with one_at_a_time(root, dry_run):
        loaded = load_for_change(root, "projects", project_id)
        assert isinstance(loaded.record, Project)
        edit = decide(root, loaded, loaded.record)
        change = Change([FileChange("projects", project_id, loaded.path, loaded.text,
                                    edit.text)], edit.subject, edit.body, decision=True)
        carry_out(root, change, no_commit, dry_run)


@app.command()
def triage(
    project_id: IdArgument,
    decision: Annotated[TriageDecision | None, typer.Option(
        "--decision", "-d", metavar="DECISION", help=f"{one_of(TriageDecision)} (asked for "
        "in a terminal when left out).", show_default=False)] = None,
    note: NoteOption = None,
    score: Annotated[list[str] | None, typer.Option(
        "--score", metavar="NAME=1..5", help="A score for haalbaarheid, vernieuwend, "
        "schaalbaarheid or complexiteit; repeat the option.", show_default=False)] = None,
    by: ByOption = None,
    date: DateOption = None,
    registry: RegistryOption = None,
    no_commit: NoCommitOption = False,
    dry_run: DryRunOption = False,
) -> None:
    """Record the Innovatieraad's triage of an idea, as a decision in its history.

    --by must name a member of the Innovatieraad (bodies/innovatieraad.yaml) of
    that date; a member whose organisation owns or takes part in the project
    abstains. Without --by, the member whose e-mail (else name) is your git
    identity's.

    Example:

        \b
        $ bieb project triage leesleen-app-po --decision kansrijk \\
            --note "Past bij de opgave" --score haalbaarheid=4 --by "Ria Raad"
    """
    from innovatiebieb.change import decisions
    from innovatiebieb.change.records import parse_scores

    scores = parse_scores(score or [])
    chosen = decision or _ask_decision([d.value for d in TriageDecision])
    _decide(registry, project_id, no_commit, dry_run, lambda root, p, project: decisions.triage(
        p.doc, project, chosen, note, scores, who(root, by, day(date), project), day(date)))


def _ask_decision(choices: list[str]) -> TriageDecision:
    """The decision, asked with its choices in a terminal; elsewhere a usage error."""
    from innovatiebieb.cli.prompt import asker, cancel_writes_nothing, interactive
    from innovatiebieb.model.errors import UsageError

    if not interactive():
        raise UsageError("a triage needs --decision", f"Give --decision {'|'.join(choices)}.")
    with cancel_writes_nothing():
        return TriageDecision(asker().select("Decision of the Innovatieraad?",
                                             [(c, c) for c in choices]))


def _note_decision(name: str, doc: str) -> None:
    """A decision command that takes a note: advance, repeat, shelve, resume."""

    def command(project_id: IdArgument, note: NoteOption = None, by: ByOption = None,
                date: DateOption = None, registry: RegistryOption = None,
                no_commit: NoCommitOption = False, dry_run: DryRunOption = False) -> None:
        from innovatiebieb.change import decisions

        decide = getattr(decisions, name)
        _decide(registry, project_id, no_commit, dry_run, lambda root, p, project: decide(
            p.doc, project, who(root, by, day(date)), note, day(date)))

    command.__doc__ = doc
    app.command(name)(command)


_note_decision("advance", """Move a project to its next phase (idee, experiment, implementatie).

    The gate of the next phase must be met; if not, everything missing is listed
    and nothing changes. Implementatie needs an owner and an adopting library
    (or a planned one, with a date); scaling up is recorded within it.
    --by names a moderator, regiogids or Innovatieraad member (default: the one
    whose e-mail, else name, is your git identity's).

    Example:

        \b
        $ bieb project advance leesleen-app-po --note "Experiment met drie scholen"
    """)
_note_decision("repeat", """Run the current phase again (the decision 'herhalen').

    Example:

        \b
        $ bieb project repeat leesleen-app-po --note "Tweede ronde met meer scholen"
    """)
_note_decision("shelve", """Put a project on the shelf (status 'aangehouden'): a good idea that
    must wait.

    Example:

        \b
        $ bieb project shelve leesleen-app-po --note "Wacht op de nieuwe collectie-API"
    """)
_note_decision("resume", """Take a project off the shelf (status back to 'lopend').

    Example:

        \b
        $ bieb project resume leesleen-app-po --note "API is er"
    """)


@app.command()
def stop(project_id: IdArgument,
         reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Why it stops.",
                                             show_default=False)],
         lessons: Annotated[str | None, typer.Option(metavar="TEXT", help="What was learned.",
                                                     show_default=False)] = None,
         by: ByOption = None, date: DateOption = None, registry: RegistryOption = None,
         no_commit: NoCommitOption = False, dry_run: DryRunOption = False) -> None:
    """Stop a project, keeping the reason and the lessons learned.

    Example:

        \b
        $ bieb project stop leesleen-app-po --reason "Geen scholen gevonden" \\
            --lessons "Eerst leerkrachten betrekken"
    """
    from innovatiebieb.change import decisions

    _decide(registry, project_id, no_commit, dry_run, lambda root, p, project: decisions.stop(
        p.doc, project, who(root, by, day(date)), reason, lessons, day(date)))


add_set_and_edit(app, "projects", "project", with_add=False)
query_cmd.register(app)
