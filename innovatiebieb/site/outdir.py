"""The site's output folder: emptied only of what an earlier build provably wrote.

A bare marker file proves nothing (it can be committed, copied or planted),
so each build leaves a manifest: every file it wrote with its SHA-256. The
next build replaces or deletes a file only when the manifest lists it with the
same content, and refuses the whole folder when anything else is in it, before
writing or deleting anything. A folder that is or holds the registry or a git
repository is refused outright, manifest or not.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from innovatiebieb.model.errors import BiebError, UsageError
from innovatiebieb.store.location import display

MANIFEST = ".bieb-site"
_HEADER = "# Made by 'bieb site build': the files it wrote and their SHA-256.\n"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def _refuse(out: Path, why: str, hint: str = "Give an empty or new folder with --out.") -> None:
    raise UsageError(f"--out {display(out)} {why}; nothing was deleted", hint)


def _manifest(out: Path) -> dict[str, str]:
    """relative path -> SHA-256, as the last build wrote them; {} when not readable."""
    path = out / MANIFEST
    if path.is_symlink() or not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    listed = {}
    for line in text.splitlines()[1:] if text.startswith(_HEADER) else []:
        digest, _, name = line.partition(" ")
        if len(digest) == 64 and name:
            listed[name] = digest
    return listed


@dataclass(frozen=True)
class LastBuild:
    """What the last build left in --out, each file checked against its manifest: a
    rebuild leaves alone the files whose content it would write again."""

    files: dict[str, str]  # relative path -> SHA-256
    folders: list[Path]


def _made_by_bieb(out: Path, listed: dict[str, str]) -> LastBuild:
    """The last build's files and folders; refuses if anything is not its own."""
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
            if _sha256(path.read_bytes()) != listed[rel]:
                _refuse(out, f"holds {rel}, which changed after 'bieb site build' wrote it",
                        "Move your changes out of the folder, or give another --out.")
            files[rel] = listed[rel]
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
        folders.extend(here / d for d in dirs)
    return LastBuild(files, folders)


def prepare(out: Path, root: Path) -> LastBuild:
    """Check that `out` may hold the site: new, empty, or only the last build's files
    (refused, before anything is written or deleted, if it holds anything else)."""
    if out.is_symlink() and not out.exists():
        _refuse(out, "is a symbolic link to nothing")
    if out.exists() and not out.is_dir():
        _refuse(out, "exists and is not a folder")
    where, registry = out.resolve(), root.resolve()
    if _within(registry, where) or _within(where, registry):
        _refuse(out, "is, holds or lies inside the registry",
                "Build the site outside the registry, e.g. --out _site.")
    if not out.exists():
        return LastBuild({}, [])
    if (out / ".git").exists():
        _refuse(out, "is a git repository")
    if not any(out.iterdir()):
        return LastBuild({}, [])
    listed = _manifest(out)
    if not listed:
        _refuse(out, "is not empty and was not made by 'bieb site build' (it holds no "
                "manifest of a build)")
    return _made_by_bieb(out, listed)


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

    def write(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        # Recorded before the write: a file half-written when a build fails must
        # still be one the next build may remove (finish takes its hash as it is).
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
        if before == digest:  # checked by prepare: this very content is in place
            return digest
        path = self.out / rel
        if before is not None:  # a new file, not the old one changed in place: a hard
            path.unlink()       # link to the old one elsewhere keeps what it held
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return digest

    def stored(self, rel: str, digest: str) -> None:
        self.written[rel] = digest

    def finish(self) -> None:
        """Remove the last build's files this build did not write (all of them after a
        failure: no mix of two builds), then write the manifest."""
        for rel, digest in list(self.written.items()):
            if not digest:  # reserved when the build failed: whatever is there now
                path = self.out / rel
                if path.is_file() and not path.is_symlink():
                    self.written[rel] = _sha256(path.read_bytes())
                else:
                    del self.written[rel]
        for rel in self.last.files.keys() - self.written.keys():
            (self.out / rel).unlink(missing_ok=True)
        for folder in sorted(self.last.folders, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):  # not empty: it holds this build's files
                folder.rmdir()
        lines = "".join(f"{digest} {rel}\n" for rel, digest in sorted(self.written.items()))
        (self.out / MANIFEST).write_text(_HEADER + lines, encoding="utf-8")
