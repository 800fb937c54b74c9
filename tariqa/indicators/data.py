"""What the indicators read: a group's events, formats, trade and coded documents, loaded
once as light records (no pydantic objects for events: a record may hold 100,000)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from itertools import combinations
from typing import Any

from tariqa.errors import UsageError
from tariqa.model import Code, Document, Format, Group, TradeFlow
from tariqa.storage import EventFilter, Store


@dataclass(slots=True)
class Ev:
    """One event, reduced to what indicators use (not frozen: building 100,000 frozen
    dataclasses costs twice as much; nothing changes them)."""

    id: str
    date: dt.date
    end: dt.date | None
    format: str | None
    ordinal: int | None
    status: str
    track: str
    level: str
    kind: str
    host: str | None
    city: str | None
    states: frozenset[str]
    documents: tuple[str, ...]
    sources: tuple[str, ...]
    has_conflict: bool
    mode: str | None = None
    alongside: str | None = None

    @property
    def hosted(self) -> bool:
        """Held in person and on its own: a virtual round is no visit to its convener, and a
        round on the sidelines of another event is hosted by that event's host, not chosen
        for the format."""
        return self.mode != "virtual" and self.alongside is None

    @classmethod
    def of(cls, r: dict[str, Any]) -> Ev:
        return cls(
            id=r["id"],
            date=date.fromisoformat(r["date"]),
            end=date.fromisoformat(r["end_date"]) if r.get("end_date") else None,
            format=r.get("format"),
            ordinal=r.get("ordinal"),
            status=r.get("status", "held"),
            track=r["track"],
            level=r["level"],
            kind=r["kind"],
            host=r.get("host"),
            city=r.get("city"),
            states=frozenset(r["states"]),
            documents=tuple(r.get("documents", ())),
            sources=tuple(r["sources"]),
            has_conflict=bool(r.get("conflicts")),
            mode=r.get("mode"),
            alongside=r.get("alongside"),
        )

    @property
    def held(self) -> bool:
        return self.status == "held"


_LINEAGES: dict[tuple[int, str], tuple[str, ...]] = {}


@dataclass(frozen=True)
class Scope:
    """Which group and period: ``since`` and ``until`` are inclusive; None is open."""

    group: str
    since: date | None = None
    until: date | None = None

    def contains(self, day: date) -> bool:
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    @property
    def label(self) -> str:
        if self.since is None and self.until is None:
            return "all"
        return f"{self.since or ''}/{self.until or ''}"


@dataclass
class GroupData:
    """A group's record within a scope; ``as_of`` is the date the record speaks for."""

    scope: Scope
    group: Group
    formats: list[Format]
    events: list[Ev]
    trade: list[TradeFlow]
    documents: dict[str, Document]
    codes: dict[str, Code]
    codings: dict[str, list[str]]
    """Settled codings: document id → the codes applied in it (one entry per coding)."""
    as_of: date
    period: str = "all"
    _by_format: dict[str, list[Ev]] = field(default_factory=dict, repr=False)
    _held: list[Ev] | None = field(default=None, repr=False)

    @property
    def members(self) -> list[str]:
        return list(self.group.members)

    def pairs(self) -> list[tuple[str, str]]:
        """Member pairs in the order the members are listed."""
        return list(combinations(self.members, 2))

    def held(self) -> list[Ev]:
        """Held events (cached: every indicator asks)."""
        if self._held is None:
            self._held = [e for e in self.events if e.held]
        return self._held

    def rounds(self, format_id: str) -> list[Ev]:
        """Every event of a format (any status), by date."""
        if not self._by_format:
            grouped: dict[str, list[Ev]] = defaultdict(list)
            for e in self.events:
                if e.format:
                    grouped[e.format].append(e)
            self._by_format.update(grouped)
        return self._by_format.get(format_id, [])

    def period_years(self) -> float:
        """The exact length of the period in years (365.2425 days), both ends counted:
        from its start (or the first event) to its end, never past the record's date.

        >>> from tariqa.model import Group
        >>> g = Group(id="G", name="G", members=["AZE", "TUR"])
        >>> data = GroupData(Scope("G", date(2017, 11, 30)), g, [], [], [], {}, {}, {}, date(2026, 11, 29))
        >>> round(data.period_years(), 3)
        9.0
        """
        days = [e.date for e in self.events]
        first = self.scope.since or min(days, default=self.as_of)
        last = min(self.scope.until, self.as_of) if self.scope.until else self.as_of
        return max((last - first).days + 1, 1) / 365.2425

    def years(self) -> list[int]:
        """Every calendar year of the scope, from its start (or the first event) to its end."""
        days = [e.date for e in self.events]
        first = self.scope.since or min(days, default=self.as_of)
        last = self.scope.until or max([*days, self.as_of])
        return list(range(first.year, last.year + 1))

    def top_of(self, code: str) -> str:
        """The top-level ancestor of ``code`` (itself when it has no parent or is unknown)."""
        return self.lineage(code)[-1]

    def lineage(self, code: str) -> tuple[str, ...]:
        """``code`` and its ancestors up to its top-level theme (cached per codebook)."""
        found = _LINEAGES.get((id(self.codes), code))
        if found is None:
            chain = [code]
            while (parent := self.codes[chain[-1]].parent if chain[-1] in self.codes else None) and parent not in chain:
                chain.append(parent)
            found = _LINEAGES[(id(self.codes), code)] = tuple(chain)
        return found

    def restricted(self, year: int) -> GroupData:
        """The same data limited to one calendar year (events, trade and coded documents)."""
        inside = {d for d, doc in self.documents.items() if doc.date and doc.date.year == year}
        return replace(
            self,
            scope=replace(self.scope, since=date(year, 1, 1), until=date(year, 12, 31)),
            events=[e for e in self.events if e.date.year == year],
            trade=[t for t in self.trade if t.year == year],
            documents={d: self.documents[d] for d in inside},
            codings={d: codes for d, codes in self.codings.items() if d in inside},
            period=str(year),
            _by_format={},
            _held=None,
        )


@dataclass
class Shared:
    """What every group's data draws on, read once however many groups are compared."""

    as_of: date
    trade: list[TradeFlow]
    documents: dict[str, Document]
    codings: dict[str, list[str]]
    codes: dict[str, Code]

    @cached_property
    def signed(self) -> list[tuple[Document, frozenset[str]]]:
        return [(d, frozenset(d.signatories)) for d in self.documents.values()]

    @classmethod
    def read(cls, store: Store, as_of: date | None = None, codings: bool = True) -> Shared:
        from tariqa.quality.record import as_of_date

        by_document: dict[str, list[str]] = defaultdict(list)
        if codings:
            for doc, code in store.coding_units():
                by_document[doc].append(code)
        return cls(
            as_of or as_of_date(store),
            store.trade_flows(),
            {d.id: d for d in store.documents()} if codings else {},
            dict(by_document),
            {c.id: c for c in store.codes()} if codings else {},
        )


def load(store: Store, scope: Scope, as_of: date | None = None, shared: Shared | None = None) -> GroupData:
    """A group's data within ``scope``; the group must exist and have at least two members.

    Without ``since`` the period starts at the group's start date, when the record has one:
    bilateral events of the members before the group existed are context, not its activity.
    """
    group = store.group(scope.group)
    if len(group.members) < 2:
        raise UsageError(f"group {group.id} has one member: indicators need at least two")
    if scope.since and scope.until and scope.until < scope.since:
        raise UsageError(f"the period ends ({scope.until}) before it starts ({scope.since})")
    if scope.since is None and group.start_date is not None:
        scope = replace(scope, since=group.start_date)
    shared = shared or Shared.read(store, as_of)
    events = [Ev.of(r) for r in store.event_records(EventFilter(group=group.id, since=scope.since, until=scope.until))]
    members = set(group.members)
    trade = [t for t in shared.trade if {t.reporter, t.partner} <= members and scope.contains(date(t.year, 7, 1))]
    adopted = {d for e in events for d in e.documents}
    ours = {e.id for e in events}
    documents = {
        d.id: d
        for d, signed in shared.signed
        if d.id in adopted
        or (
            not members.isdisjoint(signed)
            and (d.event is None or d.event in ours)
            and (d.date is None or scope.contains(d.date))
        )
    }
    codings = {d: shared.codings[d] for d in sorted(documents) if d in shared.codings}
    # The record speaks for a group only as far as it was checked (``checked_through``).
    as_of = min(shared.as_of, group.checked_through) if group.checked_through else shared.as_of
    return GroupData(scope, group, store.formats(group.id), events, trade, documents, shared.codes, codings, as_of)
