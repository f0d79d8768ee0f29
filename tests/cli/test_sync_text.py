"""`bieb sync` keeps the text of a record that either side changed without changing its
values (a comment, the order of keys) while the other side changed a field.
A bare repository as the shared remote, two clones, the real git CLI."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import git, repo_state, run_bieb
from tests.network import make_network

P = "registry/projects/leesleen-app-po.yaml"
THEMES = "themes: [doorgaande-leeslijn]\nopgaven: [geletterde-samenleving]\n"


def bieb(clone: Path, *args: str) -> str:
    result = run_bieb(*args, cwd=clone)
    assert result.returncode == 0, result.stderr
    return result.stderr


def _edit(clone: Path, old: str, new: str) -> str:
    text = (clone / P).read_text(encoding="utf-8")
    assert old in text
    (clone / P).write_text(text.replace(old, new), encoding="utf-8")
    return text.replace(old, new)


def test_comments_and_key_order_changed_upstream_survive_my_field_changes(
        tmp_path: Path) -> None:
    net = make_network(tmp_path, changes="direct")
    a, b = net.clones["a"], net.clones["b"]
    # upstream, by hand: a comment rewritten, one added, two keys swapped
    _edit(a, "# Example innovation of", "# Voorbeeld uit")
    _edit(a, "status: lopend\n", "status: lopend  # besproken op 12 maart\n")
    by_hand = _edit(a, THEMES, "opgaven: [geletterde-samenleving]\nthemes: [doorgaande-leeslijn]\n")
    git(a, "commit", "--quiet", "-am", "leesleen-app-po: opmerkingen")
    bieb(a, "sync")
    # mine: two fields, one on the line right after the swapped keys
    bieb(b, "project", "set", "leesleen-app-po", "title=Leesleen-app po",
         "fieldlab=kwaliteit-en-kennis")
    bieb(b, "sync")
    expected = by_hand.replace("title: Leesleen-app voor het primair onderwijs\n",
                               "title: Leesleen-app po\n").replace(
        "fieldlab: geletterde-samenleving\n", "fieldlab: kwaliteit-en-kennis\n")
    assert net.remote_file(P) == expected
    assert (b / P).read_text(encoding="utf-8") == expected

    # both change the same comment, and I a field: only a person can say which text
    bieb(a, "sync")
    _edit(a, "# besproken op 12 maart", "# besproken op 19 maart")
    git(a, "commit", "--quiet", "-am", "leesleen-app-po: datum")
    bieb(a, "sync")
    _edit(b, "# besproken op 12 maart", "# besproken in april")
    git(b, "commit", "--quiet", "-am", "leesleen-app-po: april")
    bieb(b, "project", "set", "leesleen-app-po", "year=2022")
    before = repo_state(b)
    result = run_bieb("sync", cwd=b)
    assert result.returncode == 4
    assert (f"conflict: {P} (record leesleen-app-po), field (the whole record): the comments "
            "or layout of the file changed on both sides, in the same lines") in result.stderr
    assert "bieb sync --prefer mine leesleen-app-po (keep yours)" in result.stderr
    assert repo_state(b) == before
    bieb(b, "sync", "--prefer", "upstream", "leesleen-app-po")  # their comment, my year
    text = net.remote_file(P)
    assert "status: lopend  # besproken op 19 maart\n" in text and "year: 2022\n" in text
