"""`bieb idea add`: a moderator records a new idea."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from innovatiebieb.cli.mutate import (
    DateOption,
    DryRunOption,
    NoCommitOption,
    carry_out,
    day,
    one_at_a_time,
)
from innovatiebieb.cli.options import RegistryOption

app = typer.Typer(help="Record new ideas.", no_args_is_help=True)



@app.command()
def add(
    title: Annotated[str | None, typer.Option(
        metavar="TEXT", help="The idea's title.", show_default=False)] = None,
    summary: Annotated[str | None, typer.Option(
        metavar="TEXT", help="What it is, in one or two sentences.", show_default=False)] = None,
    owner: Annotated[str | None, typer.Option(
        metavar="ID", help="Owner organisation id.", show_default=False)] = None,
    theme: Annotated[list[str] | None, typer.Option(
        metavar="ID", help="Themagroep id; repeat for more.", show_default=False)] = None,
    opgave: Annotated[list[str] | None, typer.Option(
        metavar="ID", help="Opgave id; repeat for more.", show_default=False)] = None,
    participant: Annotated[list[str] | None, typer.Option(
        metavar="ID", help="Participating organisation id; repeat for more.",
        show_default=False)] = None,
    builds_on: Annotated[list[str] | None, typer.Option(
        "--builds-on", metavar="ID", help="Id of a project this idea builds on; repeat for "
        "more.",
        show_default=False)] = None,
    fieldlab: Annotated[str | None, typer.Option(
        metavar="ID", help="Fieldlab id, where it will be tried.", show_default=False)] = None,
    contact_name: Annotated[str | None, typer.Option(
        metavar="NAME", help="Who to contact about it.", show_default=False)] = None,
    contact_email: Annotated[str | None, typer.Option(
        metavar="EMAIL", help="Their e-mail address.", show_default=False)] = None,
    record_id: Annotated[str | None, typer.Option(
        "--id", metavar="ID", help="Id (default: from the title).", show_default=False)] = None,
    from_file: Annotated[Path | None, typer.Option(
        "--from-file", metavar="PATH",
        help="Take the fields from a YAML file; options override it.", show_default=False)]
    = None,
    date: DateOption = None,
    registry: RegistryOption = None,
    no_commit: NoCommitOption = False,
    dry_run: DryRunOption = False,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="In a terminal, ask only what is missing: no comparison "
        "question, no preview to confirm.")] = False,
) -> None:
    """Record a new idea (phase idee, status lopend) and commit it.

    In a terminal, bieb asks for what is missing and checks each answer as it
    is typed (names or ids; unknown ones are asked again with 'did you mean').
    Right after title and summary it shows the projects that look like the
    idea: go on, stop, or record the idea as building on one of them. Then it
    shows the record as it will be saved: record it, edit a field, or cancel.
    Ctrl-C at any question writes nothing. In scripts and CI it never asks:
    a missing title, summary or themagroep is an error (bieb idea template
    prints a file to fill in for --from-file).

    Example:

        \b
        $ bieb idea add --title "Leesclub voor jongeren" --summary "Elke maand." \\
            --theme doorgaande-leeslijn --owner bibliotheek-venlo
    """
    from innovatiebieb.store.fieldsfile import read_fields_file
    from innovatiebieb.store.location import find_registry

    root = find_registry(registry)
    fields = _fields(read_fields_file(from_file) if from_file else {}, {
        "title": title, "summary": summary, "owner": owner, "themes": theme,
        "opgaven": opgave, "participants": participant, "fieldlab": fieldlab,
        "builds_on": builds_on}, contact_name, contact_email)
    from innovatiebieb.cli.prompt import interactive

    if interactive():
        from innovatiebieb.cli.intake import ask_idea, idea_planner

        change = ask_idea(root, fields, idea_planner(root, day(date), record_id), yes)
        if change is not None:
            with one_at_a_time(root, dry_run):  # the answers are in: now wait for the lock
                carry_out(root, change, no_commit, dry_run)
        return
    similar = None
    if isinstance(fields.get("title"), str) and isinstance(fields.get("summary"), str):
        from innovatiebieb.read.likeness import resembling
        from innovatiebieb.store.background import in_background

        # Found on the other core while this one loads the models and plans the file.
        similar = in_background(resembling, root, fields["title"], fields["summary"])

    from innovatiebieb.change.changes import Change, FileChange
    from innovatiebieb.change.ideas import plan_idea
    from innovatiebieb.show import render

    with one_at_a_time(root, dry_run):  # the id is free when it is written
        plan = plan_idea(root, fields, day(date), record_id)
        if similar is not None:
            render.similar_projects(similar())
        change = Change([FileChange("projects", plan.id, plan.path, None, plan.text)],
                        f"idee: {plan.title} ({plan.id})", plan.summary)
        carry_out(root, change, no_commit, dry_run)


@app.command()
def template(registry: RegistryOption = None) -> None:
    """Print a commented YAML file to fill in for 'bieb idea add --from-file', with
    the registry's own organisations, themagroepen and opgaven in its comments.

    Example:

        \b
        $ bieb idea template > idee.yaml
    """
    from innovatiebieb.change.ideas import idea_template
    from innovatiebieb.show.render_intake import template as show
    from innovatiebieb.store.location import find_registry

    show(idea_template(find_registry(registry)))


def _fields(from_file: dict[str, Any], given: dict[str, Any], contact_name: str | None,
            contact_email: str | None) -> dict[str, Any]:
    """The file's fields (the empty ones of a template left out), options over them."""
    fields = _filled(from_file)
    fields.update({k: v for k, v in given.items() if v})
    if contact_name or contact_email:
        fields["contact"] = {k: v for k, v in (("name", contact_name),
                                                ("email", contact_email)) if v}
    return fields


def _filled(fields: dict[str, Any]) -> dict[str, Any]:
    """Without the fields a template leaves empty, in nested mappings too (contact)."""
    kept = {k: _filled(v) if isinstance(v, dict) else v for k, v in fields.items()}
    return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
