"""Tasks of analysis on the record: indicators of informal alliance (one group or several
compared, with the ranking under other weights) and the coordination calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tariqa.tasks.options import Period
from tariqa.tasks.results import Tabular

if TYPE_CHECKING:
    from tariqa.indicators.calendar import Calendar
    from tariqa.storage import Store


@dataclass(frozen=True)
class IndicatorOptions:
    """``groups``: the group first, then its comparators; ``names``: which indicators
    (all when empty); ``since``/``until`` bound the period (inclusive)."""

    groups: tuple[str, ...]
    names: tuple[str, ...] = ()
    by: Period = Period.ALL
    since: date | None = None
    until: date | None = None
    as_of: date | None = None


@dataclass(frozen=True)
class IndicatorTable(Tabular):
    COLUMNS = ("group", "indicator", "measure", "subject", "period", "value", "unit", "note")
    rows: tuple[dict[str, Any], ...] = ()

    def value(self, group: str, indicator: str, measure: str, subject: str = "all") -> Any:
        """One value, or None."""
        for r in self.rows:
            if (r["group"], r["indicator"], r["measure"], r["subject"]) == (group, indicator, measure, subject):
                return r["value"]
        return None


def compute_indicators(store: Store, options: IndicatorOptions) -> IndicatorTable:
    """The chosen indicators for each group of ``options.groups``, then (when the
    institutionalisation index is among them and groups are compared) each group's rank
    under every weight scheme."""
    from tariqa.errors import UsageError
    from tariqa.indicators import compare

    if not options.groups:
        raise UsageError("no group given: name a group of the record (see the list of groups)")
    found = compare(
        store,
        list(dict.fromkeys(options.groups)),
        options.since,
        options.until,
        list(options.names) or None,
        Period(options.by).value,
        options.as_of,
    )
    return IndicatorTable(tuple(r.to_dict() for r in found))


def default_year(as_of: date) -> int:
    """The calendar year shown when none is asked for: the record's year, or the next
    one once the record's date is past June (little of the year is left to project).

    >>> default_year(date(2025, 5, 28)), default_year(date(2025, 11, 28))
    (2025, 2026)
    """
    return as_of.year + 1 if as_of.month > 6 else as_of.year


@dataclass(frozen=True)
class CalendarOptions:
    groups: tuple[str, ...]
    year: int | None = None
    """None: :func:`default_year` of the record's date."""
    as_of: date | None = None


@dataclass(frozen=True)
class CalendarResult(Tabular):
    """Planned and projected rounds of a year (``rows``), and the formats not projected
    (``flags``: dormant, never met, no cadence, overdue)."""

    COLUMNS = (
        "group",
        "format",
        "kind",
        "start",
        "end",
        "expected",
        "ordinal",
        "host",
        "city",
        "title",
        "note",
        "sources",
    )
    FLAG_COLUMNS = ("group", "format", "status", "last", "reason")
    year: int
    as_of: date
    rows: tuple[dict[str, Any], ...]
    flags: tuple[dict[str, Any], ...]
    calendar: Calendar

    def flags_to_arrow(self) -> Any:
        import pyarrow as pa

        return pa.Table.from_pylist([{c: f.get(c) for c in self.FLAG_COLUMNS} for f in self.flags])

    def to_ics(self, name: str) -> bytes:
        """The calendar as iCalendar bytes (deterministic)."""
        from tariqa.indicators.calendar import to_ics

        return to_ics(self.calendar, name)


def calendar(store: Store, options: CalendarOptions) -> CalendarResult:
    """The coordination calendar of a year for the groups: planned events of the record,
    projected rounds of active formats, and flags for the others."""
    from tariqa.errors import UsageError
    from tariqa.indicators.calendar import coordination_calendar

    if not options.groups:
        raise UsageError("no group given: name a group of the record (see the list of groups)")
    names = list(dict.fromkeys(options.groups))
    # lapses are measured to the date the record was checked through (the earliest of the groups')
    checked = [g.checked_through for g in (store.group(n) for n in names) if g.checked_through]
    as_of = min([options.as_of or store.record_date(), *checked])
    year = options.year if options.year is not None else default_year(as_of)
    cal = coordination_calendar(store, year, names, as_of)
    rows = tuple(
        {
            "group": e.group,
            "format": e.format,
            "kind": e.kind,
            "start": e.start.isoformat(),
            "end": e.end.isoformat(),
            "expected": e.expected.isoformat() if e.expected else None,
            "ordinal": e.ordinal,
            "host": e.host,
            "city": e.city,
            "title": e.title,
            "note": e.note,
            "sources": list(e.sources),
        }
        for e in cal.entries
    )
    flags = tuple(
        {
            "group": f.group,
            "format": f.format,
            "status": f.status,
            "last": f.last.isoformat() if f.last else None,
            "reason": f.reason,
        }
        for f in cal.flags
    )
    return CalendarResult(cal.year, cal.as_of, rows, flags, cal)
