"""The coordination calendar: the next rounds of each active format, projected from its
cadence, rotation and last round, beside the planned events of the record; formats that
have lapsed or gone dormant are flagged instead of projected.

Projection: round k after the last held round is expected at last + k × cadence (months of
30.4375 days), within a window of ± max(1 month, cadence / 4); its host is the k-th state
after the last host in the rotation, its ordinal the next ordinal after the last held
round's. A planned event of the format that the record already holds replaces the
projection of the next round. A round whose window closed before the record's date was
not held: it is flagged **overdue**, never projected into the past, and does not advance
the ordinals of the rounds projected after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from tariqa.errors import UsageError
from tariqa.indicators.data import Ev, GroupData, Scope, Shared, load
from tariqa.indicators.regularity import Regularity, add_months, regularity, state
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
                continue
            known = _next_planned(data.rounds(fmt.id), reg)
            _, late = overdue(data.group.id, reg, known)
            if late:
                cal.flags.append(late)
            cal.entries += projected(data.group.id, reg, year, known)
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
    """Why a format is not projected, in the vocabulary of :func:`state` (or ``no cadence``)."""
    found, reason = state(reg)
    day = reg.last.date if reg.last else None
    if found != "active":
        return Flag(group, reg.format.id, found, day, reason)
    if reg.cadence is None:
        return Flag(group, reg.format.id, "no cadence", day, "one round only and no declared or observed cadence")
    return None


def _window(reg: Regularity, k: int) -> tuple[date, date, date]:
    """(expected, start, end) of the k-th round after the last one."""
    assert reg.last is not None and reg.cadence is not None
    margin = max(1.0, reg.cadence / 4)
    expected = add_months(reg.last.date, k * reg.cadence)
    return expected, add_months(expected, -margin), add_months(expected, margin)


def overdue(group: str, reg: Regularity, known: Ev | None) -> tuple[int, Flag | None]:
    """How many expected rounds' windows closed before the record's date with no round
    held (they are not projected), and the flag that says so."""
    if reg.last is None or reg.cadence is None or known is not None:
        return 0, None
    missed = 0
    while _window(reg, missed + 1)[2] < reg.as_of:
        missed += 1
    if not missed:
        return 0, None
    expected, _, end = _window(reg, 1)
    first = reg.next_ordinal()
    name = f"round {first}" if first else "the next round"
    reason = f"{name} was expected about {expected} (window closed {end}) and is not in the record"
    return missed, Flag(group, reg.format.id, "overdue", reg.last.date, reason)


def projected(group: str, reg: Regularity, year: int, known: Ev | None) -> list[Entry]:
    """Projected rounds of a format whose window touches ``year``, after any overdue ones."""
    assert reg.last is not None and reg.cadence is not None
    missed, _ = overdue(group, reg, known)
    entries: list[Entry] = []
    k = 1 if known is None else 2
    k += missed
    while (window := _window(reg, k))[1].year <= year:
        expected, start, end = window
        if end.year >= year:
            entries.append(_entry(group, reg, k, missed, expected, start, end))
        k += 1
    return entries


def _entry(group: str, reg: Regularity, k: int, missed: int, expected: date, start: date, end: date) -> Entry:
    """The k-th round after the last, ``missed`` rounds before it overdue: its ordinal and
    host follow the rounds actually held, not the missed ones."""
    fmt = reg.format
    step = k - missed
    host = _host_after(reg, step)
    first = reg.next_ordinal()
    ordinal = first + step - 1 if first is not None else None
    basis = fmt.cadence_basis.value if fmt.cadence_months else "median interval"
    return Entry(
        group,
        fmt.id,
        f"{fmt.name}: expected round{f' {ordinal}' if ordinal else ''}",
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
