"""The catalogue's search index: Pagefind run over the built project pages.

Pagefind (https://pagefind.app) cuts the project pages' words, filters and sort
keys into small files that the browser fetches on demand, so the catalogue can
search and filter 10,000 projects without loading them all. Its binary comes
from PyPI (the package pagefind_bin). It runs as soon as the project pages are
written, beside bieb writing the rest. It writes into a temporary folder and bieb
writes those files into the site itself: the manifest then lists them like any
other file (outdir.py), and a failed run leaves nothing of its own in --out.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from innovatiebieb.model.errors import BiebError
from innovatiebieb.store.signals import die_with_parent

FOLDER = "pagefind"  # in the site: the catalogue's script loads FOLDER/pagefind.js
PAGES = "projecten/*.html"  # only the project pages hold data-pagefind-body
LANGUAGE = "nl"  # Dutch stemming: "bibliotheken" finds "bibliotheek"
# The variable Pagefind's own Python API reads: a binary from elsewhere (npm, a
# platform without a wheel on PyPI), used instead of pagefind_bin's.
BINARY_VARIABLE = "PAGEFIND_BINARY_PATH"
_PREFIX = "bieb-pagefind-"  # the scratch folders', then the pid of the build
_SHM = "/dev/shm"  # noqa: S108 -- Linux's RAM-backed folder, used only when writable
# Pagefind's ready-made search interfaces: the catalogue has its own form, so these
# are left out of the site.
_UNUSED = re.compile(r"pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)")
_HINT = ("Install bieb with its dependencies (pip install innovatiebieb brings "
         "pagefind_bin), or set PAGEFIND_BINARY_PATH to a Pagefind 1.x binary, or build "
         "without search: bieb site build --no-search.")


def executable() -> Path:
    """The Pagefind binary (PAGEFIND_BINARY_PATH, else pagefind_bin's), once it has
    answered `--version`: one that cannot run stops the build before it writes."""
    binary = _binary()
    try:
        ran = subprocess.run([str(binary), "--version"], capture_output=True, check=False,
                             stdin=subprocess.DEVNULL, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        why = e.strerror if isinstance(e, OSError) else "it did not answer --version"
        raise BiebError(f"cannot build the catalogue's search index: cannot run Pagefind "
                        f"({binary}): {why}", _HINT) from e
    if ran.returncode != 0:
        raise BiebError(f"cannot build the catalogue's search index: Pagefind ({binary}) "
                        f"failed with exit code {ran.returncode} on --version", _HINT)
    return binary


def _binary() -> Path:
    given = os.environ.get(BINARY_VARIABLE)
    if given:
        return Path(given)
    try:
        from pagefind_bin import get_executable
    except ImportError as e:
        raise BiebError("cannot build the catalogue's search index: Pagefind is not "
                        "installed (the Python package pagefind_bin)", _HINT) from e
    try:
        return Path(get_executable())
    except FileNotFoundError as e:  # the package without its binary (an odd platform)
        raise BiebError(f"cannot build the catalogue's search index: {e}", _HINT) from e


def _scratch_folder(pages: int) -> str | None:
    """Where Pagefind writes its index before bieb takes it into the site: RAM (tmpfs)
    when it has room, else the temporary folder. Its writing phase is a file a page
    (10,000 at 10,000 projects), in many threads; on this project's benchmark machine
    the run took 9.9 s into tmpfs against 15.5 s into the disk's /tmp (12 s of it
    system time). The index is about 1 KB a page; tenfold that must be free."""
    try:
        if os.access(_SHM, os.W_OK | os.X_OK) and \
                shutil.disk_usage(_SHM).free > pages * 10 * 1024:
            return _SHM
    except OSError:
        pass
    return None


def _remove_left_behind(scratch: str | None) -> None:
    """The scratch folders of builds killed outright, this user's, whose process no
    longer runs: at 10,000 projects 10 MB each, in RAM (/dev/shm) until a reboot."""
    folder = Path(scratch or tempfile.gettempdir())
    for left in folder.glob(f"{_PREFIX}*-*"):
        pid = left.name[len(_PREFIX):].split("-", 1)[0]
        try:
            if not pid.isdigit() or left.lstat().st_uid != os.getuid():
                continue
            os.kill(int(pid), 0)
        except ProcessLookupError:  # its build is gone
            shutil.rmtree(left, ignore_errors=True)
        except OSError:  # gone meanwhile, or another user's process: not ours to judge
            continue


class Indexing:
    """Pagefind indexing the project pages, already written, while bieb writes the
    rest of the site (the record pages and the open data are not indexed)."""

    def __init__(self, binary: Path, site: Path, pages: int) -> None:
        self._binary = binary
        scratch = _scratch_folder(pages)
        _remove_left_behind(scratch)
        # Named by this process: a build killed outright (SIGKILL runs no clean-up)
        # leaves it, and the next build removes it once no such process runs.
        self._scratch = tempfile.TemporaryDirectory(prefix=f"{_PREFIX}{os.getpid()}-",
                                                    dir=scratch)
        tmp = Path(self._scratch.name)
        self._out, self._log, empty = tmp / "out", tmp / "pagefind.log", tmp / "run"
        empty.mkdir()
        # Pagefind also reads its settings from PAGEFIND_* variables and from a
        # pagefind.yml (or .json, .toml) in its working folder: neither may change
        # bieb's index, so it runs in an empty folder without them.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        command = [str(binary), "--site", str(site.resolve()), "--glob", PAGES,
                   "--output-path", str(self._out), "--force-language", LANGUAGE, "--silent"]
        parent = os.getpid()
        try:
            with self._log.open("wb") as log:
                # A group of its own, to be stopped whole: Pagefind may be a launcher
                # (npm's) that runs the binary as its child. Out of bieb's group, a
                # kill of that group would not reach it: it dies with bieb instead.
                self._run = subprocess.Popen(  # noqa: PLW1509 -- bieb starts no threads
                    command, cwd=empty, env=env, stdout=log, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, process_group=0,
                    preexec_fn=lambda: die_with_parent(parent))
        except OSError as e:
            self._scratch.cleanup()
            raise BiebError(f"cannot build the catalogue's search index: cannot run "
                            f"Pagefind ({binary}): {e.strerror}", _HINT) from e

    def __enter__(self) -> Indexing:
        return self

    def __exit__(self, *_: object) -> None:
        """After a failure or Ctrl-C too: Pagefind stopped, its files gone."""
        with contextlib.suppress(ProcessLookupError):  # the group may be gone already
            os.killpg(self._run.pid, signal.SIGKILL)
        self._run.wait()
        self._scratch.cleanup()

    def finish(self, write: Callable[[str, bytes], None]) -> int:
        """Wait for Pagefind, then hand each file of the index to `write` (its path in
        the site, its bytes); the number of files."""
        code = self._run.wait()
        if code != 0:
            said = self._log.read_text(errors="replace").strip().splitlines()[-3:]
            raise BiebError(f"cannot build the catalogue's search index: Pagefind "
                            f"({self._binary}) failed with exit code {code}"
                            + (": " + " ".join(said) if said else ""), _HINT)
        made = sorted(p for p in self._out.rglob("*")
                      if p.is_file() and not _UNUSED.fullmatch(p.name))
        for path in made:
            write(f"{FOLDER}/{path.relative_to(self._out).as_posix()}", path.read_bytes())
        return len(made)
