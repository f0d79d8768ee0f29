"""A rule's finding, and pinning findings to a file, line and column.

Shared by the rules between records (`validate`) and the rules of a change
(`changerules`), so that neither imports the other's module for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from innovatiebieb.check.registry import Registry
from innovatiebieb.model.problems import Problem, Severity
from innovatiebieb.store.loader import Locator
from innovatiebieb.store.yamlio import locate, positions

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's finding before it is pinned to a line (located lazily: re-parsing is rare)."""

    kind: str
    record_id: str
    loc: Loc
    code: str
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR


def pin(registry: Registry, findings: Iterable[Finding]) -> list[Problem]:
    """Give findings their file, line and column: one locator per file, so a file's
    positions are found at most once however many findings it has."""
    pinned = []
    locators: dict[tuple[str, str], tuple[Locator, str]] = {}
    for f in findings:
        found = locators.get((f.kind, f.record_id))
        if found is None:
            found = locators[(f.kind, f.record_id)] = (
                registry.locator(f.kind, f.record_id),
                registry.display_path(f.kind, f.record_id))
        locator, shown = found
        pinned.append(Problem(shown, *locator(f.loc), f.code, f.message, f.hint, f.severity))
    return pinned


def pin_one(text: str, shown: str, findings: Iterable[Finding]) -> list[Problem]:
    """Give the findings of one file, whose text is at hand, their line and column."""
    found = list(findings)
    where = positions(text) if found else {}
    return [Problem(shown, *locate(where, f.loc), f.code, f.message, f.hint, f.severity)
            for f in found]
