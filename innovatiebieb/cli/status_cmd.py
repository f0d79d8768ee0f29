from __future__ import annotations

from innovatiebieb.cli.options import RegistryOption


def status(registry: RegistryOption = None) -> None:
    """What this clone has that the network has not seen yet, in plain words.

    Reads git only (no network): the network as of the last bieb sync.

    Example:

        \b
        $ bieb status
    """
    from innovatiebieb.read.clone import clone_status
    from innovatiebieb.show import render_sync
    from innovatiebieb.store.location import find_registry

    render_sync.status(clone_status(find_registry(registry)))


def doctor(registry: RegistryOption = None) -> None:
    """Check that this clone is ready for shared work: a checklist, each failure with its fix.

    Git identity, the shared remote (ahead/behind), the merge driver, the
    pre-commit hook (when the repository uses pre-commit), the registry valid,
    nothing uncommitted or unsent, and bieb as new as registry.yaml requires.
    Exit code 0 when every check holds, 1 otherwise.

    Example:

        \b
        $ bieb doctor
    """
    from innovatiebieb.model.errors import ProblemsFound
    from innovatiebieb.read.clone import doctor as run_checks
    from innovatiebieb.show import render_sync
    from innovatiebieb.store.location import find_registry

    checklist = run_checks(find_registry(registry))
    render_sync.checklist(checklist)
    if not checklist.ok:
        raise ProblemsFound("")
