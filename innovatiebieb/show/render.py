"""The only place that prints: problems, overviews and errors, for people and machines."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from innovatiebieb.model.errors import BiebError
from innovatiebieb.model.problems import Problem, ProblemFormat, Severity
from innovatiebieb.show.tables import markdown_cell
from innovatiebieb.show.visible import visible, visible_all, visible_fields
from innovatiebieb.store.location import display

if TYPE_CHECKING:  # the core's result types are only needed to type their renderers
    from rich.console import Console
    from rich.table import Table

    from innovatiebieb.change.changes import Outcome
    from innovatiebieb.read.overview import Overview, Row
    from innovatiebieb.read.similar import Match


# Registry text is data, never rich markup: it goes into Text objects (or is
# printed with markup=False), so "[/]" or "[link=...]" in a name is shown as
# written, never interpreted.


def _console(stderr: bool = False) -> Console:
    from rich.console import Console  # 0.08 s of imports: only when styling

    # soft_wrap: a path:line:col must never be folded, whatever the width.
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _styled(stream: TextIO) -> bool:
    """Whether rich would style what goes to `stream` (a terminal, or FORCE_COLOR): if not,
    lines are plain strings, written at once (20,000 lines through rich's console cost
    seconds; writing them costs milliseconds)."""
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


# What rich's Text removes from a line (bell, backspace, vertical tab, form feed, CR):
# the plain path writes the same characters.
_RICH_STRIPS = dict.fromkeys((7, 8, 11, 12, 13))


def _write_lines(stream: TextIO, lines: Iterable[str]) -> None:
    # One translate of the whole text, not one a line: none of these is a line feed.
    stream.write("".join(f"{line}\n" for line in lines).translate(_RICH_STRIPS))


def _problem_lines(p: Problem) -> Iterator[str]:
    where = f"{p.path}:{p.line}:{p.col}: " if p.line else f"{p.path}: "  # 0: the whole file
    yield f"{where}{p.severity}[{p.code}]: {p.message}"
    if p.hint:
        yield f"  hint: {p.hint}"


def problems(found: Sequence[Problem], fmt: ProblemFormat, files: int,
             strict: bool = False, root: Path | None = None) -> None:
    """Report validation problems on stdout and a one-line summary on stderr."""
    if fmt is ProblemFormat.JSON:
        sys.stdout.write(_json(found, files, root))
        return
    found = visible_all(found)  # for terminals, annotations and XML
    if fmt is ProblemFormat.JUNIT:
        sys.stdout.write(_junit(found, files, strict))
        return
    if not _styled(sys.stdout):
        _write_lines(sys.stdout, _github_annotations(found) if fmt is ProblemFormat.GITHUB
                     else (line for p in found for line in _problem_lines(p)))
    elif fmt is ProblemFormat.GITHUB:
        out = _console()
        for line in _github_annotations(found):
            out.out(line, highlight=False)
    else:
        out = _console()
        for p in found:
            _problem_text(out, p)
    if fmt is ProblemFormat.GITHUB and (summary := os.environ.get("GITHUB_STEP_SUMMARY")):
        with open(summary, "a", encoding="utf-8") as f:  # noqa: PTH123 - a path from CI
            f.write(_markdown_summary(found, files))
    _summary(found, files)


JSON_VERSION = 1  # docs/validate-json.md: bump when a field changes meaning or goes
# json's C string encoder: the line of each problem is written out here, not made from a
# dict by JSONEncoder.encode (3.7 us a problem: two thirds of a report of 10,000
# warnings). tests/unit/test_json_text.py holds each line equal to json.dumps of it.
_QUOTE = json.encoder.encode_basestring


def _json(found: Sequence[Problem], files: int, root: Path | None) -> str:
    """The JSON report (docs/validate-json.md): paths relative to the registry folder, so
    they are the same whatever -r or the current folder. One problem a line."""
    errors, warnings = _counts(found)
    head = json.dumps({"version": JSON_VERSION, "files": files, "errors": errors,
                       "warnings": warnings}, indent=2)[:-2]
    relative = _registry_paths(root)
    quote = functools.cache(_QUOTE)  # codes, messages and hints repeat
    items = ",\n".join(
        f'    {{"path": {_QUOTE(relative(p.path))}, "line": {p.line:d}, "col": {p.col:d}, '
        f'"code": {quote(p.code)}, "message": {quote(p.message)}, '
        f'"hint": {"null" if p.hint is None else quote(p.hint)}, '
        f'"severity": {quote(p.severity)}}}'
        for p in found)
    problems = f"[\n{items}\n  ]" if found else "[]"
    return f'{head},\n  "problems": {problems}\n}}\n'


def _registry_paths(root: Path | None) -> Callable[[str], str]:
    """A problem's path relative to the registry folder; each folder is looked up once
    (resolving the path of each of 10,000 problems took a second)."""
    if root is None:
        return lambda shown: shown
    folders: dict[str, str | None] = {}

    def relative(shown: str) -> str:
        folder, name = os.path.split(shown)
        if folder not in folders:
            folders[folder] = _relative_folder(Path(folder), root)
        inside = folders[folder]
        if inside is None:
            return shown
        return f"{inside}/{name}" if inside != "." else name

    return relative


def _relative_folder(folder: Path, root: Path) -> str | None:
    # The folder resolved, not the file: a symlinked record is reported as itself.
    for here, top in ((Path.cwd() / folder, Path.cwd() / root),
                      (folder.resolve(), root.resolve())):
        try:
            return here.relative_to(top).as_posix()
        except ValueError:
            continue
    return None


def _counts(found: Sequence[Problem]) -> tuple[int, int]:
    errors = sum(p.severity is Severity.ERROR for p in found)
    return errors, len(found) - errors


def _markdown_summary(found: Sequence[Problem], files: int) -> str:
    errors, warnings = _counts(found)
    lines = ["## bieb validate", "",
             f"{errors} errors, {warnings} warnings in {files} files checked.", ""]
    if found:
        lines += ["| | file | line | problem |", "|---|---|---:|---|"]
        for p in found:
            mark = "❌" if p.severity is Severity.ERROR else "⚠️"
            message = f"`{p.code}` " + markdown_cell(p.message.replace("\n", " "))
            path = f"`{p.path}`" if "`" not in p.path else markdown_cell(p.path)
            lines.append(f"| {mark} | {path} | {p.line} | {message} |")
    return "\n".join(lines) + "\n\n"


def _junit(found: Sequence[Problem], files: int, strict: bool = False) -> str:
    """JUnit XML (GitLab, Jenkins): one test case per problem, so a warning is a test case
    too; it fails when the run fails on it (an error, or a warning under --strict). With
    no problem, one passing case for the registry. The counts are those of the cases.
    Only what the common JUnit XSD (Jenkins xUnit's junit-10, as pytest's xunit2) allows:
    no `file` on a test case, so the file is in the case's name, with line and column.

    Written as text in ElementTree's own layout: building and indenting 10,000
    elements cost half a warm run."""
    # Escaped once each: codes, messages and hints repeat over thousands of problems.
    text, attr = functools.cache(_xml_text), functools.cache(_xml_attr)
    cases = []
    failures = 0
    for p in found:
        where = f"{p.path}:{p.line}:{p.col}" if p.line else p.path
        hint = f"\n  hint: {text(p.hint)}" if p.hint else ""
        said = f"{_xml_text(where)}: {p.severity}[{text(p.code)}]: {text(p.message)}{hint}"
        head = (f'    <testcase classname={attr(f"bieb.validate.{p.severity}")} '
                f'name="{_xml_text(where, _XML_ATTR)} {_xml_text(p.code, _XML_ATTR)}">\n')
        if p.severity is Severity.ERROR or strict:
            failures += 1
            body = (f"      <failure message={attr(p.message)} type={attr(p.code)}>"
                    f"{said}</failure>\n")
        else:
            body = f"      <system-out>{said}</system-out>\n"
        cases.append(f"{head}{body}    </testcase>\n")
    if not found:
        cases.append(f'    <testcase classname="bieb.validate" '
                     f'name={_xml_attr(f"registry ({files} files checked)")} />\n')
    tests = max(len(found), 1)
    return ("<?xml version='1.0' encoding='utf-8'?>\n"
            f'<testsuites name="bieb" tests="{tests}" failures="{failures}" errors="0">\n'
            f'  <testsuite name="bieb validate" tests="{tests}" failures="{failures}" '
            'errors="0" skipped="0">\n'
            f'    <properties>\n      <property name="files-checked" value="{files}" />\n'
            f'    </properties>\n{"".join(cases)}  </testsuite>\n</testsuites>\n')


# As ElementTree escapes text (&, <, >) and attribute values (also ", and the white
# space a parser would otherwise fold), and a carriage return in text too, which a
# parser would read as a line feed. Chained replace() is C speed; str.translate
# with a table looks up every character.
_XML_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_XML_ATTR = (*_XML_TEXT, ('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#09;"))


def _xml_text(text: str, entities: tuple[tuple[str, str], ...] = _XML_TEXT) -> str:
    for char, entity in entities:
        if char in text:
            text = text.replace(char, entity)
    return text


def _xml_attr(value: str) -> str:
    return f'"{_xml_text(value, _XML_ATTR)}"'


def _problem_text(out: Console, p: Problem) -> None:
    from rich.text import Text

    style = "bold red" if p.severity is Severity.ERROR else "bold yellow"
    line = Text()
    where = f"{p.path}:{p.line}:{p.col}: " if p.line else f"{p.path}: "  # 0: the whole file
    line.append(where, style="bold")
    line.append(f"{p.severity}[{p.code}]", style=style)
    line.append(f": {p.message}")
    out.print(line)
    if p.hint:
        out.print(Text(f"  hint: {p.hint}", style="dim"))


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _github_annotations(found: Iterable[Problem]) -> Iterator[str]:
    """A workflow command a problem. The title and the text of each kind of problem are
    escaped once: they repeat over thousands of problems."""
    title = functools.cache(_escape_property)
    said = functools.cache(lambda message, hint: _escape_data(
        message + (f"\n{hint}" if hint else "")))
    for p in found:
        level = "error" if p.severity is Severity.ERROR else "warning"
        where = f",line={p.line},col={p.col}" if p.line else ""
        yield (f"::{level} file={_escape_property(p.path)}{where},title={title(p.code)}"
               f"::{said(p.message, p.hint)}")


def _summary(found: Sequence[Problem], files: int) -> None:
    errors = sum(p.severity is Severity.ERROR for p in found)
    warnings = len(found) - errors
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    colour = "red" if errors else "yellow"
    if not _styled(sys.stderr):
        _write_lines(sys.stderr, [f"{', '.join(parts)} in {files} files checked" if found
                                  else f"ok: {files} files checked, no problems"])
        return
    err = _console(stderr=True)
    if not found:
        err.print(f"[green]ok[/]: {files} files checked, no problems")
        return
    err.print(f"[{colour}]{', '.join(parts)}[/] in {files} files checked")


def error(e: BiebError) -> None:
    from rich.text import Text

    err = _console(stderr=True)
    for p in getattr(e, "problems", ()):  # a refused change: what is wrong, where
        _problem_text(err, visible_fields(p))
    err.print(Text.assemble(("error", "bold red"), f": {visible(e.message)}"))
    if e.hint:
        err.print(Text(f"  hint: {visible(e.hint)}", style="dim"))


def crash(e: BaseException) -> None:
    from rich.text import Text

    err = _console(stderr=True)
    err.print(Text.assemble(("internal error", "bold red"),
                            f": {type(e).__name__}: {visible(str(e))}"))
    err.print("  This is a bug in bieb. Please report it with the command you ran; "
              "run again with BIEB_DEBUG=1 for the full traceback.")


def debug_enabled() -> bool:
    return os.environ.get("BIEB_DEBUG", "") not in ("", "0")


def message(text: str) -> None:
    """A short confirmation for the user, on stderr so stdout stays data."""
    _console(stderr=True).print(text, markup=False)


def _phase_table(title: str, rows: list[Row], phases: list[str]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left")
    table.add_column(title.split()[-1].capitalize())
    for phase in phases:
        table.add_column(phase, justify="right")
    table.add_column("total", justify="right", style="bold")
    for row in rows:
        table.add_row(Text(row.name), *(_count(row.per_phase[p]) for p in phases), str(row.total))
    return table


def _count(n: int) -> str:
    return str(n) if n else "[dim]·[/]"


def overview(ov: Overview) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = Console(highlight=False)
    phases = list(ov.per_phase)
    out.print(Text.assemble((ov.registry_name, "bold"), f": {ov.projects} projects"))
    funnel = Table(title="Projects per phase", title_justify="left")
    for phase in phases:
        funnel.add_column(phase, justify="right")
    funnel.add_row(*(str(ov.per_phase[p]) for p in phases))
    out.print(funnel)
    out.print("  " + ", ".join(f"{n} {s}" for s, n in ov.per_status.items()), markup=False)
    out.print(_phase_table("Projects per themagroep", ov.themagroepen, phases))
    out.print(_phase_table("Projects per region", ov.regions, phases))
    labs = Table(title="Fieldlabs", title_justify="left")
    for col in ("Fieldlab", "scope", "opgave", "projects"):
        labs.add_column(col, justify="right" if col == "projects" else "left")
    for f in ov.fieldlabs:
        labs.add_row(Text(f.name), Text(f.scope) if f.scope else "[dim]not in the sources[/]",
                     Text(f.opgave),
                     str(f.projects))
    out.print(labs)
    gidsen = Table(title="Regiogidsen", title_justify="left")
    for col in ("Regiogids", "organisation", "region", "period"):
        gidsen.add_column(col)
    for g in ov.regiogidsen:
        gidsen.add_row(Text(g.name),
                       Text(g.organisation) if g.organisation else "[dim]not in the sources[/]",
                       Text(g.region), Text(g.period))
    out.print(gidsen)


def outcome(result: Outcome, subject: str) -> None:
    """What a change did: the diff of a dry run, the files written, the commit made."""
    err = _console(stderr=True)
    for p in result.warnings:
        _problem_text(err, visible_fields(p))
    if result.mode == "dry-run":
        sys.stdout.write(result.diff)
        err.print("dry run: nothing was written", markup=False)
        return
    if not result.diff:
        err.print("no change: the values are what they were; nothing was written",
                  markup=False)
        return
    files = ", ".join(display(p) for p in result.written)
    if result.commit:
        err.print(f"committed {result.commit[:10]} {visible(subject)}\n  {files}", markup=False)
    else:
        err.print(f"wrote {files} (not committed)", markup=False)


def similar_projects(matches: list[Match]) -> None:
    """Existing projects that look like the new idea: build on them."""
    if not matches:
        return
    from rich.text import Text

    err = _console(stderr=True)
    err.print("[bold]Existing projects that look like this idea[/] (build on them?):")
    for m in matches:
        err.print(Text.assemble(f"  {m.id}  {visible(m.title)}  ",
                                (f"(likeness {m.score:.2f})", "dim")))


def problem_list(found: Sequence[Problem]) -> None:
    """Problems on stderr, as validate shows them, without a verdict: the caller goes on."""
    err = _console(stderr=True)
    for p in found:
        _problem_text(err, visible_fields(p))
