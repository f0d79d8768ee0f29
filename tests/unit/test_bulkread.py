"""map_many: the same results on every core as in one process, and a worker that fails
or dies is an error, never a wait without end."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from innovatiebieb.check.ahead import prepared
from innovatiebieb.store import bulkread, cache
from innovatiebieb.store.yamlio import parse_emitted, read_document
from tests.conftest import REPO
from tests.helpers import running

CORPUS = REPO / "tests" / "corpus"
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


def _every_file(registry: Path) -> list[str]:
    """The bundled registry's files and the bad-file corpus, with a link and a FIFO."""
    for path in CORPUS.glob("*.yaml"):
        shutil.copy(path, registry / "projects" / path.name)
    (registry / "projects" / "a-link.yaml").symlink_to(registry / "registry.yaml")
    os.mkfifo(registry / "projects" / "a-fifo.yaml")
    return sorted(str(p) for p in registry.glob("*/*.yaml"))


def test_what_is_read_ahead_is_what_read_document_gives(
        registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file read ahead and finished later is the same Document as one read at once;
    a file with anything to report is left to read_document."""
    monkeypatch.setattr(bulkread, "PARALLEL_FROM", 2)
    # Never told to stop early: it reads every file before it is taken.
    monkeypatch.setattr(bulkread.select, "select", lambda *args: ([], [], []))
    paths = _every_file(registry)
    ahead = bulkread.ReadAhead(prepared, paths)
    done = ahead.take()
    ahead.stop()
    assert set(done) == set(paths)
    left = set()
    for path, (key, text, emitted) in done.items():
        expected = read_document(path, fast=True)
        if text is None:
            left.add(Path(path).name)
            continue
        doc = parse_emitted(text, emitted)
        assert (doc.data, doc.findings, doc.where) == \
            (expected.data, expected.findings, expected.where), path
        assert key == cache.file_key(path)
    assert {"a-link.yaml", "a-fifo.yaml", "bidi-control.yaml", "conflict-marker.yaml"} <= left


def test_a_reader_that_dies_leaves_the_files_to_be_read_as_usual(
        registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulkread, "PARALLEL_FROM", 2)

    def dies(path: str) -> tuple[None, None]:
        os._exit(9)

    ahead = bulkread.ReadAhead(dies, _every_file(registry))
    assert ahead.take() == {}
    ahead.stop()


def test_a_reader_stopped_before_it_is_asked_does_not_outlive_the_run(
        registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error or Ctrl-C while the models are imported: `stop` ends the child."""
    monkeypatch.setattr(bulkread, "PARALLEL_FROM", 2)

    def slow(path: str) -> tuple[None, None]:
        time.sleep(60)
        return None, None

    ahead = bulkread.ReadAhead(slow, _every_file(registry))
    pid = ahead._pid
    ahead.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # ended and reaped


def _gone(pid: int) -> bool:
    """Whether the child `pid` has ended and been reaped."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_a_ctrl_c_as_the_reader_starts_does_not_leave_itrunning(
        registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Ctrl-C held while the child is forked arrives as the constructor returns:
    the child is ended before the KeyboardInterrupt leaves it."""
    monkeypatch.setattr(bulkread, "PARALLEL_FROM", 2)
    real_fork = os.fork
    forked = []

    def fork_then_ctrl_c() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
            os.kill(os.getpid(), signal.SIGINT)  # held until the mask is restored
        return pid

    monkeypatch.setattr(os, "fork", fork_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        bulkread.ReadAhead(lambda path: time.sleep(60), _every_file(registry))
    assert forked and _gone(forked[0])


def test_a_ctrl_c_while_taking_leaves_the_reader_to_stop(
        registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Interrupted while it waits for the child's results, `stop` still ends it."""
    monkeypatch.setattr(bulkread, "PARALLEL_FROM", 2)

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    started, starting = os.pipe()

    def slow(path: str) -> None:
        os.write(starting, b"x")
        time.sleep(0.5)

    previous = signal.signal(signal.SIGALRM, interrupt)
    ahead = bulkread.ReadAhead(slow, _every_file(registry))
    pid = ahead._pid
    try:
        os.read(started, 1)  # it is on its first file, past its first look at the stop pipe
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with pytest.raises(KeyboardInterrupt):
            ahead.take()  # the child looks at its stop pipe only every 16 items
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        ahead.stop()
        os.close(started)
        os.close(starting)
    assert _gone(pid)


_ORPHAN_PARENT = """
import os, sys, time
from innovatiebieb.store import background, bulkread

def task(n):
    with open(sys.argv[2], "a") as told:
        told.write(f"{os.getpid()}\\n")
    time.sleep(600)
    return n

items = list(range(bulkread.PARALLEL_FROM + 1))
if sys.argv[1] == "workers":
    bulkread.map_many(task, items)
elif sys.argv[1] == "reader":
    bulkread.ReadAhead(task, items)
    time.sleep(600)
else:
    background.in_background(task, 1)()
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or (os.cpu_count() or 1) < 2,
                    reason="Linux with two cores: the children are forked there")
@pytest.mark.parametrize(("children", "count"), [("workers", 2), ("reader", 1),
                                                  ("background", 1)])
def test_children_do_not_outlive_a_parent_killed_alone(tmp_path: Path, children: str,
                                                       count: int) -> None:
    """SIGKILL of bieb alone (the OOM killer, an IDE's stop button) skips every
    clean-up: its children must not run on (a site's workers would go on writing
    pages into a folder the user may have removed and built again)."""
    told = tmp_path / "told"
    told.touch()
    parent = subprocess.Popen([sys.executable, "-c", _ORPHAN_PARENT, children, str(told)],
                              cwd=REPO)
    try:
        deadline = time.monotonic() + 60
        while len(set(told.read_text().split())) < count:
            assert parent.poll() is None and time.monotonic() < deadline, "no child started"
            time.sleep(0.05)
    finally:
        parent.kill()
        parent.wait()
    pids = {int(p) for p in told.read_text().split()}
    deadline = time.monotonic() + 30
    while any(running(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [p for p in pids if running(p)]
    for pid in left:  # do not leave them to sleep on after a failure
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{children} still running after their parent was killed"
