"""The one error hierarchy of bieb; the CLI maps each class to an exit code."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class BiebError(Exception):
    """A failure bieb explains to the user: what happened and how to fix it."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(BiebError):
    """The command was asked for something that cannot be (unknown id, bad value)."""


class RegistryNotFound(BiebError):
    """No registry could be found from the options, the environment or the cwd."""


class ProblemsFound(BiebError):
    """Validation found problems; they have been reported already."""

    exit_code = 1


class Interrupted(BiebError):
    """Ctrl-C (or SIGTERM) while a change was being made; the message says whether
    it was made."""

    exit_code = 130

    def __init__(self, message: str, hint: str | None = None, exit_code: int = 130) -> None:
        super().__init__(message, hint)
        self.exit_code = exit_code


def closest(value: str, choices: Iterable[str], otherwise: str) -> str:
    """A hint naming up to three choices close to `value`, or `otherwise` if none is."""
    close = difflib.get_close_matches(value, sorted(choices), n=3)
    return ("Did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else otherwise


class SyncConflict(BiebError):
    """`bieb sync` stopped at a field changed on both sides; the clone is as it was."""

    exit_code = 4


class RemoteFailed(BiebError):
    """The remote could not be reached, or refused; the local commits are kept."""

    exit_code = 5
