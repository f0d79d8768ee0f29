"""Signals as exceptions, and a section no signal may cut in two.

Python turns SIGINT into KeyboardInterrupt but lets SIGTERM and SIGHUP kill
the process on the spot, which skips every `finally`: a temporary file is
left where `git add -A` finds it, a file half-restored. `terminate_gently`
makes them exceptions too, so the same clean-up runs for all three.

`deferred` holds signals back while a child process must be waited for: if
bieb stopped waiting for `git commit`, git could still commit after bieb had
put the old text back, and bieb could not know which happened.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

_CAUGHT = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Terminated(BaseException):
    """SIGTERM or SIGHUP: cleaned up after like Ctrl-C, exit 128 + the signal number.

    Not a KeyboardInterrupt: click would turn that into "Aborted!" and exit 1.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


# What stops bieb from outside: catch these where clean-up must run.
STOPPED = (KeyboardInterrupt, Terminated)


def exit_code(e: BaseException) -> int:
    """The exit status a shell expects after this signal (130 for Ctrl-C)."""
    return 128 + (e.signum if isinstance(e, Terminated) else signal.SIGINT)


_MAIN_PID = os.getpid()


def _raise(signum: int, frame: FrameType | None) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    if os.getpid() != _MAIN_PID:  # a forked worker: end the way the signal ends it
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise Terminated(signum)


def terminate_gently() -> None:
    """Turn SIGTERM and SIGHUP into exceptions (call once, at start-up)."""
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGHUP):
            if signal.getsignal(signum) is signal.SIG_DFL:
                signal.signal(signum, _raise)


@contextmanager
def deferred(*, reraise: bool = True) -> Iterator[None]:
    """Run the block to its end; a signal that arrives meanwhile is raised after it
    (or, with `reraise=False`, dropped: for clean-up already on its way out)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        pending.append(signum)

    # A signal bieb was started to ignore (nohup, a background job) stays ignored.
    previous: dict[int, Any] = {s: signal.getsignal(s) for s in _CAUGHT}
    for signum, handler in previous.items():
        if handler not in (signal.SIG_IGN, None):  # None: set outside Python, keep it
            signal.signal(signum, hold)
    try:
        yield
    except BaseException as e:
        _restore(previous)
        if pending and reraise:  # the child failed because it was signalled too: say so
            _raise_from(pending[0], e)
        raise
    _restore(previous)
    if pending and reraise:
        _raise(pending[0], None)


def _restore(handlers: dict[int, Any]) -> None:
    for signum, handler in handlers.items():
        if handler is not None:
            signal.signal(signum, handler)


def _raise_from(signum: int, cause: BaseException) -> None:
    try:
        _raise(signum, None)
    except STOPPED as e:
        raise e from cause


def fork_child() -> int:
    """os.fork(), with the child bound to die with this process (die_with_parent)."""
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        die_with_parent(parent)
    return pid


def die_with_parent(parent: int) -> None:
    """In a child just forked from `parent`: be killed when the parent dies, however
    it dies (Linux; elsewhere nothing changes).

    A SIGKILL of bieb alone (the OOM killer, an IDE's stop button) runs no
    clean-up: without this its workers would run on, and a site's would go on
    writing pages into an --out the user may have removed and built again.
    """
    if sys.platform != "linux":
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # no libc to ask: as on other systems
        return
    if os.getppid() != parent:  # it died before the line above: no signal will come
        os._exit(1)
