"""Files in git's object store for `bieb sync`: what commits changed, the entries and
bytes of files, and new commits made in a temporary index of their own.

A file is an entry, its mode and blob: bytes as git holds them (an executable
script, a symlink, a submodule, a file without a final newline, a binary file),
never text decoded and encoded again. Paths are read with -z (as they are, never
quoted) and written through `update-index -z --index-info` (any byte but NUL).
The work tree and the index are never touched: a conflict or a refusal leaves
the clone exactly as it was.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from innovatiebieb.store.gitstore import GitStateError, GitStore
from innovatiebieb.store.gitsync import CommitInfo

REGULAR = ("100644", "100755")  # a file (not executable, executable): merged by content
_ABSENT = "000000"
_BATCH = 500  # paths per ls-tree: far below the system's limit on a command line


@dataclass(frozen=True)
class Entry:
    """A path's entry in a tree: its mode (100644, 100755, 120000 a symlink, 160000 a
    submodule) and the id of its blob (or of the submodule's commit)."""

    mode: str
    sha: str

    @property
    def regular(self) -> bool:
        return self.mode in REGULAR


@dataclass(frozen=True)
class Change:
    """A path a commit changed, with its entry before and after (None: absent)."""

    path: str
    old: Entry | None
    new: Entry | None


def _tokens(listed: str) -> list[str]:
    return [token for token in listed.split("\0") if token]


def _diff_tree(store: GitStore, older: str | None, newer: str, *options: str) -> str:
    # plumbing, so no user setting (diff.ignoreSubmodules, diff.relative) hides a path
    base = ["diff-tree", "-r", "-z", "--no-renames", "--ignore-submodules=none", *options]
    if older is None:
        return store.run(*base, "--root", "--no-commit-id", newer)
    return store.run(*base, older, newer)


def changed_paths(store: GitStore, older: str | None, newer: str) -> list[str]:
    """Paths (from the top of the work tree) that differ between two commits.

    -z: without it git quotes a name that holds a non-ASCII letter, a quote or a
    newline ("docs/caf\\303\\251.md"), and the quoted name matches no file."""
    return _tokens(_diff_tree(store, older, newer, "--name-only"))


def changes(store: GitStore, older: str | None, newer: str) -> list[Change]:
    """Every path that differs between two commits, with both entries."""
    tokens = _tokens(_diff_tree(store, older, newer, "--raw", "--no-abbrev"))
    found = []
    for info, path in zip(tokens[0::2], tokens[1::2], strict=True):
        old_mode, new_mode, old_sha, new_sha, _status = info.lstrip(":").split(" ")
        found.append(Change(path, None if old_mode == _ABSENT else Entry(old_mode, old_sha),
                            None if new_mode == _ABSENT else Entry(new_mode, new_sha)))
    return found


def entries(store: GitStore, commit: str, paths: Sequence[str]) -> dict[str, Entry]:
    """The entries of `paths` at `commit`; a path that is absent (or a folder) is left
    out. ls-tree reads the paths literally ("ster*.md" is that file only)."""
    found: dict[str, Entry] = {}
    for i in range(0, len(paths), _BATCH):
        listed = store.run("ls-tree", "-z", commit, "--", *paths[i:i + _BATCH])
        for token in _tokens(listed):
            info, _, path = token.partition("\t")
            mode, kind, sha = info.split(" ")
            if kind != "tree":
                found[path] = Entry(mode, sha)
    return found


def read_blob(store: GitStore, sha: str) -> bytes:
    return store.run_bytes("cat-file", "blob", sha)


def text_at(store: GitStore, commit: str | None, path: str) -> str | None:
    """A file's text at `commit` (exactly as stored; bytes that are not UTF-8 kept as
    surrogates, for the checks to report); None when it is not there."""
    if commit is None:
        return None
    try:
        data = store.run_bytes("cat-file", "blob", f"{commit}:{path}")
    except GitStateError:
        return None
    return data.decode("utf-8", "surrogateescape")


def names_under(store: GitStore, commit: str, prefix: str) -> list[str]:
    """Every file path under the folder `prefix` ("registry/"; "" for the whole tree) at
    `commit`, read from the tree."""
    return _tokens(store.run("ls-tree", "-r", "-z", "--name-only", commit, "--",
                             *([prefix] if prefix else [])))


def write_blob(store: GitStore, data: bytes) -> str:
    """Store `data` as a blob, as it is (no filters, no line-end conversion)."""
    return store.run_bytes("hash-object", "-w", "--no-filters", "--stdin",
                           stdin=data).decode().strip()


def _index_info(files: Mapping[str, Entry | None]) -> Iterator[bytes]:
    for path, entry in files.items():
        # mode 0 takes the path out; a path is any byte but NUL (surrogateescape:
        # a name that is not UTF-8 goes back as the bytes it was)
        mode, sha = (entry.mode, entry.sha) if entry else ("0", "0" * 40)
        yield f"{mode} {sha}\t".encode() + path.encode("utf-8", "surrogateescape") + b"\0"


def commit_files(store: GitStore, parent: str, files: Mapping[str, Entry | None],
                 like: CommitInfo) -> str:
    """A new commit on `parent` with the entries of `files` (None: deleted), message and
    author of `like`; `parent` itself when that changes nothing."""
    with tempfile.TemporaryDirectory(dir=store.git_dir, prefix="bieb-sync-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        store.run("read-tree", parent, env=env)
        if files:
            store.run_bytes("update-index", "-z", "--index-info",
                            stdin=b"".join(_index_info(files)), env=env)
        tree = store.run("write-tree", env=env).strip()
        if tree == tree_of(store, parent):
            return parent
        message = Path(tmp) / "message"
        # the bytes git gave (surrogateescape: a Latin-1 byte stays that byte)
        message.write_bytes(like.message.encode("utf-8", "surrogateescape"))
        return store.run("commit-tree", tree, "-p", parent, "-F", str(message), env={
            "GIT_AUTHOR_NAME": like.author, "GIT_AUTHOR_EMAIL": like.email,
            "GIT_AUTHOR_DATE": like.date}).strip()


def tree_of(store: GitStore, commit: str) -> str:
    return store.run("rev-parse", f"{commit}^{{tree}}").strip()


def merge_commit(store: GitStore, tree: str, parents: Sequence[str], message: str) -> str:
    """A commit of `tree` on `parents`, by the user (git's own identity settings)."""
    with tempfile.TemporaryDirectory(dir=store.git_dir, prefix="bieb-sync-") as tmp:
        path = Path(tmp) / "message"
        path.write_text(message + "\n", encoding="utf-8")
        return store.run("commit-tree", tree, *(a for p in parents for a in ("-p", p)),
                         "-F", str(path)).strip()
