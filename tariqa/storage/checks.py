"""Referential checks run in SQL before an import commits."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Column, Connection, Table, and_, select

from tariqa.storage import tables as t

# (owner collection, owner key column, field name, referencing column, target column, noun)
_REFS: list[tuple[str, Column[str], str, Column[str], Column[str], str]] = [
    ("formats", t.formats.c.id, "group", t.formats.c.group_id, t.groups.c.id, "group"),
    ("events", t.events.c.id, "group", t.events.c.group_id, t.groups.c.id, "group"),
    ("events", t.events.c.id, "format", t.events.c.format_id, t.formats.c.id, "format"),
    (
        "events",
        t.event_sources.c.event_id,
        "sources",
        t.event_sources.c.url,
        t.sources.c.url,
        "source URL (list it under sources)",
    ),
    (
        "events",
        t.event_documents.c.event_id,
        "documents",
        t.event_documents.c.document_id,
        t.documents.c.id,
        "document",
    ),
    (
        "events",
        t.event_actors.c.event_id,
        "participants",
        t.event_actors.c.actor_id,
        t.actors.c.id,
        "actor",
    ),
    ("documents", t.documents.c.id, "event", t.documents.c.event_id, t.events.c.id, "event"),
    (
        "documents",
        t.document_sources.c.document_id,
        "sources",
        t.document_sources.c.url,
        t.sources.c.url,
        "source URL (list it under sources)",
    ),
    (
        "trade_flows",
        t.trade_flows.c.id,
        "source",
        t.trade_flows.c.url,
        t.sources.c.url,
        "source URL (list it under sources)",
    ),
]


def broken_references(conn: Connection) -> Iterator[tuple[str, str, str, str, str]]:
    """Yield (collection, key, field, missing value, message) for every reference to a
    missing record."""
    for collection, key, fld, ref, target, noun in _REFS:
        target_table = target.table
        assert isinstance(target_table, Table)
        query = (
            select(key, ref)
            .select_from(ref.table.outerjoin(target_table, ref == target))
            .where(and_(ref.is_not(None), target.is_(None)))
            .order_by(key)
        )
        for owner, value in conn.execute(query):
            yield collection, owner, fld, value, f"unknown {noun} {value!r}"
    query = (
        select(t.events.c.id, t.events.c.format_id, t.formats.c.group_id, t.events.c.group_id)
        .join(t.formats, t.events.c.format_id == t.formats.c.id)
        .where(t.formats.c.group_id != t.events.c.group_id)
    )
    for row in conn.execute(query).all():
        owner, fmt, fmt_group, group = (str(v) for v in row)
        yield "events", owner, "format", fmt, f"format {fmt!r} belongs to group {fmt_group}, not {group}"
