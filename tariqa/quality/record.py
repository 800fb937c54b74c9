"""Checks that keep a record honest: ordinals, duplicate events, cadence and status.

Each check returns :class:`Finding` records; none changes anything.
"""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from datetime import date

from tariqa.model import Event, EventStatus, Format, FormatStatus
from tariqa.quality.sources import Finding
from tariqa.storage import EventFilter, Store


def months_between(a: date, b: date) -> float:
    """Months from ``a`` to ``b`` (30.44-day months).

    >>> round(months_between(date(2020, 1, 1), date(2021, 1, 1)), 1)
    12.0
    """
    return (b - a).days / 30.4375


def as_of_date(store: Store) -> date:
    """The date the record speaks for (see :meth:`Store.record_date`)."""
    return store.record_date()


def check_record(store: Store, as_of: date | None = None) -> list[Finding]:
    """Every quality finding for the stored record, sorted."""
    as_of = as_of or as_of_date(store)
    events = store.events(EventFilter())
    by_format: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.format:
            by_format[e.format].append(e)
    findings = []
    for fmt in store.formats():
        rounds = by_format.get(fmt.id, [])
        findings += check_ordinals(fmt, rounds)
        findings += check_cadence(fmt, rounds, as_of)
    findings += check_duplicates(events)
    findings += check_planned(events, as_of)
    publishers = {u.source.url: u.source.publisher for u in store.source_uses()}
    findings += check_confidence(events, publishers)
    return sorted(findings)


def outlet(publisher: str) -> str:
    """A publisher reduced to its outlet: what is in brackets, case and spelling variants
    aside ("AZERTAC (English)" and "AzerTag" are one outlet, not two independent ones).

    >>> outlet("Azertag (English)"), outlet("AZERTAC"), outlet("The  Daily Star")
    ('azertac', 'azertac', 'the daily star')
    """
    name = " ".join(publisher.split("(")[0].casefold().split())
    return _SAME_OUTLET.get(name, name)


_SAME_OUTLET = {"azertag": "azertac", "azərtac": "azertac", "trend news agency": "trend", "apa news": "apa"}


def check_confidence(events: list[Event], publishers: dict[str, str]) -> list[Finding]:
    """``high`` confidence needs two independent outlets: sources from at least two
    different publishers."""
    findings = []
    for e in events:
        if e.confidence.value != "high":
            continue
        outlets = {outlet(publishers.get(u, u)) for u in e.sources}
        if len(outlets) < 2:
            named = ", ".join(sorted(publishers.get(u, u) for u in e.sources))
            findings.append(Finding("confidence", e.id, f"high confidence needs two independent outlets, not {named}"))
    return findings


def held(rounds: list[Event]) -> list[Event]:
    """Held meetings and exercises of a format (not declarations about it), by date."""
    kinds = {"meeting", "exercise"}
    return sorted(
        (e for e in rounds if e.status is EventStatus.HELD and e.kind.value in kinds),
        key=lambda e: (e.date, e.id),
    )


def check_ordinals(fmt: Format, rounds: list[Event]) -> list[Finding]:
    """Ordinals rise with dates, are not repeated, and have no unexplained gaps."""
    numbered = sorted((e for e in rounds if e.ordinal is not None), key=lambda e: (e.date, e.id))
    findings = []
    for prev, cur in itertools.pairwise(numbered):
        assert prev.ordinal is not None and cur.ordinal is not None
        if cur.ordinal <= prev.ordinal:
            findings.append(
                Finding("ordinal", cur.id, f"round {cur.ordinal} of {fmt.id} is dated after round {prev.ordinal}")
            )
    explained = any(c.field == "ordinal" for e in rounds for c in e.conflicts)
    present = {e.ordinal for e in numbered if e.ordinal is not None}
    missing = sorted(set(range(1, max(present, default=0) + 1)) - present)
    if missing and not explained:
        listed = ", ".join(map(str, missing))
        findings.append(
            Finding("ordinal", fmt.id, f"rounds {listed} are missing and no conflict note explains the gap")
        )
    return findings


def check_cadence(fmt: Format, rounds: list[Event], as_of: date) -> list[Finding]:
    """A format's status and cadence agree with its rounds."""
    done = held(rounds)
    if not done:
        if fmt.status is FormatStatus.ACTIVE:
            return [Finding("status", fmt.id, "active, but no round has been held")]
        return []
    last = done[-1]
    since = months_between(last.end_date or last.date, as_of)
    findings = []
    if fmt.cadence_months:
        lapsed = since > 2 * fmt.cadence_months
        if lapsed and fmt.status is FormatStatus.ACTIVE:
            findings.append(
                Finding(
                    "status",
                    fmt.id,
                    f"active, but the last round ({last.date}) is {since:.0f} months ago, "
                    f"over twice the {fmt.cadence_months}-month cadence",
                )
            )
        gaps = [months_between(a.date, b.date) for a, b in itertools.pairwise(done)]
        if fmt.cadence_basis.value == "observed" and len(gaps) >= 2:
            median = statistics.median(gaps)
            if abs(median - fmt.cadence_months) > max(6.0, 0.5 * fmt.cadence_months):
                findings.append(
                    Finding(
                        "cadence",
                        fmt.id,
                        f"observed cadence is {fmt.cadence_months} months, "
                        f"but rounds are a median {median:.0f} months apart",
                    )
                )
    return findings


def check_duplicates(events: list[Event]) -> list[Finding]:
    """Two held events of one group that overlap in time, with the same format (or both
    without one, concerning the same format or none) and the same kind and states,
    probably describe the same occasion."""
    buckets: dict[tuple[str, str | None, str, tuple[str, ...]], list[Event]] = defaultdict(list)
    for e in events:
        if e.status is EventStatus.HELD:
            buckets[(e.group, e.format or e.concerns, e.kind.value, tuple(sorted(e.states)))].append(e)
    findings = []
    for group in buckets.values():
        group.sort(key=lambda e: (e.date, e.id))
        for a, b in itertools.pairwise(group):
            if b.date <= (a.end_date or a.date) and a.date_precision.value == b.date_precision.value == "day":
                findings.append(Finding("duplicate", b.id, f"overlaps {a.id}: the same occasion twice?"))
    return findings


def check_planned(events: list[Event], as_of: date) -> list[Finding]:
    """A planned event whose date has passed needs an outcome (held, cancelled, postponed)."""
    return [
        Finding("planned", e.id, f"planned for {e.date}, which has passed; record what happened")
        for e in events
        if e.status is EventStatus.PLANNED and (e.end_date or e.date) < as_of
    ]
