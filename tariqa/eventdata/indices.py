"""What the dyads queries take and give, without Ibis: windows of months, the group's
CAMEO codes, the result's columns, and its rows turned into plain records and chart data.

Kept apart from the Ibis expressions (:mod:`tariqa.eventdata.dyads`) so that the
embedded DuckDB engine, which runs those expressions compiled ahead of time
(:mod:`tariqa.eventdata.compiled`), never imports Ibis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tariqa.errors import UsageError
from tariqa.eventdata.layouts import cameo_country, iso_country

PER = 1_000_000  # normalised measures are per million events of the month

#: The columns of a dyads result, in order.
COLUMNS = (
    "kind",
    "subject",
    "source",
    "target",
    "month",
    "events",
    "q1_verbal_coop",
    "q2_material_coop",
    "q3_verbal_conflict",
    "q4_material_conflict",
    "cooperation",
    "conflict",
    "goldstein_sum",
    "goldstein_mean",
    "net_cooperation",
    "net_cooperation_ratio",
    "volume",
    "events_per_million",
    "net_cooperation_per_million",
    "goldstein_sum_per_million",
)


#: SQLDATE bounds (inclusive), either of them open (None): see :meth:`Window.bounds`.
Bounds = tuple[int | None, int | None]


@dataclass(frozen=True)
class Window:
    """An optional range of months (inclusive) as SQLDATE bounds."""

    since: date | None = None
    until: date | None = None

    def bounds(self) -> Bounds:
        low = self.since.year * 10000 + self.since.month * 100 + 1 if self.since else None
        high = self.until.year * 10000 + self.until.month * 100 + 31 if self.until else None
        if low and high and low > high:
            raise UsageError("the window starts after it ends")
        return low, high


#: Every month: no window.
ALL_MONTHS = Window()

#: The schema of a table of monthly volumes given instead of counted (month as YYYYMM).
VOLUME_SCHEMA = {"month": "int64", "volume": "int64"}


def members_codes(members: Sequence[str]) -> list[str]:
    """The CAMEO actor country codes of ISO3 ``members`` (at least two, distinct)."""
    try:
        codes = sorted({cameo_country(m) for m in members})
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if len(codes) < 2:
        raise UsageError("a group needs at least two distinct members for dyads")
    return codes


def to_rows(table: Any) -> list[dict[str, Any]]:
    """A small engine result (a PyArrow table) as plain rows; months as ``YYYY-MM``, and
    the country codes of subjects turned back into ISO3."""
    rows: list[dict[str, Any]] = table.to_pylist()
    for row in rows:
        month = int(row["month"])
        row["month"] = f"{month // 100:04d}-{month % 100:02d}"
        for key in ("source", "target"):
            if key in row and row[key] and "+" not in row[key]:
                row[key] = iso_country(row[key])
    return rows


def dyad_chart_data(rows: Sequence[dict[str, Any]], measure: str = "net_cooperation_ratio") -> list[dict[str, Any]]:
    """Long-format rows for a line chart of ``measure`` by month, one series per pair and
    the group (the directed rows are left out): ``{"month", "series", "measure", "value"}``.

    >>> dyad_chart_data([{"kind": "pair", "subject": "AZE-TUR", "month": "2020-01",
    ...                   "net_cooperation_ratio": 0.5}])
    [{'month': '2020-01', 'series': 'AZE-TUR', 'measure': 'net_cooperation_ratio', 'value': 0.5}]
    """
    if rows and measure not in rows[0]:
        raise UsageError(f"unknown measure {measure!r}; one of: {', '.join(COLUMNS[5:])}")
    return [
        {"month": r["month"], "series": r["subject"], "measure": measure, "value": r[measure]}
        for r in rows
        if r["kind"] in ("pair", "group")
    ]


def write_parquet(rows: Sequence[dict[str, Any]], path: Path) -> None:
    """Write result rows to a Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(list(rows)), path)
