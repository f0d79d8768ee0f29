"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

RegistryOption = Annotated[
    Path | None,
    typer.Option("--registry", "-r", help="Registry folder (else $BIEB_REGISTRY, else the "
                 "nearest registry/ above the current folder).", show_default=False),
]
