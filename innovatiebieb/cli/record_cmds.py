"""`add`, `set` and `edit` for every kind of record, made once for all of them.

No `from __future__ import annotations` here: Typer reads the annotations of
these nested functions at run time, and they use the enclosing `noun`.
"""


import os
import shlex
import subprocess
from pathlib import Path
from typing import Annotated

import typer

from innovatiebieb.cli.mutate import DryRunOption, NoCommitOption, carry_out
from innovatiebieb.cli.options import RegistryOption

PairsArgument = Annotated[list[str], typer.Argument(
    help="FIELD=VALUE pairs; VALUE is read as YAML ([a, b], true, 2021-03-01); "
    "FIELD may be dotted (contact.email); an empty VALUE removes the field.",
    show_default=False)]


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

    def set_(record_id: Annotated[str, typer.Argument(help=f"The {noun}'s id.")],
             pairs: PairsArgument, registry: RegistryOption = None,
             no_commit: NoCommitOption = False, dry_run: DryRunOption = False) -> None:
        from innovatiebieb.change.changes import Change, FileChange
        from innovatiebieb.change.records import load_for_change, set_fields
        from innovatiebieb.store.location import find_registry

        root = find_registry(registry)
        loaded = load_for_change(root, kind, record_id)
        set_fields(loaded, pairs)
        fields = ", ".join(p.partition("=")[0] for p in pairs)
        change = Change([FileChange(kind, record_id, loaded.path, loaded.text,
                                    loaded.doc.dump())], f"{noun} {record_id}: set {fields}")
        carry_out(root, change, no_commit, dry_run)

    set_.__doc__ = f"""Change fields of a {noun}.

    Example:

        \b
        $ bieb {noun} set ID {_example_pair(kind)}
    """
    app.command("set")(set_)

    def edit(record_id: Annotated[str, typer.Argument(help=f"The {noun}'s id.")],
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

    edit.__doc__ = f"""Edit a {noun} in $EDITOR; it is validated on save.

    If it is not valid, the editor opens again with the problems at the top.
    Leaving the file unchanged or empty aborts.

    Example (the editor is $VISUAL, else $EDITOR, else vi):

        $ bieb {noun} edit ID
    """
    app.command("edit")(edit)
    if not with_add:
        return

    def add(record_id: Annotated[str, typer.Argument(help=f"The new {noun}'s id.")],
            pairs: Annotated[list[str] | None, typer.Argument(
                help="FIELD=VALUE pairs, as for set.", show_default=False)] = None,
            from_file: Annotated[Path | None, typer.Option(
                "--from-file", help="Take the fields from a YAML file.",
                show_default=False)] = None,
            registry: RegistryOption = None, no_commit: NoCommitOption = False,
            dry_run: DryRunOption = False) -> None:
        from innovatiebieb.change.changes import Change, FileChange
        from innovatiebieb.change.records import new_record, record_path
        from innovatiebieb.store.location import find_registry

        root = find_registry(registry)
        path = record_path(root, kind, record_id)
        text = new_record(root, kind, record_id, pairs or [], from_file)
        change = Change([FileChange(kind, record_id, path, None, text)],
                        f"{noun} {record_id}: added")
        carry_out(root, change, no_commit, dry_run)

    add.__doc__ = f"""Add a {noun}.

    Example:

        \b
        $ bieb {noun} add {_example_id(kind)} {_example_add(kind)}
    """
    app.command("add")(add)


def _example_pair(kind: str) -> str:
    return {"projects": "contact.email=sam@bibliotheek.nl",
            "organisations": "website=https://www.bibliotheekvenlo.nl",
            "fieldlabs": "scope=landelijk",
            "themagroepen": "active=false",
            "regions": "provinces=[limburg, noord-brabant]",
            "bodies": "'members=[{name: Ria Raad, organisation: kb, period: {start: \"2021\"}}]'",
            }[kind]


def _example_id(kind: str) -> str:
    return {"organisations": "bibliotheek-deventer", "fieldlabs": "leven-lang-ontwikkelen",
            "themagroepen": "mediawijsheid", "regions": "zuid-nederland",
            "bodies": "expertisepool"}.get(kind, "ID")


def _example_add(kind: str) -> str:
    return {"organisations": "name='Bibliotheek Deventer' kind=bibliotheek province=overijssel",
            "fieldlabs": "name='Fieldlab Leven lang ontwikkelen' opgave=leven-lang-ontwikkelen",
            "themagroepen": "name=Mediawijsheid",
            "regions": "name=Zuid-Nederland provinces=[limburg]",
            "bodies": "name='Expertisepool van innovatiespecialisten'"}.get(kind, "name=...")
