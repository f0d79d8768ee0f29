"""Options shared by several commands, and the plain words their help uses.

Every option and argument has help text and a plain metavar (`ID`, `PATH`,
`FIELD=VALUE`, `YYYY-MM-DD`); tests/test_docs.py holds every command to it.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

RegistryOption = Annotated[
    Path | None,
    typer.Option("--registry", "-r", metavar="PATH", help="Registry folder (else "
                 "$BIEB_REGISTRY, else the nearest registry/ above the current folder).",
                 show_default=False),
]


def one_of(choices: type[Enum], last: str = "or") -> str:
    """The values of an enum as the help says them: 'table, json, csv or yaml'."""
    values = [str(c.value) for c in choices]
    return f"{', '.join(values[:-1])} {last} {values[-1]}" if len(values) > 1 else values[0]


def article(noun: str) -> str:
    """'an org', 'a fieldlab'."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
