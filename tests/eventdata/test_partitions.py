"""The partitioned writer, the id-range proof that nothing repeats, and the date checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as s

from tariqa.eventdata.checks import date_ok, time_ok
from tariqa.eventdata.idranges import IdRange, no_repeats, stored_ranges, summarize
from tariqa.eventdata.partitions import PartitionWriter


def test_writer_splits_buffers_and_counts(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    n = 10_000
    months = rng.integers(1, 13, n)
    batch = pa.record_batch(
        {"id": np.arange(n), "year": np.full(n, 2020, dtype=np.int32), "month": months.astype(np.int32)}
    )
    with PartitionWriter(tmp_path, row_group=500, max_buffered=2_000) as writer:
        for start in range(0, n, 700):
            writer.write(batch.slice(start, 700))
    expected = {(0, 2020, int(m)): int(c) for m, c in zip(*np.unique(months, return_counts=True), strict=True)}
    assert writer.counts == expected
    for (_, year, month), count in expected.items():
        meta = pq.ParquetFile(tmp_path / f"year={year}" / f"month={month}" / "part-0.parquet").metadata
        assert meta.num_rows == count
        assert max(meta.row_group(g).num_rows for g in range(meta.num_row_groups)) <= 2 * 500
        assert meta.schema.names == ["id"]  # partition columns live in the path only
    back = duckdb.sql(f"SELECT id, month FROM read_parquet('{tmp_path}/**/*.parquet', hive_partitioning=true)")
    assert sorted(back.fetchall()) == [(i, int(m)) for i, m in enumerate(months)]


def test_writer_splits_by_file_and_tracks_ids(tmp_path: Path) -> None:
    batch = pa.record_batch(
        {"id": [1, 2, 3, 4, 5], "f": [0, 1, 0, 1, 1], "year": [2020, 2020, 2019, 0, 2020], "month": [1, 1, 12, 0, 1]}
    )
    with PartitionWriter(tmp_path, by_file="f", folders={0: "f7", 1: "f8"}, track="id", keep_in=(0, 0)) as w:
        w.write(batch.slice(0, 2))
        w.write(batch.slice(2))
    assert w.counts == {(0, 2020, 1): 1, (1, 2020, 1): 2, (0, 2019, 12): 1, (1, 0, 0): 1}
    assert {f: sorted(np.concatenate(a).tolist()) for f, a in w.tracked.items()} == {0: [1, 3], 1: [2, 5]}
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.parquet"))
    assert files == [
        "f7/year=2019/month=12/part-0.parquet",
        "f7/year=2020/month=1/part-0.parquet",
        "f8/year=0/month=0/part-0.parquet",
        "f8/year=2020/month=1/part-0.parquet",
    ]
    assert pq.read_schema(tmp_path / "f8" / "year=2020" / "month=1" / "part-0.parquet").names == ["id"]


def test_writer_drops_columns_except_in_one_partition(tmp_path: Path) -> None:
    batch = pa.record_batch({"id": [1, 2], "why": [None, "bad"], "year": [2020, 0], "month": [1, 0]})
    with PartitionWriter(tmp_path, drop=["why"], keep_in=(0, 0)) as writer:
        writer.write(batch)
    assert pq.read_schema(tmp_path / "year=2020" / "month=1" / "part-0.parquet").names == ["id"]
    assert pq.read_schema(tmp_path / "year=0" / "month=0" / "part-0.parquet").names == ["id", "why"]


ids = s.lists(s.integers(0, 300), max_size=60)


@settings(max_examples=300, deadline=None)
@given(s.lists(ids, min_size=1, max_size=4), s.lists(ids, max_size=3))
def test_no_repeats_is_only_said_when_true(new: list[list[int]], stored: list[list[int]]) -> None:
    ranges = [r for r in (summarize([np.array(x, dtype=np.int64)]) for x in new) if r is not None]
    old = [(min(x), max(x)) for x in stored if x]
    fresh, kept = [i for x in new for i in x], {i for x in stored for i in x}
    if no_repeats(ranges, old):  # then no new id repeats another or one already stored
        assert len(fresh) == len(set(fresh)) and not set(fresh) & kept
    for x, r in zip((x for x in new if x), ranges, strict=True):
        assert (r.low, r.high, r.distinct) == (min(x), max(x), len(x) == len(set(x)))


@settings(max_examples=300, deadline=None)
@given(s.lists(s.lists(s.integers(0, 50), max_size=8).map(sorted) | ids, max_size=5))
def test_summarize_gives_the_range_and_whether_ids_are_distinct(chunks: list[list[int]]) -> None:
    found = summarize([np.array(c, dtype=np.int64) for c in chunks])
    every = [i for c in chunks for i in c]
    expected = IdRange(min(every), max(every), len(every) == len(set(every))) if every else None
    assert found == expected


def test_sparse_ids_are_checked_too() -> None:
    sparse = np.array([1, 10**12, 5 * 10**11, 10**12], dtype=np.int64)
    assert summarize([sparse]) == IdRange(1, 10**12, False)
    assert summarize([]) is None


def test_stored_ranges_read_statistics_or_give_up(tmp_path: Path) -> None:
    pq.write_table(pa.table({"GLOBALEVENTID": [5, 9, 7]}), tmp_path / "a.parquet")
    pq.write_table(pa.table({"GLOBALEVENTID": [1, 2]}), tmp_path / "b.parquet", write_statistics=False)
    assert stored_ranges([tmp_path / "a.parquet"]) == [(5, 9)]
    assert stored_ranges([tmp_path / "a.parquet", tmp_path / "b.parquet"]) is None


def _real(value: int, fmt: str) -> bool:
    text = str(value)
    if len(text) != len(dt.datetime(2000, 1, 1).strftime(fmt)):
        return False
    try:
        dt.datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


@settings(max_examples=200, deadline=None)
@given(s.lists(s.integers(1000, 9999), min_size=1, max_size=5), s.integers(0, 13), s.integers(0, 32))
def test_date_check_agrees_with_the_calendar(years: list[int], month: int, day: int) -> None:
    values = [y * 10000 + month * 100 + day for y in years] + [20200229, 21000229, 20000229, 1979010, -20200101]
    got = duckdb.sql(
        "SELECT v, " + date_ok("v") + " FROM (SELECT unnest(?::BIGINT[]) AS v)", params=[values]
    ).fetchall()
    assert {v: bool(ok) for v, ok in got} == {v: _real(v, "%Y%m%d") for v in values}


@settings(max_examples=200, deadline=None)
@given(s.integers(20200101, 20201231), s.integers(0, 25), s.integers(0, 61), s.integers(0, 61))
def test_time_check_agrees_with_the_calendar(day: int, hour: int, minute: int, second: int) -> None:
    value = day * 1_000_000 + hour * 10_000 + minute * 100 + second
    got = duckdb.sql(f"SELECT {time_ok(str(value))}").fetchall()[0][0]
    assert bool(got) == (_real(value, "%Y%m%d%H%M%S") and second < 60)


def test_ids_are_read_as_numpy_views_at_any_offset() -> None:
    from tariqa.eventdata.partitions import _numpy

    ids = pa.array([5, 6, 7, 8], pa.int64())
    assert _numpy(ids.slice(1, 2)).tolist() == [6, 7]
    assert _numpy(pa.array([1, None], pa.int64())).tolist()[0] == 1  # with nulls: a copy
    assert _numpy(pa.array([3, 4], pa.int32())).tolist() == [3, 4]
