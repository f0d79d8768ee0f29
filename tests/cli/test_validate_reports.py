"""The machine-readable reports of `bieb validate`: JUnit valid against a common JUnit XSD
(Jenkins xUnit's junit-10.xsd, as published) with counts that add up, and the documented,
versioned JSON with stable paths."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import missing_tool, run_bieb

XSD = Path(__file__).resolve().parents[1] / "junit" / "junit-10.xsd"


def _valid_junit(text: str) -> ET.Element:
    xmlschema = pytest.importorskip("xmlschema")
    xmlschema.XMLSchema(str(XSD)).validate(text)
    root = ET.fromstring(text)
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    failing = [c for c in cases if c.find("failure") is not None]
    assert int(suite.get("tests", "")) == len(cases) == int(root.get("tests", ""))
    assert int(suite.get("failures", "")) == len(failing) == int(root.get("failures", ""))
    return suite


def _break(registry: Path) -> None:
    """One error (a bad URL) and the bundled warnings (projects without contact e-mail)."""
    kb = registry / "organisations" / "kb.yaml"
    kb.write_text(kb.read_text(encoding="utf-8") + "website: www.kb.nl\n", encoding="utf-8")


def test_junit_has_a_case_per_problem_and_warnings_fail_only_under_strict(
        registry: Path) -> None:
    _break(registry)
    result = run_bieb("validate", "--format", "junit", "--registry", str(registry))
    assert result.returncode == 1
    suite = _valid_junit(result.stdout)
    cases = suite.findall("testcase")
    warnings = [c for c in cases if c.get("classname") == "bieb.validate.warning"]
    assert len(warnings) == 3 and all(c.find("failure") is None for c in warnings)
    assert all(c.find("system-out") is not None for c in warnings)
    assert suite.get("failures") == "1"
    strict = run_bieb("validate", "--strict", "--format", "junit", "--registry", str(registry))
    assert strict.returncode == 1
    assert _valid_junit(strict.stdout).get("failures") == "4"  # exit 1 has failures to show


def test_junit_of_a_clean_registry_is_one_passing_case(registry: Path) -> None:
    for project in (registry / "projects").glob("*.yaml"):
        project.unlink()  # the bundled projects carry the only warnings
    result = run_bieb("validate", "--format", "junit", "--registry", str(registry))
    assert result.returncode == 0
    suite = _valid_junit(result.stdout)
    assert suite.get("tests") == "1" and suite.get("failures") == "0"


def test_the_junit_xsd_is_the_published_file_unchanged() -> None:
    """Vendored so the suite needs no network; its header says where it is from. Without
    that header, the bytes are those whose sha256 the header records."""
    first, rest = XSD.read_bytes().split(b"\n", 1)
    header, published = rest.split(b"-->\n", 1)
    recorded = re.search(rb"sha256 of that file: ([0-9a-f]{64})", header)
    assert recorded and b"xunit-plugin" in header and b"pytest" in header
    assert hashlib.sha256(first + b"\n" + published).hexdigest() == recorded[1].decode()
    assert b"The MIT License" in published  # its licence travels with it


def test_xmllint_accepts_every_junit_report_against_the_common_xsd(registry: Path,
                                                                   tmp_path: Path) -> None:
    """The reports a CI server gets (errors and warnings, --strict, a clean registry),
    checked by libxml2's xmllint, as many CI set-ups do, besides xmlschema above."""
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        missing_tool("xmllint is not installed (make test installs Debian's libxml2-utils)")
    kb = registry / "organisations" / "kb.yaml"
    unbroken = kb.read_bytes()
    _break(registry)
    reports = [run_bieb("validate", *strict, "--format", "junit", "--registry", str(registry))
               for strict in ((), ("--strict",))]
    kb.write_bytes(unbroken)
    for project in (registry / "projects").glob("*.yaml"):
        project.unlink()
    reports.append(run_bieb("validate", "--format", "junit", "--registry", str(registry)))
    assert [r.returncode for r in reports] == [1, 1, 0]
    files = []
    for n, report in enumerate(reports):
        files.append(tmp_path / f"report-{n}.xml")
        files[-1].write_text(report.stdout, encoding="utf-8")
    result = subprocess.run([xmllint, "--noout", "--schema", str(XSD), *map(str, files)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    # What bieb wrote before: a `file` on a test case, which this XSD has not.
    files[0].write_text(reports[0].stdout.replace("<testcase ", '<testcase file="x" ', 1),
                        encoding="utf-8")
    refused = subprocess.run([xmllint, "--noout", "--schema", str(XSD), str(files[0])],
                             capture_output=True, text=True, timeout=120, check=False)
    assert refused.returncode != 0 and "'file'" in refused.stderr


def test_json_is_versioned_and_its_paths_do_not_depend_on_how_the_registry_is_named(
        registry: Path) -> None:
    _break(registry)
    runs = [run_bieb("validate", "--format", "json", "--registry", str(registry)),
            run_bieb("validate", "--format", "json", "--registry", "registry",
                     cwd=registry.parent),
            run_bieb("validate", "--format", "json", cwd=registry / "projects")]
    docs = [json.loads(r.stdout) for r in runs]
    assert docs[0] == docs[1] == docs[2]
    doc = docs[0]
    assert doc["version"] == 1 and doc["files"] == 47
    assert (doc["errors"], doc["warnings"]) == (1, 3)
    error = next(p for p in doc["problems"] if p["severity"] == "error")
    assert error["path"] == "organisations/kb.yaml"
    assert set(error) == {"path", "line", "col", "code", "message", "hint", "severity"}
    # One problem a line (docs/validate-json.md): grep and line diffs see whole problems.
    lines = [line.strip().rstrip(",") for line in runs[0].stdout.splitlines()
             if line.startswith("    {")]
    assert [json.loads(line) for line in lines] == doc["problems"]


def test_a_bad_url_is_hinted_as_a_web_address_not_an_e_mail(registry: Path) -> None:
    _break(registry)
    result = run_bieb("validate", "--format", "json", "--registry", str(registry))
    (error,) = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
    assert "https://" in error["hint"] and "e-mail" not in error["hint"]


def test_the_json_format_doc_names_every_field_bieb_writes(registry: Path) -> None:
    _break(registry)
    doc = json.loads(run_bieb("validate", "--format", "json", "--registry",
                              str(registry)).stdout)
    text = (Path(__file__).resolve().parents[2] / "docs" / "validate-json.md").read_text(
        encoding="utf-8")
    documented = {cell.strip("` ") for line in text.splitlines() if line.startswith("| `")
                  for cell in line.split("|")[1].split(",")}
    written = set(doc) | {f"problems[].{k}" for k in doc["problems"][0]}
    shorthand = {"problems[].line", "problems[].col"}  # one row: `problems[].line`, `col`
    assert written - shorthand <= documented and {"problems[].line", "col"} <= documented
    assert f'"version": {doc["version"]}' in text
