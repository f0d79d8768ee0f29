"""What bieb reads YAML scalars as, shared by the exact reader (yamlio, on
ruamel's C parser) and the fast one (fastyaml, on rapidyaml).

Scalars are resolved by the YAML 1.2 core schema, as editors and JSON Schema
validators read them: so ``2021-05-01`` is text (the models read dates from
text), never a date object. Plain scalars that YAML readers disagree on
(``0123``, ``0o17``, ``0x1F``, ``.inf``, ``.nan``) are findings: quoted, they
are text.
"""

from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 32

Position = tuple[int, int]
Path_ = tuple[Any, ...]
Where = dict[Path_, tuple[Position, Position]]

NULLS = frozenset(("", "~", "null", "Null", "NULL"))
BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
         "FALSE": False}
_INT_TEXT = r"[-+]?(?:0|[1-9][0-9]*)"
_FLOAT_TEXT = r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)"
# Numbers in some YAML reader (1.1 octal, 1.2 core 0o/0x/.inf/.nan), text to bieb.
_AMBIGUOUS_TEXT = (r"[-+]?0[0-9_]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)"
                   r"|\.(?:nan|NaN|NAN)")
_INT = re.compile(_INT_TEXT + r"\Z")
_FLOAT = re.compile(_FLOAT_TEXT + r"\Z")
AMBIGUOUS = re.compile(f"(?:{_AMBIGUOUS_TEXT})\\Z")

# Every text a plain scalar is not read as text for, or is a finding for: a
# pattern to find such a value among strings (see fastyaml).
TYPED_TEXT = "|".join([*(re.escape(w) for w in sorted(NULLS | set(BOOLS))),
                       _INT_TEXT, _FLOAT_TEXT, _AMBIGUOUS_TEXT])

_MAYBE_TYPED = frozenset("-+.0123456789~nNtTfF")


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar by the YAML 1.2 core schema, narrowed (see module doc)."""
    if value and value[0] not in _MAYBE_TYPED:
        return value  # the common case: words
    if value in NULLS:
        return None
    if value in BOOLS:
        return BOOLS[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value
