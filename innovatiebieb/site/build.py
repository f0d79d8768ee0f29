"""Write the site: every page, the open data, the style sheet, the script and the
catalogue's search index.

The output is deterministic (sorted, no dates or times of the build), so two
builds of the same registry give byte-identical files, but for Pagefind's
filter files: Pagefind writes a filter's values in an order of its own, so
those (and the two files naming them) differ in bytes, not in what they hold
(tests/site/pagefind_files.py). A rebuild replaces or removes only the files
an earlier build provably wrote (see outdir.py), so a wrong --out never wipes
someone's folder, and leaves the files whose content did not change untouched.
Pagefind indexes the project pages while bieb writes the rest.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from innovatiebieb.model.errors import BiebError, Interrupted
from innovatiebieb.model.models import KINDS
from innovatiebieb.model.schemas import open_data_schema
from innovatiebieb.read.catalogue import Catalogue, load_catalogue
from innovatiebieb.read.network import projects_by_record
from innovatiebieb.read.report import build_report
from innovatiebieb.show.formats import ListFormat
from innovatiebieb.show.render_projects import FIELDS
from innovatiebieb.show.render_report import sections
from innovatiebieb.show.tables import write_rows
from innovatiebieb.site import pages
from innovatiebieb.site.cards import FOLDERS
from innovatiebieb.site.catalogus import catalogue_pages
from innovatiebieb.site.html import page
from innovatiebieb.site.outdir import SiteWriter, check_out, holding, last_build
from innovatiebieb.site.pages import DataFile
from innovatiebieb.site.searchindex import Indexing, executable
from innovatiebieb.store import signals
from innovatiebieb.store.bulkread import map_many
from innovatiebieb.store.location import display

STATIC = ("style.css", "catalogus.js")
# Record kind -> (open data file, index page title, intro, page maker)
KIND_PAGES: dict[str, tuple[str, str, str, Any]] = {
    "regions": ("regions", "Regio's", "De regio's van de regiogidsen, met hun projecten.",
                pages.region),
    "themagroepen": ("themagroepen", "Themagroepen",
                     "De themagroepen en hun pijplijn van projecten.", pages.themagroep),
    "fieldlabs": ("fieldlabs", "Fieldlabs", "De fieldlabs: oefenomgevingen met een opdracht.",
                  pages.fieldlab),
    "organisations": ("organisations", "Organisaties",
                      "Bibliotheken, POI's, de KB en wie verder meedoet.", pages.organisation),
}


@dataclass(frozen=True)
class Built:
    out: Path
    pages: int
    files: int  # the manifest and the search index included
    index_files: int  # Pagefind's: 0 when built without search


def _json(records: list[Any]) -> str:
    """A list of records, one a line: json's C encoder does a record (with an indent,
    json.dumps takes its Python encoder, 2.5 s for 10,000 projects), and a line a record
    reads and diffs well."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    return "[\n" + ",\n".join(encode(r) for r in records) + "\n]\n" if records else "[]\n"


def build_site(root: Path, out: Path, source_url: str | None = None,
               search: bool = True) -> Built:
    """Build the site of the registry at `root` into `out`; with `search`, the
    catalogue's search index too (Pagefind: a BiebError when it cannot run)."""
    catalogue = load_catalogue(root)
    search = search and bool(catalogue.projects)  # Pagefind refuses a site of no pages
    # Found before anything is deleted or written: a missing or broken Pagefind stops
    # the build with the last site still in place.
    binary = executable() if search else None
    check_out(out, root)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with holding(out):
            return _build_into(out, catalogue, binary, source_url, search)
    except OSError as e:  # read-only, disk full, permissions, a file in the path
        raise _cannot_write(out, e) from e


def _build_into(out: Path, catalogue: Catalogue, binary: Path | None,
                source_url: str | None, search: bool) -> Built:
    """The build, with `out` held."""
    index_files = 0
    with SiteWriter(out, last_build(out)) as site:  # finished after a failure too
        try:
            _write_projects(site, catalogue, source_url, search)
            site.remove_old("projecten")  # what Pagefind indexes: this build's pages only
            if binary:  # over the pages just written: the index is of what the site shows
                with Indexing(binary, out, len(catalogue.projects)) as indexing:
                    _write_the_rest(site, catalogue)
                    index_files = indexing.finish(site.write_bytes)
            else:
                _write_the_rest(site, catalogue)
        except signals.STOPPED as e:
            raise Interrupted(f"interrupted; --out {display(out)} holds part of the new "
                              "site", "Run 'bieb site build' again: it replaces what this "
                              "one wrote.", signals.exit_code(e)) from e
    pages_written = sum(name.endswith(".html") for name in site.written)
    return Built(out, pages_written, len(site.written) + 1, index_files)  # + the manifest


def _cannot_write(out: Path, e: OSError) -> BiebError:
    where = f" ({display(Path(e.filename))})" if e.filename else ""
    return BiebError(f"cannot write the site into --out {display(out)}: {e.strerror}{where}",
                     "Check that the folder is writable and the disk has room, then run "
                     "'bieb site build' again: it replaces what this one wrote.")


def _write_projects(site: SiteWriter, catalogue: Catalogue, source_url: str | None,
                    search: bool) -> None:
    """The catalogue's pages and a page a project: projecten/, what Pagefind indexes."""
    for n, listed in enumerate(catalogue_pages(catalogue, search)):
        site.write(f"projecten/{listed.name}", page(
            listed.title, listed.body, "../", "projecten/index.html",
            scripts=["catalogus.js"] if search and n == 0 else ()))
    projects = list(catalogue.projects.values())
    names = [f"projecten/{p['id']}.html" for p in projects]
    site.reserve(names)

    def project_page(order: int) -> str | OSError:
        """Make and write one project's page (in a worker): its SHA-256, or what
        stopped the write (the parent says it, as for its own files)."""
        p = projects[order]
        similar = catalogue.words.similar(p["title"], p["summary"], exclude=p["id"])
        html = page(p["title"], pages.project(catalogue, p, similar, source_url, order), "../")
        try:
            return site.store(names[order], html.encode("utf-8"))
        except OSError as e:
            return e

    # Each page's "similar projects" is most of a large build's own time, and writing
    # 10,000 files the rest: both on every core, with every project's words indexed
    # once, before the workers are forked.
    catalogue.words.prepare_for_many()
    for name, digest in zip(names, map_many(project_page, range(len(projects))), strict=True):
        if isinstance(digest, OSError):
            raise digest
        site.stored(name, digest)


def _write_the_rest(site: SiteWriter, catalogue: Catalogue) -> None:
    """Everything but projecten/: the home page, the report, the other records' pages,
    the open data, the style sheet and the script."""
    for name in STATIC:
        site.write(name, files("innovatiebieb.site.static").joinpath(name)
                   .read_text(encoding="utf-8"))
    report = build_report(catalogue)
    site.write("index.html", page("Innovatiebieb", pages.home(
        catalogue, report, pages.recent_decisions(catalogue)), ""))
    site.write("verslag.html", page("Verslag", pages.report_page(sections(report), report),
                                    "", "verslag.html"))
    for kind, (_, title, intro, make) in KIND_PAGES.items():
        folder = FOLDERS[kind]
        current = f"{folder}/index.html"
        related = projects_by_record(catalogue, kind)  # one pass, not one per record
        site.write(current, page(title, pages.kind_index(catalogue, kind, title, intro,
                                                         related), "../", current))
        for record in catalogue.records[kind].values():
            site.write(f"{folder}/{record['id']}.html", page(
                record["name"], make(catalogue, record, related[record["id"]]), "../",
                current))
    data_files = _open_data(site, catalogue)
    site.write("open-data.html", page(
        "Open data", pages.open_data(data_files, catalogue.info.get("licence")), "",
        "open-data.html"))


# Each open-data file: what it holds, in Dutch, for the open-data page and its schema.
DATA_FILES: dict[str, str] = {
    "projects": "Alle projecten met elk veld uit het register, plus regions: de regio's "
                "van de provincies van hun organisaties (door bieb berekend).",
    "regions": "De regio's van de regiogidsen, met hun provincies en regiogidsen.",
    "themagroepen": "De themagroepen met hun moderatoren.",
    "fieldlabs": "De fieldlabs: scope, opgave, opdracht, partners en budget per fase.",
    "organisations": "Bibliotheken, POI's, de KB en de andere organisaties.",
    "programmes": "De jaarprogramma's met hun telbare doelen en acties.",
    "bodies": "De organen van het netwerk: Kernteam Innovatie, Innovatieraad, "
              "netwerkoverleg, koersgroepen en andere, met hun leden.",
}
REGIONS_FIELD = {"regions": {
    "description": "Computed by bieb: the regions whose provinces hold the project's owner's "
                   "or participants' organisations.",
    "type": "array", "items": {"type": "string"}}}


def _open_data(site: SiteWriter, catalogue: Catalogue) -> list[DataFile]:
    """api/<kind>.json with every field and its JSON Schema, and the projects as CSV."""
    projects = [{**p, "regions": catalogue.regions_of(p)} for p in catalogue.projects.values()]
    data = {"projects": projects, **{kind: list(catalogue.records[kind].values())
                                     for kind in DATA_FILES if kind != "projects"}}
    made = []
    for kind, records in data.items():
        name = f"api/{kind}.json"
        site.write(name, _json(records))
        schema = f"api/{kind}.schema.json"
        site.write(schema, open_data_schema(KINDS[kind], name, DATA_FILES[kind],
                                            REGIONS_FIELD if kind == "projects" else None))
        made.append(DataFile(name, "JSON", DATA_FILES[kind], schema))
        if kind == "projects":
            csv = io.StringIO()
            write_rows(ListFormat.CSV, projects, FIELDS, FIELDS, out=csv)
            site.write("api/projects.csv", csv.getvalue())
            made.append(DataFile("api/projects.csv", "CSV",
                                 "De projecten als tabel, één regel per project, met de "
                                 "kolommen van bieb project list (opent in een spreadsheet).",
                                 None))
    return made
