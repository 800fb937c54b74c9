"""What the claim checks share: the verdicts, a result, the record as the checks read it
(loaded once per run, with the date it speaks for per group and format), and choosing
the events a check looks at."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from tariqa.claims.model import Claim, Events, span
from tariqa.model import Confidence, Document, Event, EventKind, EventStatus, TradeFlow
from tariqa.storage import EventFilter, Store

SOFT = {EventStatus.PLANNED, EventStatus.UNCONFIRMED}


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
        self.as_of = store.record_date()
        groups = store.groups()
        self.members = {g.id: frozenset(g.members) for g in groups}
        self._checked = {g.id: g.checked_through for g in groups}
        self._format_checked = {f.id: f.checked_through for f in store.formats()}
        self._store = store
        self._events: dict[str, list[Event]] = {}
        self._flows: list[TradeFlow] | None = None

    def as_of_for(self, group: str, fmt: str | None = None) -> date:
        """The date the record speaks for about ``group`` (and ``fmt``): the record's date,
        or the date its material was checked through when that is earlier. Of anything
        after it, the record says nothing."""
        days = [self.as_of, self._checked.get(group), self._format_checked.get(fmt) if fmt else None]
        return min(d for d in days if d is not None)

    def events(self, group: str) -> list[Event]:
        """The group's events within its coverage: an event held after the date the record
        was checked through is outside what the record speaks for (planned ones stay)."""
        if group not in self._events:
            self._events[group] = [
                e
                for e in self._store.events(EventFilter(group=group))
                if e.status is not EventStatus.HELD or e.date <= self.as_of_for(group, e.format)
            ]
        return self._events[group]

    def flows(self) -> list[TradeFlow]:
        if self._flows is None:
            self._flows = self._store.trade_flows()
        return self._flows

    def documents(self, ids: Iterable[str]) -> list[Document]:
        return self._store.documents_by_id(list(ids))


def result(claim: Claim, verdict: Verdict, text: str, events: Iterable[Event] = ()) -> Result:
    chosen = list(events)
    sources = dict.fromkeys(url for e in chosen for url in e.sources)
    return Result(claim, verdict, text, tuple(e.id for e in chosen), tuple(sources))


def bounds(since: str | None, until: str | None) -> tuple[date, date]:
    return (span(since)[0] if since else date.min, span(until)[1] if until else date.max)


def select(record: Record, f: Events, group: str, period: tuple[str | None, str | None]) -> list[Event]:
    low, high = bounds(*period)
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


def firm(e: Event) -> bool:
    return e.status is EventStatus.HELD and e.confidence is not Confidence.LOW


def soft(e: Event) -> bool:
    return e.status in SOFT or (e.status is EventStatus.HELD and e.confidence is Confidence.LOW)


def what(f: Events, group: str, plural: bool = True) -> str:
    """How an explanation names the events a check selects: "ATP exercises with all members"."""
    noun = f.kind.value if f.kind and f.kind is not EventKind.OTHER else "event"
    parts = [f"{group} {noun}{'s' if plural else ''}"]
    parts += [f"in format {f.format}"] if f.format else []
    parts += [f"on the {f.track.value} track"] if f.track else []
    parts += [f"at {f.level.value} level"] if f.level else []
    parts += ["with all members taking part"] if f.all_members else []
    return " ".join(parts)


def period_text(since: str | None, until: str | None) -> str:
    if since and until:
        return f" in {since}" if since == until else f" from {since} to {until}"
    return f" from {since}" if since else (f" up to {until}" if until else "")


def beyond(record: Record, until: str | None, group: str, fmt: str | None = None) -> bool:
    """True when the period runs past the date the record speaks for (an open period
    always does: the record cannot say nothing happened after it was checked)."""
    return until is None or span(until)[1] > record.as_of_for(group, fmt)
