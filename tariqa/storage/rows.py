"""Record -> rows: the indexed columns and link rows of each entity, computed from the
canonical JSON that is stored as its body (so the same code serves every input path)."""

from __future__ import annotations

from typing import Any, NamedTuple

from tariqa.model import Parsed

Row = dict[str, Any]


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


_MAIN_PAIRS = {collection: (tuple(pairs), tuple(pairs.values())) for collection, pairs in _MAIN.items()}


def main_row(item: Prepared, record: Row) -> Row:
    """The row of the entity's own table."""
    columns, names = _MAIN_PAIRS[item.collection]
    row: Row = dict(zip(columns, map(record.get, names), strict=True))
    row["id"], row["body"] = item.key, item.body
    return row


def link_rows(item: Prepared, record: Row) -> dict[str, list[Row]]:
    """Rows of the link tables that belong to the entity, by table name."""
    key = item.key
    if item.collection == "groups":
        return {
            "group_members": [{"group_id": key, "state": s} for s in record["members"]],
            "group_sources": [
                {"group_id": key, "position": i, "url": u} for i, u in enumerate(record.get("coverage", []))
            ],
        }
    if item.collection == "events":
        conflict_urls = [u for c in record.get("conflicts", []) for u in c.get("sources", [])]
        value_urls = [u for v in record.get("values", []) for u in v.get("sources", [])]
        actors = sorted({p["actor"] for p in record.get("participants", []) if "actor" in p})
        return {
            "event_states": [
                {
                    "event_id": key,
                    "state": s,
                    "date": record["date"],
                    "group_id": record["group"],
                    "format_id": record.get("format"),
                    "track": record["track"],
                    "level": record["level"],
                    "kind": record["kind"],
                }
                for s in record["states"]
            ],
            "event_sources": [
                {"event_id": key, "role": "record", "position": i, "url": u} for i, u in enumerate(record["sources"])
            ]
            + [{"event_id": key, "role": "conflict", "position": i, "url": u} for i, u in enumerate(conflict_urls)]
            + [{"event_id": key, "role": "value", "position": i, "url": u} for i, u in enumerate(value_urls)],
            "event_documents": [
                {"event_id": key, "position": i, "document_id": d} for i, d in enumerate(record.get("documents", []))
            ],
            "event_actors": [{"event_id": key, "actor_id": a} for a in actors],
        }
    if item.collection == "documents":
        return {
            "document_sources": [
                {"document_id": key, "position": i, "url": u} for i, u in enumerate(record.get("sources", []))
            ]
        }
    return {}


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
