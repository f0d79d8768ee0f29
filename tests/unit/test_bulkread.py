"""map_many: the same results on every core as in one process, and a worker that fails
or dies is an error, never a wait without end."""

from __future__ import annotations

import os
import time

import pytest

from innovatiebieb.store import bulkread

MANY = range(bulkread.PARALLEL_FROM + 37)  # enough for the workers


def _square(n: int) -> int:
    return n * n


def test_results_come_back_in_order_as_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    parallel = bulkread.map_many(_square, MANY)
    monkeypatch.setenv("BIEB_NO_PARALLEL", "1")
    assert parallel == bulkread.map_many(_square, MANY) == [n * n for n in MANY]


def test_a_failing_worker_raises_with_its_traceback() -> None:
    def fails_on_500(n: int) -> int:
        if n == 500:
            raise ValueError("bad item 500")
        return n

    with pytest.raises(RuntimeError, match="bad item 500"):
        bulkread.map_many(fails_on_500, MANY)


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    parent = os.getpid()

    def dies_on_500(n: int) -> int:
        if n == 500 and os.getpid() != parent:
            os._exit(9)
        return n

    with pytest.raises(RuntimeError, match="ended without its results"):
        bulkread.map_many(dies_on_500, MANY)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no workers")
def test_a_slow_worker_leaves_the_rest_to_the_others() -> None:
    """Workers take chunks as they finish the last one: while one is held up on its
    first chunk, the others do all the rest (with fixed shares the run would wait)."""
    parent = os.getpid()

    def held_up_on_the_first(n: int) -> int:
        if n == 0 and os.getpid() != parent:
            time.sleep(1.0)  # a worker whose core is busy with something else
        return os.getpid()

    pids = bulkread.map_many(held_up_on_the_first, MANY)
    first_chunk = bulkread._chunks(len(MANY), min(os.cpu_count() or 1, 8))[0]
    assert pids.count(pids[0]) == first_chunk[1] - first_chunk[0]
    assert len(set(pids)) > 1 and parent not in pids
