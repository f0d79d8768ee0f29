"""`bieb sync --prefer upstream|mine TARGET...`: which side settles a conflict where.

A record is named by its id (`leesleen-app-po`, with `:FIELD` for one field),
or by `KIND/ID` where two kinds hold the same id (`organisations/fers`). Any
other file is named by its path, from the current folder (as the conflict
message shows it) or from the top of the repository; never by its name alone,
so `--prefer mine notulen` cannot reach a `notulen.md` the user did not name.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from innovatiebieb.change.fieldmerge import DECISION_FIELDS, Prefer


def no_preference(_field: str) -> str | None:
    return None


@dataclass(frozen=True)
class Target:
    """`RECORD[:FIELD]` or `PATH` of `--prefer`."""

    record: str
    field: str | None = None
    text: str = ""  # as given

    @classmethod
    def parse(cls, text: str) -> Target:
        record, _, name = text.partition(":")
        return cls(record, name or None, text)


@dataclass(frozen=True)
class Preference:
    side: str  # "upstream" or "mine"
    targets: tuple[Target, ...]
    here: str = ""  # the current folder as a path prefix in the repository ("" at the top)

    def for_path(self, path: str, record: tuple[str, str] | None) -> Prefer:
        """The side for each conflicting field of the file at `path` (from the top of the
        repository); `record` is its (kind, id) if it is a record."""
        if any(t.text == path or posixpath.normpath(self.here + t.text) == path
               for t in self.targets):
            return lambda _field: self.side
        if record is None:
            return no_preference
        kind, name = record
        mine = [t for t in self.targets if t.record in (name, f"{kind}/{name}")]

        def choose(top: str) -> str | None:
            for t in mine:
                field = t.field.split(".")[0] if t.field else None  # contact.email: contact
                if field is None or field == top or (
                        field in DECISION_FIELDS and top in DECISION_FIELDS):
                    return self.side
            return None
        return choose
