"""The catalogue at 10,000 projects (issue #16), in a real browser.

One site is built, once for the module, from a generated registry of 10,000
projects (benchmarks/generate.py) plus one project with words of its own, and
served on localhost. What the registry says is what `bieb project list` says.
No test asserts time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from innovatiebieb.site.catalogus import PAGE_SIZE
from tests.site.browsing import (
    Served,
    choose,
    count,
    counted,
    search_for,
    serve,
    settled,
    show_all,
    shown_ids,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

pytestmark = pytest.mark.slow  # generates and builds 10,000 projects: about a minute

SIZE = 10_000
ONE_MB = 1_000_000
# A project with words no generated one has: an accent, and a plural to stem.
VOORLEESHOND = """\
id: voorleeshond-in-de-creche
title: Lezen met de hond
summary: Een voorleeshond komt elke week in de crèche van de bibliotheek.
phase: idee
status: lopend
themes: [doorgaande-leeslijn]
opgaven: [geletterde-samenleving]
history: []
"""


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """The registry, its site, and the environment to run bieb on them."""
    work = tmp_path_factory.mktemp("catalogue-10k")
    registry = generate(SIZE, work / "registry")
    (registry / "projects" / "voorleeshond-in-de-creche.yaml").write_text(
        VOORLEESHOND, encoding="utf-8")
    # The module's fixture runs before the tests' own environment is set: its own cache.
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "HOME": str(work)}
    site = work / "site"
    built = subprocess.run([sys.executable, "-m", "innovatiebieb", "site", "build", "--out",
                            str(site), "--registry", str(registry)], env=env,
                           capture_output=True, text=True, timeout=1800, check=False)
    assert built.returncode == 0, built.stderr
    return registry, site, env


@pytest.fixture(scope="module")
def served(large: tuple[Path, Path, dict[str, str]]) -> Iterator[Served]:
    with serve(large[1]) as server:
        yield server


def _listed(large: tuple[Path, Path, dict[str, str]], *options: str) -> list[str]:
    """The ids `bieb project list` gives for these options, in its order (by id)."""
    registry, _, env = large
    found = subprocess.run([sys.executable, "-m", "innovatiebieb", "project", "list",
                            "--format", "json", *options, "--registry", str(registry)],
                           env=env, capture_output=True, text=True, timeout=300, check=True)
    return [p["id"] for p in json.loads(found.stdout)]


def test_the_catalogue_page_loads_under_1_mb(browser: Any, served: Served) -> None:
    """The HTML and all it loads for the first screen, as the browser counts it; and
    what a first filtered search adds (Pagefind's worker fetches too, counted by the
    server, since the page's Performance API does not see a worker's)."""
    browser.execute_cdp_cmd("Network.clearBrowserCache", {})
    browser.get(f"{served.url}/projecten/index.html")
    entries = browser.execute_script(
        "return [...performance.getEntriesByType('navigation'),"
        "        ...performance.getEntriesByType('resource')]"
        ".map(e => [e.name, e.transferSize, e.encodedBodySize])")
    weight = sum(max(sent, body) for _, sent, body in entries)
    names = [name for name, _, _ in entries]
    assert any(name.endswith("/projecten/index.html") for name in names)
    assert any(name.endswith("/catalogus.js") for name in names)
    assert 0 < weight < ONE_MB, entries
    assert len(shown_ids(browser)) == PAGE_SIZE
    del served.sent[:]
    choose(browser, "fase", "experiment")
    searched = sum(size for _, size in served.sent)
    assert any(path.endswith(".pf_fragment") for path, _ in served.sent)
    assert 0 < searched < ONE_MB, sorted(served.sent, key=lambda s: -s[1])[:10]


# Each filter with a value that has projects (and one without), and four at once.
ASKED = [
    {"regio": "noord-en-zuid-holland-en-zeeland"},
    {"regio": "noordoost-nederland"},
    {"fase": "experiment"},
    {"status": "gestopt"},
    {"themagroep": "werkplaats"},
    {"fieldlab": "fieldlab-landelijk-2"},
    {"opgave": "participatie-in-de-informatiesamenleving"},
    {"fase": "implementatie", "regio": "noord-en-zuid-holland-en-zeeland",
     "fieldlab": "fieldlab-landelijk-2", "themagroep": "werkplaats"},
]
OPTIONS = {"regio": "--region", "fase": "--phase", "status": "--status",
           "themagroep": "--theme", "fieldlab": "--fieldlab", "opgave": "--opgave"}
# Up to this many results, every card is loaded and compared, not only the first page's.
ALL_UP_TO = 700


@pytest.mark.parametrize("asked", ASKED, ids=lambda a: "+".join(f"{k}={v}" for k, v in a.items()))
def test_the_filters_give_exactly_the_projects_bieb_project_list_gives(
        browser: Any, served: Served, large: tuple[Path, Path, dict[str, str]],
        asked: dict[str, str]) -> None:
    expected = _listed(large, *(part for name, value in asked.items()
                                for part in (OPTIONS[name], value)))
    browser.get(f"{served.url}/projecten/index.html")
    for name, value in asked.items():
        choose(browser, name, value)
    assert count(browser) == counted(len(expected))
    # In the catalogue's order (by id, as bieb lists), one page's worth at a time.
    assert shown_ids(browser) == expected[:PAGE_SIZE]
    if len(expected) <= ALL_UP_TO:
        assert show_all(browser) == expected
    assert len(expected) > 0 or asked == {"regio": "noordoost-nederland"}


@pytest.mark.parametrize("words", ["voorleeshond", "creche", "voorléeshonden"])
def test_search_finds_a_project_by_a_word_of_its_summary(
        browser: Any, served: Served, words: str) -> None:
    """The word as written, without its accent, and with an accent it lacks and a
    plural (Pagefind folds diacritics and stems Dutch)."""
    browser.get(f"{served.url}/projecten/index.html")
    search_for(browser, words)
    assert shown_ids(browser) == ["voorleeshond-in-de-creche"]
    assert count(browser) == "1 project"
    link = browser.find_element("css selector", "#projecten h2 a")
    assert link.text == "Lezen met de hond"
    link.click()
    assert browser.current_url.endswith("/projecten/voorleeshond-in-de-creche.html")


def test_without_javascript_the_pages_reach_every_project(
        browser: Any, served: Served, large: tuple[Path, Path, dict[str, str]]) -> None:
    every = _listed(large)
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(f"{served.url}/projecten/index.html")
        assert not browser.find_element("id", "filters").is_displayed()
        assert browser.find_element("id", "zoek-uitleg").is_displayed()
        seen = shown_ids(browser)
        pages = 1
        while nexts := browser.find_elements("css selector", "#paginering a[rel=next]"):
            nexts[0].click()
            pages += 1
            seen += shown_ids(browser)
        assert pages == -(-len(every) // PAGE_SIZE)
        assert seen == every  # each once, in the catalogue's order, the last one last
        current = browser.find_element("css selector", "#paginering [aria-current=page]")
        assert current.text == str(pages)
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    browser.get(f"{served.url}/projecten/index.html")
    settled(browser)
    assert browser.find_element("id", "filters").is_displayed()
