"""Replay the clone's commits onto upstream, path by path, in git's object store.

Each path a local commit changed is merged three ways as entries (mode and blob):
the commit's parent (base), the commit (mine) and what the replay built so far
(theirs). A path only one side changed takes that side's entry as it is, with
no text round trip, so an executable script, a symlink, a submodule, a binary
file or a file without a final newline arrives unchanged. Only a path both
sides changed is merged by content: a record field by field (fieldmerge),
another file by git's line merge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from innovatiebieb.change.fieldmerge import MINE, UPSTREAM, FieldConflict, Prefer, merge_texts
from innovatiebieb.change.prefer import no_preference
from innovatiebieb.store import gitsync, gittree
from innovatiebieb.store.gitstore import GitStore, merge_lines
from innovatiebieb.store.gitsync import CommitInfo
from innovatiebieb.store.gittree import Entry
from innovatiebieb.store.location import display

RecordOf = Callable[[str], "tuple[str, str] | None"]  # path -> (kind, id) of a record


@dataclass(frozen=True)
class Conflict:
    """A conflict in one file, with who changed it upstream and when."""

    path: str  # as shown to the user
    record: str | None  # the record's id; None for a file that is not a record
    conflict: FieldConflict
    upstream_by: str
    upstream_date: str
    commit: str  # the subject of the local commit being replayed

    @property
    def target(self) -> str:
        """What `--prefer` takes to settle it: the record (and field), or the path."""
        if self.record is None:
            return self.path
        return self.record + (f":{self.conflict.top}" if self.conflict.top else "")


@dataclass
class Replay:
    tip: str
    kept: list[CommitInfo] = field(default_factory=list)
    dropped: list[CommitInfo] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def replay_commits(store: GitStore, onto: str, local: list[CommitInfo], record_of: RecordOf,
                   prefer_for: Callable[[str, tuple[str, str] | None], Prefer] | None = None
                   ) -> Replay:
    """The local commits replayed onto `onto`; `record_of(path)` says which paths are
    records (merged field by field), `prefer_for` which side settles a conflict."""
    done = Replay(onto)
    for commit in local:
        changed = gittree.changes(store, commit.parent, commit.sha)
        theirs = gittree.entries(store, done.tip, [c.path for c in changed])
        files: dict[str, Entry | None] = {}
        for change in changed:
            record = record_of(change.path)
            prefer = prefer_for(change.path, record) if prefer_for else no_preference
            entry, conflicts = merge_path(store, change.old, change.new,
                                          theirs.get(change.path), record is not None, prefer)
            if conflicts:
                by, date = gitsync.last_change(store, commit.sha, onto, change.path)
                done.conflicts += [Conflict(_shown(store, change.path),
                                            record[1] if record else None, c, by, date,
                                            commit.subject) for c in conflicts]
            files[change.path] = entry
        if done.conflicts:
            return done  # the later commits build on this one
        new = gittree.commit_files(store, done.tip, files, commit)
        (done.dropped if new == done.tip else done.kept).append(commit)
        done.tip = new
    return done


def _shown(store: GitStore, path: str) -> str:
    """The path as the user sees it; a symlink is named, not followed."""
    where = store.top / path
    return str(Path(display(where.parent)) / where.name)


def merge_path(store: GitStore, base: Entry | None, mine: Entry | None, theirs: Entry | None,
               record: bool, prefer: Prefer) -> tuple[Entry | None, list[FieldConflict]]:
    """One path's entry after the replay (None: absent), or its conflicts."""
    if mine == theirs or base == theirs:
        return mine, []
    if base == mine:
        return theirs, []
    files = [e for e in (base, mine, theirs) if e is not None]
    if record and all(e.regular for e in files):
        return _merge_record(store, base, mine, theirs, prefer)
    if mine is None or theirs is None:
        return _whole_side(mine, theirs, prefer, "deleted here, changed upstream"
                           if mine is None else "changed here, deleted upstream")
    if not all(e.regular for e in files):
        return _whole_side(mine, theirs, prefer, "a symbolic link or submodule changed on "
                           "both sides")
    mode = _merge_mode(base, mine, theirs)
    if mode is None:
        return _whole_side(mine, theirs, prefer, "added on both sides, executable on one")
    if mine.sha == theirs.sha or (base is not None and base.sha == theirs.sha):
        return Entry(mode, mine.sha), []
    if base is not None and base.sha == mine.sha:
        return Entry(mode, theirs.sha), []
    sides = [gittree.read_blob(store, e.sha) if e else b"" for e in (base, mine, theirs)]
    merged = merge_lines(*sides)
    if merged is None:
        binary = any(b"\0" in data[:8000] for data in sides)  # git's own test
        return _whole_side(mine, theirs, prefer, "a binary file changed on both sides"
                           if binary else "the file changed on both sides, in the same lines")
    return Entry(mode, gittree.write_blob(store, merged)), []


def _merge_mode(base: Entry | None, mine: Entry, theirs: Entry) -> str | None:
    """The mode after a three-way merge (a script made executable on one side stays
    so); None when both sides added the file with different modes."""
    if mine.mode == theirs.mode:
        return mine.mode
    if base is None:
        return None
    return theirs.mode if mine.mode == base.mode else mine.mode


def _whole_side(mine: Entry | None, theirs: Entry | None, prefer: Prefer,
                reason: str) -> tuple[Entry | None, list[FieldConflict]]:
    """A file that cannot be merged by content: the side `--prefer` names, as it is."""
    chosen = prefer("")
    if chosen == MINE:
        return mine, []
    if chosen == UPSTREAM:
        return theirs, []
    return None, [FieldConflict((), None, "(deleted)" if mine is None else "(changed)",
                                "(deleted)" if theirs is None else "(changed)", reason)]


def _merge_record(store: GitStore, base: Entry | None, mine: Entry | None,
                  theirs: Entry | None, prefer: Prefer
                  ) -> tuple[Entry | None, list[FieldConflict]]:
    texts = [gittree.read_blob(store, e.sha).decode("utf-8", "surrogateescape") if e else None
             for e in (base, mine, theirs)]
    merged = merge_texts(texts[0], texts[1], texts[2], prefer)
    if merged.unparseable:
        return None, [FieldConflict((), None, "(changed)", "(changed)",
                                    f"the {merged.unparseable} version is not valid YAML, so "
                                    "it cannot be merged field by field")]
    if merged.conflicts or merged.text is None:
        return None, merged.conflicts
    for entry, text in ((mine, texts[1]), (theirs, texts[2])):
        if entry is not None and merged.text == text:  # one side as it is: its blob
            return entry, []
    mode = _merge_mode(base, mine, theirs) if mine and theirs else None
    data = merged.text.encode("utf-8", "surrogateescape")
    return Entry(mode or "100644", gittree.write_blob(store, data)), []
