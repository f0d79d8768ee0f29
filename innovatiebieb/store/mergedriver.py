"""Where the bieb merge driver is declared and how git runs it (no git, no YAML here)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

ATTRIBUTES = ".gitattributes"
LINE = "*.yaml merge=bieb"
DRIVER_KEY = "merge.bieb.driver"


def driver_command() -> str:
    """How git runs the driver: this Python with bieb, so it works outside a venv's PATH."""
    return f"{shlex.quote(sys.executable)} -m innovatiebieb merge-file %O %A %B %P"


def declared(root: Path) -> bool:
    path = root / ATTRIBUTES
    return path.is_file() and LINE in path.read_text(encoding="utf-8").splitlines()
