"""Deterministic synthetic records for tests and benchmarks (seeded, no I/O)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from tariqa.model import Entity, Event, Format, Group, Source
from tariqa.vocab import NOT_ROUNDS, Confidence, EventKind, Level, SourceKind, Track

_STATES = ("AZE", "TUR", "PAK", "GEO", "AUS", "IND", "JPN", "USA", "GBR", "KAZ", "UZB", "IRN")
_CITIES = ("Baku", "Ankara", "Islamabad", "Tbilisi", "Canberra", "New Delhi", "Tokyo", "London")


def synthetic_record(events: int, groups: int = 20, seed: int = 1) -> Iterator[Entity]:
    """Yield groups, formats, sources, then ``events`` events spread over ``groups`` groups.

    Every event cites one or two of ``events // 5 + 1`` sources, so sources are shared.

    >>> items = list(synthetic_record(10, groups=2))
    >>> sorted({type(i).__name__ for i in items})
    ['Event', 'Format', 'Group', 'Source']
    """
    rng = random.Random(seed)
    group_ids = [f"SYN{i:03d}" for i in range(groups)]
    members = {g: rng.sample(_STATES, 3) for g in group_ids}
    for g in group_ids:
        yield Group(id=g, name=f"Synthetic group {g}", members=members[g], start_date=date(2000, 1, 1))
    tracks = list(Track)
    for g in group_ids:
        for track in tracks:
            yield Format(
                id=f"{g.lower()}-{track.value}",
                group=g,
                name=f"{g} {track.value} meetings",
                track=track,
                level=Level.MINISTER,
                cadence_months=12,
                cadence_basis="observed",
            )
    n_sources = events // 5 + 1
    urls = [f"https://news.example-agency.org/{2000 + i % 25}/item-{i}" for i in range(n_sources)]
    for i, url in enumerate(urls):
        yield Source(
            url=url,
            publisher=f"Agency {i % 40}",
            title=f"Report number {i}",
            published=date(2000 + i % 25, 1 + i % 12, 1 + i % 28),
            accessed=date(2026, 11, 28),
            kind=SourceKind.NEWS,
        )
    for i in range(events):
        yield _event(rng, i, group_ids, members, urls)


def _event(rng: random.Random, i: int, group_ids: list[str], members: dict[str, list[str]], urls: list[str]) -> Event:
    g = group_ids[i % len(group_ids)]
    track = rng.choice(list(Track))
    day = date(2000, 1, 1) + timedelta(days=rng.randrange(25 * 365))
    states = members[g] if rng.random() < 0.6 else rng.sample(members[g], 2)
    return Event(
        id=f"{g.lower()}-{i:07d}",
        date=day,
        end_date=day + timedelta(days=rng.choice((0, 0, 1, 2))),
        group=g,
        format=f"{g.lower()}-{track.value}" if rng.random() < 0.7 else None,
        track=track,
        level=rng.choice(list(Level)),
        kind=rng.choice([k for k in EventKind if k not in NOT_ROUNDS]),
        host=rng.choice(states),
        city=rng.choice(_CITIES),
        states=states,
        participants=[{"state": s, "role": "Minister of Foreign Affairs"} for s in states],
        summary=f"Synthetic event {i} of {g}: officials met and agreed to meet again. " * 3,
        sources=sorted(set(rng.sample(urls, min(len(urls), rng.choice((1, 2)))))),
        confidence=rng.choice(list(Confidence)),
    )
