"""The registry as plain data, for the commands that only read it.

`list`, `show`, `search` and `report` must answer in well under a second on
10,000 projects, and importing the pydantic models alone costs 0.3 s. So
they read a snapshot: every *valid* record as the plain data its model dumps
(JSON types; dates as "YYYY-MM-DD"), and an index of the projects' words for
likeness and search (similar.WordIndex), in two marshal files in the user's
cache. A snapshot is used while the registry's files are the same ones
(names, sizes, mtimes, ctimes, inodes: see cache) as when it was made. Otherwise it is rebuilt,
parsing and validating only the files that changed (cache.read_view), and
saved again once every file has settled (see cache.RACY_SECONDS). Invalid
records are left out, as `bieb validate` reports them.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from innovatiebieb.model.errors import UsageError, closest
from innovatiebieb.model.periods import covers, year_of
from innovatiebieb.model.vocabulary import KIND_FOLDERS
from innovatiebieb.read.similar import Candidate, WordIndex
from innovatiebieb.store.cache import (
    FORMAT,
    cache_file,
    read_marshal,
    read_view,
    settled_before,
    write_cache,
)
from innovatiebieb.store.location import INFO_FILE, linked_folder

Data = dict[str, Any]
# Per file: name, size, mtime_ns, ctime_ns, inode. Equal fingerprints mean the same files.
Fingerprint = tuple[tuple[str, int, int, int, int], ...]
_VERSION = f"{FORMAT}/catalogue-7"
# What `bieb project list` filters on and shows (queries.Filters and COLUMNS). Its
# snapshot keeps only these fields of each project: a third of the data, half the
# load time (0.04 s instead of 0.08 s at 10,000 projects).
LIST_FIELDS = ("id", "title", "phase", "status", "owner", "participants", "themes",
               "fieldlab", "opgaven", "created", "year")


@dataclass
class Catalogue:
    """Every valid record of a registry as plain data, by kind and id."""

    root: Path
    info: Data
    records: dict[str, dict[str, Data]]
    _words: WordIndex | None = None
    _fingerprint: Fingerprint = ()
    # Text made from a record once and shown many times (a project's card is on the
    # pages of its region, themagroepen and organisations), by its maker's key.
    made: dict[tuple[str, ...], str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def words(self) -> WordIndex:
        """The projects' words, for likeness and search: a second snapshot file, read
        only by the commands that compare texts."""
        if self._words is None:
            stored = _read_snapshot(_snapshot_file(self.root, "words"), self._fingerprint)
            self._words = WordIndex(*stored) if stored \
                else _build(self.root, self._fingerprint).words
        return self._words

    @property
    def projects(self) -> dict[str, Data]:
        return self.records["projects"]

    @property
    def organisations(self) -> dict[str, Data]:
        return self.records["organisations"]

    @property
    def regions(self) -> dict[str, Data]:
        return self.records["regions"]

    def term(self, taxonomy: str, term_id: str) -> str:
        """The name of a taxonomy term (an opgave, prioriteit or province), else its id."""
        for t in self.info.get(taxonomy, ()):
            if t["id"] == term_id:
                return str(t["name"])
        return term_id

    def get(self, kind: str, record_id: str, noun: str) -> Data:
        """One record, or an error naming the closest ids."""
        found = self.records[kind].get(record_id)
        if found is None:
            raise UsageError(f"no {noun} with id '{record_id}'", closest(
                record_id, self.records[kind], f"List them with: bieb {noun} list"))
        return found

    def name(self, kind: str, record_id: str | None) -> str:
        """A record's name (a project's title), or its id if it has none or is unknown."""
        if not record_id:
            return ""
        data = self.records[kind].get(record_id) or {}
        return str(data.get("name") or data.get("title") or record_id)

    @functools.cached_property
    def _regions_by_org(self) -> dict[str, tuple[str, ...]]:
        """Each organisation's regions of all time: by its province, or named in one."""
        by_province: dict[str, list[str]] = {}
        named: dict[str, list[str]] = {}
        for region in self.regions.values():
            for province in region.get("provinces", ()):
                by_province.setdefault(province, []).append(region["id"])
            for org in region.get("organisations", ()):
                named.setdefault(org, []).append(region["id"])
        return {o["id"]: tuple(dict.fromkeys([*by_province.get(o.get("province", ""), ()),
                                              *named.get(o["id"], ())]))
                for o in self.organisations.values()}

    def regions_of_org(self, org_id: str) -> tuple[str, ...]:
        """The regions of all time an organisation is in (by province or by name)."""
        return self._regions_by_org.get(org_id, ())

    def region_current(self, region_id: str, year: int | None) -> bool:
        """Whether a region existed in `year` (with no year: whether it exists now)."""
        period = self.regions.get(region_id, {}).get("period") or {}
        return covers(period.get("start"), period.get("end"), year)

    def regions_of(self, project: Data, owner_only: bool = False) -> list[str]:
        """Regions a project belongs to: those of its year holding its organisations."""
        owner = project.get("owner")
        orgs = ([owner] if owner else []) + ([] if owner_only else project["participants"])
        year = project_year(project)
        found = [r for o in orgs for r in self._regions_by_org.get(o, ())
                 if self.region_current(r, year)]
        return sorted(set(found)) if len(orgs) > 1 else list(dict.fromkeys(found))

    def in_region(self, region_id: str, owner_only: bool = False) -> Callable[[Data], bool]:
        """A test of whether a project belongs to the region (as regions_of says), made
        once per region: it holds the ids of the organisations in the region."""
        orgs = frozenset(o for o, regions in self._regions_by_org.items()
                         if region_id in regions)
        period = self.regions.get(region_id, {}).get("period") or {}
        start, end = period.get("start"), period.get("end")

        def of_its_year(p: Data) -> bool:
            return covers(start, end, project_year(p))

        if owner_only:
            return lambda p: p.get("owner") in orgs and of_its_year(p)
        return lambda p: (p.get("owner") in orgs or not orgs.isdisjoint(p["participants"])) \
            and of_its_year(p)

    def organisations_in(self, region: Data) -> list[Data]:
        provinces = set(region.get("provinces", ()))
        named = set(region.get("organisations", ()))
        return [o for o in self.organisations.values()
                if o.get("province") in provinces or o["id"] in named]

    @staticmethod
    def organisations_of(project: Data) -> list[str]:
        """The organisations a project is of: its owner, participants and adopters."""
        owner = [project["owner"]] if project.get("owner") else []
        adopters = [a["organisation"] for a in project["adopters"]]
        return list(dict.fromkeys([*owner, *project["participants"], *adopters]))


def project_year(project: Data) -> int | None:
    """The year a project is of: its creation, else the year the sources give it."""
    created = project.get("created")
    return year_of(created) if created else project.get("year")


def load_catalogue(root: Path, *, listing: bool = False) -> Catalogue:
    """The catalogue of the registry at `root`: from the snapshot when nothing changed.
    With `listing`, its projects may hold only LIST_FIELDS (and their decisions only
    dates, for --year): enough for a list, not for a project's every field."""
    return _load(root, _fingerprint(root), "listing" if listing else "records")


def load_for_project(root: Path, project_id: str) -> Catalogue:
    """A catalogue enough to show `project_id`: every record but the projects, that
    project with its every field, and of the projects it is linked to (`builds_on`,
    either way) their id, title and links.

    Loading every project to show one is half of `project show`'s time at 10,000
    projects, so each project's part is kept apart, as marshal bytes by id, in a
    snapshot of its own: one project is decoded, not 10,000.
    """
    fingerprint = _fingerprint(root)
    stored = _read_snapshot(_snapshot_file(root, "each-project"), fingerprint)
    if stored is None or project_id not in stored[2]:  # changed; or unknown: name the closest
        return _load(root, fingerprint, "listing" if stored else "records")
    info, others, each = stored
    project, linked = marshal.loads(each[project_id])
    return Catalogue(root, info, {**others, "projects": {
        **{p["id"]: p for p in linked}, project_id: project}}, None, fingerprint)


def _each_project(catalogue: Catalogue) -> dict[str, bytes]:
    """Per project, marshal bytes of its data and the links of load_for_project."""
    projects = catalogue.projects
    linked: dict[str, list[str]] = {i: [] for i in projects}
    for i, p in projects.items():
        for target in p.get("builds_on", ()):
            if target in linked and target != i:
                linked[i].append(target)
                linked[target].append(i)
    return {i: marshal.dumps((p, [{k: projects[o][k] for k in ("id", "title", "builds_on")
                                   if k in projects[o]} for o in dict.fromkeys(linked[i])]))
            for i, p in projects.items()}


def _load(root: Path, fingerprint: Fingerprint, part: str) -> Catalogue:
    stored = _read_snapshot(_snapshot_file(root, part), fingerprint)
    if stored is not None:
        info, records = stored
        return Catalogue(root, info, records, None, fingerprint)
    catalogue = _build(root, fingerprint)
    before = settled_before()
    if all(f[2] < before and f[3] < before for f in fingerprint):
        _write_snapshot(_snapshot_file(root, "words"), fingerprint, *catalogue.words.as_tuple())
        _write_snapshot(_snapshot_file(root, "records"), fingerprint, catalogue.info,
                        catalogue.records)
        listed = {**catalogue.records,
                  "projects": {i: _listed(p) for i, p in catalogue.projects.items()}}
        _write_snapshot(_snapshot_file(root, "listing"), fingerprint, catalogue.info, listed)
        others = {k: v for k, v in catalogue.records.items() if k != "projects"}
        _write_snapshot(_snapshot_file(root, "each-project"), fingerprint, catalogue.info,
                        others, _each_project(catalogue))
    return catalogue


def _listed(project: Data) -> Data:
    """A project cut to LIST_FIELDS; its triage and history keep only their dates."""
    cut = {k: project[k] for k in LIST_FIELDS if k in project}
    if "triage" in project:
        cut["triage"] = {"date": project["triage"]["date"]}
    cut["history"] = [{"date": e["date"]} for e in project["history"]]
    return cut


def _snapshot_file(root: Path, name: str) -> Path:
    return cache_file(root, f"catalogue-{name}", ".marshal")


def _write_snapshot(file: Path, fingerprint: Fingerprint, *data: Any) -> None:
    if not os.environ.get("BIEB_NO_CACHE"):
        write_cache(file, marshal.dumps((_VERSION, _digest(fingerprint), *data)))


def _read_snapshot(file: Path, fingerprint: Fingerprint) -> tuple[Any, ...] | None:
    """The data of a snapshot made from exactly these files, or None."""
    if os.environ.get("BIEB_NO_CACHE"):
        return None
    stored = read_marshal(file)
    if not isinstance(stored, tuple) or len(stored) < 3 or stored[0] != _VERSION \
            or stored[1] != _digest(fingerprint):
        return None
    return stored[2:]


def _digest(fingerprint: Fingerprint) -> bytes:
    """What a snapshot keeps of its fingerprint: loading 10,000 tuples costs more."""
    return hashlib.sha256(marshal.dumps(fingerprint)).digest()


def _fingerprint(root: Path) -> Fingerprint:
    found = []
    for folder in ("", *KIND_FOLDERS):
        if folder and linked_folder(root, folder):  # never followed: validate says so
            continue
        try:
            with os.scandir(root / folder) as entries:
                for e in entries:
                    if e.name.endswith(".yaml"):
                        st = e.stat(follow_symlinks=False)
                        found.append((f"{folder}/{e.name}", st.st_size, st.st_mtime_ns,
                                      st.st_ctime_ns, st.st_ino))
        except (FileNotFoundError, NotADirectoryError):
            continue
    # In the directories' own order: the same while nothing changed (sorting 10,000
    # entries would cost more than the rare rebuild a reordering causes).
    return tuple(found)


def _build(root: Path, fingerprint: Fingerprint) -> Catalogue:
    """Parse and validate what changed since last time; the rest comes from caches."""
    from innovatiebieb.read import plaindata

    info = plaindata.info(root / INFO_FILE)
    records: dict[str, dict[str, Data]] = {}
    candidates: list[Candidate] = []
    for kind in KIND_FOLDERS:
        folder = root / kind
        prefix = f"{kind}/"
        names = sorted(f[0][len(prefix):] for f in fingerprint if f[0].startswith(prefix))
        views = read_view(root, [f"{folder}{os.sep}{n}" for n in names], f"plain-{kind}-5",
                          plaindata.viewer(kind))
        records[kind] = {}
        for name, view in zip(names, views, strict=True):
            if view is None or view[0].get("id") != name[:-5]:
                continue  # invalid: `bieb validate` says why
            data, words = view
            records[kind][data["id"]] = data
            if words is not None:
                candidates.append(Candidate(*words))
    return Catalogue(root, info, records, WordIndex.build(candidates), fingerprint)
