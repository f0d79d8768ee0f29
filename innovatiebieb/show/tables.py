"""Rows of records in every list format: a table for people, Markdown, CSV, JSON, YAML.

Plain string work, no rich: a rich Table measures every cell several times
and takes seconds for the thousands of rows a regiogids may list. The table
fits the terminal's width (the widest columns give way, the title last; cut
text ends in '…');
without a terminal nothing is cut, so a pipe gets whole values.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from innovatiebieb.show.formats import ListFormat
from innovatiebieb.show.visible import visible

GAP = "  "
MIN_WIDTH = 8
# Columns whose values are never cut: short words a reader must see whole.
WHOLE = frozenset({"id", "phase", "status", "score", "idee", "experiment", "implementatie",
                   "total"})


def cell(value: Any) -> str:
    """A value as one line of text: lists joined with commas, nothing for None."""
    if isinstance(value, str) and value.isprintable():  # the common case, kept fast
        return value
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {cell(v)}" for k, v in value.items())
    return visible(" ".join(str(value).split()))


# A cell starting with one of these is run as a formula by spreadsheet programs
# (OWASP "CSV injection"): =HYPERLINK(...), +cmd|..., @SUM(...), and a tab or
# carriage return in front of them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> str:
    if value is None or isinstance(value, (bool, int, float)):  # numbers stay numbers
        return "" if value is None else str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = "; ".join(value)
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    # A leading apostrophe makes the cell text; spreadsheets do not show it.
    return "'" + text if text.startswith(_FORMULA_START) else text


def markdown_cell(text: str) -> str:
    """Text for a Markdown table cell: shown as written, never as HTML or a link
    (`<script>`, `<img onerror=...>`, `[x](javascript:...)`)."""
    for char, escaped in (("\\", "\\\\"), ("|", "\\|"), ("&", "&amp;"), ("<", "&lt;"),
                          (">", "&gt;"), ("[", "\\["), ("]", "\\]")):
        text = text.replace(char, escaped)
    return text


def bold(text: str, out: TextIO) -> str:
    """Text in bold on a terminal that allows colour (NO_COLOR unset); as is elsewhere."""
    if out.isatty() and not os.environ.get("NO_COLOR"):
        return f"\x1b[1m{text}\x1b[0m"
    return text


def terminal_width(out: TextIO) -> int | None:
    """The width to fit, or None when the output is not a terminal."""
    return shutil.get_terminal_size().columns if out.isatty() else None


def fit(widths: list[int], width: int, floors: list[int], keep: Sequence[int] = ()) -> list[int]:
    """Column widths that add up (with gaps) to at most `width`. The widest columns
    give way first, level by level, down to their floor; the columns in `keep`
    (the title) only after them, and the first (the id) last of all."""
    widths = list(widths)
    excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
    first = [i for i in range(1, len(widths)) if i not in keep]
    for group in (first, [i for i in keep if i != 0], [0]):
        while excess > 0:
            shrinkable = [i for i in group if widths[i] > floors[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
    return widths


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def table_lines(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int | None,
                keep: Sequence[int] = ()) -> list[str]:
    """An aligned text table; `width` None means no limit."""
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    if width is not None:
        floors = [w if c in WHOLE else min(w, max(len(c), MIN_WIDTH))
                  for w, c in zip(widths, columns, strict=True)]
        widths = fit(widths, width, floors, keep)
    last = len(columns) - 1

    def line(cells: Sequence[str]) -> str:
        parts = [_clip(c, w) if i == last else _clip(c, w).ljust(w)
                 for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return GAP.join(parts).rstrip()

    return [line(columns), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def markdown_lines(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns),
            *("| " + " | ".join(markdown_cell(c) for c in r) + " |" for r in rows)]


def write_rows(fmt: ListFormat, records: Sequence[dict[str, Any]], columns: Sequence[str],
               fields: Sequence[str], value: Callable[[dict[str, Any], str], Any] | None = None,
               keep: Sequence[str] = ("title", "name"), out: TextIO | None = None) -> None:
    """Records in `fmt`: table and Markdown show `columns`; JSON, YAML and CSV carry
    every field (`fields` fixes the CSV header and its order)."""
    out = out or sys.stdout
    get = value or (lambda r, c: r.get(c))
    if fmt is ListFormat.JSON:
        # One record per line: readable, and json's C encoder (indent= is pure Python).
        body = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        out.write(f"[\n{body}\n]\n" if records else "[]\n")
    elif fmt is ListFormat.YAML:
        from innovatiebieb.store.yamlio import dump_data

        out.write(dump_data(list(records)) if records else "[]\n")
    elif fmt is ListFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(fields)
        for r in records:
            writer.writerow([_csv_cell(r.get(f)) for f in fields])
        out.write(buffer.getvalue())
    else:
        cells = [[cell(get(r, c)) for c in columns] for r in records]
        if fmt is ListFormat.MARKDOWN:
            lines = markdown_lines(columns, cells)
        else:
            kept = [i for i, c in enumerate(columns) if c in keep]
            lines = table_lines(columns, cells, terminal_width(out), kept)
        out.write("\n".join(lines) + "\n")
