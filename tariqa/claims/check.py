"""Checking published claims against the record: each claim gets a verdict, the events and
sources that decide it, and one plain sentence of explanation.

The verdict rules are documented in ``docs/claims.md``. In short: *supported* when the record
agrees at the precision the claim states; *contradicted* when the record firmly disagrees;
*imprecise* when the claim is right in substance but wrong in detail (right year, wrong
month; a count that fits only with planned, unconfirmed or low-confidence events; a value
the record itself is unsure of); *unverifiable* when the record has nothing to decide it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from tariqa.claims.model import (
    Claim,
    ClaimsFile,
    CountCheck,
    Events,
    ExistsCheck,
    FirstCheck,
    Place,
    RoundCheck,
    TradeCheck,
    load_claims,
    span,
)
from tariqa.model import Confidence, Event, EventKind, EventStatus, Precision, TradeFlow
from tariqa.storage import EventFilter, Store

__all__ = ["Result", "Verdict", "check_claims", "check_file", "load_claims"]

#: Relative distance from the claimed range within which a trade figure is "imprecise".
TRADE_TOLERANCE = 0.10
_SOFT = {EventStatus.PLANNED, EventStatus.UNCONFIRMED}
_RANK = {Precision.YEAR: 1, Precision.MONTH: 2, Precision.DAY: 3}


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    IMPRECISE = "imprecise"
    UNVERIFIABLE = "unverifiable"


@dataclass(frozen=True)
class Result:
    """The verdict on one claim, the events and sources that decide it, and why."""

    claim: Claim
    verdict: Verdict
    explanation: str
    events: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def to_row(self) -> dict[str, Any]:
        """Plain data for JSON, CSV and tables."""
        return {
            "id": self.claim.id,
            "verdict": self.verdict.value,
            "check": self.claim.check.type,
            "claim": self.claim.text,
            "published": self.claim.published.url,
            "explanation": self.explanation,
            "events": list(self.events),
            "sources": list(self.sources),
        }


class Record:
    """What the checks read from the store, loaded once per run."""

    def __init__(self, store: Store) -> None:
        from tariqa.quality import as_of_date

        self.as_of = as_of_date(store)
        self.members = {g.id: frozenset(g.members) for g in store.groups()}
        self._store = store
        self._events: dict[str, list[Event]] = {}
        self._flows: list[TradeFlow] | None = None

    def events(self, group: str) -> list[Event]:
        if group not in self._events:
            self._events[group] = self._store.events(EventFilter(group=group))
        return self._events[group]

    def flows(self) -> list[TradeFlow]:
        if self._flows is None:
            self._flows = self._store.trade_flows()
        return self._flows


def check_file(store: Store, path: Path | str) -> list[Result]:
    """Load, validate and check a claims file (raises Problems if the file is invalid)."""
    return check_claims(store, load_claims(path, store))


def check_claims(store: Store, claims: ClaimsFile) -> list[Result]:
    """A verdict for every claim, in file order."""
    record = Record(store)
    return [_check(record, claim, claims.group) for claim in claims.claims]


def _check(record: Record, claim: Claim, default_group: str | None) -> Result:
    check = claim.check
    if isinstance(check, TradeCheck):
        return _trade(record, claim, check)
    group = check.group or default_group or ""
    if isinstance(check, CountCheck):
        return _count(record, claim, check, group)
    if isinstance(check, RoundCheck):
        return _round(record, claim, check, group)
    if isinstance(check, FirstCheck):
        return _first(record, claim, check, group)
    return _exists(record, claim, check, group)


def _result(claim: Claim, verdict: Verdict, text: str, events: Iterable[Event] = ()) -> Result:
    chosen = list(events)
    sources = dict.fromkeys(url for e in chosen for url in e.sources)
    return Result(claim, verdict, text, tuple(e.id for e in chosen), tuple(sources))


# selecting events ----------------------------------------------------------------
def _bounds(since: str | None, until: str | None) -> tuple[date, date]:
    return (span(since)[0] if since else date.min, span(until)[1] if until else date.max)


def _select(record: Record, f: Events, group: str, period: tuple[str | None, str | None]) -> list[Event]:
    low, high = _bounds(*period)
    members = record.members.get(group, frozenset())
    return [
        e
        for e in record.events(group)
        if low <= e.date <= high
        and (f.format is None or e.format == f.format)
        and (f.track is None or e.track is f.track)
        and (f.level is None or e.level is f.level)
        and (f.kind is None or e.kind is f.kind)
        and (not f.all_members or members <= set(e.states))
    ]


def _firm(e: Event) -> bool:
    return e.status is EventStatus.HELD and e.confidence is not Confidence.LOW


def _soft(e: Event) -> bool:
    return e.status in _SOFT or (e.status is EventStatus.HELD and e.confidence is Confidence.LOW)


def _what(f: Events, group: str, plural: bool = True) -> str:
    """How an explanation names the events a check selects: "ATP exercises with all members"."""
    noun = f.kind.value if f.kind and f.kind is not EventKind.OTHER else "event"
    parts = [f"{group} {noun}{'s' if plural else ''}"]
    parts += [f"in format {f.format}"] if f.format else []
    parts += [f"on the {f.track.value} track"] if f.track else []
    parts += [f"at {f.level.value} level"] if f.level else []
    parts += ["with all members taking part"] if f.all_members else []
    return " ".join(parts)


def _period_text(since: str | None, until: str | None) -> str:
    if since and until:
        return f" in {since}" if since == until else f" from {since} to {until}"
    return f" from {since}" if since else (f" up to {until}" if until else "")


def _beyond(record: Record, until: str | None) -> bool:
    """True when the period runs past the date the record speaks for."""
    return until is not None and span(until)[1] > record.as_of


# counts ----------------------------------------------------------------------------
def _count(record: Record, claim: Claim, check: CountCheck, group: str) -> Result:
    pool = _select(record, check, group, (check.since, check.until))
    firm, soft = [e for e in pool if _firm(e)], [e for e in pool if _soft(e)]
    low, high = check.bounds
    n, m = len(firm), len(soft)
    said = f"exactly {low}" if low == high else (f"at least {low}" if high is None else f"between {low} and {high}")
    head = f"The record has {n} {_what(check, group)}{_period_text(check.since, check.until)}"
    extra = f" (and {m} planned, unconfirmed or low-confidence)" if m else ""

    def fits(k: int) -> bool:
        return low <= k and (high is None or k <= high)

    beyond = _beyond(record, check.until)
    if fits(n) and (high is None or not beyond):
        return _result(claim, Verdict.SUPPORTED, f"{head}{extra}; the claim says {said}.", firm)
    if fits(n):
        text = f"{head}{extra}, as claimed, but the period runs past {record.as_of}, the date the record speaks for."
        return _result(claim, Verdict.UNVERIFIABLE, text, firm + soft)
    if any(fits(k) for k in range(n, n + m + 1)):
        text = f"{head}; the claim's {said} holds only if {m} planned, unconfirmed or low-confidence events count."
        return _result(claim, Verdict.IMPRECISE, text, firm + soft)
    if beyond and (high is None or n <= high):
        text = f"{head}{extra}, but the period runs past {record.as_of}, the date the record speaks for."
        return _result(claim, Verdict.UNVERIFIABLE, text, firm + soft)
    return _result(claim, Verdict.CONTRADICTED, f"{head}{extra}, not {said}.", firm + soft)


# one event: round, first -------------------------------------------------------------
@dataclass(frozen=True)
class _Finding:
    field: str
    outcome: str  # match | finer | detail | wrong | unknown
    recorded: str
    claimed: str


def _key(day: date, rank: int) -> tuple[int, ...]:
    return (day.year, day.month, day.day)[:rank]


def _compare_day(claimed: str, start: date, end: date, precision: Precision) -> str:
    low, _, claim_precision = span(claimed)
    rank = min(_RANK[claim_precision], _RANK[precision])
    if _key(start, rank) <= _key(low, rank) <= _key(end, rank):
        return "finer" if _RANK[claim_precision] > _RANK[precision] else "match"
    return "detail" if start.year <= low.year <= end.year else "wrong"


def _shown(day: date, precision: Precision) -> str:
    return day.isoformat()[: {Precision.YEAR: 4, Precision.MONTH: 7, Precision.DAY: 10}[precision]]


def _compare(claim: Place, e: Event) -> list[_Finding]:
    found = []
    end = e.end_date or e.date
    if claim.date:
        outcome = _compare_day(claim.date, e.date, end, e.date_precision)
        found.append(_Finding("date", outcome, _shown(e.date, e.date_precision), claim.date))
    if claim.end:
        outcome = _compare_day(claim.end, end, end, e.date_precision)
        found.append(_Finding("end_date", outcome, _shown(end, e.date_precision), claim.end))
    if claim.host:
        outcome = "unknown" if e.host is None else ("match" if e.host == claim.host else "wrong")
        found.append(_Finding("host", outcome, e.host or "not recorded", claim.host))
    if claim.city:
        same = e.city is not None and claim.city.casefold() in e.city.casefold()
        outcome = "unknown" if e.city is None else ("match" if same else "wrong")
        found.append(_Finding("city", outcome, e.city or "not recorded", claim.city))
    return found


def _on_field(conflict: str, field: str) -> bool:
    """A recorded conflict ("date (as scheduled)", "end_date", ...) bears on ``field``."""
    word = conflict.split(" ")[0]
    return word == field or (field == "end_date" and word == "date")


def _unsure(e: Event, field: str) -> bool:
    """The record itself doubts ``field`` of ``e``: low confidence, or a conflict on it
    below high confidence."""
    disputed = any(_on_field(c.field, field) for c in e.conflicts)
    return e.confidence is Confidence.LOW or (disputed and e.confidence is not Confidence.HIGH)


def _disputed_note(e: Event, findings: list[_Finding]) -> str:
    for f in findings:
        for c in e.conflicts:
            if _on_field(c.field, f.field) and f.outcome != "match":
                return f"; the record notes that sources disagree on the {f.field} and keeps {f.recorded}"
    return ""


def _place_verdict(e: Event, findings: list[_Finding]) -> Verdict:
    outcomes = {f.outcome for f in findings}
    wrong = [f for f in findings if f.outcome == "wrong"]
    if wrong:
        return Verdict.IMPRECISE if all(_unsure(e, f.field) for f in wrong) else Verdict.CONTRADICTED
    if "detail" in outcomes:
        return Verdict.IMPRECISE
    if outcomes == {"unknown"}:
        return Verdict.UNVERIFIABLE
    return Verdict.IMPRECISE if e.status in _SOFT else Verdict.SUPPORTED


def _place_text(subject: str, e: Event, findings: list[_Finding], verdict: Verdict) -> str:
    where = ", ".join(x for x in (e.city, e.host) if x) or "an unrecorded place"
    head = f"The record has {subject} ({e.id}) on {_shown(e.date, e.date_precision)} in {where}"
    if e.status is not EventStatus.HELD:
        head += f", with status {e.status.value}"
    diffs = [f"{f.field} {f.recorded}, not {f.claimed}" for f in findings if f.outcome in ("detail", "wrong")]
    notes = [f"it does not record the {f.field}" for f in findings if f.outcome == "unknown"]
    notes += [f"it knows the {f.field} only as {f.recorded}" for f in findings if f.outcome == "finer"]
    if e.confidence is Confidence.LOW:
        notes.append("its confidence in this event is low")
    body = f": {'; '.join(diffs)}" if diffs else (", as claimed" if verdict is Verdict.SUPPORTED else "")
    tail = f" ({'; '.join(notes)})" if notes else ""
    return f"{head}{body}{tail}{_disputed_note(e, findings)}."


def _round(record: Record, claim: Claim, check: RoundCheck, group: str) -> Result:
    rounds = [e for e in record.events(group) if e.format == check.format and e.ordinal == check.ordinal]
    rounds.sort(key=lambda e: (e.status is not EventStatus.HELD, e.date))
    subject = f"round {check.ordinal} of {check.format}"
    if not rounds:
        held = sum(1 for e in record.events(group) if e.format == check.format and e.status is EventStatus.HELD)
        text = f"The record has no {subject} ({held} rounds held up to {record.as_of}), so nothing decides the claim."
        return _result(claim, Verdict.UNVERIFIABLE, text)
    e = rounds[0]
    if e.status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
        return _result(claim, Verdict.CONTRADICTED, f"The record has {subject} ({e.id}) as {e.status.value}.", [e])
    findings = _compare(check, e)
    verdict = _place_verdict(e, findings)
    return _result(claim, verdict, _place_text(subject, e, findings, verdict), [e])


def _first(record: Record, claim: Claim, check: FirstCheck, group: str) -> Result:
    pool = _select(record, check, group, (check.since, check.until))
    held = [e for e in pool if e.status is EventStatus.HELD]
    what = _what(check, group, plural=False)
    if not held:
        text = f"The record has no held {_what(check, group)}{_period_text(check.since, check.until)}."
        return _result(claim, Verdict.UNVERIFIABLE, text, pool)
    e = held[0]
    findings = _compare(check, e)
    verdict = _place_verdict(e, findings)
    return _result(claim, verdict, _place_text(f"the first {what}", e, findings, verdict), [e])


# existence -------------------------------------------------------------------------
def _exists(record: Record, claim: Claim, check: ExistsCheck, group: str) -> Result:
    since, until = check.period
    pool = [
        e
        for e in _select(record, check, group, (since, until))
        if (check.host is None or e.host == check.host)
        and (check.city is None or (e.city is not None and check.city.casefold() in e.city.casefold()))
    ]
    place = "".join(f" in {x}" for x in (check.city, check.host) if x)

    def what(n: int) -> str:
        return f"{n or 'no'} held {_what(check, group, plural=n != 1)}{place}{_period_text(since, until)}"

    firm, soft = [e for e in pool if _firm(e)], [e for e in pool if _soft(e)]
    if firm:
        verdict = Verdict.SUPPORTED if check.exists else Verdict.CONTRADICTED
        return _result(claim, verdict, f"The record has {what(len(firm))}.", firm)
    if soft:
        text = f"The record has {what(0)}, only {len(soft)} planned, unconfirmed or low-confidence."
        return _result(claim, Verdict.IMPRECISE, text, soft)
    if _beyond(record, until):
        text = f"The record has {what(0)}, but the period runs past {record.as_of}, the date the record speaks for."
        return _result(claim, Verdict.UNVERIFIABLE, text, pool)
    verdict = Verdict.CONTRADICTED if check.exists else Verdict.SUPPORTED
    return _result(claim, verdict, f"The record, which speaks for {record.as_of}, has {what(0)}.", pool)


# trade -------------------------------------------------------------------------------
def _usd(value: float) -> str:
    if value >= 1e9:
        return f"${value / 1e9:.2f}bn"
    return f"${value / 1e6:.1f}m" if value >= 1e6 else f"${value:,.0f}"


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{_usd(low)}–{_usd(high)}"
    return f"at least {_usd(low)}" if low is not None else f"at most {_usd(high or 0)}"


def _distance(value: float, low: float | None, high: float | None) -> float:
    """Relative distance of ``value`` from the range (0 inside it)."""
    if low is not None and value < low:
        return (low - value) / low if low else float("inf")
    if high is not None and value > high:
        return (value - high) / high if high else float("inf")
    return 0.0


def _trade(record: Record, claim: Claim, check: TradeCheck) -> Result:
    pair = set(check.pair)
    flows = [
        f
        for f in record.flows()
        if {f.reporter, f.partner} == pair and f.year == check.year and f.direction is check.direction
    ]
    label = f"{check.direction.value} trade between {check.pair[0]} and {check.pair[1]} in {check.year}"
    said = _range_text(check.min_usd, check.max_usd)
    sources = tuple(dict.fromkeys(f.source for f in flows))
    if not flows:
        return Result(claim, Verdict.UNVERIFIABLE, f"The record has no figure for {label}.")
    figures = ", ".join(f"{_usd(f.value_usd)} ({f.reporter} figures)" for f in flows)
    distances = [_distance(f.value_usd, check.min_usd, check.max_usd) for f in flows]
    text = f"The record gives {label} as {figures}; the claim says {said}"
    if all(d == 0 for d in distances):
        verdict, text = Verdict.SUPPORTED, text + "."
    elif any(d == 0 for d in distances):
        verdict, text = Verdict.IMPRECISE, text + ", which only some recorded figures support."
    elif min(distances) <= TRADE_TOLERANCE:
        verdict, text = Verdict.IMPRECISE, text + f", within {TRADE_TOLERANCE:.0%} of a recorded figure."
    else:
        verdict, text = Verdict.CONTRADICTED, text + "."
    return Result(claim, verdict, text, (), sources)
