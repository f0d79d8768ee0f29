"""A per-registry cache of parsed files, so unchanged files are not parsed again.

An entry is reused only while the file's size, mtime (ns) and inode are the
same. Files changed in the last seconds before saving are not cached, since
a second change within the file system's timestamp granularity could keep
the same mtime (git's "racily clean" problem). The cache lives in the user's
cache folder ($XDG_CACHE_HOME or ~/.cache), never in the registry; set
BIEB_NO_CACHE=1 to bypass it. It is pickled: only the user can write there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from innovatiebieb import __version__
from innovatiebieb.bulkread import read_many
from innovatiebieb.yamlio import Document

FORMAT = f"{__version__}/1"
RACY_SECONDS = 2.0

Key = tuple[int, int, int]  # size, mtime_ns, inode


def _cache_file(root: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return base / "bieb" / f"{digest}.pickle"


def _key(path: str) -> Key | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _load(file: Path) -> dict[str, tuple[Key, Document]]:
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


def _save(file: Path, entries: dict[str, tuple[Key, Document]]) -> None:
    with contextlib.suppress(OSError):  # a cache that cannot be written is just slower
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump({"format": FORMAT, "entries": entries}, f,
                            protocol=pickle.HIGHEST_PROTOCOL)
            Path(tmp).replace(file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def read_cached(root: Path, paths: Sequence[str | Path]) -> list[Document]:
    """Documents for `paths` (in order), parsing only files changed since last time."""
    if os.environ.get("BIEB_NO_CACHE"):
        return read_many(paths)
    file = _cache_file(root)
    cached = _load(file)
    # Plain strings: at 10,000 files pathlib's overhead is a third of a warm run.
    strings = [os.fspath(p) for p in paths]
    prefix = len(os.fspath(root)) + 1
    keys = [_key(s) for s in strings]
    names = [s[prefix:] for s in strings]
    documents: list[Document | None] = []
    stale: list[int] = []
    for i, (name, key) in enumerate(zip(names, keys, strict=True)):
        hit = cached.get(name)
        if key is not None and hit is not None and hit[0] == key:
            documents.append(hit[1])
        else:
            documents.append(None)
            stale.append(i)
    if stale or len(cached) != len(paths):
        fresh = read_many([paths[i] for i in stale])
        for i, doc in zip(stale, fresh, strict=True):
            doc.text = ""  # the text is re-read when a problem must be located
            documents[i] = doc
        settled = time.time_ns() - int(RACY_SECONDS * 1e9)
        entries = {name: (key, doc) for name, key, doc in zip(names, keys, documents, strict=True)
                   if key is not None and doc is not None and key[1] < settled}
        if {n: k for n, (k, _) in entries.items()} != {n: k for n, (k, _) in cached.items()}:
            _save(file, entries)
    return [d for d in documents if d is not None]
