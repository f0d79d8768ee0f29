"""The JSON report is written out line by line: whatever a problem holds, each line is
what json.dumps makes of that problem, and the report parses back to every value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from innovatiebieb.model.problems import Problem, Severity
from innovatiebieb.show.render import _json

NASTY = ['a < b & c > d', 'quote " and \' both', "back\\slash", "line\nbreak\rand\ttab",
         "\x00\x1f\x7f control", "\u2028 \u2029 separators", "é € 漢 😀", "\ud800 lone",
         "{\"path\": \"x\"}, {", ""]


@pytest.mark.parametrize("text", NASTY)
def test_each_line_is_json_dumps_of_its_problem(text: str, tmp_path: Path) -> None:
    found = [Problem(str(tmp_path / "projects" / f"{text}.yaml"), 3, 5, "schema", text, text,
                     Severity.ERROR),
             Problem(str(tmp_path / "projects" / "x.yaml"), 0, 0, text, text, None,
                     Severity.WARNING),
             Problem("elsewhere/y.yaml", 12, 1, "schema", text, text, Severity.ERROR)]
    report = _json(found, 12, tmp_path)
    expected = [{**p.as_dict(), "path": path} for p, path in
                zip(found, [f"projects/{text}.yaml", "projects/x.yaml", "elsewhere/y.yaml"],
                    strict=True)]
    assert json.loads(report) == {"version": 1, "files": 12, "errors": 2, "warnings": 1,
                                  "problems": expected}
    lines = report.split("\n")  # not splitlines: U+2028 is a line end to it, not to JSON
    assert lines[6:9] == [f"    {json.dumps(p, ensure_ascii=False)}{end}"
                          for p, end in zip(expected, [",", ",", ""], strict=True)]


def test_no_problems_is_an_empty_list() -> None:
    assert json.loads(_json([], 3, None)) == {"version": 1, "files": 3, "errors": 0,
                                              "warnings": 0, "problems": []}
