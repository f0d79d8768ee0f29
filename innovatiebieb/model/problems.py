"""A Problem is one finding of validation, pinned to a file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ProblemFormat(StrEnum):
    """How problems are reported: for people, for programs, for GitHub Actions."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    JUNIT = "junit"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding. `line` and `col` are 1-based; 0 means "the whole file"."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        # Spelled out: dataclasses.asdict deep-copies every field (a tenth of a second
        # for 10,000 problems), and these fields are all immutable.
        return {"path": self.path, "line": self.line, "col": self.col, "code": self.code,
                "message": self.message, "hint": self.hint, "severity": self.severity}

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)


# What a file's problems depend on in the registry's index: "target\0id" for each id
# it names, and "target\0" when one of them is unknown (its hint lists the known ids).
# check.remembered checks a file again when one of these came or went.
Needs = tuple[str, ...]
