"""GDELT target (issue 8): ingestion plus dyad-month indices on a 5-million-row 2.0 file.

Side by side, each in its own process (time and peak RSS of its process tree):
- pandas: ``pandas.read_csv`` of the whole file, then filter and group by dyad and month;
- tariqa: ``ingest`` into a fresh Parquet store, then ``dyads`` for AZE, TUR, PAK;
- DuckDB's bare scan of the same file, ``count(*)``: DuckDB then splits lines into fields but
  converts none (it pushes the empty projection into the CSV reader);
- for reference, DuckDB reading every field into its type (``max(COLUMNS(*))``), which is
  what any ingest must do at least.
Targets: tariqa at least 10x faster than pandas and at most 2x slower than the bare scan;
ingesting 20 million rows under 2 GB peak. Run: `python bench/bench_gdelt.py`
(TARIQA_GDELT_BENCH_ROWS and TARIQA_GDELT_BENCH_BIG change the sizes; 0 skips the 20M run).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _measure import measure

ROWS = int(os.environ.get("TARIQA_GDELT_BENCH_ROWS", 5_000_000))
BIG = int(os.environ.get("TARIQA_GDELT_BENCH_BIG", 20_000_000))
MEMBERS = ["AZE", "TUR", "PAK"]


def _pandas(path: str) -> None:
    import csv

    import pandas as pd

    from tariqa.analysis.gdelt.layouts import V2

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


def _tariqa(path: str, store: str) -> None:
    from tariqa.analysis.gdelt.engines import dyads
    from tariqa.analysis.gdelt.ingest import ingest

    ingest([Path(path)], Path(store))
    dyads(MEMBERS, store=Path(store))


def _ingest_only(path: str, store: str) -> None:
    from tariqa.analysis.gdelt.ingest import ingest

    ingest([Path(path)], Path(store))


def _duckdb_csv(path: str, select: str) -> None:
    import duckdb

    from tariqa.analysis.gdelt.layouts import DUCKDB_TYPES, V2

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
    from tariqa.analysis.gdelt.synth import synthesize

    if not path.exists():
        print(f"generating {rows:,} synthetic rows in {path} ...", flush=True)
        synthesize(path, rows, seed=1)


def main() -> None:
    work = Path(os.environ.get("TARIQA_GDELT_BENCH_DIR", tempfile.gettempdir())) / "tariqa-gdelt-bench"
    work.mkdir(parents=True, exist_ok=True)
    me = [sys.executable, __file__]
    data = work / f"synthetic-{ROWS}.export.CSV"
    _synth(data, ROWS)
    pandas = measure([*me, "pandas", str(data)])
    shutil.rmtree(work / "store", ignore_errors=True)
    ours = measure([*me, "tariqa", str(data), str(work / "store")])
    scan = measure([*me, "scan", str(data)])
    scan_all = measure([*me, "scan-all", str(data)])
    speedup, vs_scan = pandas.seconds / ours.seconds, ours.seconds / scan.seconds
    print(f"GDELT {ROWS:,} rows, {data.stat().st_size / 1e9:.2f} GB, {os.cpu_count()} cores")
    print(f"  pandas read_csv + groupby         {pandas.seconds:7.2f} s {pandas.peak_mb:7.0f} MB peak")
    print(f"  tariqa ingest + dyads             {ours.seconds:7.2f} s {ours.peak_mb:7.0f} MB peak")
    print(f"  DuckDB bare scan                  {scan.seconds:7.2f} s {scan.peak_mb:7.0f} MB peak")
    print(f"  DuckDB parsing every field        {scan_all.seconds:7.2f} s {scan_all.peak_mb:7.0f} MB peak")
    print(
        f"  speed-up over pandas {speedup:.1f}x (target >= 10x: {'ok' if speedup >= 10 else 'MISSED'});"
        f" vs bare scan {vs_scan:.2f}x (target <= 2x: {'ok' if vs_scan <= 2 else 'MISSED'});"
        f" vs parsing every field {ours.seconds / scan_all.seconds:.2f}x"
    )
    if BIG:
        big = work / f"synthetic-{BIG}.export.CSV"
        _synth(big, BIG)
        shutil.rmtree(work / "store-big", ignore_errors=True)
        m = measure([*me, "ingest", str(big), str(work / "store-big")])
        verdict = "ok" if m.peak_mb < 2048 else "MISSED"
        print(f"  ingest {BIG:,} rows                {m.seconds:7.2f} s {m.peak_mb:7.0f} MB peak (< 2 GB: {verdict})")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        jobs = {"pandas": _pandas, "tariqa": _tariqa, "ingest": _ingest_only, "scan": _scan, "scan-all": _scan_all}
        jobs[sys.argv[1]](*sys.argv[2:])
    else:
        main()
