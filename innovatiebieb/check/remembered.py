"""What validation found in each file, remembered: an unchanged registry is neither
parsed nor checked again.

A file's problems depend on its content and name, and, through its references,
on the registry's index: the ids (file names) of the kinds a reference may name
and registry.yaml's taxonomies; a project's decider warnings also depend on the
records that name who decides (DECIDER_FOLDERS). So the problems of each file
are kept under its cache key (cache.file_key: size, mtime, ctime, inode) with
the ids it names, and all of them under a digest of registry.yaml's key and the
deciders' records. A run looks at every file's key; a file is parsed and
checked again when its key changed, or when an id it names (or, if it names an
unknown one, any id of that kind: its hint lists them) came or went; when the
digest changed, every file is. A new project is thus checked alone, not with
the 10,000 others. When nothing changed, not even the models are imported
(0.3 s of a run). When nothing is remembered (a fresh clone, as in CI), the
files' keys are taken by the processes that read them, just before each read,
not one by one in this process before the workers start; and while this
process imports the models, another reads the files ahead (bulkread.ReadAhead).

Rules that need a git base (`--base`) are not remembered.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from innovatiebieb.model.problems import Needs, Problem, Severity
from innovatiebieb.model.vocabulary import DECIDER_FOLDERS, KIND_FOLDERS, TARGET_FOLDERS
from innovatiebieb.store.cache import Key, cache_file, file_key, load_cache, save_cache, settled
from innovatiebieb.store.cache import settled_before as _settled_before
from innovatiebieb.store.location import INFO_FILE, display, linked_folder

# What a reference may name, by the file names of these folders (check.validate.Index).
_INDEX_FOLDERS = frozenset(TARGET_FOLDERS.values())
_MEMO = "validation-4"  # -N: what is stored per file, and the index's digest

Stored = tuple[int, int, str, str, str | None, str]  # line, col, code, message, hint, severity
# Per file name: its key, whether it counts as a record read, its problems, its Needs.
Known = dict[str, tuple[Key | None, bool, list[Stored], Needs]]
Ids = dict[str, list[str]]  # reference target -> the ids of its folder


@dataclass(frozen=True)
class Checked:
    """Every problem of a registry, sorted by file and line, and how many files were read."""

    problems: list[Problem]
    files: int

    def failed(self, strict: bool = False) -> bool:
        return any(p.severity is Severity.ERROR or strict for p in self.problems)


@dataclass(slots=True)
class _Entry:
    name: str  # kind/file name: the memo's key, the same from any working folder
    path: str
    is_dir: bool
    key: Key | None  # taken when it is compared with the memo's (see check_registry)


def check_registry(root: Path, base: str | None = None) -> Checked:
    """`bieb validate`: every problem of the registry at `root`, checking only what
    changed since the last run. With `base`, also the rules of the change since it."""
    # A linked record folder is never followed (it could lead out of the registry):
    # the full check says so, and the listing below would read through it.
    if base is not None or os.environ.get("BIEB_NO_CACHE") \
            or any(linked_folder(root, kind) for kind in KIND_FOLDERS):
        from innovatiebieb.check.validate import validate_registry

        report = validate_registry(root, base)
        return Checked(report.problems, report.registry.files_read)
    shown_root = display(root)
    entries, digest, ids = _listing(root)
    memo = load_cache(cache_file(root, _MEMO))
    known: Known = {}
    info_problems: list[Stored] | None = None
    moved: set[str] = set()
    if isinstance(memo, tuple) and len(memo) == 4 and memo[0] == digest:
        _, info_problems, known, remembered_ids = memo
        moved = _moved(remembered_ids, ids)
        for e in entries:
            if e.key is None:
                e.key = file_key(e.path)
    # Without a memo (a fresh clone: CI) every file is checked, and the workers that read
    # them take their keys; the listing took only those the digest needs.
    stale = [e for e in entries if (hit := known.get(e.name)) is None or hit[0] != e.key
             or (moved and not moved.isdisjoint(hit[3]))] if known else entries
    if stale or info_problems is None:
        info_problems, fresh = _check(root, shown_root, stale)
        known = {**known, **fresh}
        _remember(root, digest, ids, info_problems, entries, known)
    # Each file's problems are stored sorted by line, column and code: sorting the
    # files by their shown path sorts every problem as Problem.sort_key does.
    by_file = [(display(root / INFO_FILE), info_problems)]
    files = 1
    for e in entries:
        _, counted, stored, _ = known[e.name]
        files += counted
        if stored:
            by_file.append((f"{shown_root}/{e.name}", stored))
    by_file.sort(key=itemgetter(0))
    problems = [Problem(shown, s[0], s[1], s[2], s[3], s[4], _SEVERITY[s[5]])
                for shown, stored in by_file for s in stored]
    return Checked(problems, files)


def _listing(root: Path) -> tuple[list[_Entry], bytes, Ids]:
    """The entries of the record folders (with their keys only where the digest needs
    them), the digest of what every file's problems depend on, and the ids a reference
    may name."""
    entries = []
    index: list[object] = [file_key(os.fspath(root / INFO_FILE))]
    ids: Ids = {}
    targets = {folder: target for target, folder in TARGET_FOLDERS.items()}
    for kind in KIND_FOLDERS:
        folder = os.fspath(root / kind)
        try:
            with os.scandir(folder) as found:
                names = sorted((e.name, e.is_dir(follow_symlinks=False)) for e in found
                               if not e.name.startswith("."))
        except (FileNotFoundError, NotADirectoryError):
            names = []
        keyed = kind in DECIDER_FOLDERS  # their content, not just their names
        listed = [_Entry(f"{kind}/{name}", path := f"{folder}{os.sep}{name}", is_dir,
                         file_key(path) if keyed else None) for name, is_dir in names]
        entries += listed
        if kind in targets:  # the ids as location.record_ids finds them
            ids[targets[kind]] = [name[:-5] for name, is_dir in names
                                  if name.endswith(".yaml") and not is_dir]
        if keyed:
            index.append([(e.name, e.key) for e in listed])
    return entries, hashlib.sha256(marshal.dumps(index)).digest(), ids


def _moved(before: Ids, now: Ids) -> set[str]:
    """The Needs that ids which came or went since `before` break."""
    moved: set[str] = set()
    for target in before.keys() | now.keys():
        changed = set(before.get(target, ())) ^ set(now.get(target, ()))
        if changed:
            moved.add(f"{target}\0")
            moved.update(f"{target}\0{i}" for i in changed)
    return moved


def _check(root: Path, shown_root: str, stale: list[_Entry]) -> tuple[list[Stored], Known]:
    """Parse and check the stale files (and registry.yaml): registry.yaml's problems and
    each stale file's, with its key and whether it counts as a record read."""
    from innovatiebieb.check.ahead import prepared
    from innovatiebieb.store.bulkread import ReadAhead

    # The other core reads the files while this one imports the models (0.2 s).
    ahead = ReadAhead(prepared, [e.path for e in stale if not e.is_dir])
    try:
        from innovatiebieb.check.registry import refusal
        from innovatiebieb.check.validate import check_files

        fresh: Known = {}
        files = []
        for e in stale:
            shown = f"{shown_root}/{e.name}"
            refused = refusal(e.name.rpartition("/")[2], e.is_dir, shown)
            if refused is None:
                files.append((e.name.split("/", 1)[0], e.path, shown))
            else:
                fresh[e.name] = (e.key or file_key(e.path), False, _sorted([refused]), ())
        info, found = check_files(root, files, ahead)
    finally:
        ahead.stop()
    for (_, _, shown), (key, problems, needs) in zip(files, found, strict=True):
        fresh[shown[len(shown_root) + 1:]] = (key, True, _sorted(problems), needs)
    return _sorted(info), fresh


def _stored(p: Problem) -> Stored:
    return p.line, p.col, p.code, p.message, p.hint, p.severity.value


def _sorted(problems: list[Problem]) -> list[Stored]:
    if not problems:  # most files: no sort, no function to call
        return []
    return [_stored(p) for p in sorted(problems, key=lambda p: p.sort_key)]


def _remember(root: Path, digest: bytes, ids: Ids, info: list[Stored],
              entries: list[_Entry], known: Known) -> None:
    """Save the problems of the files that have settled (see cache.RACY_SECONDS)."""
    before = _settled_before()
    info_key = file_key(os.fspath(root / INFO_FILE))
    if info_key is None or not settled(info_key, before) or not all(
            settled(e.key, before) for e in entries
            if e.key is not None and e.name.split("/", 1)[0] in DECIDER_FOLDERS):
        return  # the index itself may still change unseen
    # A file's key is the one taken before its content was read (by the listing, or
    # by the worker that read it).
    kept = {e.name: hit for e in entries
            if (key := (hit := known[e.name])[0]) is not None and settled(key, before)}
    save_cache(cache_file(root, _MEMO), (digest, info, kept, ids))


_SEVERITY = {s.value: s for s in Severity}
