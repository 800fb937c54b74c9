"""Indicators of informal alliance for any group and period.

>>> from tariqa.indicators import REGISTRY
>>> list(REGISTRY)[:3]
['intensity', 'depth', 'regularity']

Every indicator is registered with its name, label and formula (``REGISTRY``); ``compute``
runs the chosen ones for a group, over the whole period or year by year; ``compare`` adds
the comparators and the ranking of groups under other weights of the composite index.
"""

from __future__ import annotations

from datetime import date

from tariqa.indicators import activity, coded, institution, regularity  # noqa: F401  (registers)
from tariqa.indicators.data import GroupData, Scope, Shared, load
from tariqa.indicators.institution import components, sensitivity
from tariqa.indicators.registry import REGISTRY, Indicator, Row, chosen
from tariqa.storage import Store

ORDER = ("intensity", "depth", "regularity", "institutionalisation", "spectrum", "support", "threats", "balance")
"""The order of the reference and of results: activity first, coded documents last."""
REGISTRY.update({name: REGISTRY.pop(name) for name in ORDER})

__all__ = ["REGISTRY", "GroupData", "Indicator", "Row", "Scope", "Shared", "compare", "compute", "load", "rank_rows"]


def compute(
    store: Store, scope: Scope, names: list[str] | None = None, by: str = "all", as_of: date | None = None
) -> list[Row]:
    """Rows of the chosen indicators for ``scope``; ``by="year"`` repeats the year-sliceable
    ones for each calendar year of the period."""
    return _rows(load(store, scope, as_of), chosen(names), by)


def _rows(data: GroupData, indicators: list[Indicator], by: str) -> list[Row]:
    if by not in ("all", "year"):
        from tariqa.errors import UsageError

        raise UsageError(f"unknown period {by!r} (choose all or year)")
    rows: list[Row] = []
    for ind in indicators:
        if by == "year" and ind.by_year:
            for year in data.years():
                rows += ind.rows(data.restricted(year))
        else:
            rows += ind.rows(data)
    return rows


def compare(
    store: Store,
    groups: list[str],
    since: date | None = None,
    until: date | None = None,
    names: list[str] | None = None,
    by: str = "all",
    as_of: date | None = None,
) -> list[Row]:
    """The chosen indicators for each group, then the composite's ranking under every
    weight scheme (when the institutionalisation indicator is among them)."""
    indicators = chosen(names)
    shared = Shared.read(store, as_of)
    datas = [load(store, Scope(g, since, until), shared=shared) for g in groups]
    rows = [row for data in datas for row in _rows(data, indicators, by)]
    if any(i.name == "institutionalisation" for i in indicators) and len(datas) > 1:
        rows += rank_rows({d.group.id: components(d) for d in datas}, Scope(groups[0], since, until).label)
    return rows


def rank_rows(profiles: dict[str, dict[str, float]], period: str) -> list[Row]:
    """For each group: its rank under each weight scheme, and its best and worst rank."""
    rankings = sensitivity(profiles)
    rows = [
        Row(
            group,
            "sensitivity",
            f"rank: {r.scheme}",
            "group",
            period,
            r.rank(group),
            "rank",
            f"score {r.scores[group]}",
        )
        for group in profiles
        for r in rankings
    ]
    for group in profiles:
        ranks = [r.rank(group) for r in rankings]
        rows.append(Row(group, "sensitivity", "rank range", "group", period, f"{min(ranks)}-{max(ranks)}", "rank"))
    return rows
