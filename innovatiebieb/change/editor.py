"""Edit a record in the user's editor until it is valid, as `kubectl edit` does."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from innovatiebieb.model.errors import BiebError
from innovatiebieb.model.problems import Problem
from innovatiebieb.store.yamlio import read_exact

_MARK = "# bieb: "


class EditAborted(BiebError):
    """The user left the file unchanged or emptied it: nothing to do."""

    exit_code = 1


def _strip_marks(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True)
                   if not line.startswith(_MARK))


def _with_marks(text: str, problems: list[Problem]) -> str:
    head = [f"{_MARK}this file is not valid; fix it, save and close. "
            "Empty the file to abort.\n"]
    head += [f"{_MARK}line {p.line}:{p.col}: {p.message}"
             + (f" ({p.hint})" if p.hint else "") + "\n" for p in problems]
    return "".join(head) + text


def edit_until_valid(text: str, name: str, check: Callable[[str], list[Problem]],
                     open_editor: Callable[[Path], None]) -> str:
    """The edited text once `check` finds no errors; EditAborted if unchanged or emptied."""
    shown = text
    with tempfile.TemporaryDirectory(prefix="bieb-edit-") as folder:
        path = Path(folder) / name
        while True:
            path.write_bytes(shown.encode("utf-8"))
            open_editor(path)
            edited = read_exact(path)  # keeps the record's CRLF line ends, if it has them
            if not edited.strip() or edited == shown:
                raise EditAborted("edit aborted: the file was left unchanged or emptied",
                                  "Nothing was written.")
            candidate = _strip_marks(edited)
            if candidate == text:
                raise EditAborted("edit aborted: no changes", "Nothing was written.")
            problems = check(candidate)
            if not problems:
                return candidate
            shown = _with_marks(candidate, problems)
