"""`bieb site build`: the files it writes, and the site in a real browser.

The browser tests serve the built site on localhost and drive Debian's
headless chromium through its chromedriver (selenium, tests/site/browsing.py);
`make test` installs both, and axe-core from the npm registry. Where they cannot
be had, those tests skip and say what is missing. The catalogue at 10,000
projects has its own module (test_catalogue_10k.py).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from innovatiebieb.site.catalogus import PAGE_SIZE
from innovatiebieb.site.outdir import MANIFEST
from tests.helpers import missing_tool, run_bieb
from tests.site import pagefind_files
from tests.site.browsing import (
    choose,
    count,
    counted,
    search_for,
    serve,
    shown_ids,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
EVIL = """\
id: gevaarlijke-titel
title: "<script>window.__xss = 1</script> Voorleeshond"
summary: Een voorleeshond in de bibliotheek <img src=x onerror="window.__xss = 2">.
phase: idee
status: lopend
themes: [doorgaande-leeslijn]
links:
  - {title: Slechte link, url: "https://example.org/\\"><script>window.__xss=3</script>"}
history: []
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = generate(60, tmp_path_factory.mktemp("site") / "registry")
    (root / "projects" / "gevaarlijke-titel.yaml").write_text(EVIL, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(registry: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_bieb("site", "build", "--out", str(out), "--registry", str(registry),
                      "--source-url", "https://github.com/example/bieb/blob/main/registry")
    assert result.returncode == 0, result.stderr
    return out


def _projects(site: Path) -> list[dict[str, Any]]:
    return json.loads((site / "api" / "projects.json").read_text(encoding="utf-8"))


def test_every_record_has_its_page_and_open_data(site: Path, registry: Path) -> None:
    ids = sorted(p.stem for p in (registry / "projects").glob("*.yaml"))
    assert sorted(p.stem for p in (site / "projecten").glob("*.html")
                  if p.stem != "index" and not p.stem.startswith("pagina_")) == ids
    assert (site / "projecten" / "pagina_2.html").is_file()  # 61 projects: two pages
    for folder, kind in (("regios", "regions"), ("themagroepen", "themagroepen"),
                         ("fieldlabs", "fieldlabs"), ("organisaties", "organisations")):
        records = sorted(p.stem for p in (registry / kind).glob("*.yaml"))
        assert sorted(p.stem for p in (site / folder).glob("*.html") if p.stem != "index") \
            == records, folder
    data = _projects(site)
    assert sorted(p["id"] for p in data) == ids
    assert {"summary", "history", "regions", "funding"} <= set(data[0])
    rows = list(csv.DictReader(io.StringIO((site / "api" / "projects.csv").read_text(
        encoding="utf-8"))))
    assert sorted(r["id"] for r in rows) == ids
    assert (site / "verslag.html").is_file()


def test_the_same_registry_gives_byte_identical_files(site: Path, registry: Path,
                                                     tmp_path: Path) -> None:
    """Byte for byte, but for the files Pagefind writes in an order of its own
    (pagefind_files.py says which and why): those hold the same filters."""
    again = tmp_path / "again"
    assert run_bieb("site", "build", "--out", str(again), "--registry", str(registry),
                    "--source-url", "https://github.com/example/bieb/blob/main/registry"
                    ).returncode == 0
    first, second = _files(site), _files(again)
    pagefind_files.assert_same_site({n: d for n, d in first.items() if n != MANIFEST},
                                    {n: d for n, d in second.items() if n != MANIFEST})
    assert any(n.startswith("pagefind/fragment/") for n in first)  # the index is there
    assert set(pagefind_files.filters(first)) == {
        "regio", "fase", "status", "themagroep", "fieldlab", "opgave"}
    # The manifest lists every file but itself, those of Pagefind's under their names
    # of the run.
    for files in (first, second):
        listed = {line.split(" ", 1)[1] for line in files[MANIFEST].decode().splitlines()[1:]}
        assert listed == set(files) - {MANIFEST}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}


def test_registry_values_are_escaped_and_only_safe_links_made(site: Path) -> None:
    page = (site / "projecten" / "gevaarlijke-titel.html").read_text(encoding="utf-8")
    assert "<script>window.__xss" not in page
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt; Voorleeshond" in page
    assert "<img src=x" not in page
    assert 'href="https://example.org/' not in page  # a quote and < in it: not a safe URL
    catalogue = (site / "projecten" / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__xss" not in catalogue
    assert all(href.startswith(("http://", "https://", "mailto:", "../", "index.html"))
               or not href.startswith(("javascript:", "data:"))
               for href in _hrefs(page))


def _hrefs(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('href="')[1:]]


def test_every_page_has_a_language_a_title_and_one_main(site: Path) -> None:
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<html lang="nl">' in html, path
        assert html.count("<main") == 1 and html.count("<h1>") == 1, path
        assert '<a class="overslaan" href="#inhoud">' in html, path


def test_a_foreign_folder_is_never_emptied(registry: Path, tmp_path: Path) -> None:
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "thesis.txt").write_text("years of work", encoding="utf-8")
    result = run_bieb("site", "build", "--out", str(mine), "--registry", str(registry))
    assert result.returncode == 2
    assert "was not made by 'bieb site build'" in result.stderr
    assert (mine / "thesis.txt").read_text(encoding="utf-8") == "years of work"


# --- in a real browser -------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serve(site) as server:
        yield server.url


def test_the_catalogue_filters_show_exactly_the_right_projects(
        browser: Any, served: str, site: Path) -> None:
    projects = _projects(site)
    ids = sorted(p["id"] for p in projects)
    browser.get(f"{served}/projecten/index.html")
    assert browser.find_element("id", "filters").is_displayed()
    assert not browser.find_element("id", "zoek-uitleg").is_displayed()
    assert shown_ids(browser) == ids[:PAGE_SIZE]  # the first page, until asked
    assert count(browser) == counted(len(ids))
    choose(browser, "fase", "experiment")
    expected = [p["id"] for p in projects if p["phase"] == "experiment"]
    assert expected and shown_ids(browser) == sorted(expected)
    assert count(browser) == counted(len(expected))
    assert not browser.find_element("id", "paginering").is_displayed()
    region = "noord-en-zuid-holland-en-zeeland"
    choose(browser, "regio", region)
    expected = [p["id"] for p in projects if p["phase"] == "experiment"
                and region in p["regions"]]
    assert expected and shown_ids(browser) == sorted(expected)
    assert count(browser) == counted(len(expected))
    choose(browser, "regio", "")
    choose(browser, "fase", "")  # nothing asked: the first page again, with its pages
    assert shown_ids(browser) == ids[:PAGE_SIZE]
    assert count(browser) == counted(len(ids))
    assert browser.find_element("id", "paginering").is_displayed()


def test_search_finds_a_project_by_a_word_of_its_summary(browser: Any, served: str) -> None:
    browser.get(f"{served}/projecten/index.html")
    search_for(browser, "voorleeshond bibliotheek")
    assert shown_ids(browser) == ["gevaarlijke-titel"]
    assert count(browser) == "1 project"
    # The card is made from the index's metadata, as text: shown as written.
    assert browser.find_element("css selector", "#projecten h2 a").text.startswith(
        "<script>window.__xss = 1</script>")
    assert browser.find_element("css selector", "#projecten p:not(.meta)").text == (
        'Een voorleeshond in de bibliotheek <img src=x onerror="window.__xss = 2">.')
    assert browser.execute_script("return window.__xss === undefined")
    search_for(browser, "voorléeshonden")  # an accent and a plural: the same word
    assert shown_ids(browser) == ["gevaarlijke-titel"]
    choose(browser, "fase", "experiment")  # words and a filter together
    assert shown_ids(browser) == [] and count(browser) == "0 projecten"


def test_from_a_file_the_catalogue_says_search_needs_a_server_and_pages_still_work(
        browser: Any, site: Path) -> None:
    browser.get((site / "projecten" / "index.html").as_uri())
    assert not browser.find_element("id", "filters").is_displayed()
    note = browser.find_element("id", "zoek-uitleg").text
    assert "als bestand is geopend" in note and "webserver" in note
    assert len(shown_ids(browser)) == PAGE_SIZE
    browser.find_element("css selector", "#paginering a[rel=next]").click()
    assert browser.current_url.endswith("/projecten/pagina_2.html")
    assert shown_ids(browser) == sorted(p["id"] for p in _projects(site))[PAGE_SIZE:]


def test_a_project_page_shows_its_history(browser: Any, served: str, site: Path) -> None:
    project = next(p for p in _projects(site) if len(p["history"]) >= 2)
    browser.get(f"{served}/projecten/{project['id']}.html")
    entries = browser.find_elements("css selector", ".tijdlijn li")
    assert len(entries) == len(project["history"])
    assert project["history"][0]["date"] in entries[0].text
    assert browser.find_element("tag name", "h1").text == project["title"]


def test_the_escaped_script_never_runs(browser: Any, served: str) -> None:
    for path in ("/projecten/gevaarlijke-titel.html", "/projecten/index.html", "/index.html"):
        browser.get(served + path)
        assert browser.execute_script("return window.__xss === undefined"), path
    browser.get(f"{served}/projecten/gevaarlijke-titel.html")
    assert browser.find_element("tag name", "h1").text.startswith("<script>")


def test_the_keyboard_reaches_the_skip_link_first(browser: Any, served: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{served}/index.html")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.execute_script("return document.activeElement.className") == "overslaan"


@pytest.mark.parametrize("path", ["/index.html", "/projecten/index.html",
                                  "/projecten/index.html?fase=experiment",
                                  "/projecten/pagina_2.html",
                                  "/projecten/gevaarlijke-titel.html",
                                  "/regios/noordoost-nederland.html", "/verslag.html",
                                  "/fieldlabs/fieldlab-landelijk-1.html"])
def test_no_serious_accessibility_violations(browser: Any, served: str, path: str) -> None:
    if not AXE.is_file() and not os.environ.get("BIEB_AXE"):
        missing_tool(f"axe-core is not installed at {AXE} (tests/site/install_browser.sh)")
    page, _, asked = path.partition("?")
    browser.get(served + page)
    if asked:  # the catalogue showing the search's results: cards made by the script
        name, _, value = asked.partition("=")
        choose(browser, name, value)
        assert len(shown_ids(browser)) > 1
    browser.execute_script(Path(os.environ.get("BIEB_AXE", AXE)).read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length])));")
    serious = [v for v in result if v[1] in ("serious", "critical")]
    assert serious == [], serious


def _vnu() -> list[str]:
    """The Nu Html Checker (vnu.jar, from the npm registry into .venv/vnu by
    tests/site/install_browser.sh) run with Java."""
    jar = Path(__file__).resolve().parents[2] / ".venv" / "vnu" / "node_modules" / "vnu-jar" \
        / "build" / "dist" / "vnu.jar"
    jar = Path(os.environ.get("BIEB_VNU_JAR", jar))
    if shutil.which("java") is None or not jar.is_file():
        missing_tool(f"vnu needs java and {jar} (make test installs them)")
    return ["java", "-jar", str(jar), "--errors-only", "--skip-non-html"]


def test_every_page_passes_the_nu_html_checker(site: Path, tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    built = run_bieb("site", "build", "--out", str(bundled), "--registry",
                     str(Path(__file__).resolve().parents[2] / "registry"))
    assert built.returncode == 0, built.stderr
    result = subprocess.run([*_vnu(), str(site), str(bundled)], capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
    assert "<title>Innovatiebieb</title>" in (bundled / "index.html").read_text(encoding="utf-8")


def test_every_open_data_file_has_a_schema_it_passes_and_a_description(site: Path,
                                                                       tmp_path: Path) -> None:
    import html

    import jsonschema

    data_files = sorted(p for p in (site / "api").glob("*.json")
                        if not p.name.endswith(".schema.json"))
    assert len(data_files) == 7  # one per record kind, bodies included
    page = (site / "open-data.html").read_text(encoding="utf-8")
    for path in data_files:
        schema = json.loads(path.with_suffix(".schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        records = json.loads(path.read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(records)]
        assert not errors, (path.name, errors[:3])
        # A record a line: a diff of two builds' files shows the records that changed.
        lines = path.read_text(encoding="utf-8").splitlines()
        assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == records, path.name
        assert f'href="api/{path.name}"' in page and f'href="api/{path.stem}.schema.json"' in page
        assert html.escape(schema["description"]) in page  # the page says what each holds
    assert 'href="api/projects.csv"' in page


def test_the_open_data_page_shows_the_registry_licence(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_bieb("site", "build", "--out", str(out), "--registry",
                    str(Path(__file__).resolve().parents[2] / "registry")).returncode == 0
    assert "Licentie van de gegevens: <strong>CC0-1.0</strong>" in (
        out / "open-data.html").read_text(encoding="utf-8")
