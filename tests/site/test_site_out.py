"""`bieb site build --out`: it deletes only what an earlier build provably wrote."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from innovatiebieb.site.outdir import MANIFEST, SiteWriter, holding, last_build
from tests.helpers import repo_state, run_bieb, running
from tests.site.fake_pagefind import slow_pagefind
from tests.site.pagefind_files import assert_same_site


def _build(registry: Path, out: str | Path, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    return run_bieb("site", "build", "--out", str(out), "--registry", str(registry), cwd=cwd)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("out", [".", "registry", "registry/projects", "..", "README.md"])
def test_a_planted_marker_never_wipes_the_repository(git_registry: Path, out: str) -> None:
    repo = git_registry.parent
    (repo / "README.md").write_text("read me\n", encoding="utf-8")
    for folder in (repo, git_registry, git_registry / "projects"):  # a stray or committed marker
        (folder / ".bieb-site").write_text("Made by 'bieb site build'\n", encoding="utf-8")
    before = repo_state(repo)
    git_files = _tree(repo / ".git")
    result = _build(git_registry, out, cwd=repo)
    assert result.returncode == 2, result.stderr
    assert "nothing was deleted" in result.stderr
    assert repo_state(repo) == before
    assert _tree(repo / ".git") == git_files


@pytest.mark.parametrize("out", ["/dev/null", "a-file.txt"])
def test_an_out_that_is_not_a_folder_is_a_clear_error(registry: Path, tmp_path: Path,
                                                      out: str) -> None:
    (tmp_path / "a-file.txt").write_text("mine\n", encoding="utf-8")
    result = _build(registry, out, cwd=tmp_path)
    assert result.returncode == 2
    assert "is not a folder" in result.stderr and "internal error" not in result.stderr
    assert (tmp_path / "a-file.txt").read_text(encoding="utf-8") == "mine\n"


def test_an_out_that_cannot_be_made_is_a_clear_error(registry: Path, tmp_path: Path) -> None:
    """A file where a folder of the path should be: the system's word for it, the
    folder named, no internal error (as for a read-only or full disk)."""
    (tmp_path / "a-file.txt").write_text("mine\n", encoding="utf-8")
    result = _build(registry, "a-file.txt/site", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "cannot write the site into --out a-file.txt/site: Not a directory" in result.stderr
    assert "internal error" not in result.stderr and "hint: " in result.stderr
    assert (tmp_path / "a-file.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_rebuild_replaces_its_own_files_and_nothing_else(registry: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert _build(registry, out).returncode == 0
    first = _tree(out)
    (registry / "projects" / "impact-cockpit.yaml").unlink()  # a page that must go
    assert _build(registry, out).returncode == 0
    assert not (out / "projecten" / "impact-cockpit.html").exists()
    # Nor in the search index: Pagefind indexed the new build's pages alone.
    fragments = [gzip.decompress(p.read_bytes()) for p in (out / "pagefind").rglob("*.pf_fragment")]
    assert len(fragments) == 2 and not any(b"impact-cockpit" in f for f in fragments)
    bieb_own = {name for name in _tree(out) if not name.startswith("pagefind/")}
    assert bieb_own == {name for name in first if not name.startswith("pagefind/")} \
        - {"projecten/impact-cockpit.html"}
    # Pagefind's index changed with the pages (new names): only this build's files
    # are left, each in the manifest, so the next build may replace them too.
    listed = {line.split(" ", 1)[1] for line in
              (out / MANIFEST).read_text(encoding="utf-8").splitlines()[1:]}
    assert set(_tree(out)) - {MANIFEST} == listed
    assert any(name.startswith("pagefind/fragment/") for name in listed)
    assert _build(registry, out).returncode == 0


@pytest.mark.parametrize("intruder", ["extra", "projecten/notes.txt", "changed", "symlink",
                                      "bare-marker", "pagefind/notes.txt",
                                      "pagefind-changed", "empty-folder", "folder-for-a-page",
                                      "only-a-marker"])
def test_anything_a_build_did_not_write_stops_the_build_before_it_deletes(
        registry: Path, tmp_path: Path, intruder: str) -> None:
    out = tmp_path / "site"
    assert _build(registry, out).returncode == 0
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    if intruder == "changed":
        (out / "index.html").write_text("my own page\n", encoding="utf-8")
    elif intruder == "pagefind-changed":  # Pagefind's files are bieb's to prove, too
        (out / "pagefind" / "pagefind.js").write_text("// mine\n", encoding="utf-8")
    elif intruder == "symlink":
        (out / "link.txt").symlink_to(precious)
    elif intruder == "bare-marker":  # the marker of old builds, or a planted one
        (out / ".bieb-site").write_text("Made by 'bieb site build'\n", encoding="utf-8")
    elif intruder == "only-a-marker":  # a user's file of that name, alone in the folder
        for path in sorted(out.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        (out / ".bieb-site").write_text("my notes\n", encoding="utf-8")
    elif intruder == "empty-folder":
        (out / "uploads" / "2026").mkdir(parents=True)
    elif intruder == "folder-for-a-page":  # where the build writes a file
        (out / "verslag.html").unlink()
        (out / "verslag.html").mkdir()
    else:
        (out / intruder).write_text("mine\n", encoding="utf-8")
    before = _tree(out)
    result = _build(registry, out)
    assert result.returncode == 2, result.stderr
    assert "nothing was deleted" in result.stderr
    assert _tree(out) == before
    assert precious.read_text(encoding="utf-8") == "keep me\n"


def _stats(folder: Path) -> dict[str, tuple[int, int]]:
    return {name: ((folder / name).stat().st_ino, (folder / name).stat().st_mtime_ns)
            for name in _tree(folder)}


def test_a_rebuild_rewrites_only_the_files_that_changed(registry: Path,
                                                         tmp_path: Path) -> None:
    """What a deploy by rsync or a file watcher sees: the pages of an unchanged project
    keep their file (same inode, same time), a changed project's page is new."""
    out = tmp_path / "site"
    assert _build(registry, out).returncode == 0
    before, stats = _tree(out), _stats(out)
    source = registry / "projects" / "impact-cockpit.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "\ntitle: Cockpit", "\ntitle: Vernieuwde cockpit", 1), encoding="utf-8")
    assert _build(registry, out).returncode == 0
    after = _tree(out)
    page = "projecten/impact-cockpit.html"
    assert after[page] != before[page] and b"Vernieuwde cockpit" in after[page]
    unchanged = [name for name in after if name != MANIFEST and before.get(name) == after[name]]
    assert "projecten/leesleen-app-po.html" in unchanged and "style.css" in unchanged
    assert {name: stats[name] for name in unchanged} == \
        {name: _stats(out)[name] for name in unchanged}
    listed = (out / MANIFEST).read_text(encoding="utf-8")
    assert hashlib.sha256(after[page]).hexdigest() + " " + page in listed


def test_a_changed_page_hard_linked_elsewhere_leaves_the_other_copy_as_it_was(
        registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert _build(registry, out).returncode == 0
    kept = tmp_path / "published-copy.html"
    os.link(out / "projecten" / "impact-cockpit.html", kept)
    old = kept.read_bytes()
    source = registry / "projects" / "impact-cockpit.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "\ntitle: Cockpit", "\ntitle: Vernieuwde cockpit", 1), encoding="utf-8")
    assert _build(registry, out).returncode == 0
    assert kept.read_bytes() == old
    assert b"Vernieuwde cockpit" in (out / "projecten" / "impact-cockpit.html").read_bytes()


def test_files_being_written_when_a_build_failed_are_the_next_builds_to_replace(
        registry: Path, tmp_path: Path) -> None:
    """Workers write the project pages; when the build fails, the pages they wrote are
    in the manifest as they are, so the next build may replace them."""
    out = tmp_path / "site"
    out.mkdir()
    site = SiteWriter(out, last_build(out))
    site.reserve(["projecten/a.html", "projecten/b.html", "projecten/c.html"])
    site.store("projecten/a.html", b"<p>a</p>")
    site.store("projecten/b.html", b"<p>b</p>")
    (out / "projecten" / "b.html").write_text("<p>mine</p>", encoding="utf-8")  # by hand
    site.finish()  # as after the failure, before any was confirmed; c.html never begun
    listed = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert f"{hashlib.sha256(b'<p>a</p>').hexdigest()} projecten/a.html" in listed
    result = _build(registry, out)  # a page changed by hand meanwhile is not bieb's
    assert result.returncode == 2 and "holds projecten/b.html, which changed" in result.stderr
    (out / "projecten" / "b.html").write_bytes(b"<p>b</p>")
    assert _build(registry, out).returncode == 0
    assert not (out / "projecten" / "a.html").exists()
    assert not (out / "projecten" / "b.html").exists()


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT])
def test_a_rebuild_killed_midway_leaves_a_folder_the_next_build_rebuilds(
        registry: Path, tmp_path: Path, stop: signal.Signals) -> None:
    """A kill (a CI timeout, the OOM killer) or Ctrl-C while a rebuild writes: every
    file then in --out is one the manifest lists, and the next build makes the same
    site a build into an empty folder makes."""
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    assert _build(registry, out).returncode == 0
    source = registry / "projects" / "impact-cockpit.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "\ntitle: Cockpit", "\ntitle: Vernieuwde cockpit", 1), encoding="utf-8")
    (registry / "projects" / "leesleen-app-po.yaml").unlink()
    told, binary = slow_pagefind(tmp_path)
    build = subprocess.Popen(  # noqa: S603 -- bieb itself, with a test's Pagefind
        [sys.executable, "-m", "innovatiebieb", "site", "build", "--out", str(out),
         "--registry", str(registry)], env={**os.environ, "PAGEFIND_BINARY_PATH": str(binary)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while not told.exists() and build.poll() is None:  # the project pages are written
            time.sleep(0.01)
        pagefind, *args = told.read_text(encoding="utf-8").split()
        time.sleep(0.2)  # into writing the rest, or waiting for Pagefind
        build.send_signal(stop)
        _, stderr = build.communicate(timeout=60)
        deadline = time.monotonic() + 30
        while running(int(pagefind)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not running(int(pagefind)), "Pagefind runs on after bieb ended"
    finally:
        with contextlib.suppress(ProcessLookupError, NameError):
            os.killpg(int(pagefind), signal.SIGKILL)
        build.kill()
    scratch = Path(args[args.index("--output-path") + 1]).parent  # in RAM where there is room
    if stop == signal.SIGINT:
        assert build.returncode == 130
        assert "interrupted; --out" in stderr and "Run 'bieb site build' again" in stderr
        assert not scratch.exists()
    assert _build(registry, out).returncode == 0
    if scratch.exists():  # a kill runs no clean-up: the next build removes what it left
        shutil.rmtree(scratch)
        pytest.fail(f"the next build left the killed one's scratch folder {scratch}")
    assert _build(registry, fresh).returncode == 0
    assert_same_site({n: d for n, d in _tree(out).items() if n != MANIFEST},
                     {n: d for n, d in _tree(fresh).items() if n != MANIFEST})


def test_two_builds_into_one_folder_at_once_the_second_is_refused(
        registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert _build(registry, out).returncode == 0
    before = _tree(out)
    with holding(out):  # as a build that runs
        result = _build(registry, out)
    assert result.returncode == 2, result.stderr
    assert "another 'bieb site build' is writing into --out" in result.stderr
    assert _tree(out) == before
