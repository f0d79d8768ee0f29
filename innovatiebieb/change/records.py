"""Find, create and change single records: ids, paths, FIELD=VALUE edits."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from innovatiebieb.change.modelines import modeline
from innovatiebieb.model.errors import UsageError, closest
from innovatiebieb.model.models import KINDS, SLUG_MAX, SLUG_PATTERN, Record
from innovatiebieb.store.fieldsfile import read_fields_file
from innovatiebieb.store.loader import record_from_document
from innovatiebieb.store.location import display, linked_folder, record_ids
from innovatiebieb.store.yamlio import (
    EditableDocument,
    new_document,
    parse_text,
    parse_value,
    read_document,
    read_exact,
    set_key,
)

_SLUG = re.compile(SLUG_PATTERN)

# Fields changed only through a decision command, so history stays truthful.
DECISION_FIELDS = {"id": "an id is never changed; add a new record instead",
                   "phase": "use 'bieb project advance'",
                   "status": "use 'bieb project stop', 'shelve' or 'resume'",
                   "history": "history is written by the decision commands only",
                   "triage": "use 'bieb project triage'"}


class BadId(UsageError):
    """The id asked for cannot be a new record's: not a valid id, or taken already."""


@dataclass
class Loaded:
    """One record as read for a change: its text, an editable tree and the model."""

    kind: str
    path: Path
    text: str
    doc: EditableDocument
    record: Record


def field_order(kind: str) -> list[str]:
    return [f.alias or name for name, f in KINDS[kind].model_fields.items()]


def record_path(root: Path, kind: str, record_id: str) -> Path:
    """The file of a record. The id is checked before any path is built from it."""
    if not _SLUG.match(record_id) or len(record_id) > SLUG_MAX:
        raise BadId(f"'{record_id}' is not a valid id",
                         "Ids are lowercase letters, digits and single hyphens.")
    if linked_folder(root, kind):
        raise UsageError(f"{display(root / kind)} is a symbolic link; bieb does not read or "
                         "write through it", "Replace the link by a real folder inside the "
                         "registry.")
    return root / kind / f"{record_id}.yaml"


def known_ids(root: Path, kind: str) -> list[str]:
    return record_ids(root, kind)


def load_for_change(root: Path, kind: str, record_id: str) -> Loaded:
    """Read one record to change it; it must exist and be valid now."""
    path = record_path(root, kind, record_id)
    if not path.is_file() or path.is_symlink():
        raise UsageError(f"no {kind.rstrip('s')} with id '{record_id}'", closest(
            record_id, known_ids(root, kind), f"List them with: ls {display(root / kind)}"))
    # The file's own rules first (encoding, control characters...), then its schema.
    record, problems = record_from_document(read_document(path), path, display(path),
                                            KINDS[kind])
    if record is None:
        first = problems[0]
        raise UsageError(f"{display(path)} is not valid now ({first.line}:{first.col}: "
                         f"{first.message})", first.hint or "Fix it first: bieb validate "
                         "shows every problem.")
    text = read_exact(path)
    return Loaded(kind, path, text, EditableDocument(text), record)


def parse_assignment(pair: str) -> tuple[list[str], Any]:
    """FIELD=VALUE, where VALUE is read as YAML (lists, numbers, dates, true/false) when
    YAML reads all of it, else taken as text exactly as given (see parse_value)."""
    field, sep, raw = pair.partition("=")
    if not sep or not field:
        raise UsageError(f"'{pair}' is not FIELD=VALUE", "Example: title='Leesapp voor de PO'")
    return field.split("."), parse_value(raw)


def set_fields(loaded: Loaded, pairs: list[str], *, allow: frozenset[str] = frozenset()) -> None:
    """Apply FIELD=VALUE pairs (FIELD may be dotted: contact.email); an empty VALUE removes."""
    for pair in pairs:
        path, value = parse_assignment(pair)
        if path[0] in DECISION_FIELDS and path[0] not in allow and loaded.kind == "projects":
            raise UsageError(f"'{path[0]}' cannot be set directly", DECISION_FIELDS[path[0]])
        if path[0] == "id" and "id" not in allow:
            raise UsageError("an id is never changed", DECISION_FIELDS["id"])
        mapping = loaded.doc.data
        for step in path[:-1]:
            if not isinstance(mapping.get(step), dict):
                set_key(mapping, step, {}, field_order(loaded.kind))
            mapping = mapping[step]
        if value is None:
            mapping.pop(path[-1], None)
        else:
            order = field_order(loaded.kind) if len(path) == 1 else []
            set_key(mapping, path[-1], value, order)


def dump_checked(loaded: Loaded, pairs: list[str]) -> str:
    """The record's new text after `set_fields`, read back: each VALUE must come out
    exactly as it went in, or nothing is written."""
    text = loaded.doc.dump()
    doc = parse_text(text)
    if not doc.ok:
        return text  # refused with its problem (file, line, column) when checked
    wanted = {tuple(path): value for path, value in map(parse_assignment, pairs)}
    for path, value in wanted.items():
        found: Any = doc.data
        for step in path:
            found = found.get(step) if isinstance(found, dict) else None
        if found != value:
            raise UsageError(f"the value of {'.'.join(path)} would not be stored exactly as "
                             f"given (it would read back as {found!r}); nothing was written",
                             "Write the value in quotes, or change it with 'edit'.")
    return text


def slugify(title: str) -> str:
    """An ASCII id from a title: 'Leesleen-app voor het PO!' -> 'leesleen-app-voor-het-po'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX - 4:  # room for a "-2" suffix
        slug = slug[: SLUG_MAX - 4].rsplit("-", 1)[0]
    return slug or "idee"


def unique_id(root: Path, kind: str, base: str) -> str:
    taken = set(known_ids(root, kind))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def schema_comment(root: Path, kind: str) -> str | None:
    """The yaml-language-server line that points an editor at the kind's JSON Schema."""
    return modeline(root, kind)


def new_record_text(kind: str, fields: dict[str, Any], header: str | None = None) -> str:
    """The text of a new record file, its keys in the model's order."""
    doc = new_document(header)
    order = field_order(kind)
    for key in sorted(fields, key=lambda k: order.index(k) if k in order else len(order)):
        set_key(doc.data, key, fields[key], order)
    return doc.dump()


SCORE_NAMES = ("haalbaarheid", "vernieuwend", "schaalbaarheid", "complexiteit")


def parse_scores(pairs: list[str]) -> dict[str, int]:
    """NAME=N pairs for a triage; names and range are checked again by the schema."""
    scores: dict[str, int] = {}
    for pair in pairs:
        name, _, raw = pair.partition("=")
        if name not in SCORE_NAMES or not raw.isdigit():
            raise UsageError(f"'{pair}' is not a score",
                             f"Write NAME=1..5 with NAME one of {', '.join(SCORE_NAMES)}.")
        scores[name] = int(raw)
    return scores


def assign(fields: dict[str, Any], pairs: list[str]) -> dict[str, Any]:
    """FIELD=VALUE pairs applied to a plain dict of fields (for new records)."""
    for pair in pairs:
        path, value = parse_assignment(pair)
        target = fields
        for step in path[:-1]:
            target = target.setdefault(step, {})
        if value is None:
            target.pop(path[-1], None)
        else:
            target[path[-1]] = value
    return fields


def new_record_fields(root: Path, kind: str, record_id: str, pairs: list[str],
                      from_file: Path | None) -> dict[str, Any]:
    """The fields of a new record from a file and/or FIELD=VALUE pairs, its id checked."""
    path = record_path(root, kind, record_id)
    if path.exists():
        raise UsageError(f"{display(path)} exists already",
                         "Pick another id, or change it with 'set' or 'edit'.")
    fields = assign(read_fields_file(from_file) if from_file else {}, pairs)
    if fields.setdefault("id", record_id) != record_id:
        raise UsageError(f"the fields say id '{fields['id']}' but the command says "
                         f"'{record_id}'", "Make them the same, or leave id out of the file.")
    return fields

