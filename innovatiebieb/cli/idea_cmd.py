"""`bieb idea add`: a moderator records a new idea."""

from __future__ import annotations

import sys
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



def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(fields: dict[str, Any], root: Path) -> None:
    """Prompt for what is missing, offering the registry's own choices."""
    from innovatiebieb.change.records import known_ids
    from innovatiebieb.check.registry import registry_info

    if not fields.get("title"):
        fields["title"] = typer.prompt("Title")
    if not fields.get("summary"):
        fields["summary"] = typer.prompt("Summary (one or two sentences)")
    if not fields.get("owner"):
        owner = typer.prompt(f"Owner organisation (id; {len(known_ids(root, 'organisations'))} "
                             "known, empty to skip)", default="", show_default=False)
        if owner:
            fields["owner"] = owner
    if not fields.get("themes"):
        themes = ", ".join(known_ids(root, "themagroepen"))
        fields["themes"] = _split(typer.prompt(f"Themagroepen ({themes})"))
    if not fields.get("opgaven"):
        info = registry_info(root)
        choices = ", ".join(t.id for t in info.opgaven) if info else ""
        opgaven = _split(typer.prompt(f"Opgaven ({choices}; empty to skip)", default="",
                                      show_default=False))
        if opgaven:
            fields["opgaven"] = opgaven
    if not fields.get("contact"):
        name = typer.prompt("Contact name (empty to skip)", default="", show_default=False)
        if name:
            email = typer.prompt("Contact e-mail", default="", show_default=False)
            fields["contact"] = {"name": name, **({"email": email} if email else {})}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", " ").split() if part.strip()]


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
) -> None:
    """Record a new idea (phase idee, status lopend) and commit it.

    In a terminal, bieb asks for what is missing; in scripts and CI it never
    asks, and a missing title, summary or themagroep is an error. Before
    writing, it shows existing projects that look like the same idea.

    Example:

        \b
        $ bieb idea add --title "Leesclub voor jongeren" --summary "Elke maand." \\
            --theme doorgaande-leeslijn --owner bibliotheek-venlo
    """
    from innovatiebieb.store.fieldsfile import read_fields_file
    from innovatiebieb.store.location import find_registry

    root = find_registry(registry)
    fields: dict[str, Any] = read_fields_file(from_file) if from_file else {}
    given = {"title": title, "summary": summary, "owner": owner, "themes": theme,
             "opgaven": opgave, "participants": participant, "fieldlab": fieldlab}
    fields.update({k: v for k, v in given.items() if v})
    if contact_name or contact_email:
        fields["contact"] = {k: v for k, v in (("name", contact_name),
                                                ("email", contact_email)) if v}
    if _interactive():
        _ask(fields, root)
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
