"""Stand-ins for the Pagefind binary (PAGEFIND_BINARY_PATH) that fail or hang on
purpose: shell scripts that answer `--version` as Pagefind does, then do `body`."""

from __future__ import annotations

from pathlib import Path

_ANSWERS_VERSION = '[ "$1" = --version ] && echo "pagefind 1.5.2" && exit 0\n'


def fake_pagefind(binary: Path, body: str, *, answers_version: bool = True) -> Path:
    """An executable script at `binary`: it answers `--version` (unless told not
    to), then runs `body` with Pagefind's arguments."""
    binary.write_text("#!/bin/sh\n" + (_ANSWERS_VERSION if answers_version else "") + body,
                      encoding="utf-8")
    binary.chmod(0o755)
    return binary


def slow_pagefind(folder: Path) -> tuple[Path, Path]:
    """A Pagefind that writes its pid and arguments to `folder/told` when it starts,
    then indexes for ten minutes (a build that waited for it would hang the test):
    the file it writes, and the binary."""
    told = folder / "told"
    return told, fake_pagefind(folder / "pagefind", f'echo "$$ $*" > {told}\nexec sleep 600\n')
