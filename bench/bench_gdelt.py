"""GDELT target (issue 8): ingestion plus dyad-month indices on a 5-million-row 2.0 file.

Side by side, each in its own process (time and peak RSS of its process tree):
- pandas: ``pandas.read_csv`` of the whole file, then filter and group by dyad and month;
- tariqa: ``ingest`` into a fresh Parquet store (the default ``lean`` columns), then
  ``dyads`` for AZE, TUR, PAK; and the same with the ``core`` and ``extended`` column sets;
- DuckDB's bare scan of the same file, ``count(*)``: DuckDB then splits lines into fields but
  converts none (it pushes the empty projection into the CSV reader);
- for reference, DuckDB reading every field into its type (``max(COLUMNS(*))``), which is
  what any ingest must do at least.
The machine is shared, so tariqa and the DuckDB scans are run in turn, three rounds, and
each one's median is shown (pandas, a minute a run, once). Targets: tariqa at least 10x
faster than pandas and at most 2x slower than the bare scan; ingesting 20 million rows
under 2 GB peak.
Also timed: an ingest of 200 small files (a GDELT 2.0 day has 96), for the cost per file.
Run: `python bench/bench_gdelt.py` (TARIQA_GDELT_BENCH_ROWS and TARIQA_GDELT_BENCH_BIG
change the sizes; 0 skips the 20M run; TARIQA_GDELT_BENCH_RUNS the repeats).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _measure import best_of, interleaved, measure

ROWS = int(os.environ.get("TARIQA_GDELT_BENCH_ROWS", 5_000_000))
BIG = int(os.environ.get("TARIQA_GDELT_BENCH_BIG", 20_000_000))
RUNS = int(os.environ.get("TARIQA_GDELT_BENCH_RUNS", 3))
MEMBERS = ["AZE", "TUR", "PAK"]


def _pandas(path: str) -> None:
    import csv

    import pandas as pd

    from tariqa.eventdata.layouts import V2

    kinds = {"INTEGER": "Int64", "FLOAT": "float64", "STRING": "string"}
    df = pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=[n for n, _ in V2.columns],
        dtype={n: kinds[t] for n, t in V2.columns},
        quoting=csv.QUOTE_NONE,
    )
    m = df.Actor1CountryCode.isin(MEMBERS) & df.Actor2CountryCode.isin(MEMBERS)
    m &= df.Actor1CountryCode != df.Actor2CountryCode
    sub = df[m].assign(month=df.SQLDATE // 100)
    sub.groupby(["month", "Actor1CountryCode", "Actor2CountryCode", "QuadClass"]).agg(
        events=("GLOBALEVENTID", "size"), goldstein=("GoldsteinScale", "sum")
    )
    df.groupby(df.SQLDATE // 100).size()


def _tariqa(path: str, store: str, columns: str | None = None) -> None:
    from tariqa.eventdata.engines import dyads

    _ingest_only(path, store, columns)
    dyads(MEMBERS, store=Path(store))


def _ingest_only(path: str, store: str, columns: str | None = None) -> None:
    """Ingest ``path`` (a file or a folder) into a new store at ``store``."""
    from tariqa.eventdata.ingest import ingest

    shutil.rmtree(store, ignore_errors=True)
    ingest([Path(path)], Path(store), columns=columns)


def _small_files(source: Path, folder: Path, files: int = 200, rows: int = 2000) -> None:
    """Cut the first ``files * rows`` rows of ``source`` into quarter-hour-sized files."""
    if folder.is_dir() and len(list(folder.iterdir())) == files:
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with source.open(encoding="utf-8") as lines:
        for k in range(files):
            part = [next(lines) for _ in range(rows)]
            (folder / f"{20191001000000 + k * 1500}.export.CSV").write_text("".join(part), encoding="utf-8")


def _duckdb_csv(path: str, select: str) -> None:
    import duckdb

    from tariqa.eventdata.layouts import DUCKDB_TYPES, V2

    spec = ", ".join(f"'{n}': '{DUCKDB_TYPES[t]}'" for n, t in V2.columns)
    con = duckdb.connect(config={"threads": os.cpu_count() or 1})
    con.sql(
        f"SELECT {select} FROM read_csv('{path}', delim='\\t', header=false, quote='', escape='',"
        f" auto_detect=false, columns={{{spec}}})"
    ).fetchall()


def _scan(path: str) -> None:
    _duckdb_csv(path, "count(*)")


def _scan_all(path: str) -> None:
    _duckdb_csv(path, "max(COLUMNS(*))")


def _synth(path: Path, rows: int) -> None:
    from tariqa.eventdata.synth import synthesize

    if not path.exists():
        print(f"generating {rows:,} synthetic rows in {path} ...", flush=True)
        synthesize(path, rows, seed=1)


def main() -> None:
    work = Path(os.environ.get("TARIQA_GDELT_BENCH_DIR", tempfile.gettempdir())) / "tariqa-gdelt-bench"
    work.mkdir(parents=True, exist_ok=True)
    me = [sys.executable, __file__]
    data = work / f"synthetic-{ROWS}.export.CSV"
    _synth(data, ROWS)
    store = str(work / "store")
    pandas = measure([*me, "pandas", str(data)])
    ours, core, wide, scan, scan_all = interleaved(
        [
            [*me, "tariqa", str(data), store],
            [*me, "tariqa", str(data), store, "core"],
            [*me, "tariqa", str(data), store, "extended"],
            [*me, "scan", str(data)],
            [*me, "scan-all", str(data)],
        ],
        RUNS,
    )
    speedup, vs_scan = pandas.seconds / ours.seconds, ours.seconds / scan.seconds
    print(f"GDELT {ROWS:,} rows, {data.stat().st_size / 1e9:.2f} GB, {os.cpu_count()} cores (median of {RUNS} runs)")
    print(f"  pandas read_csv + groupby (1 run)    {pandas.seconds:7.2f} s {pandas.peak_mb:7.0f} MB peak")
    print(f"  tariqa ingest + dyads (lean columns) {ours.seconds:7.2f} s {ours.peak_mb:7.0f} MB peak")
    print(f"  the same, core columns               {core.seconds:7.2f} s {core.peak_mb:7.0f} MB peak")
    print(f"  the same, extended columns           {wide.seconds:7.2f} s {wide.peak_mb:7.0f} MB peak")
    print(f"  DuckDB bare scan                     {scan.seconds:7.2f} s {scan.peak_mb:7.0f} MB peak")
    print(f"  DuckDB parsing every field           {scan_all.seconds:7.2f} s {scan_all.peak_mb:7.0f} MB peak")
    print(
        f"  speed-up over pandas {speedup:.1f}x (target >= 10x: {'ok' if speedup >= 10 else 'MISSED'});"
        f" vs bare scan {vs_scan:.2f}x (target <= 2x: {'ok' if vs_scan <= 2 else 'MISSED'});"
        f" vs parsing every field {ours.seconds / scan_all.seconds:.2f}x"
    )
    print(
        f"  with the core columns: {pandas.seconds / core.seconds:.1f}x pandas, {core.seconds / scan.seconds:.2f}x the"
        f" bare scan; extended: {pandas.seconds / wide.seconds:.1f}x, {wide.seconds / scan.seconds:.2f}x"
    )
    rows = min(2000, ROWS // 200)  # a smaller synthetic file gives smaller files
    small = work / f"small-files-{rows}"
    _small_files(data, small, rows=rows)
    m = best_of([*me, "ingest", str(small), str(work / "store-small")], RUNS)
    print(f"  ingest 200 files of {rows:,} rows       {m.seconds:7.2f} s {m.peak_mb:7.0f} MB peak")
    if BIG:
        big = work / f"synthetic-{BIG}.export.CSV"
        _synth(big, BIG)
        m = measure([*me, "ingest", str(big), str(work / "store-big")])
        verdict = "ok" if m.peak_mb < 2048 else "MISSED"
        print(f"  ingest {BIG:,} rows              {m.seconds:7.2f} s {m.peak_mb:7.0f} MB peak (< 2 GB: {verdict})")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        jobs = {"pandas": _pandas, "tariqa": _tariqa, "ingest": _ingest_only, "scan": _scan, "scan-all": _scan_all}
        jobs[sys.argv[1]](*sys.argv[2:])
    else:
        main()
