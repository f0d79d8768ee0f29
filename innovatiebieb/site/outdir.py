"""The site's output folder: emptied only of what an earlier build provably wrote.

A bare marker file proves nothing (it can be committed, copied or planted),
so each build leaves a manifest: every file it wrote with its SHA-256. The
next build deletes a file only when the manifest lists it with the same
content, and refuses the whole folder when anything else is in it, before
deleting anything. A folder that is or holds the registry or a git
repository is refused outright, manifest or not.
"""

from __future__ import annotations

import hashlib
import os
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


def _made_by_bieb(out: Path, listed: dict[str, str]) -> tuple[list[Path], list[Path]]:
    """The files and folders to delete; refuses if anything is not the last build's own."""
    files: list[Path] = []
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
            files.append(path)
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
        folders.extend(here / d for d in dirs)
    return files, folders


def prepare(out: Path, root: Path) -> None:
    """Check that `out` may hold the site and empty it of the last build's files."""
    if out.is_symlink() and not out.exists():
        _refuse(out, "is a symbolic link to nothing")
    if out.exists() and not out.is_dir():
        _refuse(out, "exists and is not a folder")
    where, registry = out.resolve(), root.resolve()
    if _within(registry, where) or _within(where, registry):
        _refuse(out, "is, holds or lies inside the registry",
                "Build the site outside the registry, e.g. --out _site.")
    if not out.exists():
        return
    if (out / ".git").exists():
        _refuse(out, "is a git repository")
    entries = list(out.iterdir())
    if not entries:
        return
    listed = _manifest(out)
    if not listed:
        _refuse(out, "is not empty and was not made by 'bieb site build' (it holds no "
                "manifest of a build)")
    files, folders = _made_by_bieb(out, listed)
    for path in files:
        path.unlink()
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    (out / MANIFEST).unlink()


class SiteWriter:
    """Writes the site's files and, at the end, the manifest that lets the next build
    delete them."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: dict[str, str] = {}

    def write(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        if rel in self.written:  # two pages for one file: the second would hide the first
            raise BiebError(f"the site would write {rel} twice",
                            "Two records or pages share a name; rename one (bieb validate "
                            "refuses the ids the site keeps for itself).")
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        # Recorded before the write: a file half-written when a build fails must
        # still be one the next build may remove (its hash will differ: refused,
        # never deleted blindly).
        self.written[rel] = _sha256(data)
        path.write_bytes(data)

    def finish(self) -> None:
        lines = "".join(f"{digest} {rel}\n" for rel, digest in sorted(self.written.items()))
        (self.out / MANIFEST).write_text(_HEADER + lines, encoding="utf-8")
