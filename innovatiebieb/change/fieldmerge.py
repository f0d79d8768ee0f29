"""The three-way merge of one record file, field by field, on round-trip YAML trees.

Git merges lines; a record is a tree of fields. Two moderators who change
different fields of one project, or both append a history entry, have made
changes that fit together, even when git sees touching lines. The merge
starts from "mine" (so its comments and formatting survive, ruamel round
trip) and brings in every field "theirs" changed since the base:

- a field changed on one side only takes that side's value;
- both sides' mappings are merged key by key;
- a list both sides only appended to keeps every new item once, history in
  date order; a list of ids (themes, participants) merges as a set;
- anything else changed on both sides differently is a FieldConflict.

Decisions are the one place where two fitting changes can still be wrong
together: new history entries on both sides while either side moved the
project (its phase or status) is a conflict too, since the order of the
decisions matters and only a person can say which still holds.
A side that does not parse is never merged: the caller falls back to git.

The text of neither side is lost: a comment, a blank line, quoting or key
order changed on one side (by hand, upstream) while the other changed a
field. The merged data decides; the text comes from git's line merge when
that is clean and reads as that data, else from the side whose text changed
beyond its data (the other side's values set in it). When both sides changed
their text in the same lines, that is a conflict too ("the comments or
layout"), settled by preferring one side's text for the record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from innovatiebieb.store.gitstore import merge_lines
from innovatiebieb.store.yamlio import EditableDocument, parse_text, set_key, to_plain

UPSTREAM, MINE = "upstream", "mine"
# The fields one decision writes together; preferring a side for one takes them all.
DECISION_FIELDS = ("phase", "status", "history", "stop_reason", "lessons")
_MISSING: Any = object()
_SPACES = re.compile(r"[ \t]+")

Loc = tuple[str | int, ...]
# The side to take for a conflicting top-level field ("upstream", "mine"), or None.
Prefer = Callable[[str], str | None]


def _no_preference(_field: str) -> str | None:
    return None


@dataclass(frozen=True)
class FieldConflict:
    """One field both sides changed to different values (plain data; absent is None)."""

    loc: Loc
    base: Any
    mine: Any
    theirs: Any
    reason: str = "changed on both sides"

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.loc) or "(the whole record)"

    @property
    def top(self) -> str:
        return str(self.loc[0]) if self.loc else ""


@dataclass
class TextMerge:
    """The merged text (None: the file is deleted), or why there is none."""

    text: str | None
    conflicts: list[FieldConflict] = field(default_factory=list)
    unparseable: str | None = None  # the side that is not valid YAML: base, mine or theirs

    @property
    def clean(self) -> bool:
        return not self.conflicts and self.unparseable is None


def merge_texts(base: str | None, mine: str | None, theirs: str | None,
                prefer: Prefer = _no_preference) -> TextMerge:
    """Merge one record file's three versions (None: the file is absent on that side)."""
    if mine == theirs:
        return TextMerge(mine)
    if base == theirs:
        return TextMerge(mine)
    if base == mine:
        return TextMerge(theirs)
    if mine is None or theirs is None:
        return _deleted_and_changed(base, mine, theirs, prefer)
    for side, text in (("base", base), ("mine", mine), ("theirs", theirs)):
        if text is not None and not parse_text(text).ok:
            return TextMerge(None, unparseable=side)
    result = EditableDocument(mine)
    base_data = EditableDocument(base).data if base else {}
    theirs_data = EditableDocument(theirs).data
    conflicts: list[FieldConflict] = []
    if not all(isinstance(d, dict) for d in (base_data, result.data, theirs_data)):
        return TextMerge(None, [FieldConflict((), *_plain(base_data, result.data,
                                                          theirs_data))])
    handled = _merge_decisions(base_data, result.data, theirs_data, prefer, conflicts)
    _merge_mapping(base_data, result.data, theirs_data, (), prefer, conflicts, handled)
    if conflicts:
        return TextMerge(None, conflicts)
    text = result.dump() if base is None else _keep_text(base, mine, theirs, result, prefer)
    if text is None:
        return TextMerge(None, [FieldConflict(
            (), "(as it was)", "(changed)", "(changed)",
            "the comments or layout of the file changed on both sides, in the same lines")])
    if not parse_text(text).ok:  # never hand back a file that cannot be read again
        return TextMerge(None, unparseable="result")
    return TextMerge(text)


def _keep_text(base: str, mine: str, theirs: str, merged: EditableDocument,
               prefer: Prefer) -> str | None:
    """The merged data (`merged`, built on mine's text) in a text that keeps both sides'
    own text changes; None when both changed their text in the same lines."""
    mine_text = merged.dump()
    data = parse_text(mine_text).data  # as the checks read it (a date is text, as written)
    text = _clean_merge(base, mine, theirs, data)
    if text is not None:
        return text  # git kept every line both sides changed, and it reads as the merge
    # The same three texts with the merged values set in each: now they differ only
    # where a side changed its text, so values changed next to the other side's
    # comment no longer touch it.
    on_base, on_theirs = EditableDocument(base), EditableDocument(theirs)
    _converge(on_base.data, merged.data)
    _converge(on_theirs.data, merged.data)
    theirs_text = on_theirs.dump()
    text = _clean_merge(on_base.dump(), mine_text, theirs_text, data)
    if text is not None:
        return text
    # Still touching lines (the value mine changed on the line of their comment):
    # the side that changed nothing but values and spacing gives way to the other.
    if not _text_changed(base, theirs):
        return mine_text
    if not _text_changed(base, mine) and parse_text(theirs_text).data == data:
        return theirs_text
    chosen = prefer("")
    if chosen == MINE:
        return mine_text
    if chosen == UPSTREAM and parse_text(theirs_text).data == data:
        return theirs_text
    return None


def _clean_merge(base: str, mine: str, theirs: str, data: Any) -> str | None:
    """git's line merge of three texts, if it is clean and reads as `data`."""
    merged = merge_lines(*(t.encode("utf-8", "surrogateescape") for t in (base, mine, theirs)))
    if merged is None:
        return None
    text = merged.decode("utf-8", "surrogateescape")
    parsed = parse_text(text)
    return text if parsed.ok and parsed.data == data else None


def _text_changed(base: str, side: str) -> bool:
    """Whether `side` changed more than values and spacing: a comment, a blank line,
    quoting, the order of keys (its values set in the base's text do not give it)."""
    doc, on_base = EditableDocument(side), EditableDocument(base)
    _converge(on_base.data, doc.data)
    return _SPACES.sub(" ", on_base.dump()) != _SPACES.sub(" ", doc.dump())


def _converge(node: Any, target: Any) -> None:
    """Make the round-trip `node` hold the data of `target`, changing only what differs:
    wherever its data is already right, node keeps its own text (comments, order)."""
    if isinstance(node, dict):
        for key in [k for k in node if k not in target]:
            del node[key]
        order = [str(k) for k in target]
        for key, value in target.items():
            if key not in node:
                set_key(node, str(key), value, order)
            elif to_plain(node[key]) != to_plain(value):
                _converge_item(node, key, value)
    else:
        for i in range(min(len(node), len(target))):
            if to_plain(node[i]) != to_plain(target[i]):
                _converge_item(node, i, target[i])
        del node[len(target):]
        node.extend(target[len(node):])


def _converge_item(node: Any, key: Any, value: Any) -> None:
    current = node[key]
    if (isinstance(current, dict) and isinstance(value, dict)) or (
            isinstance(current, list) and isinstance(value, list)):
        _converge(current, value)
    else:
        node[key] = value  # a value of its own: its comment on the key's line stays


def _deleted_and_changed(base: str | None, mine: str | None, theirs: str | None,
                         prefer: Prefer) -> TextMerge:
    chosen = prefer("")
    if chosen == MINE:
        return TextMerge(mine)
    if chosen == UPSTREAM:
        return TextMerge(theirs)
    reason = ("deleted here, changed upstream" if mine is None
              else "changed here, deleted upstream")
    return TextMerge(None, [FieldConflict((), "(present)", "(deleted)" if mine is None
                                          else "(changed)", "(deleted)" if theirs is None
                                          else "(changed)", reason)])


def _plain(*values: Any) -> tuple[Any, ...]:
    """Plain data of round-trip values (absent: None)."""
    return tuple(None if v is _MISSING else to_plain(v) for v in values)


def _new_entries(base: Sequence[Any], side: Sequence[Any], other: Sequence[Any]) -> list[Any]:
    """Plain entries `side` appended after `base` that `other` did not append too."""
    theirs = [to_plain(e) for e in other[len(base):]]
    return [p for p in (to_plain(e) for e in side[len(base):]) if p not in theirs]


def _merge_decisions(base: Any, mine: Any, theirs: Any, prefer: Prefer,
                     conflicts: list[FieldConflict]) -> set[str]:
    """Decisions on both sides: a conflict, or settled by a preference. Returns the
    fields settled here (the generic merge leaves them alone)."""
    b, m, t = (d.get("history") or [] for d in (base, mine, theirs))
    if not (isinstance(b, list) and isinstance(m, list) and isinstance(t, list)):
        return set()
    appended = [to_plain(e) for e in b] == [to_plain(e) for e in m[:len(b)]] == \
        [to_plain(e) for e in t[:len(b)]]
    if not (appended and _new_entries(b, m, t) and _new_entries(b, t, m)):
        return set()
    moved = [f for f in ("phase", "status") for side in (mine, theirs)
             if to_plain(side.get(f)) != to_plain(base.get(f))]
    if not moved:
        return set()  # notes and repeats on both sides: all kept, by the list merge
    chosen = next((c for f in DECISION_FIELDS if (c := prefer(f))), None)
    if chosen is None:
        pb, pm, pt = _plain(b, m, t)
        conflicts.append(FieldConflict(
            ("history",), pb, pm, pt,
            reason="a decision on both sides while the project's phase or status changed"))
        return set(DECISION_FIELDS)
    settled = set(DECISION_FIELDS) - {"history"}
    for name in settled:
        source = theirs if chosen == UPSTREAM else mine
        if name in source:
            set_key(mine, name, source[name], list(source))
        elif name in mine:
            del mine[name]
    if chosen == UPSTREAM:
        set_key(mine, "history", t, list(theirs))
        settled.add("history")
    return settled  # with "mine", the history lists merge: theirs' entries are kept


def _merge_mapping(base: Any, mine: Any, theirs: Any, loc: Loc, prefer: Prefer,
                   conflicts: list[FieldConflict], skip: set[str] | None = None) -> None:
    order = list(theirs)
    for key in [*mine, *(k for k in theirs if k not in mine)]:
        if skip and key in skip:
            continue
        b, m, t = (d.get(key, _MISSING) for d in (base, mine, theirs))
        pb, pm, pt = _plain(b, m, t)
        if pm == pt and (m is _MISSING) == (t is _MISSING):
            continue
        if pb == pt and (b is _MISSING) == (t is _MISSING):
            continue  # only mine changed it
        if pb == pm and (b is _MISSING) == (m is _MISSING):
            _take(mine, key, t, order)
            continue
        here = (*loc, key)
        if isinstance(m, dict) and isinstance(t, dict) and (b is _MISSING or isinstance(b, dict)):
            _merge_mapping(b if isinstance(b, dict) else {}, m, t, here, prefer, conflicts)
        elif (isinstance(m, list) and isinstance(t, list) and (b is _MISSING or isinstance(b, list))
              and _merge_list(b if isinstance(b, list) else [], m, t)):
            continue
        else:
            chosen = prefer(str(here[0]))
            if chosen == UPSTREAM:
                _take(mine, key, t, order)
            elif chosen is None:
                conflicts.append(FieldConflict(here, pb, pm, pt))


def _take(mine: Any, key: str | int, value: Any, order: list[Any]) -> None:
    if value is _MISSING:
        del mine[key]
    else:
        set_key(mine, str(key), value, [str(k) for k in order])


def _merge_list(base: list[Any], mine: list[Any], theirs: list[Any]) -> bool:
    """Merge `theirs` into `mine` in place; False when the two do not fit together."""
    pb, pm, pt = ([to_plain(v) for v in seq] for seq in (base, mine, theirs))
    if all(isinstance(v, str | int) for v in (*pb, *pm, *pt)):  # a set of ids or words
        removed = [v for v in pb if v not in pm or v not in pt]
        kept = [v for v, p in zip(mine, pm, strict=True) if p not in removed]
        added = [v for v, p in zip(theirs, pt, strict=True) if p not in pm and p not in pb]
        del mine[:]
        mine.extend([*kept, *added])
        return True
    n = len(pb)
    if pm[:n] != pb or pt[:n] != pb:
        return False  # an item was changed or removed: only a person can say which holds
    new_mine = [v for v, p in zip(mine[n:], pm[n:], strict=True) if p not in pt[n:]]
    # theirs first: on the same day, what the other side published already stays ahead
    tail = [*theirs[n:], *new_mine]
    if all(isinstance(v, dict) and "date" in v for v in tail):
        tail.sort(key=lambda v: str(v["date"]))  # stable: same-day entries keep their order
    del mine[n:]
    mine.extend(tail)
    return True
