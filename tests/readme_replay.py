"""Replay the README's console sessions, to test them or to write their outputs back.

    python -m tests.readme_replay           # compare; exit 1 and show the drift
    python -m tests.readme_replay --write   # write bieb's real outputs into README.md
                                            # (`make readme` runs this)

The convention, for whoever writes the README (it is also told in a comment at
the top of README.md):

- Every ```console block is a session: its `$ ` lines (and the lines after a
  `$ ` line that ends in a backslash) are run in order by one
  bash, in a terminal 100 columns wide (a pty: tables fit it as they do for a
  user), with stdin closed (bieb never prompts), and what they print is
  compared with the lines under them. Hashes and clock times are normalised.
- A block runs on a fresh repository: a copy of the bundled registry/ and
  schemas/, committed, with the git identity Mo Derator <mo@poi.example.nl>,
  commits and bieb's "today" fixed at 2026-11-22, and a HOME of its own.
- An HTML comment directly above a block changes that:
    <!-- replay session=NAME -->   blocks naming the same session share one
                                   repository, in the order they appear;
    <!-- replay session=NAME       lines up to the closing --> are a hidden
    git rm ...                     set-up, run by bash (stopping at the first
    -->                            failure) before the block's commands;
    <!-- replay skip: WHY, covered by tests/...py -->
                                   shown, not replayed (an editor, a prompt,
                                   a server); it must name the test that
                                   covers it. Keep these few.
"""

from __future__ import annotations

import difflib
import errno
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
FIXED_DAY = "2026-11-22"
FIXED_TIME = f"{FIXED_DAY}T10:00:00+00:00"
COLUMNS, LINES = 100, 50
TIMEOUT = 120  # seconds for one block; a hanging command (a prompt, a server) fails the test
MARK = "@@bieb-replay@@"

_FENCE = re.compile(r"^```console\s*$")
_REPLAY = re.compile(r"^<!--\s*replay\b(?P<rest>.*)$")
_HASH = re.compile(r"\b[0-9a-f]{7,40}\b")
_CLOCK = re.compile(r"\b\d\d:\d\d(:\d\d)?\b")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class ReplayError(Exception):
    """A block could not be replayed (its set-up failed, or it hung)."""


@dataclass
class Block:
    """One ```console block of the README: where it is, what it runs, what it shows."""

    start: int  # index of the first line inside the fence
    end: int  # index of the closing fence
    lines: list[str]
    session: str | None = None
    setup: list[str] = field(default_factory=list)
    skip: str | None = None

    @property
    def where(self) -> str:
        return f"README.md:{self.start + 1}"

    def commands(self) -> list[str]:
        """The `$ ` lines; one ending in a backslash goes on on the next, as in bash."""
        found = []
        i = 0
        while i < len(self.lines):
            if self.lines[i].startswith("$ "):
                command = [self.lines[i][2:]]
                while command[-1].endswith("\\") and i + 1 < len(self.lines):
                    i += 1
                    command.append(self.lines[i])
                found.append("\n".join(command))
            i += 1
        return found


def parse(text: str) -> list[Block]:
    """The console blocks of a Markdown text, with their replay comments."""
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if not _FENCE.match(lines[i]):
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith("```")), None)
        if end is None:
            raise ReplayError(f"README.md:{i + 1}: a ```console block is not closed")
        block = Block(i + 1, end, lines[i + 1:end])
        _read_comment(lines, i, block)
        blocks.append(block)
        i = end + 1
    return blocks


def _read_comment(lines: list[str], fence: int, block: Block) -> None:
    """Fill in the block's session, set-up or skip from a replay comment right above it."""
    close = fence - 1
    if close < 0 or not lines[close].rstrip().endswith("-->"):
        return
    opening = close
    while opening >= 0 and "<!--" not in lines[opening]:
        opening -= 1
    found = _REPLAY.match(lines[opening]) if opening >= 0 else None
    if not found:
        return
    rest = found["rest"].strip()
    one_line = opening == close
    if one_line:
        rest = rest.removesuffix("-->").strip()
    else:
        block.setup = lines[opening + 1:close]
    if rest.startswith("skip"):
        block.skip = rest.removeprefix("skip").lstrip(":").strip() or "?"
        return
    for option in rest.split():
        key, _, value = option.partition("=")
        if key != "session" or not value:
            raise ReplayError(f"README.md:{opening + 1}: unknown replay option '{option}' "
                              "(known: session=NAME, skip: WHY)")
        block.session = value


def normalise(lines: list[str]) -> list[str]:
    """Lines as compared: hashes and clock times masked, trailing blanks dropped."""
    return [_CLOCK.sub("<time>", _HASH.sub("<hash>", line)).rstrip() for line in lines]


class Replayer:
    """Repositories for the sessions, and a `bieb` that runs this tree's code."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.home = work / "home"
        self.home.mkdir()
        (self.home / ".gitconfig").write_text(
            "[user]\n\tname = Mo Derator\n\temail = mo@poi.example.nl\n"
            "[init]\n\tdefaultBranch = main\n[color]\n\tui = never\n"
            "[core]\n\tpager = cat\n[advice]\n\tdetachedHead = false\n", encoding="utf-8")
        bin_dir = work / "bin"
        bin_dir.mkdir()
        bieb = bin_dir / "bieb"
        bieb.write_text(
            f"#!{sys.executable}\n"
            "# bieb as installed, on this tree's code, with its clock fixed for the replay.\n"
            "import datetime, os\n"
            "from innovatiebieb.cli import mutate\n"
            "mutate.today = lambda: datetime.date.fromisoformat(os.environ['BIEB_REPLAY_DAY'])\n"
            "from innovatiebieb.cli.main import main\n"
            "main()\n", encoding="utf-8")
        bieb.chmod(0o755)
        self.env = {
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
            "HOME": str(self.home),
            "GIT_CONFIG_GLOBAL": str(self.home / ".gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_DATE": FIXED_TIME, "GIT_COMMITTER_DATE": FIXED_TIME,
            "BIEB_REPLAY_DAY": FIXED_DAY,
            "PYTHONPATH": str(REPO),
            "PYTHONDONTWRITEBYTECODE": "1",
            "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8",
            "COLUMNS": str(COLUMNS), "LINES": str(LINES),
            "TERM": "dumb", "NO_COLOR": "1", "PAGER": "cat", "GIT_PAGER": "cat",
            # An edit that was not set up fails at once instead of waiting in vi.
            "EDITOR": "false",
        }
        self.sessions: dict[str, Path] = {}
        self.template: Path | None = None
        self.count = 0

    def repository(self, session: str | None) -> Path:
        """The session's repository; a fresh one for a block without a session."""
        if session is not None and session in self.sessions:
            return self.sessions[session]
        if self.template is None:
            self.template = self.work / "template"
            self.template.mkdir()
            shutil.copytree(REPO / "registry", self.template / "registry")
            shutil.copytree(REPO / "schemas", self.template / "schemas")
            for args in (["init", "--quiet"], ["add", "--all"],
                         ["commit", "--quiet", "-m", "The bundled registry"]):
                subprocess.run(["git", *args], cwd=self.template, env=self.env, check=True,
                               capture_output=True)
        self.count += 1
        repo = self.work / f"{self.count:02d}-{session or 'block'}"
        shutil.copytree(self.template, repo, symlinks=True)
        if session is not None:
            self.sessions[session] = repo
        return repo

    def run(self, block: Block) -> list[str]:
        """Run the block's set-up and commands; the block as it should read."""
        commands = block.commands()
        output = self.shell(self.repository(block.session), block.setup, commands, block.where)
        replayed: list[str] = []
        for command, printed in zip(commands, output, strict=True):
            replayed += [*f"$ {command}".split("\n"), *printed]
        return replayed

    def shell(self, cwd: Path, setup: list[str], commands: list[str],
              where: str) -> list[list[str]]:
        """Run set-up lines, then commands, in one bash on a pty; each command's output."""
        script = ["set -e", *setup, "set +e", "__rc=0"]
        for command in commands:
            script += [f"printf '\\n{MARK}\\n'; (exit $__rc)", command, "__rc=$?"]
        script.append(f"printf '\\n{MARK}\\n'")
        rc, text = _on_pty(["bash", "--noprofile", "--norc", "-c", "\n".join(script)],
                           cwd, self.env, where)
        parts = text.split(f"\n{MARK}\n")
        if len(parts) != len(commands) + 2:
            raise ReplayError(f"{where}: the set-up failed (exit {rc}):\n{text}")
        return [part.splitlines() for part in parts[1:-1]]


def _on_pty(argv: list[str], cwd: Path, env: dict[str, str], where: str) -> tuple[int, str]:
    """Run argv with stdout and stderr on a terminal (stdin closed); exit code and output."""
    main, child = pty.openpty()
    _set_size(child)
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=child,
                            stderr=child, start_new_session=True)
    os.close(child)
    chunks: list[bytes] = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise ReplayError(f"{where}: still running after {TIMEOUT} s (a prompt? a "
                                  "server?); mark it <!-- replay skip: ... --> if it cannot "
                                  "be replayed. Output so far:\n" + _text(chunks))
            ready, _, _ = select.select([main], [], [], min(left, 1.0))
            if not ready:
                continue
            try:
                chunk = os.read(main, 65536)
            except OSError as e:  # EIO: every writer has closed the terminal
                if e.errno != errno.EIO:
                    raise
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main)
    return proc.wait(), _text(chunks)


def _set_size(fd: int) -> None:
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))


def _text(chunks: list[bytes]) -> str:
    text = b"".join(chunks).decode("utf-8", errors="replace")
    return _ANSI.sub("", text.replace("\r\n", "\n").replace("\r", ""))


@dataclass
class Drift:
    """A block whose replay printed something else: `drifted` if more than hashes or
    clock times differ (which fails the test)."""

    block: Block
    replayed: list[str]
    drifted: bool = True

    def diff(self) -> str:
        return "\n".join(difflib.unified_diff(
            self.block.lines, self.replayed, f"{self.block.where} (README)",
            f"{self.block.where} (bieb now)", lineterm="", n=2))


def replay(text: str, work: Path, *, every: bool = False) -> list[Drift]:
    """The replayed blocks whose output differs from the README's after normalising;
    with `every`, also those where only hashes or times differ (to write them back, so
    that the hashes in one README agree with each other)."""
    replayer = Replayer(work)
    drifts = []
    for block in parse(text):
        if block.skip is not None:
            continue
        replayed = replayer.run(block)
        drifted = normalise(replayed) != normalise(block.lines)
        if drifted or (every and _stripped(replayed) != _stripped(block.lines)):
            drifts.append(Drift(block, replayed, drifted))
    return drifts


def _stripped(lines: list[str]) -> list[str]:
    return [line.rstrip() for line in lines]


def rewrite(text: str, drifts: list[Drift]) -> str:
    """The text with the drifted blocks replaced by what bieb prints now."""
    lines = text.splitlines()
    for drift in sorted(drifts, key=lambda d: d.block.start, reverse=True):
        lines[drift.block.start:drift.block.end] = [line.rstrip() for line in drift.replayed]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    write = "--write" in argv
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="bieb-readme-") as work:
        drifts = replay(text, Path(work), every=write)
    for drift in drifts:
        if drift.drifted:
            print(drift.diff(), end="\n\n")
    if write:
        if drifts:
            README.write_text(rewrite(text, drifts), encoding="utf-8")
        print(f"README.md: {sum(d.drifted for d in drifts)} block(s) rewritten with bieb's "
              f"output, {sum(not d.drifted for d in drifts)} more for their hashes or times")
        return 0
    if drifts:
        print(f"README.md: {len(drifts)} block(s) differ from bieb's output; "
              "run `make readme` to write bieb's output into README.md")
        return 1
    print("README.md: every session replays as shown")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
