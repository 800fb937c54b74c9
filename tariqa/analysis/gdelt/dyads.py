"""Dyadic cooperation indices by month, written once in Ibis and run on any engine.

For a group ``M`` of states, the events whose Actor1 and Actor2 country codes are two
different members are aggregated per month for every ordered pair (``directed``, i→j),
every unordered pair (``pair``, i–j, both directions) and the whole group (``group``). The
monthly volume ``T`` (every event of the month, whoever the actors) normalises the counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from tariqa.analysis.gdelt.layouts import ANALYSIS_COLUMNS, TYPES, cameo_country, iso_country
from tariqa.errors import UsageError

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


@dataclass(frozen=True)
class Window:
    """An optional range of months (inclusive) as SQLDATE bounds."""

    since: date | None = None
    until: date | None = None

    def bounds(self) -> tuple[int | None, int | None]:
        low = self.since.year * 10000 + self.since.month * 100 + 1 if self.since else None
        high = self.until.year * 10000 + self.until.month * 100 + 31 if self.until else None
        if low and high and low > high:
            raise UsageError("--since is after --until")
        return low, high


#: Every month: no window.
ALL_MONTHS = Window()


def event_schema() -> ibis.Schema:
    """The Ibis schema of the columns the analyses read (as stored and on BigQuery)."""
    kinds = {"INTEGER": "int64", "FLOAT": "float64", "STRING": "string"}
    return ibis.schema({name: kinds[TYPES[name]] for name in ANALYSIS_COLUMNS})


def members_codes(members: Sequence[str]) -> list[str]:
    """The CAMEO actor country codes of ISO3 ``members`` (at least two, distinct)."""
    try:
        codes = sorted({cameo_country(m) for m in members})
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if len(codes) < 2:
        raise UsageError("a group needs at least two distinct members for dyads")
    return codes


def _window(t: ir.Table, window: Window) -> ir.Table:
    low, high = window.bounds()
    if low:
        t = t.filter(t.SQLDATE >= low)
    if high:
        t = t.filter(t.SQLDATE <= high)
    return t


def _measures(t: ir.Table) -> dict[str, Any]:
    q = t.QuadClass
    return {
        "events": t.count(),
        "q1_verbal_coop": (q == 1).sum(),
        "q2_material_coop": (q == 2).sum(),
        "q3_verbal_conflict": (q == 3).sum(),
        "q4_material_conflict": (q == 4).sum(),
        "goldstein_sum": t.GoldsteinScale.sum(),
    }


def volume(events: ir.Table, window: Window = ALL_MONTHS) -> ir.Table:
    """Every event of each month: the denominator ``T`` of the normalised measures."""
    t = _window(events, window)
    return t.group_by(month=t.SQLDATE // 100).agg(volume=t.count())


def _dyad_events(events: ir.Table, codes: list[str], window: Window) -> ir.Table:
    t = _window(events, window)
    a1, a2 = t.Actor1CountryCode, t.Actor2CountryCode
    t = t.filter(a1.isin(codes), a2.isin(codes), a1 != a2)
    return t.mutate(
        month=t.SQLDATE // 100,
        source=a1,
        target=a2,
        low=ibis.least(a1, a2),
        high=ibis.greatest(a1, a2),
    )


def _finish(agg: ir.Table, vol: ir.Table) -> ir.Table:
    """Derived measures, and the normalised ones from the month's volume."""
    joined = agg.left_join(vol, agg.month == vol.month).drop("month_right")
    coop = joined.q1_verbal_coop + joined.q2_material_coop
    conflict = joined.q3_verbal_conflict + joined.q4_material_conflict
    joined = joined.mutate(cooperation=coop, conflict=conflict)
    net = joined.cooperation - joined.conflict
    per = ibis.literal(float(PER)) / joined.volume.cast("float64")
    return joined.mutate(
        goldstein_mean=joined.goldstein_sum / joined.events.cast("float64"),
        net_cooperation=net,
        net_cooperation_ratio=net.cast("float64") / joined.events.cast("float64"),
        events_per_million=joined.events.cast("float64") * per,
        net_cooperation_per_million=net.cast("float64") * per,
        goldstein_sum_per_million=joined.goldstein_sum * per,
    ).select(*COLUMNS)


def dyad_expr(
    events: ir.Table,
    members: Sequence[str],
    window: Window = ALL_MONTHS,
    volume_table: ir.Table | None = None,
) -> ir.Table:
    """The dyads expression: one row per (kind, subject, month), sorted.

    ``events`` has at least the :data:`ANALYSIS_COLUMNS`; ``volume_table`` (month as
    YYYYMM, volume) replaces the volume computed from ``events``.
    """
    codes = members_codes(members)
    t = _dyad_events(events, codes, window)
    m = _measures(t)
    dash, arrow, name = ibis.literal("-"), ibis.literal("->"), ibis.literal("+".join(codes))
    directed = t.group_by("month", "source", "target").agg(**m)
    directed = directed.mutate(kind=ibis.literal("directed"), subject=directed.source.concat(arrow, directed.target))
    pairs = t.group_by("month", source=t.low, target=t.high).agg(**m)
    pairs = pairs.mutate(kind=ibis.literal("pair"), subject=pairs.source.concat(dash, pairs.target))
    group = t.group_by("month").agg(**m)
    group = group.mutate(kind=ibis.literal("group"), subject=name, source=name, target=name)
    cols = ["kind", "subject", "source", "target", "month", *m]
    agg = ibis.union(directed.select(*cols), pairs.select(*cols), group.select(*cols))
    vol = volume_table if volume_table is not None else volume(events, window)
    return _finish(agg, vol).order_by("kind", "subject", "month")


def roots_expr(events: ir.Table, members: Sequence[str], window: Window = ALL_MONTHS) -> ir.Table:
    """Events and Goldstein sum by CAMEO root code, per month, for each ordered pair and the group."""
    codes = members_codes(members)
    t = _dyad_events(events, codes, window)
    arrow = ibis.literal("->")
    directed = t.group_by("month", "EventRootCode", subject=t.source.concat(arrow, t.target)).agg(
        events=t.count(), goldstein_sum=t.GoldsteinScale.sum()
    )
    directed = directed.mutate(kind=ibis.literal("directed"))
    group = t.group_by("month", "EventRootCode").agg(events=t.count(), goldstein_sum=t.GoldsteinScale.sum())
    group = group.mutate(kind=ibis.literal("group"), subject=ibis.literal("+".join(codes)))
    cols = ["kind", "subject", "month", "EventRootCode", "events", "goldstein_sum"]
    both = ibis.union(directed.select(*cols), group.select(*cols))
    return both.rename(root="EventRootCode").order_by("kind", "subject", "month", "root")


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
