"""What an intake shows between its questions: look-alike projects, the record to be
saved, and the idea template. Questions themselves are drawn by cli/prompt.py."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from innovatiebieb.show.tables import bold
from innovatiebieb.store.location import display

if TYPE_CHECKING:
    from innovatiebieb.read.queries import Resemblance


def resemblances(found: Sequence[Resemblance]) -> None:
    """The projects that look like the idea, so a duplicate is stopped before it is made."""
    out = sys.stdout
    out.write(bold("Existing projects that look like this idea:", out) + "\n")
    width = max(len(r.id) for r in found)
    for r in found:
        status = "" if r.status == "lopend" else f", {r.status}"
        where = ", ".join(r.regions) or "no region"
        out.write(f"  {r.id:<{width}}  {r.title}\n"
                  f"  {'':<{width}}  {r.phase}{status} · {r.owner or 'no owner'} · {where}"
                  f" · likeness {r.score:.2f}\n")
    out.flush()


def preview(path: Path, record_id: str, text: str) -> None:
    """The record exactly as it will be saved, with its id and file."""
    out = sys.stdout
    out.write(bold(f"To be recorded as {record_id}", out) + f" in {display(path)}:\n")
    out.write("".join(f"  | {line}\n" for line in text.splitlines()))
    out.flush()


def asked_again(fields: Sequence[str]) -> None:
    sys.stderr.write(f"asking again for: {', '.join(fields)}\n")
    sys.stderr.flush()


def stopped(text: str) -> None:
    sys.stderr.write(text + "\n")


def template(text: str) -> None:
    sys.stdout.write(text)
