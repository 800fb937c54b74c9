"""Proving cheaply that an ingest adds no GLOBALEVENTID twice.

GDELT numbers its events in sequence, so the new rows of one file cover a narrow range of
GLOBALEVENTIDs and the files of different days and of the store do not overlap. When every
new file's ids are distinct and no two ranges (new against new, new against stored) meet,
nothing can repeat and the exact search for duplicates is not needed. Otherwise (or when a
stored file has no statistics) the ingest falls back to the exact search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

#: A file's ids are marked in an array over their span when the span is at most this many
#: times their number (one pass); sparser ids are sorted instead.
_DENSE = 4


@dataclass(frozen=True)
class IdRange:
    """The lowest and highest id of a set of rows, and whether its ids are all distinct."""

    low: int
    high: int
    distinct: bool


def summarize(chunks: list[np.ndarray]) -> IdRange | None:
    """The range of the ids in ``chunks`` (None when there are none).

    >>> summarize([np.array([5, 7]), np.array([6])])
    IdRange(low=5, high=7, distinct=True)
    >>> summarize([np.array([5, 7]), np.array([7])]).distinct
    False
    """
    chunks = [c for c in chunks if len(c)]
    if not chunks:
        return None
    low, high = min(int(c.min()) for c in chunks), max(int(c.max()) for c in chunks)
    count = sum(len(c) for c in chunks)
    if high - low < _DENSE * count + 1024:
        return IdRange(low, high, _marked(chunks, low, high) == count)
    return IdRange(low, high, len(np.unique(np.concatenate(chunks))) == count)


def _marked(chunks: list[np.ndarray], low: int, high: int) -> int:
    """How many distinct ids the chunks hold, marked in a boolean array over ``low..high``
    chunk by chunk through one small buffer (no copy of all the ids: 15 ms for 5 million,
    where concatenating them first took 0.2 s)."""
    seen = np.zeros(high - low + 1, dtype=bool)
    buffer = np.empty(max(len(c) for c in chunks), dtype=np.int64)
    for chunk in chunks:
        offsets = buffer[: len(chunk)]
        np.subtract(chunk, low, out=offsets)
        seen[offsets] = True
    return int(np.count_nonzero(seen))


def stored_ranges(files: Iterable[Path], column: str = "GLOBALEVENTID") -> list[tuple[int, int]] | None:
    """The id ranges of the row groups of stored Parquet files, from their statistics;
    None when a file lacks them (then nothing can be proved)."""
    ranges = []
    for path in files:
        meta = pq.ParquetFile(path).metadata
        index = meta.schema.names.index(column)
        for g in range(meta.num_row_groups):
            group = meta.row_group(g)
            if group.num_rows == 0:
                continue
            stats = group.column(index).statistics
            if stats is None or not stats.has_min_max:
                return None
            ranges.append((int(stats.min), int(stats.max)))
    return ranges


def no_repeats(new: list[IdRange], stored: list[tuple[int, int]]) -> bool:
    """True when the new ranges are each distinct and meet neither each other nor a stored one.

    >>> a, b = IdRange(1, 10, True), IdRange(11, 20, True)
    >>> no_repeats([a, b], [(21, 30)]), no_repeats([a, b], [(20, 25)]), no_repeats([a, IdRange(5, 6, True)], [])
    (True, False, False)
    """
    if not all(r.distinct for r in new):
        return False
    spans = sorted([(r.low, r.high, True) for r in new] + [(low, high, False) for low, high in stored])
    top_new = top_any = None
    for low, high, is_new in spans:
        if top_new is not None and low <= top_new:
            return False
        if is_new and top_any is not None and low <= top_any:
            return False
        top_any = high if top_any is None else max(top_any, high)
        if is_new:
            top_new = high if top_new is None else max(top_new, high)
    return True
