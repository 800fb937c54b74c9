"""Entity <-> row mapping: the indexed columns and link rows of each entity."""

from __future__ import annotations

from typing import Any

from tariqa.model import Actor, Document, Entity, Event, Format, Group, Source, TradeFlow

Row = dict[str, Any]


def main_row(entity: Entity, body: str) -> Row:
    """The row of the entity's own table."""
    row: Row = {"id": entity.key, "body": body}
    if isinstance(entity, Group):
        row["name"] = entity.name
    elif isinstance(entity, Format):
        row.update(group_id=entity.group, track=entity.track.value, status=entity.status.value)
    elif isinstance(entity, Source):
        row.update(url=entity.url, kind=entity.kind.value)
    elif isinstance(entity, Actor):
        row["state"] = entity.state
    elif isinstance(entity, Event):
        row.update(_event_columns(entity))
    elif isinstance(entity, Document):
        row.update(event_id=entity.event, date=entity.date, kind=entity.kind.value)
    elif isinstance(entity, TradeFlow):
        row.update(
            reporter=entity.reporter,
            partner=entity.partner,
            year=entity.year,
            direction=entity.direction.value,
            value_usd=entity.value_usd,
            url=entity.source,
        )
    return row


def _event_columns(e: Event) -> Row:
    return {
        "group_id": e.group,
        "format_id": e.format,
        "date": e.date,
        "ordinal": e.ordinal,
        "status": e.status.value,
        "track": e.track.value,
        "level": e.level.value,
        "kind": e.kind.value,
        "host": e.host,
        "confidence": e.confidence.value,
    }


def link_rows(entity: Entity) -> dict[str, list[Row]]:
    """Rows of the link tables that belong to the entity, by table name."""
    if isinstance(entity, Group):
        return {"group_members": [{"group_id": entity.id, "state": s} for s in entity.members]}
    if isinstance(entity, Event):
        eid = entity.id
        return {
            "event_states": [{"event_id": eid, "state": s} for s in entity.states],
            "event_sources": [
                {"event_id": eid, "role": "record", "position": i, "url": u} for i, u in enumerate(entity.sources)
            ]
            + [
                {"event_id": eid, "role": "conflict", "position": i, "url": u}
                for i, u in enumerate(u for c in entity.conflicts for u in c.sources)
            ],
            "event_documents": [
                {"event_id": eid, "position": i, "document_id": d} for i, d in enumerate(entity.documents)
            ],
            "event_participants": [
                {"event_id": eid, "position": i, "state": p.state, "name": p.name, "actor_id": p.actor}
                for i, p in enumerate(entity.participants)
            ],
        }
    if isinstance(entity, Document):
        return {
            "document_sources": [
                {"document_id": entity.id, "position": i, "url": u} for i, u in enumerate(entity.sources)
            ]
        }
    return {}


#: The link tables of each collection and the column that points back to the owner.
LINKS: dict[str, dict[str, str]] = {
    "groups": {"group_members": "group_id"},
    "events": {
        "event_states": "event_id",
        "event_sources": "event_id",
        "event_documents": "event_id",
        "event_participants": "event_id",
    },
    "documents": {"document_sources": "document_id"},
}
