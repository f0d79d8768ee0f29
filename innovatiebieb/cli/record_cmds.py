"""`add`, `set` and `edit` for every kind of record, made once for all of them.

No `from __future__ import annotations` here: Typer reads the annotations of
these nested functions at run time, and they use the enclosing `noun`.
"""


import os
import shlex
import subprocess
from pathlib import Path
from typing import Annotated, NamedTuple

import typer

from innovatiebieb.cli.mutate import (
    DryRunOption,
    NoCommitOption,
    YesOption,
    carry_out,
    one_at_a_time,
)
from innovatiebieb.cli.options import RegistryOption, article

PairsArgument = Annotated[list[str], typer.Argument(
    metavar="FIELD=VALUE...", help="FIELD=VALUE pairs; VALUE is read as YAML ([a, b], true, "
    "2021-03-01); FIELD may be dotted (contact.email); an empty VALUE removes the field.",
    show_default=False)]


class Examples(NamedTuple):
    """What the help shows after `bieb NOUN set|edit|add`: typed as shown in a clone
    of the bundled registry, each works (tests/test_docs.py runs them)."""

    set: str
    edit: str
    add: str = ""


EXAMPLES = {
    "projects": Examples("leesleen-app-po contact.name='Sam de Vries' "
                         "contact.email=sam@bibliotheek.nl", "leesleen-app-po"),
    "organisations": Examples("bibliotheek-venlo website=https://www.bibliotheekvenlo.nl", "kb",
                              "probiblio name=ProBiblio kind=poi province=noord-holland"),
    # A fieldlab needs its goal (Jaarprogramma 2021); the line goes on, as the help shows.
    "fieldlabs": Examples("kwaliteit-en-kennis scope=landelijk", "kwaliteit-en-kennis",
                          "leven-lang-ontwikkelen name='Fieldlab Leven lang ontwikkelen' \\\n"
                          "            opgave=leven-lang-ontwikkelen \\\n"
                          "            'goal={kinds: [effectiviteit], description: Meer "
                          "gebruikers bereikt.}'"),
    "themagroepen": Examples("werkplaats active=false", "mediawijsheid",
                             "jeugd-en-media name='Jeugd en media'"),
    # Brackets quoted: a shell would split at the space and may expand [...] as a pattern.
    "regions": Examples("zuid-nederland 'provinces=[limburg, noord-brabant]'", "zuid-nederland",
                        "zuid-holland-zuid name='Zuid-Holland Zuid' 'provinces=[zuid-holland]'"),
    "bodies": Examples("innovatieraad 'members=[{name: Ria Raad, organisation: kb, "
                       "period: {start: \"2021\"}}]'", "innovatieraad",
                       "expertisepool name='Expertisepool van innovatiespecialisten'"),
}


def _open_editor(path: Path) -> None:
    from innovatiebieb.model.errors import UsageError

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        raise UsageError(f"the editor '{editor}' failed: {e}",
                         "Set EDITOR to an editor that works here, e.g. EDITOR=nano.") from e


def add_set_and_edit(app: typer.Typer, kind: str, noun: str, *, with_add: bool = True) -> None:
    """Register `add` (optional), `set` and `edit` on `app` for records of `kind`."""

    def set_(record_id: Annotated[str, typer.Argument(metavar="ID", help=f"The {noun}'s id.")],
             pairs: PairsArgument, registry: RegistryOption = None,
             no_commit: NoCommitOption = False, dry_run: DryRunOption = False) -> None:
        from innovatiebieb.change.changes import Change, FileChange
        from innovatiebieb.change.records import dump_checked, load_for_change, set_fields
        from innovatiebieb.store.location import find_registry

        root = find_registry(registry)
        with one_at_a_time(root, dry_run):
            loaded = load_for_change(root, kind, record_id)
            set_fields(loaded, pairs)
            fields = ", ".join(p.partition("=")[0] for p in pairs)
            change = Change([FileChange(kind, record_id, loaded.path, loaded.text,
                                        dump_checked(loaded, pairs))],
                            f"{noun} {record_id}: set {fields}")
            carry_out(root, change, no_commit, dry_run)

    set_.__doc__ = f"""Change fields of {article(noun)}.

    Example:

        \b
        $ bieb {noun} set {EXAMPLES[kind].set}
    """
    app.command("set")(set_)

    def edit(record_id: Annotated[str, typer.Argument(metavar="ID", help=f"The {noun}'s id.")],
             registry: RegistryOption = None, no_commit: NoCommitOption = False,
             dry_run: DryRunOption = False) -> None:
        from innovatiebieb.change.changes import Change, FileChange, check_change
        from innovatiebieb.change.editor import edit_until_valid
        from innovatiebieb.change.records import load_for_change
        from innovatiebieb.store.location import find_registry

        root = find_registry(registry)
        loaded = load_for_change(root, kind, record_id)

        def check(text: str) -> list:  # type: ignore[type-arg]
            change = Change([FileChange(kind, record_id, loaded.path, loaded.text, text)], "")
            return [p for p in check_change(root, change) if p.severity == "error"]

        new = edit_until_valid(loaded.text, loaded.path.name, check, _open_editor)
        change = Change([FileChange(kind, record_id, loaded.path, loaded.text, new)],
                        f"{noun} {record_id}: edited")
        carry_out(root, change, no_commit, dry_run)

    edit.__doc__ = f"""Edit {article(noun)} in $EDITOR; it is validated on save.

    If it is not valid, the editor opens again with the problems at the top.
    Leaving the file unchanged or empty aborts.

    Example (the editor is $VISUAL, else $EDITOR, else vi):

        $ bieb {noun} edit {EXAMPLES[kind].edit}
    """
    app.command("edit")(edit)
    if not with_add:
        return

    def add(record_id: Annotated[str, typer.Argument(metavar="ID",
                                                     help=f"The new {noun}'s id.")],
            pairs: Annotated[list[str] | None, typer.Argument(
                metavar="FIELD=VALUE...", help="FIELD=VALUE pairs, as for set.",
                show_default=False)] = None,
            from_file: Annotated[Path | None, typer.Option(
                "--from-file", metavar="PATH", help="Take the fields from a YAML file.",
                show_default=False)] = None,
            registry: RegistryOption = None, no_commit: NoCommitOption = False,
            dry_run: DryRunOption = False, yes: YesOption = False) -> None:
        from innovatiebieb.change.changes import Change, FileChange
        from innovatiebieb.change.records import (
            new_record_fields,
            new_record_text,
            record_path,
            schema_comment,
        )
        from innovatiebieb.cli.prompt import interactive
        from innovatiebieb.store.location import find_registry

        root = find_registry(registry)
        path = record_path(root, kind, record_id)
        fields = new_record_fields(root, kind, record_id, pairs or [], from_file)

        def plan(fields: dict) -> tuple:  # type: ignore[type-arg]
            text = new_record_text(kind, fields, schema_comment(root, kind))
            return Change([FileChange(kind, record_id, path, None, text)],
                          f"{noun} {record_id}: added"), record_id

        if interactive():  # ask what is missing, check it, show it before writing
            from innovatiebieb.cli.intake import ask_record

            change = ask_record(root, kind, fields, plan, yes)
            if change is None:
                return
        else:
            change = plan(fields)[0]
        with one_at_a_time(root, dry_run):  # the id is free when it is written
            carry_out(root, change, no_commit, dry_run)

    add.__doc__ = f"""Add {article(noun)}.

    In a terminal, bieb asks for the required fields it was not given (and
    offers the registry's choices for references), checks each answer as it
    is typed, and shows the record before writing it; --yes skips that last
    question. In scripts it never asks.

    Example:

        \b
        $ bieb {noun} add {EXAMPLES[kind].add}
    """
    app.command("add")(add)
