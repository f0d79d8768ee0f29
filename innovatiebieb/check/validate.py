"""Validation: the schema (while loading) plus the rules between records.

Every rule yields Problems; nothing here prints or stops at the first one.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic.fields import FieldInfo

from innovatiebieb.check.ahead import Prepared
from innovatiebieb.check.deciders import Deciders, history_deciders
from innovatiebieb.check.filerules import file_rules, records_in
from innovatiebieb.check.findings import Finding, Loc, pin, pin_one
from innovatiebieb.check.registry import Registry, id_mismatch, load_registry
from innovatiebieb.model.errors import closest
from innovatiebieb.model.models import (
    KINDS,
    REF_KEY,
    Body,
    Decision,
    Phase,
    Project,
    Record,
    RegistryInfo,
    Status,
)
from innovatiebieb.model.problems import Needs, Problem, Severity
from innovatiebieb.model.vocabulary import DECIDER_FOLDERS, TARGET_FOLDERS
from innovatiebieb.model.workflow import phase_index, requirements_for_phase
from innovatiebieb.store.bulkread import ReadAhead, map_many
from innovatiebieb.store.cache import Key, file_key
from innovatiebieb.store.loader import Locator, load_record, locate_in_file, record_from_document
from innovatiebieb.store.location import INFO_FILE, display, record_ids
from innovatiebieb.store.yamlio import parse_emitted, read_document


@dataclass(frozen=True)
class ValidationReport:
    registry: Registry
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))


def validate_registry(root: Path, base: str | None = None) -> ValidationReport:
    """Load and check a whole registry; every problem, sorted by file and line.

    With `base` (a git ref), also the rules only a change can break.
    """
    registry, problems = load_registry(root)
    index = Index.from_files(root, registry.info)
    if registry.info is not None:
        problems.extend(_info_problems(root, registry.info))
    for kind, records in registry.records.items():
        for record in records.values():
            problems.extend(pin(registry, check_record(index, kind, record)))
    deciders = deciders_of(registry)
    for project in registry.projects.values():
        problems.extend(pin(registry, decider_rules(deciders, project)))
    if base is not None:
        from innovatiebieb.check.changerules import base_problems  # imports git: only when asked

        problems.extend(base_problems(registry, base))
    problems.sort(key=lambda p: p.sort_key)
    return ValidationReport(registry, problems)


def check_files(root: Path, files: Sequence[tuple[str, str, str]],
                ahead: ReadAhead[str, Prepared] | None = None) -> tuple[
        list[Problem], list[tuple[Key | None, list[Problem], Needs]]]:
    """registry.yaml's problems, and the problems of each (kind, path, shown) file on its
    own: parsed, validated as its model and checked against the whole registry's index
    and a project's deciders against the records that name them (what
    validate_registry finds in it), with the ids of the index they depend on and the
    file's cache key taken before it was read. Many files are checked on every core,
    and only this comes back: no documents, no models. `ahead`: a child doing
    ahead.prepared for the files meanwhile (bulkread.ReadAhead)."""
    info, info_problems = load_record(root / INFO_FILE, display(root / INFO_FILE),
                                      RegistryInfo)
    if isinstance(info, RegistryInfo):
        info_problems.extend(_info_problems(root, info))
    index = Index.from_files(root, info if isinstance(info, RegistryInfo) else None)
    deciders = deciders_of(load_registry(root, DECIDER_FOLDERS)[0])
    prepared = ahead.take() if ahead is not None else {}  # what it did meanwhile
    return info_problems, map_many(
        functools.partial(_check_file, index, deciders, prepared), files)


def _info_problems(root: Path, info: RegistryInfo) -> list[Problem]:
    found = list(file_rules(info))
    if not found:
        return []
    path = root / INFO_FILE
    return [Problem(display(path), *locate_in_file(path, loc), code, message, hint)
            for loc, code, message, hint in found]


def _check_file(index: Index, deciders: Deciders, ahead: Mapping[str, Prepared],
                file: tuple[str, str, str]) -> tuple[Key | None, list[Problem], Needs]:
    kind, path, shown = file
    key, text, emitted = ahead.get(path) or (None, None, None)
    if text is not None:
        doc = parse_emitted(text, emitted)
    else:
        # Taken here, not by the parent: 10,000 system calls on every core, not on one.
        key = file_key(path)
        doc = read_document(path, fast=True)
    record, problems = record_from_document(doc, path, shown, KINDS[kind])
    if record is None:
        return key, problems, ()
    locator = Locator.of(path, doc)
    if getattr(record, "id", None) != path[path.rfind(os.sep) + 1:-len(".yaml")]:
        return key, [*problems, id_mismatch(locator, Path(path), shown, record)], ()
    # One pass over the references for both: the ids this file's verdict depends on
    # (an unknown one: any id of its kind, for the hint), and those that are unknown.
    needs: set[str] = set()
    unknown = []
    for ref in references(record):
        _, target, value = ref
        needs.add(f"{target}\0{value}")
        if value not in index.ids[target]:
            needs.add(f"{target}\0")
            unknown.append(ref)
    findings = itertools.chain(record_rules(kind, record),
                               reference_rules(index, kind, record, unknown))
    if isinstance(record, Project):
        findings = itertools.chain(findings, decider_rules(deciders, record))
    for f in findings:
        problems.append(Problem(shown, *locator(f.loc), f.code, f.message, f.hint, f.severity))
    return key, problems, tuple(needs)


@dataclass(frozen=True)
class Index:
    """The ids every reference may point at: record ids and taxonomy terms."""

    ids: dict[str, frozenset[str]]

    @classmethod
    def from_files(cls, root: Path, info: RegistryInfo | None) -> Index:
        """Record ids from the file names: cheap, and a record that fails to load still
        exists, so its referrers get no second error."""
        ids = {target: frozenset(record_ids(root, folder))
               for target, folder in TARGET_FOLDERS.items()}
        terms = {"opgave": info.opgaven if info else [],
                 "prioriteit": info.prioriteiten if info else [],
                 "province": info.provinces if info else []}
        ids.update({target: frozenset(t.id for t in found) for target, found in terms.items()})
        return cls(ids)

    def with_ids(self, added: Iterable[tuple[str, str]]) -> Index:
        """This index plus records about to be written, given as (folder, id)."""
        ids = dict(self.ids)
        for target, folder in TARGET_FOLDERS.items():
            ids[target] = ids[target] | {i for kind, i in added if kind == folder}
        return Index(ids)


def check_record(index: Index, kind: str, record: Record) -> Iterator[Finding]:
    """Every rule of this record: its own, and those between it and the rest of the registry."""
    yield from record_rules(kind, record)
    yield from reference_rules(index, kind, record, references(record))


def reference_rules(index: Index, kind: str, record: Record,
                    refs: Iterable[tuple[Loc, str, str]]) -> Iterator[Finding]:
    """An unknown id named by one of the record's references."""
    record_id = getattr(record, "id", "")
    for loc, target, value in refs:
        known = index.ids[target]
        if value not in known:
            yield Finding(kind, record_id, loc, "unknown-reference",
                           f"unknown {target} '{value}'", _closest(value, known))


def record_rules(kind: str, record: Record) -> Iterator[Finding]:
    """The rules a record can break on its own, beyond its model's field types."""
    record_id = getattr(record, "id", "")
    for loc, code, message, hint in file_rules(record):
        yield Finding(kind, record_id, loc, code, message, hint)
    if isinstance(record, Project):
        yield from _history(record)
        yield from _gates(record)
        yield from _status(record)
        yield from _builds_on(record)
        yield from _warnings(record)


def check_file(path: Path, shown: str, model: type[Record]) -> list[Problem]:
    """One file on its own, as an editor sees it: YAML, model and the record's own rules
    (no references to other files, no file name)."""
    record, problems = load_record(path, shown, model)
    if record is None:
        return problems
    return pin_one(read_document(path).text, shown, record_rules("", record))


def references(record: Record, loc: Loc = ()) -> list[tuple[Loc, str, str]]:
    """(location, target, id) of each reference in a record, from the models' ref() fields."""
    found: list[tuple[Loc, str, str]] = []
    _collect_references(record, loc, found)
    return found


def _collect_references(record: Record, loc: Loc, found: list[tuple[Loc, str, str]]) -> None:
    # Into one list, not generators nested per record: this runs for every record of a
    # cold validate.
    refs, nested = _reference_fields(type(record))
    for name, key, target in refs:
        value = getattr(record, name)
        if isinstance(value, str):
            found.append(((*loc, key), target, value))
        elif value:
            for i, v in enumerate(value):
                found.append(((*loc, key, i), target, v))
    for name, key in nested:
        value = getattr(record, name)
        if isinstance(value, Record):
            _collect_references(value, (*loc, key), found)
        elif value:
            for i, item in enumerate(value):
                if isinstance(item, Record):
                    _collect_references(item, (*loc, key, i), found)


@functools.cache
def _reference_fields(model: type[Record]) -> tuple[tuple[tuple[str, str, str], ...],
                                                    tuple[tuple[str, str], ...]]:
    """A model's reference fields (name, key, target), and the fields that may hold
    records with references (name, key): found once per model, not on every record
    (a tenth of a cold validate)."""
    refs, nested = [], []
    for name, info in model.model_fields.items():
        key = info.alias or name
        target = _target(info)
        if target is not None:
            refs.append((name, key, target))
        elif any(_may_hold_references(m, frozenset()) for m in records_in(info.annotation)):
            nested.append((name, key))
    return tuple(refs), tuple(nested)


def _target(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra
    target = extra.get(REF_KEY) if isinstance(extra, dict) else None
    return target if isinstance(target, str) else None


def _may_hold_references(model: type[Record], seen: frozenset[type[Record]]) -> bool:
    if model is Record:  # any record, so maybe one with references
        return True
    seen = seen | {model}
    return any(_target(info) is not None or any(
        _may_hold_references(inner, seen) for inner in records_in(info.annotation)
        if inner not in seen) for info in model.model_fields.values())


def _closest(value: str, choices: Iterable[str]) -> str:
    choices = sorted(choices)
    if not choices:
        return "There are none in the registry yet; add one first."
    shown = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return closest(value, choices, f"Known: {shown}.")


def _history(project: Project) -> Iterator[Finding]:
    def finding(loc: Loc, code: str, message: str, hint: str) -> Finding:
        return Finding("projects", project.id, loc, code, message, hint)

    expected_from: Phase | None = None
    previous_date = None
    for i, entry in enumerate(project.history):
        if previous_date is not None and entry.date < previous_date:
            yield finding(("history", i, "date"), "history-order",
                          f"history entry {i + 1} is dated before the entry above it",
                          "History is in date order: append new decisions at the end.")
        previous_date = entry.date
        if i > 0 and project.history[i - 1].decision is Decision.STOPPEN:
            # e.g. two moderators' decisions merged: one stopped it, the other went on
            yield finding(("history", i), "history-after-stop",
                          f"history entry {i + 1} ('{entry.decision}') comes after the project "
                          "was stopped",
                          "A stopped project takes no more decisions; keep the stop "
                          "(bieb sync --prefer upstream) or record the work as a new idea.")
        if i > 0 and entry.from_ != expected_from:
            yield finding(("history", i, "from"), "history-chain",
                          f"history entry {i + 1} starts from '{entry.from_}' but the entry "
                          f"above ends in '{expected_from}'",
                          "Each decision starts from the phase the one before ended in.")
        if entry.decision is Decision.DOOR:
            if entry.from_ is not None and phase_index(entry.to) != phase_index(entry.from_) + 1:
                yield finding(("history", i, "to"), "history-step",
                              f"'door' goes from '{entry.from_}' to '{entry.to}', "
                              "which is not the next phase",
                              "A 'door' decision moves exactly one phase forward.")
        elif entry.to != entry.from_:
            yield finding(("history", i, "to"), "history-step",
                          f"a '{entry.decision}' decision must stay in its phase",
                          "Set 'to' equal to 'from' for herhalen and stoppen.")
        expected_from = entry.to
    last = project.history[-1].to if project.history else Phase.IDEE
    if last != project.phase:
        where = "the last history entry" if project.history else "an empty history (idee)"
        yield finding(("phase",), "history-phase",
                      f"phase is '{project.phase}' but {where} ends in '{last}'",
                      "Record each phase decision in history, or use 'bieb project advance'.")


def deciders_of(registry: Registry) -> Deciders:
    """The records of a registry that name who decides."""
    bodies = [b for b in registry.records["bodies"].values() if isinstance(b, Body)]
    return Deciders(list(registry.themagroepen.values()), list(registry.regions.values()),
                    bodies)


def decider_rules(deciders: Deciders, project: Project) -> Iterator[Finding]:
    """Warnings for history entries whose decider the registry does not know on their
    date, or who should have abstained. They depend on the records that name deciders
    too, which check.remembered counts in its index."""
    for f in history_deciders(project, deciders):
        yield Finding("projects", project.id, ("history", f.entry, "by"), f.code,
                      f.message, f.hint, f.severity)


def _gates(project: Project) -> Iterator[Finding]:
    for req in requirements_for_phase(project.phase, project):
        yield Finding("projects", project.id, ("phase",), "gate",
                       f"a project in '{project.phase}' needs {req.message} "
                       f"(gate to '{req.phase}')",
                       f"Add '{req.field}', or record the project in an earlier phase.")


def _status(project: Project) -> Iterator[Finding]:
    if project.status is Status.GESTOPT and project.stop_reason is None:
        yield Finding("projects", project.id, ("status",), "stopped-without-reason",
                       "a 'gestopt' project needs a stop_reason",
                       "Add stop_reason (and lessons: what was learned is worth keeping).")
    if project.stop_reason is not None and project.status is not Status.GESTOPT:
        yield Finding("projects", project.id, ("stop_reason",), "reason-without-stop",
                       f"stop_reason is set but status is '{project.status}'",
                       "Set status to 'gestopt' or remove stop_reason.")


def _builds_on(project: Project) -> Iterator[Finding]:
    if project.id in project.builds_on:
        yield Finding("projects", project.id, ("builds_on", project.builds_on.index(project.id)),
                      "builds-on-itself", "a project cannot build on itself",
                      "Name the other project(s) it builds on in builds_on.")


def _warnings(project: Project) -> Iterator[Finding]:
    if project.contact is None or project.contact.email is None:
        yield Finding("projects", project.id, ("contact",), "no-contact-email",
                       "project has no contact e-mail",
                       "Add contact: {name: ..., email: ...} so others can reach the makers.",
                       Severity.WARNING)
