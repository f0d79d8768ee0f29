"""A per-registry cache of what was computed from each file, so unchanged files
are not parsed (or checked) again.

An entry is reused only while the file's size, mtime, ctime (ns) and inode are
the same. The ctime is what makes this sound: a program can set a file's mtime
back (`touch -d`, `os.utime`), but that very call moves its ctime to now, and
only the clock's owner can set the ctime. (A content hash is as sound, but
reading 10,000 files costs 0.17 s on every run: most of what an unchanged
registry may cost.) Files changed in the last seconds before saving are not
cached, since a second change within the file system's timestamp granularity
could keep the same times (git's "racily clean" problem).

The cache lives in the user's cache folder ($XDG_CACHE_HOME or ~/.cache),
never in the registry; set BIEB_NO_CACHE=1 to bypass it. It is marshal data
(plain values, which cannot run code when loaded, unlike a pickle), read only
from a folder and files that the user owns and nobody else can write. Files
nobody read or wrote for UNUSED_DAYS (an old bieb's formats, a deleted
registry's caches) are removed whenever bieb writes a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from innovatiebieb import __version__

if TYPE_CHECKING:  # the parser is loaded only when a file must be parsed
    from innovatiebieb.store.yamlio import Document



def _code_digest() -> str:
    """The names, sizes and mtimes of bieb's own modules: a cache written by other code
    (a `git pull` of an editable install, an upgrade) is never read, whatever the
    version number says; the rules that made the remembered problems may have changed.
    Read with scandir and plain strings: every run of bieb pays for this."""
    package = os.fspath(Path(__file__).resolve().parent.parent)
    found = []
    folders = [""]
    while folders:
        folder = folders.pop()
        with os.scandir(package + folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(f"{folder}{os.sep}{entry.name}")
                elif entry.name.endswith(".py"):
                    info = entry.stat()
                    found.append((folder, entry.name, info.st_size, info.st_mtime_ns))
    return hashlib.sha256(repr(sorted(found)).encode()).hexdigest()[:16]


FORMAT = f"{__version__}/5/{_code_digest()}"  # 5: dates are text (YAML 1.2), problems with messages
RACY_SECONDS = 2.0
UNUSED_DAYS = 30

Key = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
V = TypeVar("V")


def cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bieb"


def cache_file(root: Path, name: str, suffix: str = ".marshal") -> Path:
    """Where the cache `name` of the registry at `root` lives."""
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return cache_folder() / f"{digest}.{name}{suffix}"


def settled_before() -> int:
    """The time (ns) a file's mtime and ctime must be older than for its entry to be
    trusted later."""
    return time.time_ns() - int(RACY_SECONDS * 1e9)


def file_key(path: str) -> Key | None:
    """What says a file is unchanged: size, mtime, ctime, inode (None if it is gone)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def settled(key: Key, before: int) -> bool:
    return key[1] < before and key[2] < before


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else: no one else can plant data."""
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_cache(file: Path) -> bytes | None:
    """The bytes of a cache file, or None if it is missing or someone else could have
    written it (another user's file, or a folder others can write to)."""
    try:
        with file.open("rb") as f:
            st = os.fstat(f.fileno())
            if not (stat.S_ISREG(st.st_mode) and _private(st)
                    and _private(file.parent.stat())):
                return None
            return f.read()
    except OSError:
        return None


def read_marshal(file: Path) -> Any:
    """What a private cache file holds, as marshal data (which cannot run code), or None
    when it is missing, not ours or damaged."""
    raw = read_cache(file)
    if raw is None:
        return None
    try:
        return marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return None


def load_cache(file: Path) -> Any:
    """The marshal data of a cache file as stored by `save_cache`, or None."""
    stored = read_marshal(file)
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != FORMAT:
        return None
    return stored[1]


def save_cache(file: Path, data: Any) -> None:
    """Store plain data (what marshal takes) for `load_cache`."""
    write_cache(file, marshal.dumps((FORMAT, data)))


def write_cache(file: Path, data: bytes) -> None:
    """Replace a cache file atomically; a cache that cannot be written is just slower."""
    with contextlib.suppress(OSError):
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = file.parent.stat()
        if st.st_uid == os.getuid() and st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            file.parent.chmod(0o700)  # ours, made under a umask of 002 by an older bieb
            st = file.parent.stat()
        if not _private(st):
            return  # it would not be read back; and others could swap it under us
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


def read_cached(root: Path, paths: Sequence[str | Path]) -> list[Document]:
    """Documents for `paths` (in order), parsing only files changed since last time."""
    return [_document(v) for v in read_view(root, paths, "documents", _plain_document)]


# --- Documents as marshal data: YAML 1.2 gives only plain values (dates are text) ---


def _plain_document(doc: Document) -> tuple[Any, ...]:
    findings = [(f.line, f.col, f.code, f.message, f.hint) for f in doc.findings]
    # The text is re-read only when a problem must be located below the top level.
    return doc.data, findings, doc.where


def _document(value: tuple[Any, ...]) -> Document:
    from innovatiebieb.store.yamlio import Document, Finding

    data, findings, where = value
    return Document(data, [Finding(*f) for f in findings], "", where)


def read_view(root: Path, paths: Sequence[str | Path], name: str,
              view: Callable[[Document], V]) -> list[V]:
    """`view(document)` for each path, cached under `name`; a view returns plain data
    (what marshal stores).

    A command that needs a little of every file (titles, say) keeps a small
    cache of just that: loading it costs milliseconds, where the documents'
    cache of 10,000 files costs a third of a second.
    """
    from innovatiebieb.store.bulkread import read_many

    if os.environ.get("BIEB_NO_CACHE"):
        return [view(d) for d in read_many(paths)]
    file = cache_file(root, name)
    cached = load_cache(file)
    if not isinstance(cached, dict):
        cached = {}
    # Plain strings: at 10,000 files pathlib's overhead is a third of a warm run.
    strings = [os.fspath(p) for p in paths]
    prefix = len(os.fspath(root)) + 1
    keys = [file_key(s) for s in strings]
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
        before = settled_before()
        entries = {n: (k, v) for n, k, v in zip(names, keys, values, strict=True)
                   if k is not None and settled(k, before)}
        if {n: k for n, (k, _) in entries.items()} != {n: k for n, (k, _) in cached.items()}:
            save_cache(file, entries)
    return values
