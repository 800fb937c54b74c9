"""Referential checks run in SQL before an import commits."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Column, Connection, and_, func, select

from tariqa.storage import tables as t

_parents = t.codes.alias("parents")

# (owner collection, owner key column, field name, referencing column, target column, noun)
_REFS: list[tuple[str, Column[str], str, Column[str], Column[str], str]] = [
    ("formats", t.formats.c.id, "group", t.formats.c.group_id, t.groups.c.id, "group"),
    ("events", t.events.c.id, "group", t.events.c.group_id, t.groups.c.id, "group"),
    (
        "groups",
        t.group_sources.c.group_id,
        "coverage",
        t.group_sources.c.url,
        t.sources.c.url,
        "source URL (list it under sources)",
    ),
    ("events", t.events.c.id, "format", t.events.c.format_id, t.formats.c.id, "format"),
    ("events", t.events.c.id, "concerns", t.events.c.concerns_id, t.formats.c.id, "format"),
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
    ("document_texts", t.document_texts.c.id, "id", t.document_texts.c.id, t.documents.c.id, "document"),
    ("codes", t.codes.c.id, "parent", t.codes.c.parent_id, _parents.c.id, "parent code"),
    ("codings", t.codings.c.id, "document", t.codings.c.document_id, t.documents.c.id, "document"),
    ("codings", t.codings.c.id, "code", t.codings.c.code_id, t.codes.c.id, "code (it is not in the codebook)"),
]


def broken_references(conn: Connection) -> Iterator[tuple[str, str, str, str, str]]:
    """Yield (collection, key, field, missing value, message) for every reference to a
    missing record."""
    for collection, key, fld, ref, target, noun in _REFS:
        query = (
            select(key, ref)
            .select_from(ref.table.outerjoin(target.table, ref == target))
            .where(and_(ref.is_not(None), target.is_(None)))
        )
        # sorted here: an ORDER BY made SQLite walk the key's index and fetch every row
        # from the table (seconds for a million codings) to return, usually, nothing
        for owner, value in sorted(conn.execute(query).all()):
            yield collection, owner, fld, value, f"unknown {noun} {value!r}"
    for fld, column in (("format", t.events.c.format_id), ("concerns", t.events.c.concerns_id)):
        query = (
            select(t.events.c.id, column, t.formats.c.group_id, t.events.c.group_id)
            .join(t.formats, column == t.formats.c.id)
            .where(t.formats.c.group_id != t.events.c.group_id)
        )
        for row in conn.execute(query).all():
            owner, fmt, fmt_group, group = (str(v) for v in row)
            yield "events", owner, fld, fmt, f"format {fmt!r} belongs to group {fmt_group}, not {group}"
    yield from _spans_outside_text(conn)
    yield from _codebook_cycles(conn)
    yield from _memo_targets(conn)


def _memo_targets(conn: Connection) -> Iterator[tuple[str, str, str, str, str]]:
    """A memo's target exists (a document, code or coding)."""
    m = t.memos.c
    for about, table in (("document", t.documents), ("code", t.codes), ("coding", t.codings)):
        query = (
            select(m.id, m.target)
            .select_from(t.memos.outerjoin(table, table.c.id == m.target))
            .where((m.about == about) & table.c.id.is_(None))
        )
        for owner, target in sorted(conn.execute(query).all()):
            yield "memos", owner, "target", target, f"unknown {about} {target!r}"


def _codebook_cycles(conn: Connection) -> Iterator[tuple[str, str, str, str, str]]:
    from tariqa.model import Code, codebook_problems

    codes = [Code.model_validate_json(b) for b in conn.execute(select(t.codes.c.body)).scalars()]
    for message in codebook_problems(codes):
        if "cycle" in message:
            first = message.split("'")[1]
            yield "codes", first, "parent", "", message


def _spans_outside_text(conn: Connection) -> Iterator[tuple[str, str, str, str, str]]:
    """Codings must lie inside their document's stored text.

    Each text's length is computed once, and compared with the furthest end coded in its
    document; only documents that fail are searched coding by coding. (Comparing every
    coding with ``length(text)`` made the database count a whole text's characters per
    coding: minutes for the suggestions of a few large documents.)"""
    c, text = t.codings.c, t.document_texts.c
    furthest = select(c.document_id, func.max(c.end)).join(t.documents, t.documents.c.id == c.document_id)
    ends = dict(conn.execute(furthest.group_by(c.document_id)).all())
    if not ends:
        return
    lengths = dict(conn.execute(select(text.id, func.length(text.text)).where(text.id.in_(list(ends)))).all())
    failing = sorted(doc for doc, end in ends.items() if doc not in lengths or end > lengths[doc])
    if not failing:
        return
    query = select(c.id, c.document_id, c.end).where(c.document_id.in_(failing)).order_by(c.id)
    for owner, document, end in conn.execute(query).all():
        if document not in lengths:
            yield "codings", owner, "document", "", f"document {document!r} has no stored text to code"
        elif end > lengths[document]:
            yield "codings", owner, "end", "", f"the span ends at {end}, past the end of the text ({lengths[document]})"
