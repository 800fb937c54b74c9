"""The layout of a GDELT Parquet store on disk.

::

    STORE/
      events/year=2019/month=10/<ingest>-f<k>-data_0.parquet   the rows, by SQLDATE's year/month
      quarantine/<ingest>.tsv                                  malformed rows with their reasons
      manifest.jsonl                                           one line per ingested file
      .staging-<ingest>/                                       only while an ingest runs
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tariqa.errors import InputError, UsageError

MANIFEST = "manifest.jsonl"


def check_store_path(store: Path) -> None:
    """A store is a directory (made if missing); anything else there is an error."""
    if store.exists() and not store.is_dir():
        raise UsageError(f"GDELT store {store}: is a file, not a directory")
    if store.is_dir() and any(store.iterdir()) and not (store / "events").is_dir() and not (store / MANIFEST).exists():
        raise UsageError(f"GDELT store {store}: is a non-empty directory that is not a GDELT store")


def ensure(store: Path) -> None:
    (store / "events").mkdir(parents=True, exist_ok=True)
    (store / "quarantine").mkdir(exist_ok=True)


def events_dir(store: Path) -> Path:
    return store / "events"


def partition_dir(store: Path, year: int, month: int) -> Path:
    return store / "events" / f"year={year}" / f"month={month}"


def partition_files(store: Path, year: int, month: int) -> list[Path]:
    return sorted(partition_dir(store, year, month).glob("*.parquet"))


def event_files(store: Path) -> list[Path]:
    """Every stored Parquet file (an error if the store has none)."""
    if not store.is_dir():
        raise UsageError(f"GDELT store {store}: no such store (nothing was ingested there)")
    files = sorted((store / "events").glob("year=*/month=*/*.parquet"))
    if not files:
        raise UsageError(f"GDELT store {store}: the store holds no events yet")
    return files


def stored_months(store: Path) -> list[tuple[int, int]]:
    """The (year, month) partitions that hold events, in order (none for a folder that is
    not a store yet)."""
    months = set()
    for path in (store / "events").glob("year=*/month=*/*.parquet"):
        year, month = path.parent.parent.name.removeprefix("year="), path.parent.name.removeprefix("month=")
        if year.isdigit() and month.isdigit():
            months.add((int(year), int(month)))
    return sorted(months)


def quarantine_dir(store: Path) -> Path:
    return store / "quarantine"


def read_manifest(store: Path) -> list[dict[str, Any]]:
    path = store / MANIFEST
    if not path.exists():
        return []
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            raise InputError(f"{path}:{number}: not a JSON line; the store's manifest is damaged") from None
    return records


def ingested_fingerprints(store: Path) -> set[tuple[str, str]]:
    return {(r["name"], r["fingerprint"]) for r in read_manifest(store)}


def column_set(store: Path) -> str | None:
    """The column set the store keeps (``lean``, ``core``, ``extended``, ``all``), None while it is empty.

    Stores written before the column sets existed kept the ``extended`` set.
    """
    records = read_manifest(store)
    return str(records[0].get("columns", "extended")) if records else None


def append_manifest(store: Path, records: list[dict[str, Any]]) -> None:
    with (store / MANIFEST).open("a", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, sort_keys=True) + "\n")
