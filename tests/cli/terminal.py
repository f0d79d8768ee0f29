"""A real terminal for tests: `bieb` runs on a pty of its own, as a person runs it.

Made from the standard library (pty, select) so that CI, which has no terminal,
still gives bieb one. What the terminal showed is kept with the escape codes
taken out, so a test can wait for words and a failure shows the screen's text.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

# Cursor moves, colours, erases, mode switches: what prompt_toolkit draws with.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07]*\x07")

KEYS = {"enter": "\r", "down": "\x1b[B", "up": "\x1b[A", "space": " ", "ctrl-c": "\x03",
        "ctrl-u": "\x15", "ctrl-d": "\x04"}


class Terminal:
    """`bieb ARGS` on a pty 120 columns wide; `expect` waits for text, `send` types."""

    def __init__(self, *args: str, cwd: Path | None = None, term: str = "xterm-256color",
                 env: dict[str, str] | None = None) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        full_env = {**os.environ, "TERM": term,
                    # No cursor-position question: a pty in a test has nobody to answer it.
                    "PROMPT_TOOLKIT_NO_CPR": "1", **(env or {})}
        self.proc = subprocess.Popen([sys.executable, "-m", "innovatiebieb", *args],
                                     stdin=slave, stdout=slave, stderr=slave, cwd=cwd,
                                     env=full_env, start_new_session=True)
        os.close(slave)
        self.raw = ""
        self.seen_upto = 0  # expect() looks only at what came after the last match

    @property
    def text(self) -> str:
        return _ESCAPES.sub("", self.raw).replace("\r", "")

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the other end closed: bieb has exited
            return False
        self.raw += chunk.decode("utf-8", "replace")
        return bool(chunk)

    def expect(self, wanted: str, timeout: float = 30) -> None:
        """Wait until `wanted` appears (after the previous match)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.text.find(wanted, self.seen_upto)
            if found >= 0:
                self.seen_upto = found + len(wanted)
                return
            left = deadline - time.monotonic()
            if left <= 0 or (not self._read(min(left, 0.5)) and self.proc.poll() is not None
                             and not self._read(0.1)):
                raise AssertionError(f"the terminal never showed {wanted!r}; it showed:\n"
                                     f"{self.text}")

    def send(self, *keys: str, pause: float = 0.15) -> None:
        """Type text or named keys ('enter', 'down', 'ctrl-c'), one after another."""
        for key in keys:
            os.write(self.master, KEYS.get(key, key).encode())
            time.sleep(pause)  # let the prompt redraw, as a person's typing would
            self._read(0)

    def line(self, text: str) -> None:
        self.send(text, "enter")

    def wait(self, timeout: float = 60) -> int:
        """The exit code, once bieb has ended; its last output is kept."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        while self._read(0.1):
            pass
        code = self.proc.wait(timeout=1)
        return code

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
