"""Nothing in a file, an option or a commit drives a terminal, a spreadsheet, a
Markdown page or an XML report: it is refused at the door or shown as written."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import git, repo_state, run_bieb

# Escapes a YAML double-quoted string decodes into something invisible or active.
ESCAPES = ["\\e[31m", "\\x1b]8;;https://evil.example\\x07", "\\u202E", "\\x85", "\\u200B",
           "\\r", "\\x00", "\\u2066", "\\uFEFF"]


def _no_control(text: str) -> None:
    assert "\x1b" not in text and "\u202e" not in text and "\x85" not in text
    assert "\x00" not in text and "\u200b" not in text and "\r" not in text


@pytest.mark.parametrize("escape", ESCAPES)
def test_escapes_are_checked_after_decoding(registry: Path, escape: str) -> None:
    path = registry / "projects" / "impact-cockpit.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Cockpit maatschappelijke impact",
                                 f'title: "Cockpit{escape} impact"'), encoding="utf-8")
    line = text.splitlines().index("title: Cockpit maatschappelijke impact") + 1
    for fmt in ("text", "github", "junit"):
        result = run_bieb("validate", "--format", fmt, "--registry", str(registry))
        assert result.returncode == 1
        _no_control(result.stdout + result.stderr)
        if fmt == "text":
            assert f"impact-cockpit.yaml:{line}:8: error[control-character]" in result.stdout
        if fmt == "junit":
            ET.fromstring(result.stdout.split("?>", 1)[1])  # well-formed XML


@pytest.mark.parametrize(("args"), [
    ["project", "set", "impact-cockpit", "title=\x1b[31mRood\x1b[0m"],
    ["project", "set", "impact-cockpit", "summary=Tekst\u202eesrever"],
    ["project", "set", "impact-cockpit", "proeftuin=\x1b]8;;https://evil.example\x07klik"],
    ["project", "shelve", "impact-cockpit", "--note", "\x1b[2J\x1b[Hweg"],
    ["project", "shelve", "impact-cockpit", "--by", "Mo\u200b Derator"],
    ["project", "triage", "impact-cockpit", "--decision", "kansrijk", "--note", "a\rb"],
    ["idea", "add", "--title", "Leesclub\x1b[8m", "--summary", "Elke maand.",
     "--theme", "werkplaats"],
    ["project", "set", "impact-cockpit", "\x1b[31mtitel=x"],
    ["project", "set", "bad\x1b[31mid", "title=x"],
])
def test_control_characters_on_the_command_line_are_refused(git_registry: Path,
                                                            args: list[str]) -> None:
    before = repo_state(git_registry.parent)
    result = run_bieb(*args, "--registry", str(git_registry))
    assert result.returncode in (1, 2)
    assert "internal error" not in result.stderr
    _no_control(result.stdout + result.stderr)
    assert repo_state(git_registry.parent) == before


def test_rich_markup_in_names_is_shown_as_written(registry: Path) -> None:
    lab = registry / "fieldlabs" / "kwaliteit-en-kennis.yaml"
    lab.write_text(lab.read_text(encoding="utf-8").replace(
        "name: Fieldlab kwaliteit en kennis", "name: Fieldlab [/] kwaliteit [bold]"),
        encoding="utf-8")
    region = registry / "regions" / "midden-en-noordwest-nederland.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace(
        "name: Vie van Steenbergen", "name: '[link=https://evil.example]Vie[/link]'"),
        encoding="utf-8")
    result = run_bieb("overview", "--registry", str(registry), env={"COLUMNS": "300"})
    assert result.returncode == 0, result.stderr
    assert "Fieldlab [/] kwaliteit [bold]" in result.stdout
    assert "[link=https://evil.example]Vie[/link]" in result.stdout
    assert "\x1b]8;" not in result.stdout


FORMULAS = ['=HYPERLINK("https://evil.example","klik")', "+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1+1)", "\t=1+1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_never_start_a_formula(registry: Path, tmp_path: Path, formula: str) -> None:
    path = registry / "projects" / "impact-cockpit.yaml"
    quoted = formula.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Cockpit maatschappelijke impact", f'title: "{quoted}"'), encoding="utf-8")
    listed = run_bieb("project", "list", "--format", "csv", "--registry", str(registry))
    assert listed.returncode == 0, listed.stderr
    assert run_bieb("site", "build", "--out", str(tmp_path / "site"), "--registry",
                    str(registry)).returncode == 0
    site_csv = (tmp_path / "site" / "api" / "projects.csv").read_text(encoding="utf-8")
    for text in (listed.stdout, site_csv):
        rows = list(csv.DictReader(io.StringIO(text)))
        title = next(r["title"] for r in rows if r["id"] == "impact-cockpit")
        assert title == "'" + formula  # text to a spreadsheet, and nothing lost
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
                   for r in rows for cell in r.values() if cell)


HTML = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "[klik](javascript:alert(1))", "<javascript:alert(1)>"]


@pytest.mark.parametrize("html", HTML)
def test_markdown_output_holds_no_html_or_links(registry: Path, html: str) -> None:
    path = registry / "projects" / "impact-cockpit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Cockpit maatschappelijke impact", f"title: '{html}'").replace(
        "status: lopend", "status: gestopt\nstop_reason: '" + html + "'"), encoding="utf-8")
    for args in (["project", "list"], ["report"]):
        result = run_bieb(*args, "--format", "markdown", "--registry", str(registry))
        assert result.returncode == 0, result.stderr
        assert "<script" not in result.stdout and "<img" not in result.stdout
        assert not re.search(r"(?<!\\)\]\(javascript:", result.stdout)  # a link, unescaped
        assert "<javascript:" not in result.stdout
        assert "&lt;" in result.stdout or "\\[klik\\]" in result.stdout


@pytest.mark.parametrize("message", [
    b"subject \x1f with the old separator\n\nbody \x1e and \x1f\n",
    b"\x1b[31mred\x1b[0m and \xe9 in Latin-1\n\nline \x1b]8;;https://evil.example\x07\n",
    b"reversed \xe2\x80\xae text\n",
])
def test_project_log_reads_any_commit_message(git_registry: Path, tmp_path: Path,
                                              message: bytes) -> None:
    repo = git_registry.parent
    path = git_registry / "projects" / "impact-cockpit.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    (tmp_path / "message").write_bytes(message)
    subprocess.run(["git", "commit", "--quiet", "--cleanup=verbatim", "-F",
                    str(tmp_path / "message"), "--", str(path)], cwd=repo, check=True)
    for n in range(2):  # and the log stays readable after a further commit
        result = run_bieb("project", "log", "impact-cockpit", "--registry", str(git_registry))
        assert result.returncode == 0, result.stderr
        _no_control(result.stdout)
        assert "\u202e" not in result.stdout
        assert result.stdout.count("changed:") == len(
            git(repo, "log", "--format=%H", "--", str(path)).split())
        assert run_bieb("project", "set", "impact-cockpit", f"proeftuin=Venlo {n}",
                        "--registry", str(git_registry)).returncode == 0
