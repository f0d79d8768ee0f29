"""The three-way merge of record files, field by field (whole files compared)."""

from __future__ import annotations

from innovatiebieb.change.fieldmerge import merge_texts

BASE = """\
# Example project (a comment that must survive).
id: leesleen-app-po
title: Leesleen-app  # short title
summary: Een app.
phase: idee
status: lopend
themes: [doorgaande-leeslijn, mediawijsheid]
history:
  - date: 2026-01-10
    from: idee
    to: idee
    decision: herhalen
    by: Seed
"""


def _entry(date: str, by: str, decision: str = "herhalen", to: str = "idee") -> str:
    return (f"  - date: {date}\n    from: idee\n    to: {to}\n    decision: {decision}\n"
            f"    by: {by}\n")


def test_different_fields_and_appended_history_all_kept_with_comments() -> None:
    mine = BASE.replace("summary: Een app.", "summary: Een app voor scholen.") \
        + _entry("2026-03-01", "Mo")
    theirs = BASE.replace("themes: [doorgaande-leeslijn, mediawijsheid]",
                          "themes: [doorgaande-leeslijn, basisvaardigheden]\n"
                          "proeftuin: Bibliotheek Venlo") + _entry("2026-02-01", "Anna")
    merged = merge_texts(BASE, mine, theirs)
    assert merged.clean
    assert merged.text == """\
# Example project (a comment that must survive).
id: leesleen-app-po
title: Leesleen-app  # short title
summary: Een app voor scholen.
phase: idee
status: lopend
themes: [doorgaande-leeslijn, basisvaardigheden]
proeftuin: Bibliotheek Venlo
history:
  - date: 2026-01-10
    from: idee
    to: idee
    decision: herhalen
    by: Seed
  - date: 2026-02-01
    from: idee
    to: idee
    decision: herhalen
    by: Anna
  - date: 2026-03-01
    from: idee
    to: idee
    decision: herhalen
    by: Mo
"""


def test_the_same_entry_on_both_sides_is_kept_once() -> None:
    both = BASE + _entry("2026-02-01", "Mo")
    merged = merge_texts(BASE, both.replace("Een app.", "Een app!"), both)
    assert merged.clean and merged.text is not None
    assert merged.text.count("by: Mo") == 1


def test_the_same_field_changed_differently_is_a_conflict_with_both_values() -> None:
    merged = merge_texts(BASE, BASE.replace("Een app.", "Mijn app."),
                         BASE.replace("Een app.", "Hun app."))
    assert merged.text is None
    [c] = merged.conflicts
    assert (c.field, c.base, c.mine, c.theirs) == ("summary", "Een app.", "Mijn app.",
                                                   "Hun app.")
    upstream = merge_texts(BASE, BASE.replace("Een app.", "Mijn app."),
                           BASE.replace("Een app.", "Hun app."), prefer=lambda f: "upstream")
    assert upstream.text == BASE.replace("Een app.", "Hun app.")
    mine = merge_texts(BASE, BASE.replace("Een app.", "Mijn app."),
                       BASE.replace("Een app.", "Hun app."), prefer=lambda f: "mine")
    assert mine.text == BASE.replace("Een app.", "Mijn app.")


def test_nested_fields_merge_key_by_key() -> None:
    base = BASE + "contact:\n  name: Sam\n  email: sam@example.org\n"
    merged = merge_texts(base, base.replace("name: Sam", "name: Sam de Vries"),
                         base.replace("sam@example.org", "sam@venlo.example.org"))
    assert merged.text == base.replace("name: Sam", "name: Sam de Vries").replace(
        "sam@example.org", "sam@venlo.example.org")


def test_a_decision_against_a_moved_project_is_a_conflict() -> None:
    stopped = BASE.replace("status: lopend", "status: gestopt\nstop_reason: Geen geld") \
        + _entry("2026-02-01", "Anna", "stoppen")
    repeated = BASE + _entry("2026-03-01", "Mo")
    merged = merge_texts(BASE, repeated, stopped)
    [c] = merged.conflicts
    assert c.field == "history" and "phase or status" in c.reason
    upstream = merge_texts(BASE, repeated, stopped, prefer=lambda f: "upstream")
    assert upstream.text == stopped


def test_deleted_on_one_side_changed_on_the_other() -> None:
    merged = merge_texts(BASE, None, BASE.replace("Een app.", "Hun app."))
    assert [c.reason for c in merged.conflicts] == ["deleted here, changed upstream"]
    merged = merge_texts(BASE, BASE.replace("Een app.", "Mijn app."), None)
    assert [c.reason for c in merged.conflicts] == ["changed here, deleted upstream"]
    assert merge_texts(BASE, None, BASE).text is None  # deleted, unchanged upstream


def test_added_on_both_sides() -> None:
    same = merge_texts(None, BASE, BASE)
    assert same.text == BASE
    merged = merge_texts(None, BASE, BASE.replace("Een app.", "Hun app."))
    assert [c.field for c in merged.conflicts] == ["summary"]


def test_a_side_that_is_not_valid_yaml_is_never_merged() -> None:
    marked = BASE.replace("summary: Een app.", "<<<<<<< HEAD\nsummary: A\n=======\n"
                          "summary: B\n>>>>>>> x")
    assert merge_texts(BASE, marked, BASE.replace("Een app.", "X.")).unparseable == "mine"
    broken = BASE.replace("summary: Een app.", "summary: [unclosed")
    assert merge_texts(BASE, BASE.replace("Een app.", "X."), broken).unparseable == "theirs"
    assert merge_texts(broken, BASE.replace("Een app.", "X."), BASE.replace(
        "Een app.", "Y.")).unparseable == "base"


# Text-only changes (comments, blank lines, key order) of either side survive a merge
# with the other side's values.

def test_a_comment_added_upstream_survives_my_change_of_another_field() -> None:
    theirs = BASE.replace("phase: idee", "# besproken in het overleg van maart\nphase: idee")
    mine = BASE.replace("summary: Een app.", "summary: Een app voor scholen.")
    merged = merge_texts(BASE, mine, theirs)
    assert merged.text == theirs.replace("summary: Een app.", "summary: Een app voor scholen.")
    # the other way round too
    assert merge_texts(BASE, theirs, mine).text == merged.text


def test_keys_reordered_upstream_keep_their_order_with_my_value_next_to_them() -> None:
    theirs = BASE.replace("title: Leesleen-app  # short title\nsummary: Een app.\n",
                          "summary: Een app.\ntitle: Leesleen-app  # short title\n")
    mine = BASE.replace("title: Leesleen-app  #", "title: Leesleen-app po #")  # as bieb writes
    merged = merge_texts(BASE, mine, theirs)
    assert merged.text == theirs.replace("title: Leesleen-app  #", "title: Leesleen-app po #")
    hand = BASE.replace("title: Leesleen-app  #", "title: Leesleen-app po  #")  # by hand
    assert merge_texts(BASE, hand, theirs).text == merged.text  # spacing gives way


def test_a_comment_changed_upstream_on_the_field_i_change_keeps_both() -> None:
    """The line both changed: my value, their comment (the data decides, the text of
    the side that changed only text is kept)."""
    theirs = BASE.replace("# short title", "# de korte titel")
    mine = BASE.replace("title: Leesleen-app  #", "title: Leesleen-app po #")
    merged = merge_texts(BASE, mine, theirs)
    assert merged.text == BASE.replace("title: Leesleen-app  # short title",
                                       "title: Leesleen-app po # de korte titel")


def test_both_sides_add_different_comments() -> None:
    theirs = BASE.replace("phase: idee", "phase: idee  # hun opmerking")
    mine = BASE.replace("themes:", "# mijn opmerking\nthemes:").replace("Een app.", "App.")
    merged = merge_texts(BASE, mine, theirs)  # the summary is next to their comment
    assert merged.text == mine.replace("phase: idee", "phase: idee  # hun opmerking")
    assert merge_texts(BASE, theirs, mine).text == merged.text


def test_both_sides_change_the_text_of_the_same_lines_is_a_conflict() -> None:
    theirs = BASE.replace("# short title", "# hun titel").replace(
        "# Example project", "# Hun voorbeeld")
    mine = BASE.replace("# short title", "# mijn titel").replace("Een app.", "Mijn app.")
    merged = merge_texts(BASE, mine, theirs)
    [c] = merged.conflicts
    assert (c.field, c.reason) == ("(the whole record)", "the comments or layout of the file "
                                   "changed on both sides, in the same lines")
    kept = merge_texts(BASE, mine, theirs, prefer=lambda f: "mine")
    assert kept.text == mine  # my text, and their values (none changed)
    taken = merge_texts(BASE, mine, theirs, prefer=lambda f: "upstream")
    assert taken.text == theirs.replace("Een app.", "Mijn app.")  # their text, my value


def test_history_on_both_sides_with_a_comment_upstream() -> None:
    theirs = BASE.replace("# Example", "# Bijgewerkt: Example") + _entry("2026-02-01", "Anna")
    mine = BASE + _entry("2026-03-01", "Mo")
    merged = merge_texts(BASE, mine, theirs)
    assert merged.text == theirs + _entry("2026-03-01", "Mo")
