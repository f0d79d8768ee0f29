"""Work on another core gives the same result as work done here, failures included."""

from __future__ import annotations

import os

import pytest

from innovatiebieb.store.background import in_background


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _fails(n: int) -> int:
    raise ValueError(f"bad {n}")


def test_the_work_runs_in_a_child_and_its_value_comes_back() -> None:
    pid, value = in_background(_pid_and_square, 7)()
    assert value == 49
    assert pid != os.getpid()


def test_a_failing_child_fails_again_here_with_its_own_error() -> None:
    wait = in_background(_fails, 3)
    with pytest.raises(ValueError, match="bad 3"):
        wait()


def test_without_parallel_work_it_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIEB_NO_PARALLEL", "1")
    pid, value = in_background(_pid_and_square, 4)()
    assert (pid, value) == (os.getpid(), 16)
