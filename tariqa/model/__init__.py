"""The record's domain objects: pure data with validation, no I/O."""

from __future__ import annotations

from tariqa.model.base import Entity, Parsed
from tariqa.model.codebook import Code, Coding, DocumentText, Memo, codebook_problems
from tariqa.model.entities import Actor, Format, Group, Source, TradeFlow, source_id
from tariqa.model.events import Amount, Conflict, Document, Event, Participant
from tariqa.vocab import (
    ActorKind,
    CadenceBasis,
    CodingStatus,
    Confidence,
    DocumentKind,
    EventKind,
    EventStatus,
    FormatStatus,
    Level,
    Nature,
    Precision,
    SourceKind,
    Track,
    TradeDirection,
)

#: Entity classes in the order they are imported and exported.
ENTITIES: tuple[type[Entity], ...] = (
    Group,
    Format,
    Source,
    Actor,
    Event,
    Document,
    DocumentText,
    TradeFlow,
    Code,
    Coding,
    Memo,
)
BY_COLLECTION: dict[str, type[Entity]] = {e.collection: e for e in ENTITIES}

__all__ = [
    "BY_COLLECTION",
    "ENTITIES",
    "Actor",
    "ActorKind",
    "Amount",
    "CadenceBasis",
    "Code",
    "Coding",
    "CodingStatus",
    "Confidence",
    "Conflict",
    "Document",
    "DocumentKind",
    "DocumentText",
    "Entity",
    "Event",
    "EventKind",
    "EventStatus",
    "Format",
    "FormatStatus",
    "Group",
    "Level",
    "Memo",
    "Nature",
    "Parsed",
    "Participant",
    "Precision",
    "Source",
    "SourceKind",
    "Track",
    "TradeDirection",
    "TradeFlow",
    "codebook_problems",
    "source_id",
]
