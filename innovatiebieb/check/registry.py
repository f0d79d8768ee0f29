"""Find the registry, load it, index it and resolve its references."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from innovatiebieb.model.models import (
    KINDS,
    SLUG_MAX,
    Fieldlab,
    Organisation,
    Project,
    Record,
    Region,
    RegistryInfo,
    Themagroep,
)
from innovatiebieb.model.periods import covers
from innovatiebieb.model.problems import Problem, Severity
from innovatiebieb.store.cache import read_cached
from innovatiebieb.store.loader import Locator, load_record, record_from_document
from innovatiebieb.store.location import (  # noqa: F401 - record_ids re-exported
    INFO_FILE,
    display,
    linked_folder,
    record_ids,
)
from innovatiebieb.store.yamlio import Where

_SLUG_FILE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.yaml\Z")

R = TypeVar("R", bound=Record)


@dataclass
class Registry:
    """All records of a registry, indexed by kind and id."""

    root: Path
    info: RegistryInfo | None = None
    records: dict[str, dict[str, Record]] = field(
        default_factory=lambda: {kind: {} for kind in KINDS})
    files_read: int = 0
    # Per (kind, id): the positions its parse found, to locate problems without parsing again.
    where: dict[tuple[str, str], Where] = field(default_factory=dict)

    def path_of(self, kind: str, record_id: str) -> Path:
        return self.root / kind / f"{record_id}.yaml"

    def locator(self, kind: str, record_id: str) -> Locator:
        return Locator(self.path_of(kind, record_id), self.where.get((kind, record_id), {}))

    @functools.cached_property
    def shown_root(self) -> str:
        return display(self.root)

    def display_path(self, kind: str, record_id: str) -> str:
        # As load_registry shows it; one `display` (a resolve) per registry, not per file.
        return f"{self.shown_root}/{kind}/{record_id}.yaml"

    def _of(self, kind: str, model: type[R]) -> dict[str, R]:
        return self.records[kind]  # type: ignore[return-value]

    @property
    def projects(self) -> dict[str, Project]:
        return self._of("projects", Project)

    @property
    def organisations(self) -> dict[str, Organisation]:
        return self._of("organisations", Organisation)

    @property
    def regions(self) -> dict[str, Region]:
        return self._of("regions", Region)

    @property
    def themagroepen(self) -> dict[str, Themagroep]:
        return self._of("themagroepen", Themagroep)

    @property
    def fieldlabs(self) -> dict[str, Fieldlab]:
        return self._of("fieldlabs", Fieldlab)

    def regions_of(self, project: Project) -> list[str]:
        """The regions a project belongs to in its year: those holding its organisations,
        by province or by name."""
        provinces, orgs = set(), {o for o in (project.owner, *project.participants) if o}
        for org_id in orgs:
            org = self.organisations.get(org_id)
            if org is not None and org.province:
                provinces.add(org.province)
        year = project_year(project)
        return [r.id for r in self.regions.values()
                if (provinces.intersection(r.provinces) or orgs.intersection(r.organisations))
                and covers(r.period.start if r.period else None,
                           r.period.end if r.period else None, year)]


def project_year(project: Project) -> int | None:
    """The year a project is of: its creation, else the year the sources give it."""
    return project.created.year if project.created else project.year


def registry_info(root: Path) -> RegistryInfo | None:
    """registry.yaml alone (its taxonomies), or None if it does not load."""
    info, _ = load_record(root / INFO_FILE, INFO_FILE, RegistryInfo)
    return info if isinstance(info, RegistryInfo) else None


def record_files(root: Path, kind: str) -> list[tuple[Path, bool]]:
    """(path, is a folder) of each entry of a record folder, sorted by name."""
    try:
        # scandir knows each entry's type without a stat per file; names sort
        # as strings, far cheaper than Path objects.
        with os.scandir(root / kind) as entries:
            found = [(e.name, e.is_dir(follow_symlinks=False)) for e in entries
                     if not e.name.startswith(".")]
    except (FileNotFoundError, NotADirectoryError):
        return []
    folder = root / kind
    return [(folder / name, is_dir) for name, is_dir in sorted(found)]


def load_registry(root: Path, kinds: Iterable[str] = KINDS) -> tuple[Registry, list[Problem]]:
    """Load every file (of `kinds`: all by default); problems of single files never stop
    the others loading."""
    registry = Registry(root=root)
    problems: list[Problem] = []
    info, info_problems = load_record(root / INFO_FILE, display(root / INFO_FILE), RegistryInfo)
    registry.info = info if isinstance(info, RegistryInfo) else None
    problems.extend(info_problems)
    shown_root = registry.shown_root
    records: list[tuple[str, Path, str]] = []
    for kind in kinds:
        if linked_folder(root, kind):
            problems.append(Problem(
                f"{shown_root}/{kind}", 0, 0, "symlink", "record folder is a symbolic link; "
                "its files were not read", "Record folders must be real folders inside the "
                "registry: replace the link by the folder and its files."))
            continue
        for path, is_dir in record_files(root, kind):
            shown = f"{shown_root}/{kind}/{path.name}"
            refused = refusal(path.name, is_dir, shown)
            if refused is not None:
                problems.append(refused)
            else:
                records.append((kind, path, shown))
    registry.files_read = 1 + len(records)
    documents = read_cached(root, [path for _, path, _ in records])
    for (kind, path, shown), doc in zip(records, documents, strict=True):
        record, file_problems = record_from_document(doc, path, shown, KINDS[kind])
        problems.extend(file_problems)
        if record is not None and getattr(record, "id", None) != path.stem:
            problems.append(id_mismatch(Locator(path, doc.where), path, shown, record))
        elif record is not None:
            registry.records[kind][path.stem] = record
            registry.where[(kind, path.stem)] = doc.where
    return registry, problems


def refusal(name: str, is_dir: bool, shown: str) -> Problem | None:
    """A problem if the entry `name` of a record folder is not a '<id>.yaml' file bieb
    should read. A name, not a path: checked for each of 10,000 files."""
    if is_dir:
        return Problem(shown, 0, 0, "stray-file", "unexpected folder in the registry",
                       "Record folders hold only <id>.yaml files.", Severity.WARNING)
    if not _SLUG_FILE.match(name):
        if name.rstrip().endswith((".yaml", ".yml")):  # `x.yaml ` too: a record, misnamed
            return Problem(
                shown, 1, 1, "bad-filename", "file name is not '<id>.yaml' with a lowercase id",
                f"Rename it: lowercase letters, digits and single hyphens, at most {SLUG_MAX} "
                "characters, ending in .yaml.")
        return Problem(shown, 0, 0, "stray-file", "file is not a registry record",
                       "Remove it or move it out of the registry.", Severity.WARNING)
    if len(name) - len(".yaml") > SLUG_MAX:
        return Problem(shown, 1, 1, "bad-filename", f"id is longer than {SLUG_MAX} characters",
                       "Use a shorter id.")
    return None


def id_mismatch(locator: Locator, path: Path, shown: str, record: Record) -> Problem:
    line, col = locator(("id",))
    return Problem(shown, line, col, "id-mismatch",
                   f"id '{getattr(record, 'id', '')}' differs from the file name '{path.stem}'",
                   "Make the id equal to the file name (without .yaml).")
