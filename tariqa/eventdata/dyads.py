"""Dyadic cooperation indices by month, written once in Ibis and run on any engine.

For a group ``M`` of states, the events whose Actor1 and Actor2 country codes are two
different members are aggregated per month for every ordered pair (``directed``, i→j),
every unordered pair (``pair``, i–j, both directions) and the whole group (``group``). The
monthly volume ``T`` (every event of the month, whoever the actors) normalises the counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis
import ibis.expr.types as ir

from tariqa.eventdata.indices import ALL_MONTHS, COLUMNS, PER, Bounds, Window, members_codes
from tariqa.eventdata.layouts import ANALYSIS_COLUMNS, TYPES


def event_schema() -> ibis.Schema:
    """The Ibis schema of the columns the analyses read (as stored and on BigQuery)."""
    kinds = {"INTEGER": "int64", "FLOAT": "float64", "STRING": "string"}
    return ibis.schema({name: kinds[TYPES[name]] for name in ANALYSIS_COLUMNS})


def _window(t: ir.Table, bounds: Bounds) -> ir.Table:
    low, high = bounds
    if low:
        t = t.filter(t.SQLDATE >= low)
    if high:
        t = t.filter(t.SQLDATE <= high)
    return t


def _measures(t: ir.Table) -> dict[str, Any]:
    q = t.QuadClass
    # counted (a sum of booleans would be a 128-bit integer on DuckDB, a decimal in Arrow)
    return {
        "events": t.count(),
        "q1_verbal_coop": t.count(where=q == 1),
        "q2_material_coop": t.count(where=q == 2),
        "q3_verbal_conflict": t.count(where=q == 3),
        "q4_material_conflict": t.count(where=q == 4),
        "goldstein_sum": t.GoldsteinScale.sum(),
    }


def volume(events: ir.Table, bounds: Bounds = (None, None)) -> ir.Table:
    """Every event of each month: the denominator ``T`` of the normalised measures."""
    t = _window(events, bounds)
    return t.group_by(month=t.SQLDATE // 100).agg(volume=t.count())


def _dyad_events(events: ir.Table, codes: Sequence[str], bounds: Bounds) -> ir.Table:
    t = _window(events, bounds)
    a1, a2 = t.Actor1CountryCode, t.Actor2CountryCode
    t = t.filter(a1.isin(list(codes)), a2.isin(list(codes)), a1 != a2)
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
    return dyad_query(events, members_codes(members), window.bounds(), volume_table)


def dyad_query(
    events: ir.Table, codes: Sequence[str], bounds: Bounds, volume_table: ir.Table | None = None
) -> ir.Table:
    """:func:`dyad_expr` for the group's CAMEO ``codes`` (sorted, distinct) and SQLDATE ``bounds``."""
    t = _dyad_events(events, codes, bounds)
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
    vol = volume_table if volume_table is not None else volume(events, bounds)
    return _finish(agg, vol).order_by("kind", "subject", "month")


def roots_expr(events: ir.Table, members: Sequence[str], window: Window = ALL_MONTHS) -> ir.Table:
    """Events and Goldstein sum by CAMEO root code, per month, for each ordered pair and the group."""
    return roots_query(events, members_codes(members), window.bounds())


def roots_query(events: ir.Table, codes: Sequence[str], bounds: Bounds) -> ir.Table:
    """:func:`roots_expr` for the group's CAMEO ``codes`` (sorted, distinct) and SQLDATE ``bounds``."""
    t = _dyad_events(events, codes, bounds)
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
