"""The coordination calendar: the next rounds of each active format, projected from its
cadence, rotation and last round, beside the planned events of the record; formats that
have lapsed or gone dormant are flagged instead of projected.

Projection: round k after the last held round is expected at last + k × cadence (months of
30.4375 days), within a window of ± max(1 month, cadence / 4); its host is the k-th state
after the last host in the rotation, its ordinal the last ordinal + k. A planned event of
the format that the record already holds replaces the projection of the next round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from tariqa.errors import UsageError
from tariqa.indicators.data import Ev, GroupData, Scope, Shared, load
from tariqa.indicators.regularity import Regularity, add_months, regularity
from tariqa.storage import Store

HORIZON = 10
"""Years after the record's date that a calendar may project."""


@dataclass(frozen=True)
class Entry:
    """One calendar item: ``kind`` is ``planned`` (in the record) or ``projected``."""

    group: str
    format: str | None
    title: str
    kind: str
    start: date
    end: date
    expected: date | None = None
    ordinal: int | None = None
    host: str | None = None
    city: str | None = None
    note: str = ""
    sources: tuple[str, ...] = ()
    event: str | None = None

    @property
    def uid(self) -> str:
        """Stable across runs: the planned event's id, or the format and round."""
        if self.event:
            return f"{self.event}@tariqa"
        return f"{self.format}-round-{self.ordinal or self.expected}@tariqa"


@dataclass(frozen=True)
class Flag:
    """A format that is not projected, and why."""

    group: str
    format: str
    status: str
    last: date | None
    reason: str


@dataclass
class Calendar:
    year: int
    as_of: date
    entries: list[Entry] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


def check_year(year: int, first: int, as_of: date) -> None:
    last = as_of.year + HORIZON
    if not first <= year <= last:
        raise UsageError(f"year {year} is out of range: choose {first}–{last} (the record starts in {first})")


def coordination_calendar(store: Store, year: int, groups: list[str], as_of: date | None = None) -> Calendar:
    """The calendar of ``year`` for ``groups``: planned events, projected rounds, flags."""
    shared = Shared.read(store, as_of, codings=False)
    datas = [load(store, Scope(g), shared=shared) for g in groups]
    firsts = [e.date.year for d in datas for e in d.events] or [datas[0].as_of.year]
    check_year(year, min(firsts), datas[0].as_of)
    cal = Calendar(year, datas[0].as_of)
    for data in datas:
        cal.entries += planned(data, year)
        for fmt in data.formats:
            reg = regularity(fmt, data.rounds(fmt.id), data.as_of)
            flag = _flag(data.group.id, reg)
            if flag:
                cal.flags.append(flag)
            else:
                cal.entries += projected(data.group.id, reg, year, _next_planned(data.rounds(fmt.id), reg))
    cal.entries.sort(key=lambda e: (e.expected or e.start, e.group, e.format or "", e.title))
    cal.flags.sort(key=lambda f: (f.group, f.format))
    return cal


def planned(data: GroupData, year: int) -> list[Entry]:
    return [
        Entry(
            data.group.id,
            e.format,
            f"{data.group.id}: planned {e.kind} ({e.level})",
            "planned",
            e.date,
            e.end or e.date,
            ordinal=e.ordinal,
            host=e.host,
            city=e.city,
            note=f"in the record as {e.id}",
            sources=e.sources,
            event=e.id,
        )
        for e in data.events
        if e.status == "planned" and (e.date.year == year or (e.end or e.date).year == year)
    ]


def _next_planned(events: list[Ev], reg: Regularity) -> Ev | None:
    last = reg.last
    later = [e for e in events if e.status == "planned" and (last is None or e.date > last.date)]
    return min(later, key=lambda e: e.date) if later else None


def _flag(group: str, reg: Regularity) -> Flag | None:
    fmt, last = reg.format, reg.last
    day = last.date if last else None
    if fmt.status.value != "active":
        return Flag(group, fmt.id, "dormant", day, "the record marks the format dormant")
    if last is None:
        return Flag(group, fmt.id, "never met", None, "no round has been held")
    if reg.cadence is None:
        return Flag(group, fmt.id, "no cadence", day, "one round only and no declared or observed cadence")
    if reg.lapsed:
        since = reg.months_since_last
        return Flag(group, fmt.id, "lapsed", day, f"{since:.0f} months since the last round, over twice the cadence")
    return None


def projected(group: str, reg: Regularity, year: int, known: Ev | None) -> list[Entry]:
    """Projected rounds of a format whose window touches ``year``."""
    assert reg.last is not None and reg.cadence is not None
    cadence, last = reg.cadence, reg.last
    margin = max(1.0, cadence / 4)
    entries: list[Entry] = []
    k = 1 if known is None else 2
    while (expected := add_months(last.date, k * cadence)) <= date(year, 12, 31) + timedelta(
        days=round(margin * 30.4375)
    ):
        start, end = add_months(expected, -margin), add_months(expected, margin)
        if end.year >= year and start.year <= year:
            entries.append(_entry(group, reg, k, expected, start, end))
        k += 1
    return entries


def _entry(group: str, reg: Regularity, k: int, expected: date, start: date, end: date) -> Entry:
    fmt = reg.format
    host = _host_after(reg, k)
    first = reg.next_ordinal()
    ordinal = first + k - 1 if first is not None else None
    overdue = " (overdue)" if expected < reg.as_of else ""
    basis = fmt.cadence_basis.value if fmt.cadence_months else "median interval"
    return Entry(
        group,
        fmt.id,
        f"{fmt.name}: expected round{f' {ordinal}' if ordinal else ''}{overdue}",
        "projected",
        start,
        end,
        expected=expected,
        ordinal=ordinal,
        host=host,
        note=f"cadence {reg.cadence:g} months ({basis}); last round {reg.last.date if reg.last else '-'}",
    )


def _host_after(reg: Regularity, k: int) -> str | None:
    order, last = reg.format.rotation, reg.last
    if not order or last is None or last.host not in order:
        return None
    return order[(order.index(last.host) + k) % len(order)]


def to_ics(cal: Calendar, name: str) -> bytes:
    """The calendar as iCalendar (RFC 5545) bytes; all-day items, one per entry."""
    from icalendar import Calendar as ICalendar
    from icalendar import Event as IEvent

    ical = ICalendar()
    ical.add("prodid", "-//tariqa//coordination calendar//EN")
    ical.add("version", "2.0")
    ical.add("x-wr-calname", name)
    stamp = datetime(cal.as_of.year, cal.as_of.month, cal.as_of.day, tzinfo=UTC)
    for entry in cal.entries:
        item = IEvent()
        item.add("uid", entry.uid)
        item.add("dtstamp", stamp)
        item.add("dtstart", entry.start)
        item.add("dtend", entry.end + timedelta(days=1))
        item.add("summary", entry.title)
        item.add("description", _description(entry))
        item.add("status", "TENTATIVE")
        item.add("categories", [entry.kind])
        if entry.host or entry.city:
            item.add("location", ", ".join(x for x in (entry.city, entry.host) if x))
        if entry.sources:
            item.add("url", entry.sources[0])
        ical.add_component(item)
    return bytes(ical.to_ical())


def _description(entry: Entry) -> str:
    lines = [entry.note]
    if entry.expected:
        lines.append(f"Expected {entry.expected}; window {entry.start} to {entry.end}.")
    if entry.host:
        lines.append(f"Host: {entry.host}{' (by rotation)' if entry.kind == 'projected' else ''}.")
    lines += [f"Source: {url}" for url in entry.sources]
    return "\n".join(lines)
