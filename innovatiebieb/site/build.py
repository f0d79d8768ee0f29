"""Write the site: every page, the open data, the style sheet and the script.

The output is deterministic (sorted, no dates or times of the build), so two
builds of the same registry give byte-identical files. The output folder is
emptied first, but only if it is empty or was made by an earlier build (it
holds the marker file), so a wrong --out never wipes someone's folder.
"""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from innovatiebieb.model.errors import UsageError
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
from innovatiebieb.site.html import page
from innovatiebieb.site.pages import DataFile

MARKER = ".bieb-site"
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
    files: int


def _prepare(out: Path) -> None:
    if out.exists() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(f"{out} is not empty and was not made by 'bieb site build'",
                         "Give an empty or new folder with --out.")
    if out.exists():
        for child in out.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)
    _write(out / MARKER, "Made by 'bieb site build'; emptied on every build.\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def build_site(root: Path, out: Path, source_url: str | None = None) -> Built:
    """Build the site of the registry at `root` into `out`."""
    catalogue = load_catalogue(root)
    _prepare(out)
    for name in STATIC:
        _write(out / name, files("innovatiebieb.site.static").joinpath(name)
               .read_text(encoding="utf-8"))
    report = build_report(catalogue)
    written = [
        ("index.html", page("Innovatiebieb", pages.home(
            catalogue, report, pages.recent_decisions(catalogue)), "")),
        ("projecten/index.html", page("Projecten", pages.catalogue(catalogue), "../",
                                      "projecten/index.html", scripts=["catalogus.js"])),
        ("verslag.html", page("Verslag", pages.report_page(sections(report), report), "",
                              "verslag.html")),
    ]
    for p in catalogue.projects.values():
        similar = catalogue.words.similar(p["title"], p["summary"], exclude=p["id"])
        written.append((f"projecten/{p['id']}.html", page(
            p["title"], pages.project(catalogue, p, similar, source_url), "../")))
    for kind, (_, title, intro, make) in KIND_PAGES.items():
        folder = pages.FOLDERS[kind]
        current = f"{folder}/index.html"
        related = projects_by_record(catalogue, kind)  # one pass, not one per record
        written.append((current, page(title, pages.kind_index(catalogue, kind, title, intro,
                                                              related), "../", current)))
        for record in catalogue.records[kind].values():
            written.append((f"{folder}/{record['id']}.html", page(
                record["name"], make(catalogue, record, related[record["id"]]), "../",
                current)))
    data_files = _open_data(out, catalogue)
    written.append(("open-data.html", page(
        "Open data", pages.open_data(data_files, catalogue.info.get("licence")), "",
        "open-data.html")))
    for name, text in written:
        _write(out / name, text)
    data_count = len(data_files) + sum(f.schema is not None for f in data_files)
    return Built(out, len(written), len(written) + len(STATIC) + data_count + 1)


# Each open-data file: what it holds, in Dutch, for the open-data page and its schema.
DATA_FILES: dict[str, str] = {
    "projects": "Alle projecten met elk veld uit het register, plus regions: de regio's "
                "van de provincies van hun organisaties (door bieb berekend).",
    "regions": "De regio's van de regiogidsen, met hun provincies en regiogidsen.",
    "themagroepen": "De themagroepen met hun moderatoren.",
    "fieldlabs": "De fieldlabs: scope, opgave, opdracht, partners en budget per fase.",
    "organisations": "Bibliotheken, POI's, de KB en de andere organisaties.",
    "programmes": "De jaarprogramma's met hun telbare doelen.",
}
REGIONS_FIELD = {"regions": {
    "description": "Computed by bieb: the regions whose provinces hold the project's owner's "
                   "or participants' organisations.",
    "type": "array", "items": {"type": "string"}}}


def _open_data(out: Path, catalogue: Catalogue) -> list[DataFile]:
    """api/<kind>.json with every field and its JSON Schema, and the projects as CSV."""
    projects = [{**p, "regions": catalogue.regions_of(p)} for p in catalogue.projects.values()]
    data = {"projects": projects, **{kind: list(catalogue.records[kind].values())
                                     for kind in ("regions", "themagroepen", "fieldlabs",
                                                  "organisations", "programmes")}}
    made = []
    for kind, records in data.items():
        name = f"api/{kind}.json"
        _write(out / name, _json(records))
        schema = f"api/{kind}.schema.json"
        _write(out / schema, open_data_schema(KINDS[kind], name, DATA_FILES[kind],
                                              REGIONS_FIELD if kind == "projects" else None))
        made.append(DataFile(name, "JSON", DATA_FILES[kind], schema))
        if kind == "projects":
            csv = io.StringIO()
            write_rows(ListFormat.CSV, projects, FIELDS, FIELDS, out=csv)
            _write(out / "api" / "projects.csv", csv.getvalue())
            made.append(DataFile("api/projects.csv", "CSV",
                                 "De projecten als tabel, één regel per project, met de "
                                 "kolommen van bieb project list (opent in een spreadsheet).",
                                 None))
    return made
