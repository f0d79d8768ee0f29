"""The site's output folder: emptied only of what an earlier build provably wrote.

A bare marker file proves nothing (it can be committed, copied or planted),
so each build leaves a manifest: every file it wrote with its SHA-256. The
next build replaces or deletes a file only when the manifest lists it with the
same content, and refuses the whole folder when anything else is in it (a
file, or a folder no listed file is in), before writing or deleting anything.
A folder that is or holds the registry or a git repository is refused
outright, manifest or not.

The manifest is also the build's journal: before a file is written, its new
SHA-256 (and that of an empty file: a kill between creating and filling it)
is added to the manifest, beside the last build's. Whatever stops a build (a
Ctrl-C, a kill, a full disk), every file in the folder is then listed with
its content, and the next build replaces it. A build that ends writes the
manifest again, of its own files only. One build at a time holds the folder.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from innovatiebieb.model.errors import BiebError, UsageError
from innovatiebieb.store import signals
from innovatiebieb.store.location import display

MANIFEST = ".bieb-site"
_NEW_MANIFEST = ".bieb-site.new"  # written whole, then renamed over MANIFEST
_HEADER = "# Made by 'bieb site build': the files it wrote and their SHA-256.\n"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_EMPTY = _sha256(b"")


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def _refuse(out: Path, why: str, hint: str = "Give an empty or new folder with --out.") -> None:
    raise UsageError(f"--out {display(out)} {why}; nothing was deleted", hint)


def _manifest(out: Path) -> dict[str, set[str]]:
    """relative path -> the SHA-256s the manifest lists for it (a build that did not
    end lists the old and the new); {} when not readable."""
    path = out / MANIFEST
    if path.is_symlink() or not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    listed: dict[str, set[str]] = {}
    for line in text.splitlines()[1:] if text.startswith(_HEADER) else []:
        digest, _, name = line.partition(" ")
        if len(digest) == 64 and name:
            listed.setdefault(name, set()).add(digest)
    return listed


@dataclass(frozen=True)
class LastBuild:
    """What the last build left in --out, each file checked against its manifest: a
    rebuild leaves alone the files whose content it would write again."""

    files: dict[str, str]  # relative path -> SHA-256 of its content
    folders: list[Path]


def check_out(out: Path, root: Path) -> None:
    """Refuse an --out that can never hold a site: not a folder, the registry or in
    it, a git repository."""
    if out.is_symlink() and not out.exists():
        _refuse(out, "is a symbolic link to nothing")
    if out.exists() and not out.is_dir():
        _refuse(out, "exists and is not a folder")
    where, registry = out.resolve(), root.resolve()
    if _within(registry, where) or _within(where, registry):
        _refuse(out, "is, holds or lies inside the registry",
                "Build the site outside the registry, e.g. --out _site.")
    if (out / ".git").exists():
        _refuse(out, "is a git repository")


@contextlib.contextmanager
def holding(out: Path) -> Iterator[None]:
    """The folder for this build alone: a second build into it at the same time is
    refused (the two would write over each other's files and manifest)."""
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"another 'bieb site build' is writing into --out {display(out)}",
                             "Wait for it to finish, or give another --out.") from None
        yield
    finally:
        os.close(fd)  # the lock goes with it


def last_build(out: Path) -> LastBuild:
    """The last build's files in `out` (held); refused if it holds anything else."""
    listed = _manifest(out)
    if not any(entry.name != MANIFEST for entry in out.iterdir()) and \
            (listed or not (out / MANIFEST).exists()):
        return LastBuild({}, [])
    if not listed:
        _refuse(out, "is not empty and was not made by 'bieb site build' (it holds no "
                "manifest of a build)")
    made = {"/".join(name.split("/")[:k]) for name in listed
            for k in range(1, name.count("/") + 1)}
    files: dict[str, str] = {}
    folders: list[Path] = []
    for top, dirs, names in os.walk(out):
        here = Path(top)
        for name in sorted(names) + [d for d in sorted(dirs) if (here / d).is_symlink()]:
            path = here / name
            rel = path.relative_to(out).as_posix()
            if rel == MANIFEST:
                continue
            if path.is_symlink() or not path.is_file() or rel not in listed:
                _refuse(out, f"holds {rel}, which 'bieb site build' did not write")
            digest = _sha256(path.read_bytes())
            if digest not in listed[rel]:
                _refuse(out, f"holds {rel}, which changed after 'bieb site build' wrote it",
                        "Move your changes out of the folder, or give another --out.")
            files[rel] = digest
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
        for d in dirs:
            rel = (here / d).relative_to(out).as_posix()
            if rel not in made:  # empty, or a page's name: not the last build's
                _refuse(out, f"holds the folder {rel}, which 'bieb site build' did not make")
            folders.append(here / d)
    return LastBuild(files, folders)


class SiteWriter:
    """Writes the site's files over the last build's and, at the end, removes what
    that build wrote and this one did not, and writes the manifest that lets the next
    build do the same. A file whose content is the same as the last build's is left
    as it is: rebuilding 20,000 files that did not change costs their creation twice
    (deleting and writing), for nothing."""

    def __init__(self, out: Path, last: LastBuild | None = None) -> None:
        self.out = out
        self.last = last or LastBuild({}, [])
        self.written: dict[str, str] = {}
        self._removed: set[str] = set()
        # The journal: the last build's manifest, added to (see the module's doc).
        self._journal = os.open(out / MANIFEST, os.O_WRONLY | os.O_APPEND | os.O_CREAT
                                | getattr(os, "O_NOFOLLOW", 0), 0o644)
        if not self.last.files:
            os.ftruncate(self._journal, 0)
            os.write(self._journal, _HEADER.encode())

    def __enter__(self) -> SiteWriter:
        return self

    def __exit__(self, *_: object) -> None:
        """`finish`, after a failure too: the next build may then remove what this one
        wrote. A second Ctrl-C must not cut it short."""
        with signals.deferred(reraise=False):
            self.finish()

    def write(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.reserve([rel])
        self.written[rel] = self.store(rel, data)

    def reserve(self, rels: Iterable[str]) -> None:
        """Files this build writes, with `store`, perhaps in other processes; each
        `stored` once written."""
        for rel in rels:
            if rel in self.written:  # two pages for one file: the second would hide one
                raise BiebError(f"the site would write {rel} twice",
                                "Two records or pages share a name; rename one (bieb "
                                "validate refuses the ids the site keeps for itself).")
            self.written[rel] = ""  # written, hash not known yet

    def store(self, rel: str, data: bytes) -> str:
        """Write `data` to a reserved file, in any process; its SHA-256."""
        digest = _sha256(data)
        before = self.last.files.get(rel)
        if before == digest:  # checked by last_build: this very content is in place
            return digest
        self._note(f"{_EMPTY} {rel}\n{digest} {rel}\n")
        path = self.out / rel
        if before is not None:  # a new file, not the old one changed in place: a hard
            path.unlink()       # link to the old one elsewhere keeps what it held
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.write_bytes(data)
        except OSError:  # a disk full: no part of a file the journal does not list
            path.unlink(missing_ok=True)
            raise
        return digest

    def _note(self, lines: str) -> None:
        """Add to the journal in one write (the workers add to it too), on a line of
        its own: a record cut short by a full disk never runs into the next."""
        record = f"\n{lines}".encode()
        if os.write(self._journal, record) != len(record):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.out / MANIFEST))

    def stored(self, rel: str, digest: str) -> None:
        self.written[rel] = digest

    def remove_old(self, folder: str) -> None:
        """Remove the last build's files in `folder` this build did not write: the
        folder is complete (Pagefind is about to index it)."""
        for rel in self.last.files.keys() - self.written.keys():
            if rel.startswith(f"{folder}/"):
                (self.out / rel).unlink(missing_ok=True)
                self._removed.add(rel)

    def finish(self) -> None:
        """Remove the last build's files this build did not write (all of them after a
        failure: no mix of two builds), then write the manifest of this build's files.
        Never fails: what it cannot do, the journal still lists. After a failure (a
        file reserved and not confirmed), the journal stays the manifest: it lists
        what each file held or was given, and a file changed by hand meanwhile
        stays refused."""
        failed = not all(self.written.values())
        kept = {rel: digest for rel, digest in self.written.items() if digest}
        for rel in self.last.files.keys() - self.written.keys() - self._removed:
            try:
                (self.out / rel).unlink(missing_ok=True)
            except OSError:  # still there: still listed
                kept[rel] = self.last.files[rel]
        for folder in sorted(self.last.folders, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):  # not empty: it holds this build's files
                folder.rmdir()
        text = (_HEADER + "".join(f"{digest} {rel}\n" for rel, digest in
                                  sorted(kept.items()))).encode()
        try:
            if not failed:
                # Listed before it exists, so a build stopped here leaves nothing unlisted.
                self._note(f"{_EMPTY} {_NEW_MANIFEST}\n{_sha256(text)} {_NEW_MANIFEST}\n")
                (self.out / _NEW_MANIFEST).write_bytes(text)
                (self.out / _NEW_MANIFEST).replace(self.out / MANIFEST)
        except OSError:  # the journal, as it is, lets the next build replace every file
            with contextlib.suppress(OSError):
                (self.out / _NEW_MANIFEST).unlink(missing_ok=True)
        finally:
            os.close(self._journal)
