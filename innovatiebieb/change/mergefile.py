"""The merge driver git runs for record files: fieldmerge on three files, in place.

Git hands the driver three temporary files and reads its exit code. A clean
field-by-field merge is written over "ours"; otherwise git's own line merge
runs instead (the usual conflict markers), with a message saying why and how
to settle it, so nothing is ever lost and no unparseable merge is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from innovatiebieb.change.fieldmerge import merge_texts
from innovatiebieb.store.gitstore import line_merge
from innovatiebieb.store.yamlio import read_exact, write_atomic


@dataclass
class MergeFileOutcome:
    conflicts: bool
    said: list[str] = field(default_factory=list)


def _text(path: Path) -> str | None:
    try:
        text = read_exact(path)
    except (OSError, UnicodeDecodeError):
        return None
    return text or None  # git passes an empty base for a file added on both sides


def merge_file(base: Path, mine: Path, theirs: Path, name: str) -> MergeFileOutcome:
    """Merge `theirs` into `mine` (in place) against `base`."""
    shown = name or mine.name
    texts = [_text(p) for p in (base, mine, theirs)]
    both = texts[1] is not None and texts[2] is not None
    merged = merge_texts(texts[0], texts[1], texts[2]) if both else None
    if merged is not None and merged.clean and merged.text is not None:
        if merged.text != texts[1]:
            write_atomic(mine, merged.text)
        return MergeFileOutcome(False)
    record = Path(shown).stem
    if merged is None or merged.unparseable:
        side = merged.unparseable if merged and merged.unparseable else "one side's"
        why = [f"bieb: {shown}: the {side} version is not valid YAML, so it cannot be merged "
               "field by field; falling back to git's own line merge"]
    else:
        why = [f"bieb: {shown}: field {c.field} differs on both sides ({c.reason})"
               for c in merged.conflicts]
        top = merged.conflicts[0].top
        target = f"{record}:{top}" if top else record
        why.append(f"bieb: falling back to git's own line merge. To settle it field by field: "
                   f"git merge --abort (or git rebase --abort), then bieb sync --prefer "
                   f"upstream|mine {target}")
    clean = line_merge(mine, base, theirs, shown)
    return MergeFileOutcome(not clean, why)
