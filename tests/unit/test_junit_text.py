"""The JUnit report is written as text: whatever a message holds, it parses as XML and
gives back every value as it was."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from innovatiebieb.model.problems import Problem, Severity
from innovatiebieb.show.render import _junit

NASTY = ['a < b & c > d', 'quote " and \' both', "line\nbreak\rand\ttab", "]]> <!-- -->",
         "&amp; already", "é € 漢"]


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("strict", [False, True])
def test_every_value_comes_back_from_the_xml(text: str, strict: bool) -> None:
    found = [Problem(f"projects/{text}.yaml", 3, 5, "schema", text, text, Severity.ERROR),
             Problem("projects/x.yaml", 0, 0, "no-contact-email", text, None,
                     Severity.WARNING)]
    suite = ET.fromstring(_junit(found, 12, strict).split("\n", 1)[1]).find("testsuite")
    assert suite is not None
    first, second = suite.findall("testcase")
    assert first.get("name") == f"projects/{text}.yaml:3:5 schema"
    failure = first.find("failure")
    assert failure is not None and failure.get("message") == text
    assert failure.text == f"projects/{text}.yaml:3:5: error[schema]: {text}\n  hint: {text}"
    warned = second.find("failure" if strict else "system-out")
    assert warned is not None
    assert warned.text == f"projects/x.yaml: warning[no-contact-email]: {text}"
    assert suite.get("failures") == ("2" if strict else "1")
