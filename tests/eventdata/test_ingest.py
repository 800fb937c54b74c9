"""Ingesting GDELT files: layouts, compression, dedupe, quarantine, and bad input that changes nothing."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest

from tariqa.errors import InputError, UsageError
from tariqa.eventdata.ingest import ingest
from tariqa.eventdata.parquet import read_manifest
from tests.eventdata.conftest import KNOWN, V1_SAMPLE, V2_SAMPLE, needs_samples, row


def snapshot(store: Path) -> dict[str, bytes]:
    return {str(p.relative_to(store)): p.read_bytes() for p in sorted(store.rglob("*")) if p.is_file()}


def stored_ids(store: Path) -> list[int]:
    import duckdb

    files = [str(p) for p in (store / "events").rglob("*.parquet")]
    return [r[0] for r in duckdb.sql(f"SELECT GLOBALEVENTID FROM read_parquet({files}) ORDER BY 1").fetchall()]


@needs_samples
def test_real_samples_both_versions(tmp_path: Path) -> None:
    summary = ingest([V2_SAMPLE, V1_SAMPLE], tmp_path / "s")
    by_layout = {f.layout: f for f in summary.files}
    assert by_layout["2.0"].read == by_layout["2.0"].kept == 2111
    v1 = next(f for f in summary.files if f.layout.startswith("1.0"))
    assert v1.read == v1.kept == 710  # 57- and 58-column rows in one file
    assert summary.quarantine is None
    assert len(stored_ids(tmp_path / "s")) == 2821
    # partitioned by SQLDATE's year and month, back-dated rows included
    parts = {p.parent.relative_to(tmp_path / "s" / "events").as_posix() for p in (tmp_path / "s").rglob("*.parquet")}
    assert {"year=2019/month=10", "year=2018/month=10", "year=2019/month=9", "year=1982/month=1"} <= parts


@needs_samples
def test_zip_and_gz_and_reingest_adds_nothing(tmp_path: Path) -> None:
    zipped = tmp_path / "20191024143000.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(V2_SAMPLE, "20191024143000.export.CSV")
    gz = tmp_path / "v1.tsv.gz"
    gz.write_bytes(gzip.compress(V1_SAMPLE.read_bytes()))
    store = tmp_path / "s"
    first = ingest([zipped, gz], store)
    assert first.totals["kept"] == 2821
    again = ingest([zipped, gz], store)
    assert all(f.skipped for f in again.files) and again.totals["kept"] == 0
    # the same rows under another name and compression: deduplicated by GLOBALEVENTID
    third = ingest([V2_SAMPLE], store)
    assert third.totals == {"read": 2111, "kept": 0, "quarantined": 0, "duplicates": 2111}
    assert len(stored_ids(store)) == 2821
    assert len(read_manifest(store)) == 3


def test_duplicates_within_and_across_files(tmp_path: Path, known_file: Path) -> None:
    store = tmp_path / "s"
    ingest([known_file], store)
    more = tmp_path / "more.CSV"
    more.write_text("\n".join([KNOWN[0], row(100, 20200301, "AZE", "TUR", "042", 1, 1.9)] * 2) + "\n")
    summary = ingest([more], store)
    assert (summary.files[0].kept, summary.files[0].duplicates) == (1, 3)
    assert stored_ids(store) == [1, 2, 3, 4, 5, 6, 7, 8, 100]


def test_malformed_rows_are_quarantined_with_reasons(tmp_path: Path) -> None:
    good = [row(i, 20200105, "TUR", "AZE", "042", 1, 1.9) for i in range(1, 301)]
    bad = [
        row(1001, 20201345, "TUR", "AZE", "042", 1, 1.9),  # not a date
        row(1002, 20200105, "TUR", "AZE", "04X", 1, 1.9),  # non-numeric code
        "\t".join(row(1003, 20200105, "TUR", "AZE", "042", 1, 1.9).split("\t")[:40]),  # too few fields
    ]
    path = tmp_path / "mixed.CSV"
    path.write_text("\n".join(good[:150] + bad + good[150:]) + "\n")
    summary = ingest([path], tmp_path / "s", max_bad=0.05)
    f = summary.files[0]
    assert (f.read, f.kept, f.quarantined) == (303, 300, 3)
    assert summary.quarantine is not None
    lines = summary.quarantine.read_text().splitlines()
    assert lines[0].split("\t")[:5] == ["file", "line", "event", "field", "reason"]
    fields = sorted(line.split("\t")[3] for line in lines[1:])
    assert fields == ["EventCode", "SQLDATE", "columns"]
    assert any("\t153\t" in line for line in lines[1:])  # the short row, located by its line


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a\tb\tc\n", "3 tab-separated fields"),
        ("\t".join(["1"] * 59) + "\n", "59 tab-separated fields"),
        (row(1, 20200105, "TUR", "AZE", "ABC", 1, 1.9) + "\n", ":1: EventRootCode: 'AB' is not a 2-digit"),
        (row(1, 20200105, "TUR", "AZE", "042", 1, 1.9).replace("\t1\t1.9\t", "\tX\t1.9\t", 1) + "\n", ":1: QuadClass"),
        (row(1, 20200105, "TUR", "AZE", "042", 1, 1.9).replace("\t1.9\t", "\tmuch\t", 1) + "\n", ":1: GoldsteinScale"),
        (row(1, 17000105, "TUR", "AZE", "042", 1, 1.9) + "\n", ":1: SQLDATE: 17000105 is before 1979-01-01"),
        (row(1, 20300105, "TUR", "AZE", "042", 1, 1.9, added=20200105143000) + "\n", "more than a year after"),
        (row(1, 20200105, "TUR", "AZE", "042", 1, 1.9) + "\n" + "1\t2\n", ":2: columns: too few fields"),
    ],
)
def test_bad_files_change_nothing(tmp_path: Path, known_file: Path, content: str, message: str) -> None:
    store = tmp_path / "s"
    ingest([known_file], store)
    before = snapshot(store)
    bad = tmp_path / "bad.CSV"
    bad.write_text(content)
    with pytest.raises(InputError, match=message) as info:
        ingest([bad], store)
    assert "bad.CSV" in str(info.value) and "\n" not in str(info.value)
    assert snapshot(store) == before
    assert not list(store.glob(".staging-*"))


def test_only_kept_fields_are_read(tmp_path: Path) -> None:
    """A field the store does not keep is not converted, so its bad value cannot refuse a
    row (the lean set has no IsRootEvent); a store that keeps it checks it."""
    bad = tmp_path / "bad.CSV"
    bad.write_text(row(1, 20200105, "TUR", "AZE", "042", 1, 1.9).replace("\t0\t042", "\tX\t042", 1) + "\n")
    assert ingest([bad], tmp_path / "lean").totals["kept"] == 1
    with pytest.raises(InputError, match=r"bad\.CSV:1: IsRootEvent"):
        ingest([bad], tmp_path / "core", columns="core")
    assert not (tmp_path / "core").exists()


def test_truncated_zip_and_store_that_is_a_file(tmp_path: Path, known_file: Path) -> None:
    zipped = tmp_path / "x.CSV.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(known_file, "x.CSV")
    truncated = tmp_path / "t.CSV.zip"
    truncated.write_bytes(zipped.read_bytes()[:-30])
    with pytest.raises(InputError, match=r"t\.CSV\.zip: not a complete zip archive"):
        ingest([truncated], tmp_path / "s")
    assert not (tmp_path / "s").exists()  # a failed first ingest leaves no store behind
    afile = tmp_path / "store-file"
    afile.write_text("x")
    with pytest.raises(UsageError, match="is a file, not a directory"):
        ingest([known_file], afile)
    assert afile.read_text() == "x"


def test_synthetic_file_round_trip(tmp_path: Path) -> None:
    from datetime import date

    from tariqa.eventdata.synth import synthesize

    a, b = tmp_path / "a.CSV.gz", tmp_path / "b.CSV.gz"
    synthesize(a, 5000, seed=3, start=date(2020, 1, 1), per_day=100)
    synthesize(b, 5000, seed=3, start=date(2020, 1, 1), per_day=100)
    assert a.read_bytes() == b.read_bytes()
    summary = ingest([a], tmp_path / "s", max_bad=0.0)  # every synthetic row is valid
    assert summary.totals["kept"] == 5000


@pytest.mark.parametrize(
    ("day", "added", "message"),
    [
        ("", None, ":1: SQLDATE: '' is not a date"),
        ("20210229", None, ":1: SQLDATE: '20210229' is not a date"),
        ("20200431", None, ":1: SQLDATE: '20200431' is not a date"),
        ("20200105", "20200105250000", ":1: DATEADDED: '20200105250000' is not a date"),
        ("20200105", "202001051430", ":1: DATEADDED: '202001051430' is not a date"),
    ],
)
def test_impossible_dates_are_named(tmp_path: Path, day: str, added: str | None, message: str) -> None:
    fields = row(1, 20200105, "TUR", "AZE", "042", 1, 1.9).split("\t")
    fields[1] = day
    if added:
        fields[59] = added
    bad = tmp_path / "bad.CSV"
    bad.write_text("\t".join(fields) + "\n")
    with pytest.raises(InputError, match=message):
        ingest([bad], tmp_path / "s")
    assert not (tmp_path / "s").exists()


def test_leap_days_are_dates(tmp_path: Path) -> None:
    rows = [row(1, 20200229, "TUR", "AZE", "042", 1, 1.9), row(2, 20000229, "TUR", "AZE", "042", 1, 1.9)]
    path = tmp_path / "leap.CSV"
    path.write_text("\n".join(rows) + "\n")
    assert ingest([path], tmp_path / "s", max_bad=0.0).totals["kept"] == 2


def stored_columns(store: Path) -> list[str]:
    import pyarrow.parquet as pq

    return pq.ParquetFile(next((store / "events").rglob("*.parquet"))).schema_arrow.names


def test_column_sets(tmp_path: Path, known_file: Path) -> None:
    from tariqa.eventdata.layouts import ANALYSIS_COLUMNS, COLUMN_SETS, CORE, LEAN, V2

    ingest([known_file], tmp_path / "lean")  # the default
    assert stored_columns(tmp_path / "lean") == list(LEAN)
    assert set(ANALYSIS_COLUMNS) <= set(LEAN)
    assert read_manifest(tmp_path / "lean")[0]["columns"] == "lean"
    ingest([known_file], tmp_path / "core", columns="core")
    assert stored_columns(tmp_path / "core") == list(CORE)
    assert read_manifest(tmp_path / "core")[0]["columns"] == "core"
    ingest([known_file], tmp_path / "all", columns="all")
    assert stored_columns(tmp_path / "all") == [name for name, _ in V2.columns] == list(COLUMN_SETS["all"])
    import duckdb

    first = sorted((tmp_path / "all" / "events").rglob("*.parquet"))[0]
    values = duckdb.sql(f"SELECT * FROM read_parquet('{first}', hive_partitioning=false) WHERE GLOBALEVENTID = 1")
    raw = KNOWN[0].split("\t")
    assert [("" if v is None else str(v)) for v in values.fetchall()[0]][:8] == raw[:8]


def test_a_store_keeps_its_column_set(tmp_path: Path, known_file: Path) -> None:
    store = tmp_path / "s"
    ingest([known_file], store, columns="extended")
    before = snapshot(store)
    more = tmp_path / "more.CSV"
    more.write_text(row(100, 20200301, "AZE", "TUR", "042", 1, 1.9) + "\n")
    with pytest.raises(UsageError, match="keeps the extended column set"):
        ingest([more], store, columns="core")
    with pytest.raises(UsageError, match="not a column set"):
        ingest([more], store, columns="narrow")
    assert snapshot(store) == before
    assert ingest([more], store).totals["kept"] == 1  # no --columns: the store's own set
    assert "Actor1Name" in stored_columns(store)


def test_overlapping_ranges_without_repeats_keep_every_row(tmp_path: Path) -> None:
    """Interleaved ids defeat the cheap proof; the exact search then keeps every row."""
    odd, even = tmp_path / "odd.CSV", tmp_path / "even.CSV"
    odd.write_text("\n".join(row(i, 20200105, "TUR", "AZE", "042", 1, 1.9) for i in range(1, 40, 2)) + "\n")
    even.write_text("\n".join(row(i, 20200105, "TUR", "AZE", "042", 1, 1.9) for i in range(2, 40, 2)) + "\n")
    store = tmp_path / "s"
    assert ingest([odd], store).totals["kept"] == 20
    summary = ingest([even], store)
    assert summary.totals == {"read": 19, "kept": 19, "quarantined": 0, "duplicates": 0}
    assert stored_ids(store) == list(range(1, 40))


def test_small_files_of_one_ingest_share_a_file_per_month(tmp_path: Path) -> None:
    folder = tmp_path / "day"
    folder.mkdir()
    for k in range(12):  # twelve quarter-hour files, each with a back-dated event
        rows = [row(k * 10 + i, 20200105, "TUR", "AZE", "042", 1, 1.9) for i in range(1, 9)]
        rows.append(row(k * 10 + 9, 20191231, "AZE", "TUR", "042", 1, 1.9))
        (folder / f"2020010500{k:02d}00.export.CSV").write_text("\n".join(rows) + "\n")
    store = tmp_path / "s"
    assert ingest([folder], store).totals["kept"] == 108
    files = sorted(p.relative_to(store / "events").parent.as_posix() for p in store.rglob("*.parquet"))
    assert files == ["year=2019/month=12", "year=2020/month=1"]
    assert stored_ids(store) == sorted(k * 10 + i for k in range(12) for i in range(1, 10))


def test_one_scan_for_many_files_keeps_counts_and_reasons_per_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = [row(i, 20200105, "TUR", "AZE", "042", 1, 1.9) for i in range(1, 201)]
    (folder / "a.CSV").write_text("\n".join(good[:100]) + "\n")
    short = "\t".join(row(1002, 20200105, "TUR", "AZE", "042", 1, 1.9).split("\t")[:30])
    mixed = [*good[100:150], row(1001, 20201345, "TUR", "AZE", "042", 1, 1.9), short, *good[150:]]
    (folder / "b.CSV").write_text("\n".join(mixed) + "\n")
    (folder / "c.CSV").write_text(row(500, 20191231, "PAK", "TUR", "190", 4, -10.0) + "\n")
    summary = ingest([folder], tmp_path / "s", max_bad=0.05)
    counts = {Path(f.file).name: (f.read, f.kept, f.quarantined) for f in summary.files}
    assert counts == {"a.CSV": (100, 100, 0), "b.CSV": (102, 100, 2), "c.CSV": (1, 1, 0)}
    assert summary.quarantine is not None
    lines = [line.split("\t") for line in summary.quarantine.read_text().splitlines()[1:]]
    assert sorted((Path(f[0]).name, f[1], f[3]) for f in lines) == [
        ("b.CSV", "", "SQLDATE"),
        ("b.CSV", "52", "columns"),
    ]


def test_a_damaged_file_in_a_group_is_named(tmp_path: Path, known_file: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    whole = gzip.compress(known_file.read_bytes() * 50)
    (folder / "a.CSV.gz").write_bytes(whole)
    (folder / "b.CSV.gz").write_bytes(whole[: len(whole) // 2])  # the first line still reads
    with pytest.raises(InputError, match=r"b\.CSV\.gz: cannot be read"):
        ingest([folder], tmp_path / "s")
    assert not (tmp_path / "s").exists()


def test_a_zip_and_a_plain_file_share_a_scan_and_keep_their_own_rejects(tmp_path: Path) -> None:
    good = [row(i, 20200105, "TUR", "AZE", "042", 1, 1.9) for i in range(1, 101)]
    short = "\t".join(row(200, 20200105, "TUR", "AZE", "042", 1, 1.9).split("\t")[:12])
    zipped = tmp_path / "a.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("a.CSV", "\n".join([*good[:50], short]) + "\n")
    plain = tmp_path / "b.CSV"
    plain.write_text("\n".join(good[50:]) + "\n")
    summary = ingest([zipped, plain], tmp_path / "s", max_bad=0.05)
    counts = {Path(f.file).name: (f.read, f.kept, f.quarantined) for f in summary.files}
    assert counts == {"a.CSV.zip": (51, 50, 1), "b.CSV": (50, 50, 0)}
    assert summary.quarantine is not None
    [line] = summary.quarantine.read_text().splitlines()[1:]
    assert line.split("\t")[:4] == [str(zipped), "51", "", "columns"]


def test_repeats_across_files_of_one_scan_keep_the_first_file(tmp_path: Path) -> None:
    import duckdb

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.CSV").write_text("\n".join(row(i, 20200105, "TUR", "AZE", "042", 1, 1.9) for i in range(1, 11)) + "\n")
    later = [row(i, 20200105, "TUR", "AZE", "190", 4, -10.0) for i in range(5, 16)]
    (folder / "b.CSV").write_text("\n".join([*later, later[-1]]) + "\n")  # 15 twice in b
    store = tmp_path / "s"
    summary = ingest([folder], store)
    assert [(f.kept, f.duplicates) for f in summary.files] == [(10, 0), (5, 7)]
    files = [str(p) for p in (store / "events").rglob("*.parquet")]
    assert all("_k" not in stored_columns_of(p) for p in files)
    rows = duckdb.sql(f"SELECT GLOBALEVENTID, QuadClass FROM read_parquet({files}) ORDER BY 1").fetchall()
    assert rows == [(i, 1) for i in range(1, 11)] + [(i, 4) for i in range(11, 16)]


def stored_columns_of(path: str) -> list[str]:
    import pyarrow.parquet as pq

    return pq.read_schema(path).names


def test_many_files_are_read_by_one_query(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tariqa.eventdata.ingest as module

    calls: list[int] = []
    stage = module._stage

    def counted(con: object, group: list, *rest: object) -> object:
        calls.append(len(group))
        return stage(con, group, *rest)

    monkeypatch.setattr(module, "_stage", counted)
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(5):
        (folder / f"{k}.CSV").write_text(row(k + 1, 20200105, "TUR", "AZE", "042", 1, 1.9) + "\n")
    (folder / "5.CSV.gz").write_bytes(gzip.compress((row(9, 20200105, "TUR", "AZE", "042", 1, 1.9) + "\n").encode()))
    assert module.ingest([folder], tmp_path / "s").totals["kept"] == 6
    assert calls == [5, 1]  # the plain files together, the gzip file apart


def test_a_read_error_reported_through_arrow_names_the_file() -> None:
    """DuckDB reports some failures (a truncated gzip met mid-stream) as Arrow's OSError."""
    import tariqa.eventdata.ingest as module

    class Broken:
        def read_next_batch(self) -> None:
            raise OSError("IO Error: Unexpected end of GZIP stream: x.CSV.gz\nmore")

    with pytest.raises(InputError, match=r"^x\.CSV\.gz: cannot be read: IO Error: Unexpected end of GZIP stream"):
        list(module._batches(Broken(), "x.CSV.gz"))


def test_a_group_read_again_file_by_file_leaves_nothing_of_the_first_attempt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    import tariqa.eventdata.ingest as module

    stage = module._stage

    def fails_for_groups(con: object, group: list, staging: Path, names: tuple[str, ...]) -> object:
        if len(group) > 1:  # a half-written group, then a failure
            part = staging / f"g{group[0][0]}" / "year=2020" / "month=1"
            part.mkdir(parents=True)
            pq.write_table(pa.table({"GLOBALEVENTID": [999]}), part / "part-0.parquet")
            raise InputError("the group could not be read")
        return stage(con, group, staging, names)

    monkeypatch.setattr(module, "_stage", fails_for_groups)
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):
        (folder / f"{k}.CSV").write_text(row(k + 1, 20200105, "TUR", "AZE", "042", 1, 1.9) + "\n")
    assert module.ingest([folder], tmp_path / "s").totals["kept"] == 3
    assert stored_ids(tmp_path / "s") == [1, 2, 3]
