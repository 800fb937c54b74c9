"""The Store: the one gateway to the database for every other layer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Engine, Select, Subquery, func, select
from sqlalchemy.exc import DatabaseError, OperationalError

from tariqa.errors import IntegrityProblems, NotFound, Problem, StorageError
from tariqa.model import Event, Format, Group, Parsed, Source
from tariqa.storage import tables as t
from tariqa.storage.checks import broken_references
from tariqa.storage.importer import ImportSummary, import_batch


@dataclass(frozen=True)
class EventFilter:
    """Which events to list; every field left as None matches everything."""

    group: str | None = None
    track: str | None = None
    level: str | None = None
    kind: str | None = None
    format: str | None = None
    since: date | None = None
    until: date | None = None
    state: str | None = None


@dataclass(frozen=True)
class SourceUse:
    """A source with how many events, and documents or trade flows, cite it."""

    source: Source
    events: int
    documents: int


class Store:
    """Repository methods over one database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writing -------------------------------------------------------------
    def import_items(
        self, items: Iterable[Parsed | Problem], replace: bool = False, dry_run: bool = False
    ) -> ImportSummary:
        """Import a stream of parsed entities all-or-nothing (see :mod:`.importer`)."""
        try:
            return import_batch(self.engine, items, replace=replace, dry_run=dry_run)
        except (OperationalError, DatabaseError) as exc:
            raise StorageError(f"database error during import: {exc.orig}") from None

    def check_integrity(self) -> None:
        """Raise IntegrityProblems if any stored reference points to a missing record."""
        with self.engine.connect() as conn:
            problems = [
                Problem(collection, key, fld, message) for collection, key, fld, _, message in broken_references(conn)
            ]
        if problems:
            raise IntegrityProblems(problems)

    # reading -------------------------------------------------------------
    def count(self, collection: str) -> int:
        table = t.ENTITY_TABLES[collection][0]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def iter_bodies(self, collection: str) -> Iterator[str]:
        """Canonical JSON of every record of ``collection``, in export order, streamed."""
        table, order = t.ENTITY_TABLES[collection]
        query = select(table.c.body).order_by(*(table.c[c] for c in order))
        with self.engine.connect() as conn:
            yield from conn.execution_options(yield_per=5000).execute(query).scalars()

    def groups(self) -> list[Group]:
        return [Group.model_validate_json(b) for b in self.iter_bodies("groups")]

    def group(self, group_id: str) -> Group:
        with self.engine.connect() as conn:
            body = conn.execute(select(t.groups.c.body).where(t.groups.c.id == group_id)).scalar()
        if body is None:
            known = ", ".join(g.id for g in self.groups()) or "none"
            raise NotFound(f"unknown group {group_id!r} (known: {known})")
        return Group.model_validate_json(body)

    def format(self, format_id: str) -> Format:
        bodies = self._scalars(select(t.formats.c.body).where(t.formats.c.id == format_id))
        if not bodies:
            raise NotFound(f"unknown format {format_id!r}")
        return Format.model_validate_json(bodies[0])

    def event_counts_by_group(self) -> dict[str, int]:
        query = select(t.events.c.group_id, func.count()).group_by(t.events.c.group_id)
        with self.engine.connect() as conn:
            return {g: int(n) for g, n in conn.execute(query)}

    def formats(self, group: str | None = None) -> list[Format]:
        query = select(t.formats.c.body).order_by(t.formats.c.id)
        if group:
            query = query.where(t.formats.c.group_id == group)
        return [Format.model_validate_json(b) for b in self._scalars(query)]

    def events(self, where: EventFilter | None = None) -> list[Event]:
        """Events matching ``where``, by date then id."""
        return [Event.model_validate_json(b) for b in self._scalars(_event_query(where or EventFilter()))]

    def event(self, event_id: str) -> Event:
        body = self._scalars(select(t.events.c.body).where(t.events.c.id == event_id))
        if not body:
            raise NotFound(f"unknown event {event_id!r}")
        return Event.model_validate_json(body[0])

    def source_uses(self) -> list[SourceUse]:
        """Every source with the number of events and documents citing it."""
        ev = _citations(t.event_sources.c.url, t.event_sources.c.event_id)
        doc = _citations(t.document_sources.c.url, t.document_sources.c.document_id)
        trade = _citations(t.trade_flows.c.url, t.trade_flows.c.id)
        query = (
            select(
                t.sources.c.body,
                func.coalesce(ev.c.n, 0),
                func.coalesce(doc.c.n, 0) + func.coalesce(trade.c.n, 0),
            )
            .outerjoin(ev, ev.c.url == t.sources.c.url)
            .outerjoin(doc, doc.c.url == t.sources.c.url)
            .outerjoin(trade, trade.c.url == t.sources.c.url)
            .order_by(t.sources.c.url)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [SourceUse(Source.model_validate_json(b), int(e), int(d)) for b, e, d in rows]

    def events_without_sources(self) -> list[str]:
        """Ids of events with no source (the importer forbids them; this guards the database)."""
        cited = select(t.event_sources.c.event_id).where(t.event_sources.c.role == "record")
        return self._scalars(select(t.events.c.id).where(t.events.c.id.not_in(cited)).order_by(t.events.c.id))

    def _scalars(self, query: Select[tuple[str]]) -> list[str]:
        with self.engine.connect() as conn:
            return [str(v) for v in conn.execute(query).scalars()]


def _citations(url_col: ColumnElement[str], owner: ColumnElement[str]) -> Subquery:
    """How many distinct records cite each URL."""
    return select(url_col.label("url"), func.count(func.distinct(owner)).label("n")).group_by(url_col).subquery()


def _event_query(f: EventFilter) -> Select[tuple[str]]:
    e = t.events.c
    query = select(e.body).order_by(e.date, e.id)
    for column, value in (
        (e.group_id, f.group),
        (e.track, f.track),
        (e.level, f.level),
        (e.kind, f.kind),
        (e.format_id, f.format),
    ):
        if value is not None:
            query = query.where(column == value)
    if f.since is not None:
        query = query.where(e.date >= f.since)
    if f.until is not None:
        query = query.where(e.date <= f.until)
    if f.state is not None:
        has_state = select(t.event_states.c.event_id).where(t.event_states.c.state == f.state)
        query = query.where(e.id.in_(has_state))
    return query
