"""Git plumbing for `bieb sync`: the upstream, fetch and push, the local commits, and
the clone's state. Files and new commits in git's object store: gittree.

Everything runs the git CLI through GitStore.run (gitstore is the only module
that imports git). Until the very last step (moving the branch) the clone is
untouched: a conflict or a refusal leaves it exactly as it was.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from innovatiebieb.model.errors import RemoteFailed
from innovatiebieb.store.gitstore import GitStateError, GitStore

_LOG_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%aI%x00%B"
_LOG_FIELDS = 6
_BATCH = 500  # paths per command: far below the system's limit on a command line

_UNREACHABLE = ("could not resolve host", "connection refused", "connection timed out",
                "unable to access", "could not read from remote", "does not appear to be a git",
                "network is unreachable", "no such file or directory", "operation timed out",
                "not found")
_MOVED = ("fetch first", "non-fast-forward", "stale info")


class PushRejected(RemoteFailed):
    """The branch moved on the remote since the fetch: fetch and try again."""

    def __init__(self, message: str, hint: str, branch: str) -> None:
        super().__init__(message, hint)
        self.branch = branch


@dataclass(frozen=True)
class Upstream:
    """Where this branch's changes go: a remote, its branch, and the remote's URL."""

    remote: str
    branch: str
    url: str

    @property
    def ref(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    parent: str | None
    author: str
    email: str
    date: str  # ISO 8601
    message: str

    @property
    def subject(self) -> str:
        return self.message.strip().split("\n", 1)[0]


def config(store: GitStore, key: str) -> str | None:
    try:
        return store.run("config", "--get", key).strip() or None
    except GitStateError:
        return None


def set_config(store: GitStore, key: str, value: str | None) -> None:
    """Set (or with None, remove) a setting of this clone."""
    if value is None:
        if config(store, key) is not None:
            store.run("config", "--unset", key)
    else:
        store.run("config", key, value)


def current_branch(store: GitStore) -> str:
    try:
        return store.run("symbolic-ref", "--quiet", "--short", "HEAD").strip()
    except GitStateError as e:
        raise GitStateError("HEAD is detached, so there is no branch to sync",
                            "Check out your branch first (git switch main).") from e


def upstream_of(store: GitStore, branch: str) -> Upstream:
    """The branch's tracked remote and branch; `origin` and the same name otherwise."""
    remote = config(store, f"branch.{branch}.remote") or "origin"
    merge = config(store, f"branch.{branch}.merge") or f"refs/heads/{branch}"
    url = config(store, f"remote.{remote}.url")
    if url is None:
        raise RemoteFailed(f"this clone has no remote '{remote}' to sync with",
                           "Add the shared repository: git remote add origin URL "
                           "(then run bieb sync again).")
    return Upstream(remote, merge.removeprefix("refs/heads/"), url)


def _remote_error(e: GitStateError, up: Upstream, doing: str,
                  branch: str | None = None) -> RemoteFailed:
    said = e.message.split(": ", 1)[-1].strip()
    low = said.lower()
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    detail = "; ".join(lines[:3])
    if any(word in low for word in _MOVED) and "remote rejected" not in low:
        moved = branch or up.branch
        return PushRejected(f"{moved} moved on '{up.remote}' while bieb was syncing",
                            "Run bieb sync again.", moved)
    if any(word in low for word in _UNREACHABLE):
        return RemoteFailed(f"could not reach the remote '{up.remote}' ({up.url}) to {doing}: "
                            f"{detail}",
                            "Your commits are kept in this clone. Check the network and the "
                            "remote's address (git remote -v), then run bieb sync again.")
    return RemoteFailed(f"the remote '{up.remote}' refused to {doing}: {detail}",
                        "Your commits are kept in this clone. Check your access to the "
                        "repository (or what its hook says above), then run bieb sync again.")


def fetch(store: GitStore, up: Upstream) -> None:
    """Fetch every branch of the remote (the pull-request branches included)."""
    try:
        store.run("fetch", "--quiet", "--prune", "--no-recurse-submodules", "--", up.remote,
                  env={"GIT_TERMINAL_PROMPT": "0"})
    except GitStateError as e:
        raise _remote_error(e, up, "fetch") from e
    if rev(store, up.ref) is None:
        raise RemoteFailed(f"the remote '{up.remote}' has no branch '{up.branch}'",
                           f"Push it first (git push -u {up.remote} {up.branch}), or switch "
                           "to the branch the network uses.")


def push(store: GitStore, up: Upstream, commit: str, branch: str,
         expected: str | None = None, *, lease: bool = False) -> None:
    """Push `commit` to `branch` on the remote; with `lease`, only while the remote
    branch is still at `expected` (absent if None), so nobody's work is overwritten."""
    args = ["push", "--quiet", "--porcelain"]
    if lease:
        args.append(f"--force-with-lease=refs/heads/{branch}:{expected or ''}")
    try:
        store.run(*args, "--", up.remote, f"{commit}:refs/heads/{branch}",
                  env={"GIT_TERMINAL_PROMPT": "0"})
    except GitStateError as e:
        raise _remote_error(e, up, f"take the push to '{branch}'", branch) from e


def rev(store: GitStore, ref: str) -> str | None:
    try:
        return store.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except GitStateError:
        return None


def is_ancestor(store: GitStore, older: str, newer: str) -> bool:
    try:
        store.run("merge-base", "--is-ancestor", older, newer)
        return True
    except GitStateError:
        return False


def merge_base(store: GitStore, one: str, other: str) -> str | None:
    try:
        return store.run("merge-base", one, other).strip() or None
    except GitStateError:
        return None  # no history in common


def ahead_behind(store: GitStore, mine: str, theirs: str) -> tuple[int, int]:
    counted = store.run("rev-list", "--left-right", "--count", f"{mine}...{theirs}").split()
    return int(counted[0]), int(counted[1])


def commits(store: GitStore, since: str, until: str, *, also_not: tuple[str, ...] = (),
            merges: bool = False) -> list[CommitInfo]:
    """The commits in `until` and not in `since` (nor in `also_not`), oldest first,
    merges left out unless asked for.

    Fields are separated by NUL (-z, %x00): the one byte no message, name or date
    can hold, so no text in a commit breaks the parsing. The message is kept
    exactly as git holds it (never stripped), so a replay writes it back unchanged.
    """
    listed = store.run("log", "-z", "--reverse", *([] if merges else ["--no-merges"]),
                       f"--format={_LOG_FORMAT}", until, "--not", since, *also_not, "--")
    tokens = listed.split("\0")
    found = []
    for i in range(0, len(tokens) - _LOG_FIELDS + 1, _LOG_FIELDS):
        sha, parents, author, email, date, message = tokens[i:i + _LOG_FIELDS]
        found.append(CommitInfo(sha, next(iter(parents.split()), None), author, email, date,
                                message))
    return found


def has_merges(store: GitStore, since: str, until: str) -> bool:
    """Whether a merge commit is among the commits in `until` and not in `since`."""
    return bool(store.run("rev-list", "--merges", "--max-count=1", until, "--not", since,
                          "--").strip())


def last_change(store: GitStore, since: str, until: str, path: str) -> tuple[str, str]:
    """Who changed `path` last between two commits, and when (ISO date)."""
    # literal: a name such as "notulen[1].md" is a file, not a pattern
    found = store.run("--literal-pathspecs", "log", "-1", "--format=%an%x00%aI",
                      f"{since}..{until}", "--", path).strip()
    author, _, date = found.partition("\0")
    return author or "someone", date


def set_ref(store: GitStore, ref: str, commit: str | None) -> None:
    """Point `ref` at `commit` (None: delete it)."""
    if commit is not None:
        store.run("update-ref", ref, commit)
    elif rev(store, ref) is not None:
        store.run("update-ref", "-d", ref)


def refresh_index(store: GitStore) -> None:
    """Bring the index's record of each file's size and times up to date. reset --keep
    trusts that record: a file merely touched, or a clone copied to another disk,
    would otherwise count as changed ("not uptodate. Cannot merge")."""
    # some files may have changes of their own: git says so, and reset --keep refuses
    with contextlib.suppress(GitStateError):
        store.run("update-index", "-q", "--refresh")


def move_branch(store: GitStore, commit: str) -> None:
    """Point the current branch at `commit`, updating only the files that differ."""
    refresh_index(store)
    store.run("reset", "--quiet", "--keep", commit)


def dirty_paths(store: GitStore, folder: Path) -> list[str]:
    """Uncommitted or untracked files under `folder`."""
    return dirty_among(store, [store.relative(folder)])


def dirty_among(store: GitStore, paths: list[str]) -> list[str]:
    """Which of `paths` (files or folders) hold uncommitted changes or untracked files."""
    found = []
    for i in range(0, len(paths), _BATCH):
        listed = store.run("--no-optional-locks", "--literal-pathspecs", "status",
                           "--porcelain", "-z", "--no-renames", "--untracked-files=all", "--",
                           *paths[i:i + _BATCH])
        found += [entry[3:] for entry in listed.split("\0") if entry]  # -z: names as they are
    return found


def ensure_clean_state(store: GitStore) -> None:
    """Refuse during a merge, rebase and the like (bieb must not add to them)."""
    reasons = store._state_reasons()
    if reasons:
        raise GitStateError("cannot sync: " + "; ".join(r for r, _ in reasons),
                            " ".join(dict.fromkeys(h for _, h in reasons)))


