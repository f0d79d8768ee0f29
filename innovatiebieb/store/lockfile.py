"""One bieb at a time on a registry: a lock file, taken once per process.

The lock is re-entrant within the process (a command that holds it around its
read-modify-write calls code that takes it again), and across processes it
makes concurrent commands run one after another, each on what the one
before it wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from innovatiebieb.model.errors import BiebError

LOCK_TIMEOUT_S = 60
_held: set[Path] = set()


@contextmanager
def hold(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the lock file at `path` for the block; a clear error after `timeout` s."""
    from filelock import FileLock, Timeout  # here: its import costs 25 ms at start-up

    key = path.absolute()
    if key in _held:
        yield
        return
    try:
        with FileLock(path, timeout=timeout):
            _held.add(key)
            try:
                yield
            finally:
                _held.discard(key)
    except Timeout as e:
        raise BiebError(f"another bieb command has held the lock for {timeout:g} s",
                        "Wait for it to finish and run the command again.") from e
    except PermissionError as e:
        raise BiebError(f"cannot take the lock {path}: {e.strerror}; nothing was changed",
                        "Check that the registry is writable.") from e
