"""Two builds' Pagefind files, compared for what they hold.

Pagefind 1.5 writes most of its index byte for byte the same from the same pages
(its fragments are stable since 1.3), but not its filter files: it writes the
values of a filter in hash-map order, which changes from run to run (Pagefind
issue #638, "Other files will still change, such as the filter/metadata
indexes"). Their bytes differ, so their names (a hash of the bytes) differ, and so
do the meta file and the entry file that name them. These helpers decode those
files (gzip, then CBOR) so a test can still hold that both builds index the same
pages under the same filters.
"""

from __future__ import annotations

import gzip
import re
from typing import Any

# The files whose bytes depend on the order Pagefind happened to write filters in.
UNSTABLE = re.compile(r"pagefind/(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta"
                      r"|pagefind-entry\.json)")
_HASH = re.compile(rb"[a-z]+_[0-9a-f]{7,10}")
_MAGIC = b"pagefind_dcd"


def _cbor(data: bytes, at: int = 0) -> tuple[Any, int]:
    """One CBOR item (the kinds Pagefind writes: numbers, text, bytes, lists, maps)."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        n = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        n, at = int.from_bytes(data[at:at + size], "big"), at + size
    if major == 0:
        return n, at
    if major in (2, 3):
        raw = data[at:at + n]
        return (raw.decode() if major == 3 else raw), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = {}
        for _ in range(n):
            key, at = _cbor(data, at)
            pairs[key], at = _cbor(data, at)
        return pairs, at
    raise ValueError(f"CBOR major type {major} at byte {at}")


def decoded(data: bytes) -> Any:
    raw = gzip.decompress(data)
    assert raw.startswith(_MAGIC), raw[:20]
    item, end = _cbor(raw, len(_MAGIC))
    assert end == len(raw)
    return item


def filters(files: dict[str, bytes]) -> dict[str, dict[str, list[int]]]:
    """Each filter's values and the numbers of the pages holding them."""
    found = {}
    for name, data in files.items():
        if name.endswith(".pf_filter"):
            filter_name, values = decoded(data)
            found[filter_name] = {value: pages for value, pages in values}
    return found


def without_filter_names(files: dict[str, bytes]) -> bytes:
    """The meta file's contents with every hash name blanked: what is left is the
    same from the same pages (the index chunks' names are stable, blanked alike)."""
    meta = next(data for name, data in files.items() if name.endswith(".pf_meta"))
    return _HASH.sub(b"#", gzip.decompress(meta))


def assert_same_site(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    """Two builds' files (path -> bytes, the manifest left out) are the same site:
    byte for byte, but for the files Pagefind writes in an order of its own, which
    hold the same filters and name the same index."""
    unstable = [{n: d for n, d in files.items() if UNSTABLE.fullmatch(n)}
                for files in (first, second)]
    stable = [{n: d for n, d in files.items() if n not in shaky}
              for files, shaky in zip((first, second), unstable, strict=True)]
    assert stable[0] == stable[1]
    assert len(unstable[0]) == len(unstable[1])
    assert filters(unstable[0]) == filters(unstable[1])
    assert without_filter_names(unstable[0]) == without_filter_names(unstable[1])
