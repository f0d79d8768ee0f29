"""Read and parse many files, on every core when there are enough of them.

Reading many files is the cost of a full validation; they are read the fast
way (yamlio's `fast`: rapidyaml where it gives the same Document), and are
independent, so large registries are split over worker processes, which take
chunks of them as they go. Workers return plain data, never the text, to keep
pickling cheap. A cold validate also reads ahead (ReadAhead): while it imports
the models on one core, a child reads and half parses files on the other.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import select
import signal
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Generic, NoReturn, TypeVar

from innovatiebieb.store import fastyaml, signals
from innovatiebieb.store.yamlio import Document, read_document

# Below this many items, starting workers costs more than it saves.
PARALLEL_FROM = 800
_STOPPING = {signal.SIGINT, signal.SIGHUP, signal.SIGTERM}

T = TypeVar("T")
R = TypeVar("R")


def map_many(task: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`task(item)` for each item, in order, on every core when there are enough.

    The workers are forked when this is called, so they inherit `task` and all it
    holds (models imported, an index built): only the results travel between
    processes. Results should be small (problems, not documents).
    """
    done = _in_workers(task, items)
    return done if done is not None else [task(item) for item in items]


class ReadAhead(Generic[T, R]):
    """`task(item)` for the items in turn, in a child process, while this one does
    something that needs one core only: a cold validate imports the models first
    (0.2 s), and the second core would wait; meanwhile the child reads and half
    parses files (yamlio.read_ahead_of_parse). `take` stops the child and gives the
    results of the items it did, from the first; `stop` ends it, whatever happened.
    If anything fails, nothing was done ahead: the items are simply done as usual.
    """

    def __init__(self, task: Callable[[T], R], items: Sequence[T]) -> None:
        self._items = items
        self._pid = 0
        self._results = self._stop_reading = -1
        if len(items) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 \
                or os.environ.get("BIEB_NO_PARALLEL") or not hasattr(os, "fork"):
            return
        stop_read, self._stop_reading = os.pipe()
        self._results, write_end = os.pipe()
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
        try:
            self._pid = signals.fork_child()
            if self._pid == 0:  # the child: never returns
                os.close(self._results)
                os.close(self._stop_reading)
                _read_ahead(task, items, stop_read, write_end, held)
        except OSError:  # no fork (no memory, too many processes): nothing ahead
            self._pid = 0
        finally:
            os.close(stop_read)
            os.close(write_end)
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a held Ctrl-C arrives here
        except BaseException:  # and the child must not outlive this run
            self.stop()
            raise

    def take(self) -> dict[T, R]:
        """The result of each item the child did by now (the first ones), by item ({}
        if it failed)."""
        if not self._pid:
            return {}
        os.close(self._stop_reading)  # the child sees the end of this pipe: it stops
        self._stop_reading = -1
        try:
            done = _collect(self._pid, self._results)
        except RuntimeError:  # it failed or died, and is reaped
            done = []
        # Reaped either way; a Ctrl-C while waiting left it to `stop`.
        self._pid = 0
        os.close(self._results)  # not to be inherited by the workers forked next
        self._results = -1
        # The results of the first items: zip stops at the last one done.
        return dict(zip(self._items, done, strict=False))

    def stop(self) -> None:
        """End the child if it still runs (an error or Ctrl-C before `take`), and close
        what is left of its pipes."""
        if self._pid:
            _stop([(self._pid, self._results)])
            self._pid = 0
        for fd in (self._results, self._stop_reading):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._results = self._stop_reading = -1


def _read_ahead(task: Callable[[Any], Any], items: Sequence[Any], stop_read: int, out: int,
                held: Iterable[int | signal.Signals]) -> NoReturn:
    """In the forked child: `task` over the items until asked to stop, send, exit."""
    def ahead() -> list[Any]:
        done = []
        for n, item in enumerate(items):
            # A look at the stop pipe every few items: it costs a system call.
            if n % 16 == 0 and select.select([stop_read], [], [], 0)[0]:
                break
            done.append(task(item))
        return done

    _in_child(ahead, out, held)


def _read_without_text(path: str | Path) -> Document:
    doc = read_document(path, fast=True)
    doc.where  # noqa: B018 -- found from the text, which is not sent back
    doc.text = ""
    return doc


def read_many(paths: Sequence[str | Path]) -> list[Document]:
    """Documents for `paths`, in the same order (without their text when read by workers)."""
    done = _in_workers(_read_without_text, paths)
    return done if done is not None else [read_document(p, fast=True) for p in paths]


def _in_workers(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any] | None:
    """`fn` over `items` in forked worker processes, in order; None where that is not
    worth it (few items, one core, BIEB_NO_PARALLEL) or not possible (no fork).

    The items are cut into chunks, and each worker takes the next chunk when it is
    done with one (a byte a chunk, from one pipe all workers read): a worker slowed by
    something else on its core leaves more to the others, where fixed shares would
    make the whole run wait for it. Each sends its results back through its own pipe.
    Not multiprocessing.Pool: a Ctrl-C that reaches the whole process group could
    leave its terminate() waiting for a lock a worker held, forever.
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2 or os.environ.get("BIEB_NO_PARALLEL") \
            or not hasattr(os, "fork"):
        return None
    chunks = _chunks(len(items), workers)
    # Every chunk's number is in the pipe before the first worker starts, and no one
    # holds its writing end: a worker that reads nothing has nothing left to do.
    # Reads of one byte from a pipe never split.
    next_chunks, write_chunks = os.pipe()
    os.write(write_chunks, bytes(range(len(chunks))))
    os.close(write_chunks)
    # Born with these signals held, so a worker ignores them before one can arrive;
    # the parent gets them once its workers are all started.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    started: list[tuple[int, int]] = []
    try:
        try:
            for _ in range(workers):
                read_end, write_end = os.pipe()
                pid = signals.fork_child()
                if pid == 0:  # the worker: never returns
                    os.close(read_end)
                    _work(fn, items, chunks, next_chunks, write_end, held)
                os.close(write_end)
                started.append((pid, read_end))
        finally:
            os.close(next_chunks)
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a held Ctrl-C arrives here
        parts = [_collect(pid, read_end) for pid, read_end in started]
    except BaseException:  # Ctrl-C, or a worker that failed: no worker outlives this
        _stop(started)
        raise
    finally:
        for _, read_end in started:
            os.close(read_end)
    done: list[Any] = [None] * len(items)
    got = 0
    for part in parts:
        for k, results in part:
            start, stop = chunks[k]
            done[start:stop] = results
            got += 1
    if got != len(chunks):  # cannot be while every worker ended well; never a hole
        raise RuntimeError(f"the workers sent {got} of {len(chunks)} chunks")
    return done


def _chunks(count: int, workers: int) -> list[tuple[int, int]]:
    """(start, stop) of the chunks `count` items are cut into: a few dozen a worker, at
    most 255 (a byte each)."""
    number = min(255, max(workers * 8, count // 50), count)
    bounds = [count * k // number for k in range(number + 1)]
    return list(itertools.pairwise(bounds))


def _work(fn: Callable[[Any], Any], items: Sequence[Any], chunks: list[tuple[int, int]],
          next_chunks: int, out: int, held: Iterable[int | signal.Signals]) -> NoReturn:
    """In a forked worker: `fn` over the items of each chunk it takes, the results with
    their chunk's number sent, then exit."""
    def chunk_by_chunk() -> list[tuple[int, list[Any]]]:
        done = []
        while taken := os.read(next_chunks, 1):
            start, stop = chunks[taken[0]]
            done.append((taken[0], [fn(item) for item in items[start:stop]]))
        return done

    _in_child(chunk_by_chunk, out, held)


def _in_child(compute: Callable[[], object], out: int,
              held: Iterable[int | signal.Signals]) -> NoReturn:
    """In a forked child (a worker, the reader ahead): `compute()`, its result or its
    failure's traceback pickled to `out` for _collect, then exit. Ctrl-C and hang-ups
    are the parent's; the parent's SIGTERM ends it at once."""
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        message: tuple[str, object]
        try:
            with fastyaml.quiet():
                message = ("ok", compute())
        except Exception:  # the parent raises it, with the child's traceback
            message = ("failed", traceback.format_exc())
        with os.fdopen(out, "wb") as pipe:
            pickle.dump(message, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)  # no atexit handlers, no flushing the parent's buffers


def _collect(pid: int, read_end: int) -> list[Any]:
    """A worker's results, once it has sent them all and ended."""
    chunks = []
    while chunk := os.read(read_end, 1 << 20):
        chunks.append(chunk)
    data = b"".join(chunks)
    _, status = os.waitpid(pid, 0)
    if not data or os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"a worker process ended without its results "
                           f"(exit {os.waitstatus_to_exitcode(status)})")
    kind, value = pickle.loads(data)  # noqa: S301 - from our own forked child
    if kind != "ok":
        raise RuntimeError(f"a worker process failed:\n{value}")
    return list(value)


def _stop(started: list[tuple[int, int]]) -> None:
    """End the workers that may still run, and reap them."""
    for pid, _ in started:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
