"""Interaction intensity, and trilateral versus bilateral depth per member pair."""

from __future__ import annotations

from collections import Counter, defaultdict

from tariqa.indicators.data import GroupData
from tariqa.indicators.registry import Measure, indicator
from tariqa.model import TradeFlow

TOP_LEVELS = frozenset({"head-of-state-or-government", "minister"})


def _per_year(data: GroupData) -> float:
    """The exact length of the period in years (not the calendar years it touches)."""
    return data.period_years()


@indicator(
    "intensity",
    "Interaction intensity",
    """Held events per year, in total and by track, level and kind: n / the exact length of
    the period in years (days / 365.2425, both ends counted; the period runs from its start,
    or the first event, to its end, or the record's date).
    Top-level share = held events at head-of-state/government or minister level / held events.""",
)
def intensity(data: GroupData) -> list[Measure]:
    held = data.held()
    years = _per_year(data)
    rows: list[Measure] = [
        ("events", "all", len(held), "events"),
        ("events per year", "all", len(held) / years, "events/year", f"{years:.2f} years"),
    ]
    for facet in ("track", "level", "kind"):
        counts = Counter(getattr(e, facet) for e in held)
        rows += [(f"events per year by {facet}", key, n / years, "events/year") for key, n in sorted(counts.items())]
    top = sum(e.level in TOP_LEVELS for e in held)
    rows.append(
        ("top-level share", "all", top / len(held) if held else None, "share", "head of state/government or minister")
    )
    return rows


def pair_counts(data: GroupData) -> dict[tuple[str, str], tuple[int, int]]:
    """For each member pair: (held events with every member, held events of the pair alone)."""
    members = frozenset(data.members)
    held = data.held()
    everyone = sum(e.states >= members for e in held)
    alone: Counter[frozenset[str]] = Counter(e.states for e in held if len(e.states) == 2)
    return {(a, b): (everyone, alone[frozenset((a, b))]) for a, b in data.pairs()}


def pair_trade(flows: list[TradeFlow]) -> dict[tuple[frozenset[str], int], float]:
    """Total trade per pair and year: the mean over reporters of each reporter's total
    (or export + import) figure, so mirror statistics are averaged, not added."""
    by_reporter: dict[tuple[frozenset[str], int, str], dict[str, float]] = defaultdict(dict)
    for t in flows:
        key = (frozenset((t.reporter, t.partner)), t.year, t.reporter)
        by_reporter[key][t.direction.value] = max(t.value_usd, by_reporter[key].get(t.direction.value, 0.0))
    totals: dict[tuple[frozenset[str], int], list[float]] = defaultdict(list)
    for (pair, year, _), values in by_reporter.items():
        total = values.get("total")
        if total is None and {"export", "import"} <= values.keys():
            total = values["export"] + values["import"]
        if total is not None:
            totals[(pair, year)].append(total)
    return {key: sum(v) / len(v) for key, v in totals.items()}


@indicator(
    "depth",
    "Trilateral versus bilateral depth",
    """For each member pair: trilateral = held events with every member; bilateral = held events
    of the pair alone; trilateral share = trilateral / (trilateral + bilateral). Trade per pair and
    year = mean over reporting states of the reported total (or exports + imports), latest year in
    the period. The weakest link is the pair with the fewest bilateral events (ties: lowest
    trade).""",
)
def depth(data: GroupData) -> list[Measure]:
    counts = pair_counts(data)
    trade = pair_trade(data.trade)
    rows: list[Measure] = []
    latest: dict[tuple[str, str], tuple[int, float] | None] = {}
    for (a, b), (tri, bi) in counts.items():
        pair = f"{a}-{b}"
        rows += [
            ("trilateral events", pair, tri, "events"),
            ("bilateral events", pair, bi, "events"),
            ("trilateral share", pair, tri / (tri + bi) if tri + bi else None, "share"),
        ]
        years = sorted(y for (p, y) in trade if p == frozenset((a, b)))
        latest[(a, b)] = (years[-1], trade[(frozenset((a, b)), years[-1])]) if years else None
        found = latest[(a, b)]
        if found:
            rows.append(("trade", pair, found[1], "USD", f"{found[0]}; reported total, mean of reporters"))
        else:
            rows.append(("trade", pair, None, "USD", "no trade figure in the record"))
    if counts:
        weakest = min(counts, key=lambda p: (counts[p][1], (latest[p] or (0, 0.0))[1], p))
        rows.append(("weakest link", "pair", f"{weakest[0]}-{weakest[1]}", "", "fewest bilateral events"))
    return rows
