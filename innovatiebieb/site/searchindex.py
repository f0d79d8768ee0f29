"""The catalogue's search index: Pagefind run over the built project pages.

Pagefind (https://pagefind.app) cuts the project pages' words, filters and sort
keys into small files that the browser fetches on demand, so the catalogue can
search and filter 10,000 projects without loading them all. Its binary comes
from PyPI (the package pagefind_bin). It writes into a temporary folder and bieb
writes those files into the site itself: the manifest then lists them like any
other file (outdir.py), and a failed run leaves nothing of its own in --out.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from innovatiebieb.model.errors import BiebError

FOLDER = "pagefind"  # in the site: the catalogue's script loads FOLDER/pagefind.js
PAGES = "projecten/*.html"  # only the project pages hold data-pagefind-body
LANGUAGE = "nl"  # Dutch stemming: "bibliotheken" finds "bibliotheek"
# The variable Pagefind's own Python API reads: a binary from elsewhere (npm, a
# platform without a wheel on PyPI), used instead of pagefind_bin's.
BINARY_VARIABLE = "PAGEFIND_BINARY_PATH"
# Pagefind's ready-made search interfaces: the catalogue has its own form, so these
# are left out of the site.
_UNUSED = re.compile(r"pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)")
_HINT = ("Install bieb with its dependencies (pip install innovatiebieb brings "
         "pagefind_bin), or set PAGEFIND_BINARY_PATH to a Pagefind 1.x binary, or build "
         "without search: bieb site build --no-search.")


def executable() -> Path:
    """The Pagefind binary: PAGEFIND_BINARY_PATH, else pagefind_bin's."""
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


def write_index(binary: Path, site: Path, write: Callable[[str, bytes], None]) -> int:
    """Index the project pages of the site in `site` with the Pagefind `binary` and
    hand each file of the index to `write` (its path in the site, its bytes); the
    number of files."""
    with tempfile.TemporaryDirectory(prefix="bieb-pagefind-") as tmp:
        out = Path(tmp) / "out"
        # Pagefind also reads its settings from PAGEFIND_* variables and from a
        # pagefind.yml (or .json, .toml) in its working folder: neither may change
        # bieb's index, so it runs in an empty folder without them.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        command = [str(binary), "--site", str(site.resolve()), "--glob", PAGES,
                   "--output-path", str(out), "--force-language", LANGUAGE, "--silent"]
        try:
            ran = subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True,
                                 errors="replace", check=False, stdin=subprocess.DEVNULL)
        except OSError as e:
            raise BiebError(f"cannot build the catalogue's search index: cannot run "
                            f"Pagefind ({binary}): {e.strerror}", _HINT) from e
        if ran.returncode != 0:
            said = (ran.stderr.strip() or ran.stdout.strip()).splitlines()[-3:]
            raise BiebError(f"cannot build the catalogue's search index: Pagefind "
                            f"({binary}) failed with exit code {ran.returncode}"
                            + (": " + " ".join(said) if said else ""), _HINT)
        made = sorted(p for p in out.rglob("*") if p.is_file() and not _UNUSED.fullmatch(p.name))
        for path in made:
            write(f"{FOLDER}/{path.relative_to(out).as_posix()}", path.read_bytes())
    return len(made)
