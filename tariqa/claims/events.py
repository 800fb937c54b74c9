"""Checks of events: how many (``count``), the n-th round of a format (``round``), the
first of a kind (``first``), whether one took place (``exists``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tariqa.claims.model import Claim, CountCheck, ExistsCheck, FirstCheck, Place, RoundCheck, span
from tariqa.claims.record import SOFT, Record, Result, Verdict, beyond, firm, period_text, result, select, soft, what
from tariqa.model import Confidence, Event, EventStatus, Precision

_RANK = {Precision.YEAR: 1, Precision.MONTH: 2, Precision.DAY: 3}


# counts ----------------------------------------------------------------------------
def count(record: Record, claim: Claim, check: CountCheck, group: str) -> Result:
    pool = select(record, check, group, (check.since, check.until))
    sure, unsure = [e for e in pool if firm(e)], [e for e in pool if soft(e)]
    low, high = check.bounds
    n, m = len(sure), len(unsure)
    said = f"exactly {low}" if low == high else (f"at least {low}" if high is None else f"between {low} and {high}")
    head = f"The record has {n} {what(check, group)}{period_text(check.since, check.until)}"
    extra = f" (and {m} planned, unconfirmed or low-confidence)" if m else ""

    def fits(k: int) -> bool:
        return low <= k and (high is None or k <= high)

    past = beyond(record, check.until, group, check.format)
    as_of = record.as_of_for(group, check.format)
    if fits(n) and (high is None or not past):
        return result(claim, Verdict.SUPPORTED, f"{head}{extra}; the claim says {said}.", sure)
    if fits(n):
        text = f"{head}{extra}, as claimed, but the period runs past {as_of}, the date the record speaks for."
        return result(claim, Verdict.UNVERIFIABLE, text, sure + unsure)
    if any(fits(k) for k in range(n, n + m + 1)):
        text = f"{head}; the claim's {said} holds only if {m} planned, unconfirmed or low-confidence events count."
        return result(claim, Verdict.IMPRECISE, text, sure + unsure)
    if past and (high is None or n <= high):
        text = f"{head}{extra}, but the period runs past {as_of}, the date the record speaks for."
        return result(claim, Verdict.UNVERIFIABLE, text, sure + unsure)
    return result(claim, Verdict.CONTRADICTED, f"{head}{extra}, not {said}.", sure + unsure)


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
    return Verdict.IMPRECISE if e.status in SOFT else Verdict.SUPPORTED


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


def round_of(record: Record, claim: Claim, check: RoundCheck, group: str) -> Result:
    rounds = [e for e in record.events(group) if e.format == check.format and e.ordinal == check.ordinal]
    rounds.sort(key=lambda e: (e.status is not EventStatus.HELD, e.date))
    subject = f"round {check.ordinal} of {check.format}"
    if not rounds:
        held = sum(1 for e in record.events(group) if e.format == check.format and e.status is EventStatus.HELD)
        as_of = record.as_of_for(group, check.format)
        text = f"The record has no {subject} ({held} rounds held up to {as_of}), so nothing decides the claim."
        return result(claim, Verdict.UNVERIFIABLE, text)
    e = rounds[0]
    if e.status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
        return result(claim, Verdict.CONTRADICTED, f"The record has {subject} ({e.id}) as {e.status.value}.", [e])
    findings = _compare(check, e)
    verdict = _place_verdict(e, findings)
    return result(claim, verdict, _place_text(subject, e, findings, verdict), [e])


def first(record: Record, claim: Claim, check: FirstCheck, group: str) -> Result:
    pool = select(record, check, group, (check.since, check.until))
    held = [e for e in pool if e.status is EventStatus.HELD]
    one = what(check, group, plural=False)
    if not held:
        text = f"The record has no held {what(check, group)}{period_text(check.since, check.until)}."
        return result(claim, Verdict.UNVERIFIABLE, text, pool)
    e = held[0]
    findings = _compare(check, e)
    verdict = _place_verdict(e, findings)
    return result(claim, verdict, _place_text(f"the first {one}", e, findings, verdict), [e])


# existence -------------------------------------------------------------------------
def exists(record: Record, claim: Claim, check: ExistsCheck, group: str) -> Result:
    since, until = check.period
    pool = [
        e
        for e in select(record, check, group, (since, until))
        if (check.host is None or e.host == check.host)
        and (check.city is None or (e.city is not None and check.city.casefold() in e.city.casefold()))
    ]
    place = "".join(f" in {x}" for x in (check.city, check.host) if x)

    def held(n: int) -> str:
        return f"{n or 'no'} held {what(check, group, plural=n != 1)}{place}{period_text(since, until)}"

    sure, unsure = [e for e in pool if firm(e)], [e for e in pool if soft(e)]
    if sure:
        verdict = Verdict.SUPPORTED if check.exists else Verdict.CONTRADICTED
        return result(claim, verdict, f"The record has {held(len(sure))}.", sure)
    if unsure:
        text = f"The record has {held(0)}, only {len(unsure)} planned, unconfirmed or low-confidence."
        return result(claim, Verdict.IMPRECISE, text, unsure)
    as_of = record.as_of_for(group, check.format)
    if beyond(record, until, group, check.format):
        text = f"The record has {held(0)}, but the period runs past {as_of}, the date the record speaks for."
        return result(claim, Verdict.UNVERIFIABLE, text, pool)
    verdict = Verdict.CONTRADICTED if check.exists else Verdict.SUPPORTED
    return result(claim, verdict, f"The record, which speaks for {as_of}, has {held(0)}.", pool)
