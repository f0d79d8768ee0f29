"""What a cold validate reads of each file before the models are imported.

While one core imports pydantic and the models (0.2 s of a cold run), a child
on the other core does `prepared` for the files (bulkread.ReadAhead); the
workers then finish those files with the models only (validate._check_file).
Nothing here may import the models.
"""

from __future__ import annotations

from innovatiebieb.store.cache import Key, file_key
from innovatiebieb.store.yamlio import read_ahead_of_parse

Prepared = tuple[Key | None, str | None, str | None]  # key, text, fastyaml.emit of it


def prepared(path: str) -> Prepared:
    """A file's cache key (taken before it is read), its text and rapidyaml's JSON of
    it (yamlio.read_ahead_of_parse: None, None where read_document must read it)."""
    key = file_key(path)
    return (key, *read_ahead_of_parse(path))
