"""Candidates: the reports of one occasion, gathered from many articles.

:func:`candidates_from` takes the readings of many articles and gathers their events
into :class:`~tariqa.watch.types.Candidate` records. Two reports are of one occasion
when they are about the same record event (:func:`~tariqa.watch.match.match_event`),
or, for occasions the record does not have, when they agree on the group, the states,
the format (or the level), the kind family, and their dates meet (a day inside a month
or year, or days at most one apart; an announcement within a week of a report).

:func:`candidate_key` is the key a caller remembers for a rejected candidate: derived
from the occasion, not from the reports, so that more articles about the same meeting
give the same key.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from tariqa.vocab import EventStatus, Precision
from tariqa.watch.match import date_gap, match_event, same_kind
from tariqa.watch.record import RecordIndex
from tariqa.watch.types import ArticleReading, Candidate, EventReading, Mention, When


def candidate_key(
    *,
    group: str,
    format: str | None,
    level: str,
    states: Iterable[str],
    kind: str,
    when: When,
    event: str | None = None,
) -> str:
    """A stable key of an occasion: group, format (or level and states), kind family and
    the month of its date (a year-precise date keeps its year); for an occasion the record
    has (``event``), that event, so that two rounds of one format in one month keep apart.

    >>> from datetime import date
    >>> candidate_key(group="ATP", format="atp-fm", level="minister", states=["AZE"], kind="meeting",
    ...               when=When(date(2027, 4, 21)))
    'watch-ATP-atp-fm-2027-04-8f78f242'
    """
    family = "exercise" if kind == "exercise" else "agreement" if kind == "agreement" else "meeting"
    what = format or f"{level}:{'-'.join(sorted(states))}"
    period = f"{when.day.year}" if when.precision is Precision.YEAR else f"{when.day.year}-{when.day.month:02d}"
    basis = f"{group}|{what}|{family}|{period}" + (f"|{event}" if event else "")
    digest = hashlib.sha256(basis.encode()).hexdigest()[:8]
    return f"watch-{group}-{format or 'none'}-{period}-{digest}"


@dataclass
class _Cluster:
    event_id: str | None
    mentions: list[Mention]


def _agree(a: EventReading, b: EventReading) -> bool:
    if a.group is None or b.group is None or a.group.value != b.group.value:
        return False
    if a.states.value != b.states.value or not same_kind(a.kind.value, b.kind.value):
        return False
    fa, fb = (a.format.value if a.format else None), (b.format.value if b.format else None)
    if fa != fb or (fa is None and a.level.value != b.level.value):
        return False
    if a.when is None or b.when is None:
        return False
    held = a.status.value is EventStatus.HELD and b.status.value is EventStatus.HELD
    if held and a.ordinal and b.ordinal and a.ordinal.value != b.ordinal.value:
        return False
    return date_gap(a.when.value, b.when.value) <= (1 if held else 7)


def candidates_from(readings: Iterable[ArticleReading], record: RecordIndex) -> list[Candidate]:
    """The candidates of many articles' readings (unread articles are left out), in date order."""
    clusters: list[_Cluster] = []
    by_event: dict[str, _Cluster] = {}
    for reading in readings:
        if not reading.handled:
            continue
        for ev in reading.events:
            if ev.group is None or ev.when is None:
                continue
            mention = Mention(reading.url, reading.anchor, ev, reading.title)
            hit = match_event(ev, reading.anchor, record)
            if hit is not None:
                cluster = by_event.get(hit.id)
                if cluster is None:
                    cluster = by_event[hit.id] = _Cluster(hit.id, [])
                    clusters.append(cluster)
                cluster.mentions.append(mention)
                continue
            home = next(
                (c for c in clusters if c.event_id is None and any(_agree(ev, m.event) for m in c.mentions)), None
            )
            if home is None:
                home = _Cluster(None, [])
                clusters.append(home)
            home.mentions.append(mention)
    out = [_candidate(c.mentions, c.event_id) for c in clusters]
    return sorted(out, key=lambda c: (c.when.day, c.key))


def _rank(m: Mention) -> tuple[int, int, float]:
    """Which report's values stand for the candidate: held first, then finer dates."""
    ev = m.event
    assert ev.when is not None
    precision = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}[ev.when.value.precision]
    return (ev.status.value is not EventStatus.HELD, precision, -ev.confidence)


def _vote(values: list[object]) -> object:
    present = [v for v in values if v is not None]
    return Counter(present).most_common(1)[0][0] if present else None


def _candidate(mentions: list[Mention], event_id: str | None = None) -> Candidate:
    ranked = sorted(mentions, key=_rank)
    best = ranked[0].event
    assert best.group is not None and best.when is not None
    top = [m.event for m in ranked if _rank(m)[:2] == _rank(ranked[0])[:2]]
    when = _vote([e.when.value for e in top if e.when is not None])
    latest = max(mentions, key=lambda m: (m.published, m.url))
    city = _vote([e.city.value if e.city else None for e in top]) or _vote(
        [m.event.city.value if m.event.city else None for m in ranked]
    )
    host = _vote([m.event.host.value if m.event.host else None for m in ranked])
    ordinal = _vote([m.event.ordinal.value if m.event.ordinal else None for m in ranked])
    assert isinstance(when, When)
    key = candidate_key(
        group=best.group.value,
        format=best.format.value if best.format else None,
        level=best.level.value.value,
        states=best.states.value,
        kind=best.kind.value.value,
        when=when,
        event=event_id,
    )
    return Candidate(
        key=key,
        group=best.group.value,
        format=best.format.value if best.format else None,
        states=best.states.value,
        level=best.level.value,
        track=best.track.value,
        kind=best.kind.value,
        status=latest.event.status.value,
        when=when,
        city=city if isinstance(city, str) else None,
        host=host if isinstance(host, str) else None,
        ordinal=ordinal if isinstance(ordinal, int) else None,
        mentions=tuple(mentions),
    )


__all__ = ["candidate_key", "candidates_from", "timedelta"]
