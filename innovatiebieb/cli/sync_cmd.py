from __future__ import annotations

from typing import Annotated

import typer

from innovatiebieb.cli.options import RegistryOption


def sync(
    targets: Annotated[list[str] | None, typer.Argument(
        metavar="TARGET...", help="With --prefer: the records whose conflict to settle, as "
        "RECORD or RECORD:FIELD (KIND/RECORD where two kinds share an id), or the path of "
        "a file that is not a record.", show_default=False)] = None,
    prefer: Annotated[str | None, typer.Option(
        "--prefer", metavar="SIDE", help="Settle the conflicts of the TARGET arguments: "
        "upstream (take the network's value) or mine (keep yours).",
        show_default=False)] = None,
    registry: RegistryOption = None,
) -> None:
    """Bring this clone up to date with the network and deliver your commits.

    Fetches the upstream, puts your bieb commits on top of it (merging record
    files field by field), checks the result like 'bieb validate --base', and
    delivers as registry.yaml says: a pull-request branch (the default; the
    link that opens the pull request is printed) or a push to the main branch.
    Safe to run at any time. Exit codes: 0 done, 1 the result would be
    invalid, 4 a conflict (a field or a file changed on both sides, or
    commits someone else pushed to your pull-request branch; nothing
    changed), 5 the remote could not be reached or refused (nothing changed).

    Example:

        \b
        $ bieb sync
        $ bieb sync --prefer upstream leesleen-app-po:fieldlab
    """
    from innovatiebieb.change.prefer import Preference, Target
    from innovatiebieb.change.sync import sync
    from innovatiebieb.model.errors import UsageError
    from innovatiebieb.show import render, render_sync
    from innovatiebieb.store.location import find_registry

    if prefer not in (None, "upstream", "mine"):
        raise UsageError(f"--prefer takes 'upstream' or 'mine', not '{prefer}'",
                         "bieb sync --prefer upstream RECORD[:FIELD]")
    if bool(prefer) != bool(targets):
        raise UsageError("--prefer and RECORD[:FIELD] go together",
                         "Name what to settle: bieb sync --prefer upstream RECORD[:FIELD]")
    preference = (Preference(prefer, tuple(Target.parse(t) for t in targets or ()))
                  if prefer else None)
    render_sync.result(sync(find_registry(registry), preference, on_step=render.message))
