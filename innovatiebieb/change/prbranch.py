"""The pull-request branch of `bieb sync`: which one, and whether bieb may overwrite it.

bieb rewrites its branch at each sync (the commits are replayed onto upstream),
so it pushes with a lease. A lease only protects what it names: taken from the
fetch just made, it would always match, and a commit a reviewer (or the same
moderator from another clone) pushed to the branch would be overwritten. So
bieb remembers the tip it pushed itself (refs/bieb/pushed/<local branch>) and
overwrites the remote branch only when every commit on it is bieb's own from
this clone, is in this clone's history, or adds nothing the new push lacks (a
host's "update branch" merge). Otherwise the sync stops before anything
changes, names those commits, and the moderator chooses: take them into the
clone, or leave them and start a new pull request. Replaying them into the
moderator's own history unasked would put someone else's work in the clone
and in its next pull request without anyone having looked at it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from innovatiebieb.change.replay import Replay
from innovatiebieb.model.errors import SyncConflict
from innovatiebieb.store import gitsync
from innovatiebieb.store.gitstore import GitStore
from innovatiebieb.store.gitsync import CommitInfo, Upstream

PR_KEY = "branch.{}.biebPullRequest"  # the clone's open pull-request branch, per branch
PUSHED = "refs/bieb/pushed/{}"  # the tip bieb last pushed there, per branch
SHOWN = 5  # commits listed in the message

ReplayOnto = Callable[[str, list[CommitInfo]], Replay]  # onto, commits


@dataclass(frozen=True)
class Plan:
    """Where the commits go: the branch, and the remote tip the push may replace (the
    lease's expected value; None for a new branch)."""

    name: str
    expected: str | None


class BranchTaken(SyncConflict):
    """The pull-request branch holds commits bieb did not push; nothing changed."""

    def __init__(self, up: Upstream, name: str, others: list[CommitInfo], branch: str) -> None:
        listed = "".join(f"\n  {c.sha[:10]} {c.subject} ({c.author}, {c.date[:10]})"
                         for c in others[:SHOWN])
        more = f"\n  and {len(others) - SHOWN} more" if len(others) > SHOWN else ""
        super().__init__(
            f"sync stopped: the pull-request branch {name} on {up.remote} holds "
            f"{len(others)} commit{'' if len(others) == 1 else 's'} that bieb did not send "
            f"from this clone; nothing was changed or sent:{listed}{more}",
            "Someone added to your pull request (a reviewer, or you from another clone); "
            "sending yours now would remove it. To keep it, take it into this clone, then "
            f"sync again: git pull --rebase {up.remote} {name} && bieb sync. To leave that "
            "branch as it is and send yours to a new pull request instead: git config "
            f"--unset {PR_KEY.format(branch)} && bieb sync.")


def plan(store: GitStore, branch: str, up: Upstream, upstream: str, head: str, tip: str,
         replay_onto: ReplayOnto, new_name: Callable[[], str]) -> Plan:
    """The branch for commits replayed to `tip`; raises BranchTaken when pushing would
    remove commits of someone else. `head` is the clone's branch before the sync."""
    name = gitsync.config(store, PR_KEY.format(branch))
    remote_tip = gitsync.rev(store, f"refs/remotes/{up.remote}/{name}") if name else None
    if name is None or remote_tip is None or _merged(store, upstream, remote_tip, replay_onto):
        return Plan(new_name(), None)
    pushed = gitsync.rev(store, PUSHED.format(branch))
    if remote_tip == pushed:
        return Plan(name, remote_tip)
    others = gitsync.commits(store, upstream, remote_tip, merges=True,
                             also_not=(head, *([pushed] if pushed else [])))
    # what the remote branch changed beyond bieb's last push (or beyond upstream)
    since = (pushed if pushed and gitsync.is_ancestor(store, pushed, remote_tip)
             else gitsync.merge_base(store, remote_tip, upstream))
    if others and not _adds_nothing(replay_onto, remote_tip, since, tip):
        raise BranchTaken(up, name, others, branch)
    return Plan(name, remote_tip)


def pushed(store: GitStore, branch: str, up: Upstream, name: str | None, tip: str) -> None:
    """Remember what was delivered where (None: no pull-request branch any more)."""
    gitsync.set_config(store, PR_KEY.format(branch), name)
    gitsync.set_ref(store, PUSHED.format(branch), tip if name else None)
    if name:  # so that `bieb status` and the next sync know the branch without a fetch
        gitsync.set_ref(store, f"refs/remotes/{up.remote}/{name}", tip)


def _merged(store: GitStore, upstream: str, branch_tip: str, replay_onto: ReplayOnto) -> bool:
    """Whether upstream holds everything of a pull-request branch (merged, squashed or
    rebased): all it changed since it left upstream, replayed onto upstream as one
    change, changes nothing. (One change, not commit by commit: a branch may hold a
    merge, whose commits one by one would clash where the merge settled them.)"""
    if gitsync.is_ancestor(store, branch_tip, upstream):
        return True
    return _adds_nothing(replay_onto, branch_tip, gitsync.merge_base(store, branch_tip, upstream),
                         upstream)


def _adds_nothing(replay_onto: ReplayOnto, tip: str, since: str | None, onto: str) -> bool:
    """Whether what `tip` changed since `since` is in `onto` already: replayed onto it as
    one change, it changes nothing."""
    # the commit the replay would make of it is never used (only whether it would
    # change anything), so its author is bieb
    change = CommitInfo(tip, since, "bieb", "bieb@invalid", "2000-01-01T00:00:00Z",
                        "the branch's own commits")
    done = replay_onto(onto, [change])
    return not done.kept and not done.conflicts
