"""`bieb site build` and Pagefind: the index it writes, and what happens when Pagefind
is missing, fails or is told otherwise by its own settings."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from innovatiebieb.model.errors import Interrupted
from innovatiebieb.site import build
from innovatiebieb.site.outdir import MANIFEST
from tests.helpers import run_bieb
from tests.site.fake_pagefind import fake_pagefind, slow_pagefind

FILTERS = ("regio", "fase", "status", "themagroep", "fieldlab", "opgave")


def _build(registry: Path, out: Path, *args: str, env: dict[str, str] | None = None,
           cwd: Path | None = None):  # type: ignore[no-untyped-def]
    return run_bieb("site", "build", "--out", str(out), "--registry", str(registry), *args,
                    env=env, cwd=cwd)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _entry(out: Path) -> dict[str, object]:
    return json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_the_index_holds_every_project_page_in_dutch(registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = _build(registry, out)
    assert result.returncode == 0, result.stderr
    projects = sorted(p.stem for p in (registry / "projects").glob("*.yaml"))
    entry = _entry(out)
    assert entry["languages"] == {"nl": {"hash": entry["languages"]["nl"]["hash"],  # type: ignore[index]
                                         "wasm": "nl", "page_count": len(projects)}}
    index = [n for n in _tree(out) if n.startswith("pagefind/")]
    assert "pagefind/pagefind.js" in index
    assert not [n for n in index if "-ui." in n]  # Pagefind's own interfaces are left out
    assert f"{len(index)} of them the search index" in result.stderr
    page = (out / "projecten" / f"{projects[0]}.html").read_text(encoding="utf-8")
    assert page.count("data-pagefind-body") == 1
    for name in FILTERS[1:3]:  # every project has a phase and a status
        assert f'data-pagefind-filter="{name}:' in page
    catalogue = (out / "projecten" / "index.html").read_text(encoding="utf-8")
    assert 'src="../catalogus.js"' in catalogue and 'data-index="../pagefind/"' in catalogue


def test_without_pagefind_the_build_stops_before_it_deletes_and_says_what_to_do(
        registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert _build(registry, out).returncode == 0
    before = _tree(out)
    shadow = tmp_path / "shadow" / "pagefind_bin"  # as if the package were not installed
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('not here')\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    result = _build(registry, out, env={"PYTHONPATH": f"{shadow.parent}:{root}"})
    assert result.returncode == 2, result.stderr
    assert "cannot build the catalogue's search index: Pagefind is not installed" \
        in result.stderr
    assert "--no-search" in result.stderr and "PAGEFIND_BINARY_PATH" in result.stderr
    assert "internal error" not in result.stderr
    assert _tree(out) == before  # the last site is still there, whole


@pytest.mark.parametrize("broken", ["no such file", "not executable", "fails --version",
                                    "exits 3"])
def test_a_pagefind_that_cannot_run_or_fails_leaves_none_of_its_files(
        registry: Path, tmp_path: Path, broken: str) -> None:
    """One that cannot run is found before the build writes: the last site stays
    whole. One that fails while indexing leaves the new pages without an index."""
    binary = tmp_path / "pagefind"
    if broken == "exits 3":  # it writes some of an index into its output, then fails
        fake_pagefind(binary, 'while [ "$1" != --output-path ]; do shift; done\n'
                              'mkdir -p "$2" && echo half > "$2/pagefind.js"\n'
                              'echo "Error: out of luck" >&2\nexit 3\n')
    elif broken == "fails --version":  # a launcher whose binary is missing, say
        fake_pagefind(binary, "echo 'no binary for this platform' >&2\nexit 1\n",
                      answers_version=False)
    elif broken == "not executable":
        binary.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    out = tmp_path / "site"
    assert _build(registry, out).returncode == 0
    before = _tree(out)
    result = _build(registry, out, env={"PAGEFIND_BINARY_PATH": str(binary)})
    assert result.returncode == 2, result.stderr
    said = {"no such file": "cannot run Pagefind", "not executable": "cannot run Pagefind",
            "fails --version": "failed with exit code 1 on --version",
            "exits 3": "failed with exit code 3: Error: out of luck"}[broken]
    assert said in result.stderr and "hint: " in result.stderr
    assert "internal error" not in result.stderr
    if broken == "exits 3":
        assert not (out / "pagefind").exists()
        assert (out / "projecten" / "index.html").is_file()
    else:
        assert _tree(out) == before
    # What the failed build wrote is in its manifest: the next build replaces it.
    assert _build(registry, out).returncode == 0
    assert (out / "pagefind" / "pagefind.js").is_file()


def test_no_search_builds_the_pages_without_an_index(registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert _build(registry, out).returncode == 0
    result = _build(registry, out, "--no-search")  # over a build with an index: it goes
    assert result.returncode == 0, result.stderr
    assert "search index" not in result.stderr
    assert not (out / "pagefind").exists()
    catalogue = (out / "projecten" / "index.html").read_text(encoding="utf-8")
    assert "catalogus.js" not in catalogue and 'id="filters"' not in catalogue
    assert "zonder zoekfunctie" in catalogue
    listed = (out / MANIFEST).read_text(encoding="utf-8")
    assert "pagefind/" not in listed


def test_pagefind_settings_of_the_folder_or_environment_do_not_change_the_index(
        registry: Path, tmp_path: Path) -> None:
    plain, told = tmp_path / "plain", tmp_path / "told"
    assert _build(registry, plain).returncode == 0
    here = tmp_path / "here"
    here.mkdir()
    (here / "pagefind.yml").write_text("glob: \"**/*.html\"\nforce_language: en\n"
                                       "output_subdir: elders\n", encoding="utf-8")
    result = _build(registry, told, cwd=here,
                    env={"PAGEFIND_FORCE_LANGUAGE": "en", "PAGEFIND_GLOB": "**/*.html",
                         "PAGEFIND_OUTPUT_SUBDIR": "elders", "PAGEFIND_SITE": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert not (told / "elders").exists()
    languages = [_entry(out)["languages"] for out in (plain, told)]
    assert [list(found) for found in languages] == [["nl"], ["nl"]]  # type: ignore[call-overload]
    # The pages are the same: the filters' meta file's name is the one thing that differs
    # from run to run (tests/site/pagefind_files.py).
    assert [found["nl"]["page_count"] for found in languages] \
        == [len(list((registry / "projects").glob("*.yaml")))] * 2  # type: ignore[index]


def test_a_build_failing_while_pagefind_runs_stops_it_and_leaves_no_scratch(
        registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind indexes the project pages while bieb writes the rest: when that fails
    (or Ctrl-C), Pagefind must not run on, nor its temporary folder stay."""
    told, binary = slow_pagefind(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))

    def failing(*_: object) -> None:
        while not told.exists():  # Pagefind has started
            time.sleep(0.01)
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "_write_the_rest", failing)
    with pytest.raises(Interrupted, match="holds part of the new site") as stopped:
        build.build_site(registry, tmp_path / "site")
    assert stopped.value.exit_code == 130
    pid, *args = told.read_text(encoding="utf-8").split()
    with pytest.raises(ProcessLookupError):  # ended and reaped
        os.kill(int(pid), 0)
    scratch = Path(args[args.index("--output-path") + 1]).parent
    assert scratch.name.startswith("bieb-pagefind-") and not scratch.exists()
    assert (tmp_path / "site" / MANIFEST).is_file()  # what was written can be replaced
