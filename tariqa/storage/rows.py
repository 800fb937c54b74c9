"""Record -> rows: the indexed columns and link rows of each entity, computed from the
canonical JSON that is stored as its body (so the same code serves every input path)."""

from __future__ import annotations

from typing import Any, NamedTuple

from tariqa.model import Parsed

Row = dict[str, Any]
Values = tuple[Any, ...]


class Prepared(NamedTuple):
    """A validated entity as plain data: its canonical body and where it was read.
    Cheap to send between processes. ``record``, when given, is the body already parsed."""

    collection: str
    key: str
    label: str
    body: str
    file: str
    where: str
    record: Row | None = None


def prepare(item: Parsed) -> Prepared:
    """The canonical form of a parsed entity."""
    e = item.entity
    # A document's text is the one large field: its parsed record shares the entity's
    # string instead of parsing the body into another copy.
    record = e.model_dump(mode="json") if e.collection == "document_texts" else None
    return Prepared(e.collection, e.key, e.label, e.canonical(), item.file, item.where, record)


def _columns(*names: str, **renamed: str) -> dict[str, str]:
    return {n: n for n in names} | renamed


# column -> record field, per collection (dates stay ISO text; see importer._insert)
_MAIN: dict[str, dict[str, str]] = {
    "groups": _columns("name"),
    "formats": _columns("track", "status", group_id="group"),
    "sources": _columns("url", "kind"),
    "actors": _columns("state"),
    "events": _columns(
        "date",
        "ordinal",
        "status",
        "track",
        "level",
        "kind",
        "host",
        "confidence",
        group_id="group",
        format_id="format",
        concerns_id="concerns",
    ),
    "documents": _columns("date", "kind", event_id="event"),
    "trade_flows": _columns("reporter", "partner", "year", "direction", "value_usd", url="source"),
    "document_texts": _columns("text"),
    "codes": _columns(parent_id="parent"),
    "codings": _columns("coder", "status", "start", "end", document_id="document", code_id="code"),
    "memos": _columns("about", "target"),
}

#: The columns of each entity table, in the order of the values of :func:`main_row`.
MAIN_COLUMNS: dict[str, tuple[str, ...]] = {c: ("id", "body", *pairs) for c, pairs in _MAIN.items()}
_FIELDS = {collection: tuple(pairs.values()) for collection, pairs in _MAIN.items()}

#: The columns of each link table, in the order of the values of :func:`link_rows`.
LINK_COLUMNS: dict[str, tuple[str, ...]] = {
    "group_members": ("group_id", "state"),
    "group_sources": ("group_id", "position", "url"),
    "event_states": ("event_id", "state", "date", "group_id", "format_id", "track", "level", "kind"),
    "event_sources": ("event_id", "role", "position", "url"),
    "event_documents": ("event_id", "position", "document_id"),
    "event_actors": ("event_id", "actor_id"),
    "document_sources": ("document_id", "position", "url"),
}


def main_row(item: Prepared, record: Row) -> Values:
    """The values of the entity's own table (see :data:`MAIN_COLUMNS`)."""
    return (item.key, item.body, *map(record.get, _FIELDS[item.collection]))


def link_rows(item: Prepared, record: Row) -> dict[str, list[Values]]:
    """Rows of the link tables that belong to the entity, by table name (values in the
    order of :data:`LINK_COLUMNS`: tuples, since an import builds hundreds of thousands)."""
    key = item.key
    if item.collection == "groups":
        return {
            "group_members": [(key, s) for s in record["members"]],
            "group_sources": [(key, i, u) for i, u in enumerate(record.get("coverage", ()))],
        }
    if item.collection == "events":
        return _event_links(key, record)
    if item.collection == "documents":
        return {"document_sources": [(key, i, u) for i, u in enumerate(record.get("sources", ()))]}
    return {}


def _event_links(key: str, record: Row) -> dict[str, list[Values]]:
    # each state's row carries the event's filter columns (one index in date order per state)
    columns = (record["date"], record["group"], record.get("format"), record["track"], record["level"], record["kind"])
    conflict_urls = [u for c in record.get("conflicts", ()) for u in c.get("sources", ())]
    value_urls = [u for v in record.get("values", ()) for u in v.get("sources", ())]
    actors = sorted({p["actor"] for p in record.get("participants", ()) if "actor" in p})
    return {
        "event_states": [(key, s, *columns) for s in record["states"]],
        "event_sources": [(key, "record", i, u) for i, u in enumerate(record["sources"])]
        + [(key, "conflict", i, u) for i, u in enumerate(conflict_urls)]
        + [(key, "value", i, u) for i, u in enumerate(value_urls)],
        "event_documents": [(key, i, d) for i, d in enumerate(record.get("documents", ()))],
        "event_actors": [(key, a) for a in actors],
    }


#: The link tables of each collection and the column that points back to the owner.
LINKS: dict[str, dict[str, str]] = {
    "groups": {"group_members": "group_id", "group_sources": "group_id"},
    "events": {
        "event_states": "event_id",
        "event_sources": "event_id",
        "event_documents": "event_id",
        "event_actors": "event_id",
    },
    "documents": {"document_sources": "document_id"},
}
