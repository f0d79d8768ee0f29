"""Standard output and error that fail with a message, never a traceback.

bieb's output may go to a closed descriptor (`>&-`), a full disk
(`>/dev/full`), a pipe whose reader left (`| head -1`) or a terminal whose
encoding cannot show "ë" (PYTHONIOENCODING=ascii). Each must end in one
clear line and an exit code, never in a traceback or a lost file: a
descriptor left closed would be handed to the next file bieb opens.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from pathlib import Path
from typing import Any

from innovatiebieb.model.errors import BiebError


class OutputFailed(BiebError):
    """Writing to standard output failed; what bieb did otherwise stands."""


class _Guarded(io.FileIO):
    """The descriptor under stdout: the first failed write becomes OutputFailed (at
    the layer every writer goes through, text or bytes); later ones, and the flush
    at exit, are dropped, since the failure has been reported."""

    failed = False
    quiet = False  # stderr: when even it fails there is nobody left to tell

    def write(self, b: Any) -> int:
        if self.failed:
            return len(b)
        try:
            return super().write(b)
        except OSError as e:
            self.failed = True
            if self.quiet:
                return len(b)
            raise _failed(e) from e


def _failed(e: OSError) -> OutputFailed:
    failure = OutputFailed(f"cannot write the output: {e.strerror or e}",
                           "Send the output somewhere it can go (a file with room, a pipe "
                           "that reads it all).")
    failure.errno = e.errno  # type: ignore[attr-defined]
    return failure


def _wrap(fd: int, like: Any, quiet: bool = False) -> io.TextIOWrapper:
    raw = _Guarded(fd, "wb", closefd=False)
    raw.quiet = quiet
    encoding = getattr(like, "encoding", None) or "utf-8"
    # Characters the encoding cannot hold are written as \xeb, never an error.
    return io.TextIOWrapper(io.BufferedWriter(raw), encoding=encoding,
                            errors="backslashreplace",
                            line_buffering=bool(getattr(like, "line_buffering", False))
                            or os.isatty(fd))


def guard() -> None:
    """Set up stdout and stderr; call first thing."""
    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            closed.append(fd)
    sys.stderr = _wrap(2, sys.stderr, quiet=True)
    if 1 in closed:
        sys.stdout = _ClosedOutput()
    else:
        sys.stdout = _wrap(1, sys.stdout)


class _ClosedOutput(io.TextIOBase):
    """Standard output was closed when bieb started: writing to it is an error."""

    encoding = "utf-8"

    def write(self, s: str) -> int:
        raise _failed(OSError(errno.EBADF, "standard output is closed"))

    def isatty(self) -> bool:
        return False


def finish() -> None:
    """Flush stdout now, inside the error handling, not at interpreter exit."""
    sys.stdout.flush()


def discard() -> None:
    """After an output failure: nothing more is tried at exit."""
    sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115


def broken_pipe(e: BiebError) -> bool:
    return isinstance(e, OutputFailed) and getattr(e, "errno", None) == errno.EPIPE
