"""Checks of money: bilateral trade in a year or year by year over a span (``trade``), and
a value the record gives for an event, such as a contract's (``value``)."""

from __future__ import annotations

from tariqa.claims.model import Claim, TradeCheck, ValueCheck
from tariqa.claims.record import Record, Result, Verdict, firm, result, select, what
from tariqa.model import Amount, Event

#: Relative distance from the claimed range within which a figure is "imprecise".
TRADE_TOLERANCE = 0.10


def money(value: float, currency: str = "USD") -> str:
    """A readable amount.

    >>> money(1.6e9), money(2.5e7), money(1.5e9, "EUR")
    ('$1.60bn', '$25.0m', 'EUR 1.50bn')
    """
    sign = "$" if currency == "USD" else f"{currency} "
    if value >= 1e9:
        return f"{sign}{value / 1e9:.2f}bn"
    return f"{sign}{value / 1e6:.1f}m" if value >= 1e6 else f"{sign}{value:,.0f}"


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{money(low)}–{money(high)}"
    return f"at least {money(low)}" if low is not None else f"at most {money(high or 0)}"


def distance(value: float, low: float | None, high: float | None) -> float:
    """Relative distance of ``value`` from the range (0 inside it)."""
    if low is not None and value < low:
        return (low - value) / low if low else float("inf")
    if high is not None and value > high:
        return (value - high) / high if high else float("inf")
    return 0.0


def _year_verdict(distances: list[float]) -> Verdict:
    """One year's verdict from the distances of its recorded figures (one per reporter)."""
    if not distances:
        return Verdict.UNVERIFIABLE
    if all(d == 0 for d in distances):
        return Verdict.SUPPORTED
    if any(d == 0 for d in distances) or min(distances) <= TRADE_TOLERANCE:
        return Verdict.IMPRECISE
    return Verdict.CONTRADICTED


def trade(record: Record, claim: Claim, check: TradeCheck) -> Result:
    """A figure for one year, or year by year for a span: the claim holds in full only if
    every year fits; a year the record has no figure for cannot support it."""
    pair = set(check.pair)
    years = check.span
    flows = [
        f
        for f in record.flows()
        if {f.reporter, f.partner} == pair and f.year in years and f.direction is check.direction
    ]
    sources = tuple(dict.fromkeys(f.source for f in flows))
    said = _range_text(check.min_usd, check.max_usd)
    label = f"{check.direction.value} trade between {check.pair[0]} and {check.pair[1]}"
    verdicts = {}
    for year in years:
        mine = [f for f in flows if f.year == year]
        verdicts[year] = _year_verdict([distance(f.value_usd, check.min_usd, check.max_usd) for f in mine])
    if len(years) == 1:
        (year,) = years
        if not flows:
            return Result(claim, Verdict.UNVERIFIABLE, f"The record has no figure for {label} in {year}.")
        figures = ", ".join(f"{money(f.value_usd)} ({f.reporter} figures)" for f in flows)
        text = f"The record gives {label} in {year} as {figures}; the claim says {said}"
        tails = {
            Verdict.SUPPORTED: ".",
            Verdict.IMPRECISE: f", which only some recorded figures support, or within {TRADE_TOLERANCE:.0%} of one.",
            Verdict.CONTRADICTED: ".",
        }
        return Result(claim, verdicts[year], text + tails[verdicts[year]], (), sources)
    by_verdict: dict[Verdict, list[int]] = {}
    for year, verdict in verdicts.items():
        by_verdict.setdefault(verdict, []).append(year)
    parts = [f"{v.value}: {', '.join(map(str, ys))}" for v, ys in by_verdict.items()]
    text = f"{label.capitalize()} {years[0]}–{years[-1]}, {said} a year, year by year: {'; '.join(parts)}."
    if Verdict.CONTRADICTED in by_verdict:
        verdict = Verdict.CONTRADICTED
    elif set(by_verdict) == {Verdict.SUPPORTED}:
        verdict = Verdict.SUPPORTED
    elif Verdict.UNVERIFIABLE in by_verdict and Verdict.IMPRECISE not in by_verdict:
        verdict = Verdict.UNVERIFIABLE
    else:
        verdict = Verdict.IMPRECISE
    return Result(claim, verdict, text, (), sources)


def _matches(amount: Amount, check: ValueCheck) -> bool:
    words = set(check.what.casefold().split())
    return words <= set(amount.what.casefold().split()) and (check.year is None or amount.year in (None, check.year))


def value(record: Record, claim: Claim, check: ValueCheck, group: str) -> Result:
    """The claimed amount against the values the record gives for the matching events:
    supported when every recorded value fits (within the tolerance), imprecise when only
    some do (the sources disagree), contradicted when none does."""
    events: list[Event] = [e for e in select(record, check, group, (check.since, check.until)) if firm(e)]
    found = [(e, a) for e in events for a in e.values if _matches(a, check)]
    said = f"{money(check.amount, check.currency)} (±{check.tolerance:.0%})"
    subject = f"{check.what} for {what(check, group, plural=False)}"
    same = [(e, a) for e, a in found if a.currency == check.currency]
    if not same:
        other = f" (only in {', '.join(sorted({a.currency for _, a in found}))})" if found else ""
        events = list({e.id: e for e, _ in found}.values())
        return result(claim, Verdict.UNVERIFIABLE, f"The record gives no {subject}{other}.", events)
    low, high = check.amount * (1 - check.tolerance), check.amount * (1 + check.tolerance)
    fits = [(e, a) for e, a in same if low <= a.amount <= high]
    listed = "; ".join(f"{money(a.amount, a.currency)} ({e.id})" for e, a in same)
    text = f"The record gives {subject} as {listed}; the claim says {said}"
    chosen = list({e.id: e for e, _ in same}.values())
    if len(fits) == len(same):
        verdict, text = Verdict.SUPPORTED, text + "."
    elif fits:
        verdict, text = Verdict.IMPRECISE, text + ", which only some of the recorded values support."
    else:
        verdict, text = Verdict.CONTRADICTED, text + "."
    sources = tuple(dict.fromkeys(u for _, a in same for u in a.sources))
    base = result(claim, verdict, text, chosen)
    return Result(claim, verdict, text, base.events, tuple(dict.fromkeys([*sources, *base.sources])))
