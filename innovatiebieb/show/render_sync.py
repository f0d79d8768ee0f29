"""What `bieb sync`, `bieb status` and `bieb doctor` say, in words a moderator knows."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console

from innovatiebieb.show.render import _console, _problem_text
from innovatiebieb.show.visible import visible

if TYPE_CHECKING:
    from innovatiebieb.change.replay import Conflict
    from innovatiebieb.change.sync import SyncResult
    from innovatiebieb.read.clone import Checklist, CloneStatus

MAX_VALUE = 160


def _commits(n: int) -> str:
    return f"{n} commit" + ("" if n == 1 else "s")


def result(r: SyncResult) -> None:
    err = _console(stderr=True)
    for p in r.warnings:
        _problem_text(err, p)
    up = r.upstream
    say = functools.partial(err.print, markup=False)
    say(f"fetched {up.remote}/{up.branch}: " + (f"{_commits(r.received)} new from the network"
                                               if r.received else "nothing new"))
    if r.already:
        say(f"left out {_commits(len(r.already))} of yours: nothing in "
            + ("it" if len(r.already) == 1 else "them") + " differs from the network any more")
        for c in r.already:
            say(f"  {visible(c.subject)}")
    if r.mode == "direct" and r.sent:
        say(f"sent {_commits(len(r.sent))} to {up.branch} on {up.remote}:")
        for c in r.sent:
            say(f"  {visible(c.subject)}")
    elif r.branch:
        if r.new_branch:
            say(f"sent {_commits(len(r.sent))} to a new pull-request branch {r.branch} on "
                f"{up.remote}:")
        elif r.sent:
            say(f"updated pull-request branch {r.branch} on {up.remote}: your "
                f"{_commits(len(r.sent))}, on top of {up.remote}/{up.branch}:")
        else:
            say(f"pull-request branch {r.branch} on {up.remote} holds your "
                f"{_commits(len(r.waiting))} already:")
        for c in r.waiting:
            say(f"  {visible(c.subject)}")
        if r.link:
            say(f"open the pull request: {r.link}")
        else:
            say(f"open a pull request from {r.branch} into {up.branch} on {up.url}")
    else:
        say(f"up to date with {up.remote}/{up.branch}; nothing to send")


def _value(value: Any, other: Any = None) -> str:
    if isinstance(value, list) and value and all(isinstance(v, dict) and "decision" in v
                                                 for v in value):
        shown = [v for v in value if not (isinstance(other, list) and v in other)]
        return "; ".join(f"{v.get('date')} {v.get('decision')} {v.get('from')} -> "
                         f"{v.get('to')} by {v.get('by')}" for v in shown) or "(no new entry)"
    if value is None:
        return "(absent)"
    text = value if isinstance(value, str) else json.dumps(value, default=str,
                                                           ensure_ascii=False)
    text = visible(text)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE - 1] + "…"


def conflicts(found: Sequence[Conflict]) -> None:
    err = _console(stderr=True)
    for c in found:
        f = c.conflict
        say = functools.partial(err.print, markup=False)
        where = f"{c.path} (record {c.record}), field {f.field}" if c.record else c.path
        say(visible(f"conflict: {where}: {f.reason}"))
        when = c.upstream_date.replace("T", " ")[:16]
        say(f"  upstream: {_value(f.theirs, f.base)}   ({visible(c.upstream_by)}, {when})")
        say(f"  yours:    {_value(f.mine, f.base)}   (your commit: {c.commit})")


def status(s: CloneStatus) -> None:
    out = Console(highlight=False, soft_wrap=True)
    say = functools.partial(out.print, markup=False)
    for line in s.lines():  # file names and commit subjects may hold any character
        say(visible(line))


def checklist(c: Checklist) -> None:
    out = Console(highlight=False, soft_wrap=True)
    for check in c.checks:
        out.print(("ok    " if check.ok else "FIX   ") + check.what, markup=False)
        if not check.ok and check.fix:
            out.print(f"      fix: {check.fix}", markup=False)
    failed = sum(not check.ok for check in c.checks)
    out.print(f"{len(c.checks) - failed} of {len(c.checks)} checks hold", markup=False)
