"""Matching what articles report against the record.

:func:`match_event` finds the record event one report is about, if any:

- a **held** event: an event of the same group, states and format (or, without a format,
  the same level) within three days, or with the same ordinal within sixty days;
- a **planned**, **postponed** or **cancelled** event: one whose date the report's date
  falls in or near; else, with the same ordinal, that round; else, for an announcement
  of a format's next round, the first round of the format held after the report (an
  announcement of a round that later met on another date *conflicts* on the date, as
  the record keeps such dates among its conflicts).

:func:`match` classes a candidate: ``new`` (no event), ``corroborates`` (every mention
agrees with the event: a new source for it) or ``conflicts`` (some mention gives another
date, host, city or ordinal; each :class:`FieldConflict` names the field, the record's
value, the candidate's value and the URLs that give it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tariqa.vocab import EventKind, EventStatus, Precision
from tariqa.watch.gazetteer import fold
from tariqa.watch.record import RecordEvent, RecordIndex, proper_names
from tariqa.watch.types import Candidate, EventReading, When

#: The confidence of a host the report names ("hosted by X", "X will host").
EXPLICIT_HOST = 0.85
_CALLED_OFF = frozenset({EventStatus.POSTPONED, EventStatus.CANCELLED})
#: Days apart that a held report and a record event may be and still be one event.
HELD_SLACK = 3
#: Days apart within which the same ordinal of the same format still means one round.
ORDINAL_SLACK = 60


class Verdict(StrEnum):
    NEW = "new"
    CORROBORATES = "corroborates"
    CONFLICTS = "conflicts"


@dataclass(frozen=True)
class FieldConflict:
    """A field on which a report disagrees with the record event."""

    field: str
    record: str
    candidate: str
    urls: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """How a candidate stands to the record: ``event`` is the record event's id (none for
    ``new``); ``sources`` are the candidate's URLs the event does not cite yet;
    ``by_source`` the verdict of each URL (a conflict is per report)."""

    verdict: Verdict
    event: str | None
    conflicts: tuple[FieldConflict, ...]
    sources: tuple[str, ...]
    by_source: tuple[tuple[str, Verdict], ...]


def date_gap(a: When, b: When) -> int:
    """Days between two dates (0 when one contains or overlaps the other)."""
    if a.first() <= b.last() and b.first() <= a.last():
        return 0
    if a.last() < b.first():
        return (b.first() - a.last()).days
    return (a.first() - b.last()).days


def _norm(city: str | None) -> str:
    return fold(city or "").lower().strip()


def _same_place(city: str, e: RecordEvent) -> bool:
    """Whether a report's city is the record's or a part of it ("Alat" for "Baku (Alat port)",
    "Mukhrovani" for "Mukhrovani and Vaziani")."""
    a, b = _norm(city), _norm(e.place or e.city)
    return bool(a) and (a == _norm(e.city) or re.search(rf"\b{re.escape(a)}\b", b) is not None)


def _compatible(r: When, e: When) -> bool:
    """Whether a report's date agrees with the record's: the same first day when both
    are days, else one inside the other."""
    if r.precision is Precision.DAY and e.precision is Precision.DAY:
        return r.day == e.day
    return date_gap(r, e) == 0


def same_kind(a: EventKind, b: EventKind) -> bool:
    if a == b:
        return True
    loose = {EventKind.MEETING, EventKind.VISIT, EventKind.DECLARATION, EventKind.OTHER}
    return a in loose and b in loose


def _eligible(r: EventReading, e: RecordEvent, members: frozenset[str] = frozenset()) -> bool:
    """Same group, same member states (the record may list a guest state beside them), kind
    family and format or level."""
    if r.group is None or e.group != r.group.value:
        return False
    states = e.states & members if members else e.states
    if states != frozenset(r.states.value):
        return False
    if not same_kind(r.kind.value, e.kind):
        return False
    if r.format is not None or e.format is not None:
        if r.format is None and members and states != members:
            return e.level == r.level.value  # a bilateral event the record files under a format
        return r.format is not None and e.format == r.format.value
    return e.level == r.level.value


def match_event(r: EventReading, published: date, record: RecordIndex) -> RecordEvent | None:
    """The record event a report is about, or ``None``."""
    if r.group is None or r.when is None:
        return None
    when = r.when.value
    ordinal = r.ordinal.value if r.ordinal else None
    group = record.groups.get(r.group.value)
    members = frozenset(group.members) if group is not None else frozenset()
    pool = [e for e in record.events_of(r.group.value) if _eligible(r, e, members)]
    if not pool:
        return None
    status = r.status.value
    if status is not EventStatus.HELD:
        # an announcement is about what comes after it
        pool = [e for e in pool if e.when.last() >= published or e.status is not EventStatus.HELD]
        if status is EventStatus.PLANNED:
            later = [e for e in pool if e.when.last() > published]
            pool = later or pool
    names = proper_names(r.evidence.quote)
    slack = HELD_SLACK if status is EventStatus.HELD else 7
    near = sorted(
        pool,
        key=lambda e: (
            date_gap(when, e.when) > slack,
            -len(names & e.names),
            date_gap(when, e.when),
            e.ordinal != ordinal,
        ),
    )
    if near and date_gap(when, near[0].when) <= slack:
        return near[0]
    if ordinal is not None and r.format is not None:
        same = [
            e
            for e in pool
            if e.ordinal == ordinal
            and date_gap(when, e.when) <= ORDINAL_SLACK * (1 + 3 * (status is not EventStatus.HELD))
        ]
        if same:
            return same[0]
    if status is not EventStatus.HELD and r.format is not None:
        later = [e for e in pool if e.when.first() > published and e.status is not EventStatus.PLANNED]
        later = [e for e in later if ordinal is None or e.ordinal in (None, ordinal)]
        if later:
            return min(later, key=lambda e: e.when.day)
    return None


def field_conflicts(r: EventReading, e: RecordEvent) -> list[tuple[str, str, str]]:
    """(field, record value, report value) for each field the report disagrees on."""
    out: list[tuple[str, str, str]] = []
    if r.when is not None and not _compatible(r.when.value, e.when):
        out.append(("date", e.when.day.isoformat(), r.when.value.day.isoformat()))
    if r.host is not None and e.host is not None and r.host.value != e.host and r.host.confidence >= EXPLICIT_HOST:
        out.append(("host", e.host, r.host.value))  # only a host the report names ("hosted by"), not its city's state
    if r.status.value is not e.status and {r.status.value, e.status} <= _CALLED_OFF | {EventStatus.HELD}:
        if r.status.value in _CALLED_OFF or e.status in _CALLED_OFF:
            out.append(("status", e.status.value, r.status.value))
    if r.city is not None and e.city is not None and not _same_place(r.city.value, e):
        out.append(("city", e.city, r.city.value))
    if r.ordinal is not None and e.ordinal is not None and r.ordinal.value != e.ordinal:
        out.append(("ordinal", str(e.ordinal), str(r.ordinal.value)))
    return out


def match(candidate: Candidate, record: RecordIndex) -> Match:
    """``new``, ``corroborates EVENT`` or ``conflicts EVENT`` for a candidate."""
    votes: Counter[str] = Counter()
    found: dict[str, RecordEvent] = {}
    for m in candidate.mentions:
        e = match_event(m.event, m.published, record)
        if e is not None:
            votes[e.id] += 1
            found[e.id] = e
    urls = candidate.urls
    if not votes:
        return Match(Verdict.NEW, None, (), urls, tuple((u, Verdict.NEW) for u in urls))
    event = found[votes.most_common(1)[0][0]]
    by_field: dict[tuple[str, str, str], list[str]] = {}
    per_url: dict[str, Verdict] = {}
    for m in candidate.mentions:
        conflicts = field_conflicts(m.event, event)
        for c in conflicts:
            by_field.setdefault(c, []).append(m.url)
        if conflicts:
            per_url[m.url] = Verdict.CONFLICTS
        else:
            per_url.setdefault(m.url, Verdict.CORROBORATES)
    conflicts_out = tuple(
        FieldConflict(f, rec, cand, tuple(dict.fromkeys(us))) for (f, rec, cand), us in sorted(by_field.items())
    )
    verdict = Verdict.CONFLICTS if conflicts_out else Verdict.CORROBORATES
    new_sources = tuple(u for u in urls if u not in event.sources)
    return Match(verdict, event.id, conflicts_out, new_sources, tuple(per_url.items()))


__all__ = ["FieldConflict", "Match", "Verdict", "date_gap", "field_conflicts", "match", "match_event", "same_kind"]
