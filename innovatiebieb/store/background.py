"""Work done on another core while bieb goes on: a forked child and a pipe.

`bieb idea add` spends 0.3 s loading the models and 0.2 s finding similar
projects at 10,000 projects; the two are independent, and every machine
bieb runs on has a second core. Without fork (Windows), with
BIEB_NO_PARALLEL set, or if the child fails, the work is simply done in
this process when its result is asked for.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

from innovatiebieb.store.signals import fork_child

T = TypeVar("T")


def in_background(work: Callable[..., T], *args: Any) -> Callable[[], T]:
    """Start `work(*args)` in a child process; call the result to wait for its value."""
    if not hasattr(os, "fork") or os.environ.get("BIEB_NO_PARALLEL"):
        return lambda: work(*args)
    read_end, write_end = os.pipe()
    pid = fork_child()
    if pid == 0:  # the child: compute, send, and leave without running any cleanup
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(pickle.dumps(work(*args)))
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def result() -> T:
        with os.fdopen(read_end, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and sent:
            value: T = pickle.loads(sent)  # from our own child
            return value
        return work(*args)

    return result
