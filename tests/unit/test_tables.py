"""The text table fits the width it is given, cutting the right columns."""

from __future__ import annotations

from innovatiebieb.show.tables import table_lines

COLUMNS = ["id", "title", "phase", "owner", "regions"]
ROWS = [["leesleen-app-voor-scholen", "Leesleen-app voor het primair onderwijs in Venlo",
         "implementatie", "noord-oost-brabantse-bibliotheken", "zuidoost-nederland"],
        ["impact-cockpit", "Cockpit", "idee", "kb", ""]]


def test_a_table_fits_its_width_and_keeps_ids_and_phases_whole() -> None:
    lines = table_lines(COLUMNS, ROWS, 80, keep=[1])
    assert max(len(line) for line in lines) <= 80
    first = lines[2]
    assert first.startswith("leesleen-app-voor-scholen  ")
    assert "implementatie" in first
    # The other columns gave way down to 8 characters before the title did.
    assert "noord-o…  zuidoos…" in first
    assert "Leesleen-app voor…" in first


def test_without_a_width_nothing_is_cut() -> None:
    lines = table_lines(COLUMNS, ROWS, None)
    assert "…" not in "\n".join(lines)
    assert lines[0].split() == COLUMNS
    assert lines[1].replace(" ", "").strip("-") == ""
