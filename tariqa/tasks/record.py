"""Tasks on the record: the groups, a page of events, a group's formats and their
regularity, and a group's dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from tariqa.dates import shown
from tariqa.tasks.results import Tabular

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tariqa.indicators.data import GroupData
    from tariqa.storage import EventFilter, Store
    from tariqa.tasks.analysis import CalendarResult


@dataclass(frozen=True)
class GroupList(Tabular):
    """The groups in the record, with what the record holds of each."""

    COLUMNS = (
        *("id", "name", "members", "start_date", "checked_through"),
        *("events", "joint_events", "member_pairs", "formats"),
        *("high", "medium", "low"),
    )
    rows: tuple[dict[str, Any], ...] = ()


def groups(store: Store) -> GroupList:
    """Every group: ``events`` counts all its events; ``joint_events`` those with every
    member (the group's own), ``member_pairs`` those of two members only (background);
    ``high``, ``medium``, ``low``: its events by confidence."""
    tallies = store.group_tallies()
    formats: dict[str, int] = {}
    for f in store.formats():
        formats[f.group] = formats.get(f.group, 0) + 1
    rows = []
    for g in store.groups():
        events, joint, pairs, high, medium, low = tallies.get(g.id, (0,) * 6)
        rows.append(
            {
                "id": g.id,
                "name": g.name,
                "members": list(g.members),
                "start_date": g.start_date.isoformat() if g.start_date else None,
                "checked_through": g.checked_through.isoformat() if g.checked_through else None,
                "events": events,
                "joint_events": joint,
                "member_pairs": pairs,
                "formats": formats.get(g.id, 0),
                "high": high,
                "medium": medium,
                "low": low,
            }
        )
    return GroupList(tuple(rows))


@dataclass(frozen=True)
class FormatsOptions:
    group: str
    as_of: date | None = None
    """The date the formats' state is measured at (default: the record's date)."""


@dataclass(frozen=True)
class FormatTable(Tabular):
    """Each format of a group: its rounds, intervals and state as of a date."""

    COLUMNS = (
        "format",
        "name",
        "track",
        "level",
        "rounds",
        "first",
        "last",
        "median_interval",
        "cadence",
        "cadence_basis",
        "within_cadence",
        "months_since_last",
        "state",
        "why",
    )
    group: str
    as_of: date
    rows: tuple[dict[str, Any], ...] = ()


def formats(store: Store, options: FormatsOptions, *, data: GroupData | None = None) -> FormatTable:
    """The regularity of each of a group's formats and its state (active, dormant, never
    met), in one vocabulary everywhere. ``data``: the group's data already loaded."""
    from tariqa.indicators import Scope, load
    from tariqa.indicators.regularity import regularity, state

    data = data or load(store, Scope(options.group), options.as_of)
    rows = []
    for fmt in data.formats:
        reg = regularity(fmt, data.rounds(fmt.id), data.as_of)
        found, why = state(reg)
        rows.append(
            {
                "format": fmt.id,
                "name": fmt.name,
                "track": fmt.track.value,
                "level": fmt.level.value,
                "rounds": len(reg.rounds),
                "first": reg.rounds[0].date.isoformat() if reg.rounds else None,
                "last": reg.last.date.isoformat() if reg.last else None,
                "median_interval": reg.median_interval(),
                "cadence": reg.cadence,
                "cadence_basis": fmt.cadence_basis.value if fmt.cadence_months else ("median" if reg.cadence else None),
                "within_cadence": reg.within_cadence(),
                "months_since_last": reg.months_since_last,
                "state": found,
                "why": why,
            }
        )
    return FormatTable(data.group.id, data.as_of, tuple(rows))


@dataclass(frozen=True)
class DashboardOptions:
    group: str


@dataclass(frozen=True)
class Headline:
    """One headline figure, labelled with what it counts."""

    label: str
    value: float | int | str | None
    unit: str = ""
    note: str = ""


@dataclass(frozen=True)
class Dashboard:
    """A group's dashboard: what the record holds, headline indicators, formats, the
    coming calendar, and the period its timeline covers."""

    group: dict[str, Any]
    as_of: date
    counts: dict[str, int]
    headline: tuple[Headline, ...]
    formats: FormatTable
    calendar: CalendarResult
    period: tuple[date, date] | None
    """First and last held event of the group: the timeline's span."""
    notes: tuple[str, ...] = field(default=())


def dashboard(store: Store, options: DashboardOptions) -> Dashboard:
    """The figures of a group's dashboard; the same numbers as ``tariqa groups``,
    ``tariqa indicators``, ``tariqa calendar`` and the report."""
    from tariqa.indicators import REGISTRY, Scope, load
    from tariqa.tasks.analysis import CalendarOptions, calendar

    group = store.group(options.group)
    data = load(store, Scope(group.id))
    held = data.held()
    members = frozenset(group.members)
    joint = [e for e in held if e.states >= members]
    counts = {
        "events": len(data.events),
        "held": len(held),
        "joint": len(joint),
        "member_pairs": sum(len(e.states) == 2 for e in held),
        "planned": sum(e.status == "planned" for e in data.events),
    }
    values = {
        (r.indicator, r.measure, r.subject): r
        for name in ("intensity", "institutionalisation")
        for r in REGISTRY[name].rows(data)
    }
    picked = (
        ("intensity", "events per year", "all", "Events per year (held, with every member or two)"),
        ("intensity", "top-level share", "all", "Share at leaders' or ministers' level"),
        ("institutionalisation", "composite index", "group", "Institutionalisation (0 to 1)"),
    )
    headline = tuple(
        Headline(label, r.value, r.unit, r.note)
        for ind, measure, subject, label in picked
        if (r := values.get((ind, measure, subject))) is not None
    )
    cal = calendar(store, CalendarOptions(groups=(group.id,)))
    period = (held[0].date, held[-1].end or held[-1].date) if held else None
    return Dashboard(
        group.model_dump(mode="json"),
        data.as_of,
        counts,
        headline,
        formats(store, FormatsOptions(group.id), data=data),
        cal,
        period,
        (_coverage_note(group.checked_through, data.as_of),),
    )


def _coverage_note(checked: date | None, as_of: date) -> str:
    if checked is None:
        return f"The record speaks as of {shown(as_of)}; how far its material was checked is not declared."
    return f"The record was checked against the material through {shown(checked)}: it says nothing of what came after."


@dataclass(frozen=True)
class EventsOptions:
    """Which events: every filter left None matches everything; ``page`` counts from 1,
    ``page_size`` 0 means every matching event on one page."""

    group: str | None = None
    format: str | None = None
    track: str | None = None
    level: str | None = None
    kind: str | None = None
    state: str | None = None
    since: date | None = None
    until: date | None = None
    page: int = 1
    page_size: int = 0


@dataclass(frozen=True)
class EventPage(Tabular):
    """One page of events (their canonical records), how many match and how many pages."""

    COLUMNS = (
        *("id", "date", "date_precision", "group", "format", "ordinal", "status", "track", "level", "kind"),
        *("host", "city", "states", "summary", "sources", "confidence"),
    )
    options: EventsOptions
    total: int
    pages: int
    rows: tuple[dict[str, Any], ...] = ()


def events(store: Store, options: EventsOptions, *, total: int | None = None) -> EventPage:
    """The events matching ``options``, by date, one page at a time. Unknown groups and
    formats are errors that name the known ones. ``total``: the count, if known already."""
    from tariqa.errors import UsageError

    if options.page < 1 or options.page_size < 0:
        raise UsageError(f"page {options.page} of size {options.page_size}: pages count from 1, sizes from 0")
    where = _event_filter(store, options)
    if options.page_size == 0:
        rows = list(store.event_records(where))
        return EventPage(options, len(rows), 1, tuple(rows))
    offset = (options.page - 1) * options.page_size
    rows, count = store.event_page(where, options.page_size, offset, total)
    pages = max(1, -(-count // options.page_size))
    return EventPage(options, count, pages, tuple(rows))


def each_event(store: Store, options: EventsOptions) -> Iterator[dict[str, Any]]:
    """Every event matching ``options`` (pages aside), by date, as :func:`events` gives
    them, one at a time: a listing of any length in flat memory. The group and format are
    checked before the first event."""
    where = _event_filter(store, options)
    return store.event_records(where)


def _event_filter(store: Store, options: EventsOptions) -> EventFilter:
    from tariqa.storage import EventFilter

    store.require(group=options.group, format=options.format)
    return EventFilter(
        group=options.group,
        format=options.format,
        track=options.track,
        level=options.level,
        kind=options.kind,
        state=options.state.upper() if options.state else None,
        since=options.since,
        until=options.until,
    )
