"""The parse cache: unchanged files are reused, changed ones are read again."""

from __future__ import annotations

import os
import time
from pathlib import Path

from innovatiebieb.store.cache import cache_file, read_cached, write_cache


def _write(path: Path, text: str, age_s: float) -> None:
    path.write_text(text, encoding="utf-8")
    past = time.time() - age_s
    os.utime(path, (past, past))


def test_changed_files_are_read_again_and_unchanged_ones_reused(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    (root / "projects").mkdir(parents=True)
    a, b = root / "projects" / "a.yaml", root / "projects" / "b.yaml"
    _write(a, "id: a\n", 60)
    _write(b, "id: b\n", 60)
    assert [d.data for d in read_cached(root, [a, b])] == [{"id": "a"}, {"id": "b"}]
    assert cache_file(root, "documents").is_file()

    _write(a, "id: a\ntitle: Nieuw\n", 30)
    assert [d.data for d in read_cached(root, [a, b])] == [
        {"id": "a", "title": "Nieuw"}, {"id": "b"}]


def test_a_file_written_just_now_is_not_cached(tmp_path: Path) -> None:
    """Within the racy window a second edit could keep size and mtime: never trust it."""
    root = tmp_path / "registry"
    (root / "projects").mkdir(parents=True)
    a = root / "projects" / "a.yaml"
    a.write_text("id: a\n", encoding="utf-8")
    read_cached(root, [a])
    stat = a.stat()
    a.write_text("id: b\n", encoding="utf-8")  # same size
    os.utime(a, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same mtime
    assert read_cached(root, [a])[0].data == {"id": "b"}


def test_a_broken_cache_file_is_ignored(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    (root / "projects").mkdir(parents=True)
    a = root / "projects" / "a.yaml"
    _write(a, "id: a\n", 60)
    read_cached(root, [a])
    cache_file(root, "documents").write_bytes(b"not a pickle")
    assert read_cached(root, [a])[0].data == {"id": "a"}


def test_caches_unused_for_a_month_go_when_bieb_writes_one(tmp_path: Path) -> None:
    """An old bieb's formats and a deleted registry's caches must not pile up."""
    folder = tmp_path / "cache" / "bieb"
    folder.mkdir(parents=True)
    unused, read_lately = folder / "0123.documents.pickle", folder / "4567.documents.pickle"
    _write(unused, "old", 31 * 86400)
    _write(read_lately, "kept", 31 * 86400)
    os.utime(read_lately, (time.time() - 86400, time.time() - 31 * 86400))  # read yesterday
    write_cache(folder / "89ab.documents.pickle", b"new")
    assert sorted(p.name for p in folder.iterdir()) == ["4567.documents.pickle",
                                                        "89ab.documents.pickle"]
