"""Issue 2 targets: import 100,000 synthetic events with sources into SQLite in < 10 s and
export them in < 10 s, peak memory < 500 MB; `tariqa events --group ATP` in < 0.5 s."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from _measure import Measure, best_of, measure

from tariqa.io import datapackage
from tariqa.io.mappings import write_json
from tariqa.io.tabular import write_csv
from tariqa.model import ENTITIES
from tariqa.synthetic import synthetic_record

N_EVENTS = 100_000
TARIQA = [sys.executable, "-m", "tariqa"]


def write_input(directory: Path, fmt: str) -> None:
    """The synthetic record as a Data Package (CSV) or JSON files, one per record type."""
    bodies: dict[str, list[str]] = defaultdict(list)
    for entity in synthetic_record(N_EVENTS):
        bodies[entity.collection].append(entity.canonical())
    directory.mkdir(parents=True)
    collections = [e.collection for e in ENTITIES]
    writer, suffix = (write_csv, "csv") if fmt == "datapackage" else (write_json, "json")
    for collection in collections:
        with (directory / f"{collection}.{suffix}").open("w", encoding="utf-8", newline="") as fh:
            writer(fh, collection, bodies.get(collection, []))
    if fmt == "datapackage":
        datapackage.write_descriptor(directory, collections)


def run() -> dict[str, Measure]:
    results: dict[str, Measure] = {}
    tmp = Path(tempfile.mkdtemp(prefix="tariqa-bench-"))
    try:
        for fmt in ("datapackage", "json"):
            write_input(tmp / f"in-{fmt}", fmt)
            db = str(tmp / f"{fmt}.db")
            measure([*TARIQA, "--db", db, "init", "--no-reference"])
            results[f"import 100k events ({fmt})"] = measure([*TARIQA, "--db", db, "import", str(tmp / f"in-{fmt}")])
        db = str(tmp / "datapackage.db")
        for fmt in ("csv", "json", "yaml"):
            results[f"export 100k events ({fmt})"] = measure(
                [*TARIQA, "--db", db, "export", str(tmp / f"out-{fmt}"), "--format", fmt]
            )
        measure([*TARIQA, "--db", db, "init"])  # adds the reference record (ATP, TAG, QUAD, AUKUS)
        results["events --group ATP, table (median of 5)"] = best_of([*TARIQA, "--db", db, "events", "--group", "ATP"])
        results["events --group ATP -o json (median of 5)"] = best_of(
            [*TARIQA, "--db", db, "events", "--group", "ATP", "-o", "json"]
        )
        results["events --group SYN000 -o csv, 5,000 rows (median of 5)"] = best_of(
            [*TARIQA, "--db", db, "events", "--group", "SYN000", "-o", "csv"]
        )
        results["python -c 'import tariqa.cli' (startup floor)"] = best_of([sys.executable, "-c", "import tariqa.cli"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return results


if __name__ == "__main__":
    for name, m in run().items():
        print(f"{name:60s} {m.seconds:7.2f} s {m.peak_mb:8.0f} MB")
