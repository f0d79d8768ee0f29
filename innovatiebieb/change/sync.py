"""`bieb sync`: bring the clone up to date and deliver the moderator's commits.

1. fetch the upstream; 2. replay the local commits on top of it, merging each
record file field by field (fieldmerge), in git's object store only; 3. check
the result with the rules of `bieb validate --base` (from the texts, before
anything is on disk); 4. deliver: a pull-request branch of its own
(prbranch: never over commits someone else pushed there), or a push to the
upstream branch, retried when upstream moved; then move the clone's branch.
Everything that can stop the sync (a conflict, an invalid result, someone
else's commits on the pull-request branch, a refused push) stops it before
the clone changes.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from innovatiebieb.change import prbranch
from innovatiebieb.change.delivery import branch_name, pull_request_link
from innovatiebieb.change.prefer import Preference
from innovatiebieb.change.replay import Conflict, Replay, replay_commits
from innovatiebieb.check.textchange import TextChange, texts_problems
from innovatiebieb.model.errors import BiebError, ProblemsFound, SyncConflict
from innovatiebieb.model.models import KINDS
from innovatiebieb.model.problems import Problem, Severity
from innovatiebieb.store import gitsync, gittree
from innovatiebieb.store.gitstore import GitStateError, GitStore, open_store
from innovatiebieb.store.gitsync import CommitInfo, PushRejected, Upstream
from innovatiebieb.store.location import INFO_FILE, display
from innovatiebieb.store.yamlio import parse_text

PUSH_ATTEMPTS = 3


@dataclass
class SyncResult:
    upstream: Upstream
    mode: str
    received: int = 0  # upstream commits new to this clone
    sent: list[CommitInfo] = field(default_factory=list)  # delivered by this sync
    waiting: list[CommitInfo] = field(default_factory=list)  # local, not on upstream yet
    already: list[CommitInfo] = field(default_factory=list)  # dropped: upstream has them
    branch: str | None = None  # the pull-request branch
    new_branch: bool = False  # the pull-request branch was made by this sync
    link: str | None = None
    warnings: list[Problem] = field(default_factory=list)


class SyncRefused(ProblemsFound):
    """The synced registry would not be valid; nothing changed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("the registry after the sync would not be valid; nothing was changed",
                         "Fix what is listed above in your commits (bieb project set ..., "
                         "or bieb sync --prefer upstream RECORD), then run bieb sync again.")
        self.problems = problems


class SyncConflicts(SyncConflict):
    def __init__(self, conflicts: list[Conflict]) -> None:
        target = _quoted(conflicts[0].target)
        super().__init__(
            "sync stopped: the same field (or the same lines of a file) was changed here and "
            "upstream; nothing was changed or sent",
            f"Keep one side per record, field or file, then sync again: bieb sync --prefer "
            f"upstream "
            f"{target} (take the network's value) or bieb sync --prefer mine {target} "
            "(keep yours).")
        self.conflicts = conflicts


def _quoted(word: str) -> str:
    """`word` as typed in a shell: quoted only when it has to be (a space, a quote)."""
    return word if re.fullmatch(r"[\w@%+=:,./-]+", word) else shlex.quote(word)


def sync(root: Path, preference: Preference | None = None,
         on_step: Callable[[str], None] | None = None) -> SyncResult:
    """Fetch, replay, check, deliver; see the module's docstring."""
    store = open_store(root)
    if store is None:
        raise BiebError(f"{display(root)} is not inside a git clone, so there is nothing to "
                        "sync", "Clone the network's registry (git clone URL) and work there.")
    step = on_step or (lambda _: None)
    if preference is not None:  # a file's path in --prefer is from the current folder
        preference = replace(preference, here=_here(store))
    with store.lock():
        gitsync.ensure_clean_state(store)
        dirty = gitsync.dirty_paths(store, root)
        if dirty:
            raise GitStateError(f"cannot sync: {dirty[0]} has uncommitted changes"
                                + (f" (and {len(dirty) - 1} more files)" if len(dirty) > 1
                                   else ""),
                                "Commit them first (bieb commits its own changes; for a hand "
                                "edit: git commit), or put them aside with git stash.")
        branch = gitsync.current_branch(store)
        up = gitsync.upstream_of(store, branch)
        head = store.head()
        if head is None:
            raise GitStateError("this clone has no commits yet", "Clone the network's "
                                "registry instead (git clone URL).")
        step(f"fetching {up.remote} ({up.url})")
        gitsync.fetch(store, up)
        for attempt in range(1, PUSH_ATTEMPTS + 1):
            try:
                return _sync_once(store, root, branch, up, preference, step)
            except PushRejected as e:
                if attempt == PUSH_ATTEMPTS:
                    raise
                step(f"{e.branch} moved on {up.remote} meanwhile; fetching again")
                gitsync.fetch(store, up)
    raise AssertionError("unreachable")  # pragma: no cover


def _here(store: GitStore) -> str:
    try:
        return store.prefix(Path.cwd())
    except (OSError, ValueError):  # outside the work tree (bieb -r ...), or cwd deleted
        return ""


def _sync_once(store: GitStore, root: Path, branch: str, up: Upstream,
               preference: Preference | None, step: Callable[[str], None]) -> SyncResult:
    head = store.head() or ""
    upstream = gitsync.rev(store, up.ref) or ""
    mode = _mode(store, root, upstream)
    result = SyncResult(up, mode, received=gitsync.ahead_behind(store, head, upstream)[1])
    local = gitsync.commits(store, upstream, head)
    if gitsync.is_ancestor(store, upstream, head):  # nothing new upstream: keep them as they are
        replay = Replay(head, kept=local)
    elif gitsync.has_merges(store, upstream, head):
        replay = _merge_upstream(store, root, f"{up.remote}/{up.branch}", branch, upstream,
                                 head, local, preference)
    else:
        replay = _replay(store, root, upstream, local, preference)
    if replay.conflicts:
        raise SyncConflicts(replay.conflicts)
    problems = _check(store, root, upstream, replay.tip)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise SyncRefused(errors)
    result.warnings = [p for p in problems if p.severity is Severity.WARNING]
    result.already = replay.dropped
    _ready_to_move(store, head, replay.tip)
    # Push first, then move the branch: a refused push leaves the clone as it was.
    if not replay.kept:
        prbranch.pushed(store, branch, up, None, replay.tip)
    elif mode == "direct":
        step(f"sending {_commits(len(replay.kept))} to {up.remote}/{up.branch}")
        gitsync.push(store, up, replay.tip, up.branch, upstream, lease=True)
        result.sent = replay.kept
    else:
        _deliver_pull_request(store, root, branch, up, upstream, head, replay, result, step)
    if replay.tip != head:
        try:
            gitsync.move_branch(store, replay.tip)
        except GitStateError as e:
            if not result.sent:
                raise
            raise GitStateError(f"your commits were sent, but this clone's branch could not "
                                f"be moved onto them: {e.message}",
                                "Run bieb sync again once that is fixed: it finds your "
                                "commits on the network and brings the clone up to date.") from e
    return result


def _ready_to_move(store: GitStore, head: str, tip: str) -> None:
    """Refuse, before anything is sent, when the branch could not be moved after the
    push: a file outside the registry that the sync changes has changes of its own."""
    if tip == head:
        return
    blocked = gitsync.dirty_among(store, gittree.changed_paths(store, head, tip))
    if blocked:
        raise GitStateError(f"cannot sync: {blocked[0]} has uncommitted changes, and the "
                            "network changed it too; nothing was changed or sent",
                            "Commit it first (git commit), or put it aside with git stash, "
                            "then run bieb sync again.")


def _merge_upstream(store: GitStore, root: Path, shown: str, branch: str, upstream: str,
                    head: str, local: list[CommitInfo], preference: Preference | None
                    ) -> Replay:
    """Upstream merged into the clone's branch, as git pull does (records field by field),
    for a clone that holds a merge of its own (a git pull settled by hand): replayed
    commit by commit, its commits would clash again and its settling would be lost."""
    base = gitsync.merge_base(store, head, upstream)
    yours = CommitInfo(head, base, "bieb", "bieb@invalid", "2000-01-01T00:00:00Z",
                       "your commits, merged with git pull")
    done = _replay(store, root, upstream, [yours], preference)
    if done.conflicts:
        return done
    if done.tip == upstream:  # the network holds all of it already
        return Replay(upstream, dropped=local)
    tip = gittree.merge_commit(store, gittree.tree_of(store, done.tip), (head, upstream),
                               f"Merge {shown} into {branch} (bieb sync)")
    return Replay(tip, kept=local)


def _deliver_pull_request(store: GitStore, root: Path, branch: str, up: Upstream,
                          upstream: str, head: str, replay: Replay, result: SyncResult,
                          step: Callable[[str], None]) -> None:
    def replay_onto(onto: str, commits: list[CommitInfo]) -> Replay:
        return _replay(store, root, onto, commits, None)

    def new_name() -> str:
        identity = store.identity()
        return _free_name(store, up, branch_name(identity.name if identity else "moderator",
                                                 _records(store, root, upstream, replay.tip)))

    where = prbranch.plan(store, branch, up, upstream, head, replay.tip, replay_onto, new_name)
    result.branch = where.name
    result.link = pull_request_link(up.url, up.branch, where.name)
    result.waiting = replay.kept
    result.new_branch = where.expected is None
    if where.expected != replay.tip:
        step(f"sending {_commits(len(replay.kept))} to {up.remote}/{where.name}")
        gitsync.push(store, up, replay.tip, where.name, where.expected, lease=True)
        result.sent = replay.kept
    prbranch.pushed(store, branch, up, where.name, replay.tip)


def _commits(n: int) -> str:
    return f"{n} commit" + ("" if n == 1 else "s")


def _free_name(store: GitStore, up: Upstream, name: str) -> str:
    taken, n = name, 1
    while gitsync.rev(store, f"refs/remotes/{up.remote}/{taken}") is not None:
        n += 1
        taken = f"{name}-{n}"
    return taken


def _records(store: GitStore, root: Path, upstream: str, tip: str) -> list[str]:
    prefix = store.prefix(root)
    return [found[1] for path in gittree.changed_paths(store, upstream, tip)
            if (found := _record(prefix, path)) and found[0]]


def _mode(store: GitStore, root: Path, upstream: str) -> str:
    """The network's `changes` setting, from registry.yaml as upstream has it."""
    text = gittree.text_at(store, upstream, store.prefix(root) + INFO_FILE)
    data = parse_text(text).data if text else None
    mode = data.get("changes") if isinstance(data, dict) else None
    return mode if mode in ("pull-request", "direct") else "pull-request"


def _replay(store: GitStore, root: Path, onto: str, local: list[CommitInfo],
            preference: Preference | None) -> Replay:
    """The local commits replayed onto `onto`, merging record files field by field."""
    prefix = store.prefix(root)
    return replay_commits(store, onto, local, lambda path: _record(prefix, path),
                          preference.for_path if preference else None)


def _record(prefix: str, path: str) -> tuple[str, str] | None:
    """(kind, id) of a record file, ("", "registry") for registry.yaml: the files merged
    field by field; None for any other file. `prefix` is where the registry sits in
    the repository ("registry/", or "" at the top)."""
    if not path.startswith(prefix):
        return None
    rest = path[len(prefix):]
    if rest == INFO_FILE:
        return "", Path(INFO_FILE).stem
    kind, _, name = rest.partition("/")
    if kind in KINDS and name.endswith(".yaml") and "/" not in name:
        return kind, name.removesuffix(".yaml")
    return None


def _check(store: GitStore, root: Path, upstream: str, tip: str) -> list[Problem]:
    """The rules of `bieb validate --base upstream` for what the sync would leave."""
    prefix = store.prefix(root)
    changed = [p for p in gittree.changed_paths(store, upstream, tip)
               if p.startswith(prefix) and p.endswith(".yaml")]
    if not changed:
        return []
    ids: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for name in gittree.names_under(store, tip, prefix):  # strings: 10,000 Paths cost 0.3 s
        kind, _, file = name[len(prefix):].partition("/")
        if kind in ids and file.endswith(".yaml") and "/" not in file:
            ids[kind].add(file[:-5])
    texts = [TextChange(store.top / p, gittree.text_at(store, upstream, p),
                        gittree.text_at(store, tip, p)) for p in changed]
    info = gittree.text_at(store, tip, prefix + INFO_FILE)
    return texts_problems(root.resolve(), info, ids, texts)
