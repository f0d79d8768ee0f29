"""Read and parse many files, on every core when there are enough of them.

Parsing YAML is the cost of a full validation (the C parser hands every event
to Python); files are independent, so large registries are split over worker
processes. Workers return plain data, never the text, to keep pickling cheap.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from innovatiebieb.store.yamlio import Document, read_document

# Below this many files a pool costs more than it saves.
PARALLEL_FROM = 800


def _read_without_text(path: str | Path) -> Document:
    doc = read_document(Path(path))
    doc.text = ""
    return doc


def read_many(paths: Sequence[str | Path]) -> list[Document]:
    """Documents for `paths`, in the same order."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2 or os.environ.get("BIEB_NO_PARALLEL"):
        return [read_document(Path(p)) for p in paths]
    import multiprocessing  # only large registries need it

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: stay in one process
        return [read_document(Path(p)) for p in paths]
    chunk = max(64, len(paths) // (workers * 8))
    with context.Pool(workers) as pool:
        return pool.map(_read_without_text, paths, chunksize=chunk)
