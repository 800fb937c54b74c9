"""Writing a stream of Arrow batches as a hive-partitioned Parquet dataset (year, month).

DuckDB parses a GDELT file on every core and hands its rows over batch by batch; this
writer splits each batch by its partition (usually a batch holds one or two months) and
appends it to one Parquet file per partition, in row groups of a fixed size. It keeps
the row counts per partition, so nobody has to read the files again to count them.

Arrow's own ``pyarrow.dataset.write_dataset`` does the same in general, at about a second
more per 5 million rows; DuckDB's ``COPY ... PARTITION_BY`` at more still.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

#: Rows per Parquet row group.
ROW_GROUP = 122_880
#: Rows held back in memory across all partitions before the largest is written out.
MAX_BUFFERED = 1_000_000

#: A part of the output: (file number, year, month).
Key = tuple[int, int, int]
#: The file number is packed above year * 100 + month in one integer key.
_FILE = 1_000_000
#: The file number of the parts that several files share (see ``shared``).
SHARED = -1


def _int64(value: int) -> pa.Scalar:
    """An Arrow int64 scalar built from its bytes: ``pa.scalar`` (and a Python number given to
    a compute function) would have pyarrow import pandas, 0.15 s a process, to check types.

    >>> _int64(-7).as_py()
    -7
    """
    return pa.Array.from_buffers(pa.int64(), 1, [None, pa.py_buffer(value.to_bytes(8, "little", signed=True))])[0]


_HUNDRED, _FILE_SCALAR = _int64(100), _int64(_FILE)


def _numpy(column: pa.Array) -> np.ndarray:
    """``column`` as NumPy, a view when it is int64 without nulls (``to_numpy`` would import
    pandas, as :func:`_int64` explains)."""
    if column.type != pa.int64() or column.null_count:
        copied: np.ndarray = column.to_numpy(zero_copy_only=False)
        return copied
    return np.frombuffer(column.buffers()[1], dtype=np.int64, count=len(column), offset=column.offset * 8)


def _split(key: int) -> Key:
    file, month_key = divmod(key, _FILE)
    return file, month_key // 100, month_key % 100


class PartitionWriter:
    """Write batches holding ``year`` and ``month`` columns under ``out/year=Y/month=M/``.

    With ``by_file``, an integer column numbering the input file of each row, the rows of
    file ``f`` go under ``out/<folders[f]>/year=Y/month=M/`` instead, so that one stream can
    carry many files; with ``shared`` too, the rows outside ``keep_in`` of all files share
    ``out/<shared>/year=Y/month=M/``, keeping their ``by_file`` column (counts and tracked
    values stay per file). The partition columns and ``by_file`` are not written into the files
    (the directory names carry them); ``drop`` names further columns to leave out of every
    partition but ``keep_in``. Columns in ``plain`` are written without a dictionary; only
    ``statistics`` (default: all) get min/max statistics, which cost much time on long
    strings. The values of the ``track`` column outside ``keep_in`` are kept, per file, in
    :attr:`tracked`; the rows written, per (file, year, month), in :attr:`counts`.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> batch = pa.record_batch({"id": [1, 2, 3], "year": [2020, 2020, 2019], "month": [1, 1, 12]})
    >>> with PartitionWriter(out) as writer:
    ...     writer.write(batch)
    >>> sorted(writer.counts.items())
    [((0, 2019, 12), 1), ((0, 2020, 1), 2)]
    >>> sorted(str(p.relative_to(out)) for p in out.rglob("*.parquet"))
    ['year=2019/month=12/part-0.parquet', 'year=2020/month=1/part-0.parquet']
    """

    def __init__(
        self,
        out: Path,
        *,
        by_file: str | None = None,
        folders: Mapping[int, str] | None = None,
        shared: str | None = None,
        track: str | None = None,
        drop: Iterable[str] = (),
        keep_in: tuple[int, int] | None = None,
        plain: Iterable[str] = (),
        statistics: Iterable[str] | None = None,
        row_group: int = ROW_GROUP,
        max_buffered: int = MAX_BUFFERED,
    ) -> None:
        self.out = out
        self.by_file = by_file
        self.folders = dict(folders or {})
        self.shared = shared
        self.track = track
        self.drop = tuple(drop)
        self.keep_in = keep_in
        self.plain = frozenset(plain)
        self.statistics = None if statistics is None else frozenset(statistics)
        self.row_group = row_group
        self.max_buffered = max_buffered
        self.counts: dict[Key, int] = {}
        self.tracked: dict[int, list[np.ndarray]] = {}
        self._pending: dict[Key, list[pa.RecordBatch]] = {}
        self._pending_rows: dict[Key, int] = {}
        self._writers: dict[Key, pq.ParquetWriter] = {}

    def __enter__(self) -> PartitionWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, batch: pa.RecordBatch) -> None:
        """Split ``batch`` by file and partition and buffer (or write) each part."""
        if not batch.num_rows:
            return
        key = pc.add(pc.multiply(batch.column("year").cast(pa.int64()), _HUNDRED), batch.column("month"))
        if self.by_file:
            key = pc.add(pc.multiply(batch.column(self.by_file).cast(pa.int64()), _FILE_SCALAR), key)
        low, high = (v.as_py() for v in pc.min_max(key).values())
        if low == high:
            self._add(_split(low), batch)
            return
        for value in pc.unique(key):  # Arrow scalars (see _int64)
            self._add(_split(value.as_py()), batch.filter(pc.equal(key, value)))

    def _add(self, part: Key, batch: pa.RecordBatch) -> None:
        self.counts[part] = self.counts.get(part, 0) + batch.num_rows
        if part[1:] != self.keep_in:
            if self.track:
                self.tracked.setdefault(part[0], []).append(_numpy(batch.column(self.track)))
            if self.shared:
                part = (SHARED, part[1], part[2])
        self._pending.setdefault(part, []).append(batch)
        self._pending_rows[part] = self._pending_rows.get(part, 0) + batch.num_rows
        if self._pending_rows[part] >= self.row_group:
            self._flush(part)
        elif sum(self._pending_rows.values()) > self.max_buffered:
            self._flush(max(self._pending_rows, key=self._pending_rows.__getitem__))

    def _flush(self, part: Key) -> None:
        batches = self._pending.pop(part, [])
        self._pending_rows.pop(part, None)
        if not batches:
            return
        table = pa.Table.from_batches(batches)
        keep_file = part[0] == SHARED
        dropped = ["year", "month", *([self.by_file] if self.by_file and not keep_file else [])]
        dropped += self.drop if part[1:] != self.keep_in else ()
        table = table.drop_columns([name for name in dropped if name in table.column_names])
        writer = self._writers.get(part)
        if writer is None:
            name = self.shared if keep_file else self.folders.get(part[0], "")
            folder = self.out / (name or "") / f"year={part[1]}" / f"month={part[2]}"
            folder.mkdir(parents=True, exist_ok=True)
            writer = open_writer(folder / "part-0.parquet", table.schema, self.plain, self.statistics)
            self._writers[part] = writer
        writer.write_table(table, row_group_size=self.row_group)

    def close(self) -> None:
        """Write what is buffered and close every file."""
        try:
            for part in list(self._pending):
                self._flush(part)
        finally:
            for writer in self._writers.values():
                writer.close()
            self._writers.clear()


def open_writer(
    path: Path, schema: pa.Schema, plain: frozenset[str] = frozenset(), statistics: frozenset[str] | None = None
) -> pq.ParquetWriter:
    """A snappy Parquet writer: no dictionary for the ``plain`` columns, min/max statistics
    for the ``statistics`` columns only (all when None)."""
    names = schema.names
    return pq.ParquetWriter(
        path,
        schema,
        compression="snappy",
        use_dictionary=[name for name in names if name not in plain],
        write_statistics=names if statistics is None else [name for name in names if name in statistics],
    )


def merge(
    files: list[Path],
    out: Path,
    *,
    plain: frozenset[str] = frozenset(),
    statistics: frozenset[str] | None = None,
    row_group: int = ROW_GROUP,
    drop: Iterable[str] = (),
) -> None:
    """Write the rows of ``files``, in order, to the one file ``out`` in row groups of
    ``row_group`` rows, leaving out the columns in ``drop``. Reads a row group at a time."""
    left_out = set(drop)
    schema = pa.schema([f for f in pq.read_schema(files[0]) if f.name not in left_out])
    pending: list[pa.Table] = []
    rows = 0
    with open_writer(out, schema, plain, statistics) as writer:
        for path in files:
            source = pq.ParquetFile(path)
            for g in range(source.num_row_groups):
                pending.append(source.read_row_group(g, columns=schema.names))
                rows += pending[-1].num_rows
                if rows >= row_group:
                    writer.write_table(pa.concat_tables(pending), row_group_size=row_group)
                    pending, rows = [], 0
        if pending:
            writer.write_table(pa.concat_tables(pending), row_group_size=row_group)
