"""Candidates from GDELT: multilateral meetings of a group's members.

GDELT codes events between two actors, so a trilateral meeting appears as several pairs
of members meeting on the same day at the same place. :func:`gdelt_candidates` asks the
store for the pair-day-place meetings of the group's members
(:func:`tariqa.eventdata.meetings.pair_meetings`: CAMEO 036, 04x, 05x) and joins,
at each place, pairs whose days are at most ``slack_days`` apart: two or more distinct
pairs make one multilateral candidate, whose states are the members of those pairs, whose
day is the day with the most events, and whose evidence is the articles' URLs.

The store must keep the article URLs and the action's place: the ``extended`` or ``all``
column set (``tariqa gdelt ingest --columns extended``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tariqa.errors import UsageError
from tariqa.eventdata.layouts import cameo_country
from tariqa.eventdata.meetings import PairMeeting, pair_meetings
from tariqa.watch.record import RecordIndex


@dataclass(frozen=True)
class GdeltCandidate:
    """A multilateral meeting of a group's members as GDELT codes it: ``place`` is the
    store's place key (a GDELT feature id, or country and region), ``place_country`` its
    FIPS 10-4 country code as GDELT writes it."""

    group: str
    states: tuple[str, ...]
    day: date
    first_day: date
    last_day: date
    place: str
    place_name: str
    place_country: str
    pairs: tuple[tuple[str, str], ...]
    events: int
    urls: tuple[str, ...]


def _join(rows: list[PairMeeting], slack: int) -> list[list[PairMeeting]]:
    """Rows of one place in runs whose consecutive days are at most ``slack`` apart."""
    runs: list[list[PairMeeting]] = []
    for row in sorted(rows, key=lambda r: (r.day, r.first, r.second)):
        if runs and (row.day - runs[-1][-1].day).days <= slack:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def gdelt_candidates(
    store_path: Path,
    group: str,
    *,
    record: RecordIndex,
    since: date | None = None,
    until: date | None = None,
    slack_days: int = 1,
    min_pairs: int = 2,
    min_events: int = 1,
    max_urls: int = 20,
) -> list[GdeltCandidate]:
    """Multilateral meetings of ``group``'s members in the GDELT store at ``store_path``."""
    info = record.groups.get(group)
    if info is None:
        raise UsageError(f"unknown group {group!r} (the record has {', '.join(sorted(record.groups))})")
    if min_pairs < 2:
        raise UsageError("a multilateral meeting needs at least two pairs (min_pairs >= 2)")
    to_iso = {cameo_country(m): m for m in info.members}
    rows = pair_meetings(store_path, list(to_iso), since=since, until=until, max_urls=max_urls)
    by_place: dict[str, list[PairMeeting]] = defaultdict(list)
    for row in rows:
        if row.events >= min_events:
            by_place[row.place].append(row)
    out: list[GdeltCandidate] = []
    for place, place_rows in by_place.items():
        for run in _join(place_rows, slack_days):
            pairs = sorted({(to_iso[r.first], to_iso[r.second]) for r in run})
            if len(pairs) < min_pairs:
                continue
            per_day: Counter[date] = Counter()
            for r in run:
                per_day[r.day] += r.events
            day = max(per_day.items(), key=lambda kv: (kv[1], -kv[0].toordinal()))[0]
            states = tuple(sorted({s for p in pairs for s in p}))
            urls = tuple(dict.fromkeys(u for r in run for u in r.urls))[:max_urls]
            out.append(
                GdeltCandidate(
                    group=group,
                    states=states,
                    day=day,
                    first_day=min(r.day for r in run),
                    last_day=max(r.day for r in run),
                    place=place,
                    place_name=next((r.place_name for r in run if r.place_name), ""),
                    place_country=run[0].place_country,
                    pairs=tuple(pairs),
                    events=sum(r.events for r in run),
                    urls=urls,
                )
            )
    return sorted(out, key=lambda c: (c.day, c.place))
