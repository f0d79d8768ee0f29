"""Periods as the sources give them: a year or a month, open while ongoing.

Regions and regiogidsen changed over time (the 2018 set, the 2019 set), so
every view asks which were current in a year. Pure functions over the plain
"YYYY" / "YYYY-MM" strings, usable on models and on the catalogue's data.
"""

from __future__ import annotations


def year_of(value: str) -> int:
    """The year of a date or period value as the read side has it: ISO text, "2021",
    "2021-05" or "2021-05-01" (dates are text in the fast read path, YAML 1.2)."""
    return int(value[:4])


def covers(start: str | None, end: str | None, year: int | None) -> bool:
    """Whether a period holds `year`; with no year, whether it is current (not ended).

    No period at all (no start) always holds: a record the sources do not date.
    """
    if start is None:
        return True
    if year is None:
        return end is None
    return year_of(start) <= year and (end is None or year <= year_of(end))


def period_text(start: str | None, end: str | None) -> str:
    if start is None:
        return ""
    return f"{start} to {end}" if end else f"since {start}"
