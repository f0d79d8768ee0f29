"""A per-registry cache of parsed files, so unchanged files are not parsed again.

An entry is reused only while the file's size, mtime (ns) and inode are the
same. Files changed in the last seconds before saving are not cached, since
a second change within the file system's timestamp granularity could keep
the same mtime (git's "racily clean" problem). The cache lives in the user's
cache folder ($XDG_CACHE_HOME or ~/.cache), never in the registry; set
BIEB_NO_CACHE=1 to bypass it. It is pickled: only the user can write there.
Files nobody read or wrote for UNUSED_DAYS (an old bieb's formats, a deleted
registry's caches) are removed whenever bieb writes a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from innovatiebieb import __version__

if TYPE_CHECKING:  # the parser is loaded only when a file must be parsed
    from innovatiebieb.store.yamlio import Document

# Bump when what is cached changes shape; a view's name carries its own version.
FORMAT = f"{__version__}/3"  # 3: dates are text (YAML 1.2)
RACY_SECONDS = 2.0
UNUSED_DAYS = 30

Key = tuple[int, int, int]  # size, mtime_ns, inode
V = TypeVar("V")


def cache_file(root: Path, name: str, suffix: str = ".pickle") -> Path:
    """Where the cache `name` of the registry at `root` lives."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return base / "bieb" / f"{digest}.{name}{suffix}"


def settled_before() -> int:
    """The mtime (ns) a file must be older than for its entry to be trusted later."""
    return time.time_ns() - int(RACY_SECONDS * 1e9)


def _key(path: str) -> Key | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _load(file: Path) -> dict[str, tuple[Key, Any]]:
    try:
        with file.open("rb") as f:
            stored = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            ValueError, TypeError):
        return {}
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        return {}
    entries = stored.get("entries")
    return entries if isinstance(entries, dict) else {}


def write_cache(file: Path, data: bytes) -> None:
    """Replace a cache file atomically; a cache that cannot be written is just slower."""
    with contextlib.suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            Path(tmp).replace(file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(file.parent)


def _prune(folder: Path) -> None:
    """Remove the cache files unused for UNUSED_DAYS. Reading keeps a file: with the
    usual `relatime` mounts its atime moves at least once a day. (Under `noatime` a
    cache read daily but never rewritten goes after 30 days, and is made again once.)"""
    before = time.time() - UNUSED_DAYS * 86400
    with os.scandir(folder) as entries:
        for e in entries:
            with contextlib.suppress(OSError):
                st = e.stat(follow_symlinks=False)
                if e.is_file(follow_symlinks=False) and max(st.st_atime, st.st_mtime) < before:
                    Path(e.path).unlink()


def _save(file: Path, entries: dict[str, tuple[Key, Any]]) -> None:
    write_cache(file, pickle.dumps({"format": FORMAT, "entries": entries},
                                   protocol=pickle.HIGHEST_PROTOCOL))


def read_cached(root: Path, paths: Sequence[str | Path]) -> list[Document]:
    """Documents for `paths` (in order), parsing only files changed since last time."""
    return read_view(root, paths, "documents", _whole)


def _whole(doc: Document) -> Document:
    doc.text = ""  # the text is re-read when a problem must be located
    return doc


def read_view(root: Path, paths: Sequence[str | Path], name: str,
              view: Callable[[Document], V]) -> list[V]:
    """`view(document)` for each path, cached under `name`.

    A command that needs a little of every file (titles, say) keeps a small
    cache of just that: loading it costs milliseconds, where the documents'
    cache of 10,000 files costs a third of a second.
    """
    from innovatiebieb.store.bulkread import read_many

    if os.environ.get("BIEB_NO_CACHE"):
        return [view(d) for d in read_many(paths)]
    file = cache_file(root, name)
    cached = _load(file)
    # Plain strings: at 10,000 files pathlib's overhead is a third of a warm run.
    strings = [os.fspath(p) for p in paths]
    prefix = len(os.fspath(root)) + 1
    keys = [_key(s) for s in strings]
    names = [s[prefix:] for s in strings]
    values: list[Any] = []
    stale: list[int] = []
    for i, (file_name, key) in enumerate(zip(names, keys, strict=True)):
        hit = cached.get(file_name)
        if key is not None and hit is not None and hit[0] == key:
            values.append(hit[1])
        else:
            values.append(None)
            stale.append(i)
    if stale or len(cached) != len(paths):
        for i, doc in zip(stale, read_many([paths[i] for i in stale]), strict=True):
            values[i] = view(doc)
        settled = settled_before()
        entries = {n: (k, v) for n, k, v in zip(names, keys, values, strict=True)
                   if k is not None and k[1] < settled}
        if {n: k for n, (k, _) in entries.items()} != {n: k for n, (k, _) in cached.items()}:
            _save(file, entries)
    return values
