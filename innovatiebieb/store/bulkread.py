"""Read and parse many files, on every core when there are enough of them.

Reading many files is the cost of a full validation; they are read the fast
way (yamlio's `fast`: rapidyaml where it gives the same Document), and are
independent, so large registries are split over worker processes. Workers
return plain data, never the text, to keep pickling cheap.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from innovatiebieb.store.yamlio import Document, read_document

# Below this many files a pool costs more than it saves.
PARALLEL_FROM = 800

T = TypeVar("T")
R = TypeVar("R")
_TASK: Callable[[Any], Any] | None = None  # the function of map_many's workers


def _run_task(item: Any) -> Any:
    assert _TASK is not None
    return _TASK(item)


def map_many(task: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`task(item)` for each item, in order, on every core when there are enough.

    The workers are forked after `task` is set, so they inherit it and all it
    holds (models imported, an index built): only the items and the results
    travel between processes. Results should be small (problems, not documents).
    """
    global _TASK
    _TASK = task
    try:
        done = _in_workers(_run_task, items)
    finally:
        _TASK = None
    return done if done is not None else [task(item) for item in items]


def _read_without_text(path: str | Path) -> Document:
    doc = read_document(Path(path), fast=True)
    doc.where  # noqa: B018 -- found from the text, which is not sent back
    doc.text = ""
    return doc


def read_many(paths: Sequence[str | Path]) -> list[Document]:
    """Documents for `paths`, in the same order (without their text when read by workers)."""
    done = _in_workers(_read_without_text, paths)
    return done if done is not None else [read_document(Path(p), fast=True) for p in paths]


def _in_workers(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any] | None:
    """`fn` over `items` in forked worker processes; None where that is not worth it
    (few items, one core, BIEB_NO_PARALLEL) or not possible (no fork)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2 or os.environ.get("BIEB_NO_PARALLEL"):
        return None
    import multiprocessing  # only large registries need it

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: stay in one process
        return None
    with context.Pool(workers, initializer=_leave_signals_to_the_parent) as pool:
        return pool.map(fn, items, chunksize=max(64, len(items) // (workers * 8)))


def _leave_signals_to_the_parent() -> None:
    """A worker ignores Ctrl-C and hang-ups, which reach the whole process group: the
    parent stops (exit 130) and ends the pool, whose SIGTERM a worker then dies of at
    once. Without this each worker printed its own KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
