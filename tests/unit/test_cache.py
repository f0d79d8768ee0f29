"""The parse cache: unchanged files are reused, changed ones are read again."""

from __future__ import annotations

import marshal
import os
import time
from pathlib import Path

import pytest

from innovatiebieb.store import cache
from innovatiebieb.store.cache import FORMAT, cache_file, read_cached, write_cache


@pytest.fixture
def trust_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test's files are written just now (their ctime cannot be set back): trust them
    at once, as a real run trusts files older than RACY_SECONDS."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)


def _write(path: Path, text: str, age_s: float) -> None:
    path.write_text(text, encoding="utf-8")
    past = time.time() - age_s
    os.utime(path, (past, past))


def test_changed_files_are_read_again_and_unchanged_ones_reused(tmp_path: Path,
                                                               trust_now: None) -> None:
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


def test_an_edit_of_the_same_length_with_its_mtime_set_back_is_seen(
        tmp_path: Path, trust_now: None) -> None:
    """Setting the mtime back (touch -d, os.utime) moves the ctime: the key holds it."""
    root = tmp_path / "registry"
    (root / "projects").mkdir(parents=True)
    a = root / "projects" / "a.yaml"
    _write(a, "id: a\ntitle: Goed\n", 60)
    assert read_cached(root, [a])[0].data == {"id": "a", "title": "Goed"}
    before = a.stat()
    time.sleep(0.05)  # past the file system's timestamp granularity
    with a.open("r+b") as f:  # in place: same inode, same size
        f.write(b"id: a\ntitle: Fout\n")
    os.utime(a, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (a.stat().st_size, a.stat().st_ino) == (before.st_size, before.st_ino)
    assert read_cached(root, [a])[0].data == {"id": "a", "title": "Fout"}


def test_a_broken_cache_file_is_ignored(tmp_path: Path, trust_now: None) -> None:
    root = tmp_path / "registry"
    (root / "projects").mkdir(parents=True)
    a = root / "projects" / "a.yaml"
    _write(a, "id: a\n", 60)
    read_cached(root, [a])
    cache_file(root, "documents").write_bytes(b"not marshal data")
    assert read_cached(root, [a])[0].data == {"id": "a"}


def _plant(root: Path, a: Path) -> Path:
    """A cache file that says `a` holds {'id': 'planted'}, keyed to match `a` exactly."""
    file = cache_file(root, "documents")
    key = cache.file_key(str(a))
    file.parent.mkdir(parents=True, exist_ok=True)
    planted = ({"id": "planted"}, [], {})
    file.write_bytes(marshal.dumps((FORMAT, {"projects/a.yaml": (key, planted)})))
    return file


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_cache_others_could_write_is_not_read(tmp_path: Path, trust_now: None,
                                                where: str) -> None:
    """Another user could plant a cache in a shared folder: bieb reads only what the
    user owns and nobody else can write."""
    root = tmp_path / "registry"
    (root / "projects").mkdir(parents=True)
    a = root / "projects" / "a.yaml"
    _write(a, "id: a\n", 60)
    file = _plant(root, a)
    assert read_cached(root, [a])[0].data == {"id": "planted"}  # the plant fits, as is
    file = _plant(root, a)
    (file if where == "file" else file.parent).chmod(0o777 if where == "folder" else 0o666)
    try:
        assert read_cached(root, [a])[0].data == {"id": "a"}
    finally:
        file.parent.chmod(0o700)


def test_the_cache_holds_data_that_cannot_run_code(tmp_path: Path, trust_now: None) -> None:
    """A pickle could name any function to call on loading; marshal data cannot."""
    root = tmp_path / "registry"
    (root / "projects").mkdir(parents=True)
    a = root / "projects" / "a.yaml"
    _write(a, "id: a\ncreated: 2021-03-01\n", 60)
    read_cached(root, [a])
    stored = marshal.loads(cache_file(root, "documents").read_bytes())
    assert stored[0] == FORMAT
    # YAML 1.2 gives plain values only (a date is text; the models make it a date),
    # and they come back as parsed.
    assert read_cached(root, [a])[0].data == {"id": "a", "created": "2021-03-01"}


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


def test_a_cache_folder_of_ours_that_others_could_write_is_made_private(
        tmp_path: Path, trust_now: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Made under a umask of 002 it would never be read again: bieb tightens its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "cache" / "bieb"
    folder.mkdir(parents=True)
    folder.chmod(0o775)
    root = tmp_path / "registry"
    (root / "projects").mkdir(parents=True)
    a = root / "projects" / "a.yaml"
    _write(a, "id: a\n", 60)
    read_cached(root, [a])
    assert folder.stat().st_mode & 0o777 == 0o700
    assert cache_file(root, "documents").is_file()
