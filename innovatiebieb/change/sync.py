"""`bieb sync`: bring the clone up to date and deliver the moderator's commits.

1. fetch the upstream; 2. replay the local commits on top of it, merging each
record file field by field (fieldmerge), in git's object store only; 3. check
the result with the rules of `bieb validate --base` (from the texts, before
anything is on disk); 4. move the branch and deliver: a pull-request branch
of its own, or a push to the upstream branch, retried when upstream moved.
Everything that can stop the sync (a conflict, an invalid result) stops it
before the clone changes; a failed push leaves the commits in the clone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from innovatiebieb.change.delivery import branch_name, pull_request_link
from innovatiebieb.change.fieldmerge import DECISION_FIELDS, Prefer
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
PR_KEY = "branch.{}.biebPullRequest"  # the clone's open pull-request branch, per branch


@dataclass(frozen=True)
class Target:
    """`RECORD[:FIELD]` of `--prefer`."""

    record: str
    field: str | None = None

    @classmethod
    def parse(cls, text: str) -> Target:
        record, _, name = text.partition(":")
        return cls(record, name or None)


@dataclass(frozen=True)
class Preference:
    side: str  # "upstream" or "mine"
    targets: tuple[Target, ...]

    def for_record(self, record: str) -> Prefer:
        mine = [t for t in self.targets if t.record == record]

        def choose(name: str) -> str | None:
            for t in mine:
                field = t.field.split(".")[0] if t.field else None  # contact.email: contact
                if field is None or field == name or (
                        field in DECISION_FIELDS and name in DECISION_FIELDS):
                    return self.side
            return None
        return choose


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
        first = conflicts[0]
        target = first.record + (f":{first.conflict.top}" if first.conflict.top else "")
        super().__init__(
            "sync stopped: the same field was changed here and upstream; nothing was "
            "changed or sent",
            f"Keep one side per record or field, then sync again: bieb sync --prefer upstream "
            f"{target} (take the network's value) or bieb sync --prefer mine {target} "
            "(keep yours).")
        self.conflicts = conflicts


def sync(root: Path, preference: Preference | None = None,
         on_step: Callable[[str], None] | None = None) -> SyncResult:
    """Fetch, replay, check, deliver; see the module's docstring."""
    store = open_store(root)
    if store is None:
        raise BiebError(f"{display(root)} is not inside a git clone, so there is nothing to "
                        "sync", "Clone the network's registry (git clone URL) and work there.")
    step = on_step or (lambda _: None)
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
            except PushRejected:
                if attempt == PUSH_ATTEMPTS:
                    raise
                step(f"{up.branch} moved on {up.remote} meanwhile; fetching again")
                gitsync.fetch(store, up)
    raise AssertionError("unreachable")  # pragma: no cover


def _sync_once(store: GitStore, root: Path, branch: str, up: Upstream,
               preference: Preference | None, step: Callable[[str], None]) -> SyncResult:
    head = store.head() or ""
    upstream = gitsync.rev(store, up.ref) or ""
    mode = _mode(store, root, upstream)
    result = SyncResult(up, mode, received=gitsync.ahead_behind(store, head, upstream)[1])
    local = gitsync.commits(store, upstream, head)
    if gitsync.is_ancestor(store, upstream, head):  # nothing new upstream: keep them as they are
        replay = Replay(head, kept=local)
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
    if replay.tip != head:
        gitsync.move_branch(store, replay.tip)
    if not replay.kept:
        gitsync.set_config(store, PR_KEY.format(branch), None)
        return result
    if mode == "direct":
        step(f"sending {_commits(len(replay.kept))} to {up.remote}/{up.branch}")
        gitsync.push(store, up, replay.tip, up.branch, upstream, lease=True)
        result.sent = replay.kept
        return result
    _deliver_pull_request(store, root, branch, up, upstream, replay, result, step)
    return result


def _deliver_pull_request(store: GitStore, root: Path, branch: str, up: Upstream,
                          upstream: str, replay: Replay, result: SyncResult,
                          step: Callable[[str], None]) -> None:
    key = PR_KEY.format(branch)
    name = gitsync.config(store, key)
    remote_tip = gitsync.rev(store, f"refs/remotes/{up.remote}/{name}") if name else None
    if name is None or remote_tip is None or _merged(store, root, upstream, remote_tip):
        identity = store.identity()
        name = _free_name(store, up, branch_name(identity.name if identity else "moderator",
                                                 _records(store, root, upstream, replay.tip)))
        remote_tip = None
    result.branch = name
    result.link = pull_request_link(up.url, up.branch, name)
    result.waiting = replay.kept
    result.new_branch = remote_tip is None
    if remote_tip != replay.tip:
        step(f"sending {_commits(len(replay.kept))} to {up.remote}/{name}")
        gitsync.push(store, up, replay.tip, name, remote_tip, lease=True)
        result.sent = replay.kept
        # so that `bieb status` and the next sync know the branch without a fetch
        store.run("update-ref", f"refs/remotes/{up.remote}/{name}", replay.tip)
    gitsync.set_config(store, key, name)


def _commits(n: int) -> str:
    return f"{n} commit" + ("" if n == 1 else "s")


def _merged(store: GitStore, root: Path, upstream: str, branch_tip: str) -> bool:
    """Whether upstream holds everything of a pull-request branch (merged, squashed or
    rebased): replaying its commits onto upstream changes nothing."""
    if gitsync.is_ancestor(store, branch_tip, upstream):
        return True
    done = _replay(store, root, upstream, gitsync.commits(store, upstream, branch_tip), None)
    return not done.kept and not done.conflicts


def _free_name(store: GitStore, up: Upstream, name: str) -> str:
    taken, n = name, 1
    while gitsync.rev(store, f"refs/remotes/{up.remote}/{taken}") is not None:
        n += 1
        taken = f"{name}-{n}"
    return taken


def _records(store: GitStore, root: Path, upstream: str, tip: str) -> list[str]:
    folder = store.relative(root)
    ids = []
    for path in gittree.changed_paths(store, upstream, tip):
        p = Path(path)
        if p.suffix == ".yaml" and p.parent.name in KINDS and p.parent.parent.as_posix() == folder:
            ids.append(p.stem)
    return ids


def _mode(store: GitStore, root: Path, upstream: str) -> str:
    """The network's `changes` setting, from registry.yaml as upstream has it."""
    text = gittree.text_at(store, upstream, f"{store.relative(root)}/{INFO_FILE}")
    data = parse_text(text).data if text else None
    mode = data.get("changes") if isinstance(data, dict) else None
    return mode if mode in ("pull-request", "direct") else "pull-request"


def _replay(store: GitStore, root: Path, onto: str, local: list[CommitInfo],
            preference: Preference | None) -> Replay:
    """The local commits replayed onto `onto`, merging record files field by field."""
    folder = store.relative(root)

    def prefer_for(path: str) -> Prefer:
        assert preference is not None
        return preference.for_record(Path(path).stem)
    return replay_commits(store, onto, local, lambda path: _is_record(folder, path),
                          prefer_for if preference else None)


def _is_record(folder: str, path: str) -> bool:
    """registry.yaml or a record file: merged field by field."""
    if not path.startswith(f"{folder}/"):
        return False
    rest = path[len(folder) + 1:]
    kind, _, name = rest.partition("/")
    return rest == INFO_FILE or (kind in KINDS and name.endswith(".yaml") and "/" not in name)


def _check(store: GitStore, root: Path, upstream: str, tip: str) -> list[Problem]:
    """The rules of `bieb validate --base upstream` for what the sync would leave."""
    folder = store.relative(root)
    changed = [p for p in gittree.changed_paths(store, upstream, tip)
               if p.startswith(f"{folder}/") and p.endswith(".yaml")]
    if not changed:
        return []
    ids: dict[str, set[str]] = {kind: set() for kind in KINDS}
    start = len(folder) + 1
    for name in gittree.names_under(store, tip, folder):  # strings: 10,000 Paths cost 0.3 s
        kind, _, file = name[start:].partition("/")
        if kind in ids and file.endswith(".yaml") and "/" not in file:
            ids[kind].add(file[:-5])
    texts = [TextChange(store.top / p, gittree.text_at(store, upstream, p),
                        gittree.text_at(store, tip, p)) for p in changed]
    info = gittree.text_at(store, tip, f"{folder}/{INFO_FILE}")
    return texts_problems(root.resolve(), info, ids, texts)
