"""The base class of every record entity."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict


class Entity(BaseModel):
    """A record entity: immutable, strict about unknown fields, with a stable id.

    ``collection`` is the entity's key in record files and its table name.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)
    collection: ClassVar[str]

    @property
    def key(self) -> str:
        """The stable id of this record."""
        return str(self.__dict__["id"])

    @property
    def label(self) -> str:
        """How messages name this record (its id; a source by its URL)."""
        return self.key

    def to_record(self) -> dict[str, Any]:
        """Plain JSON-ready data, fields in declaration order, empty values left out."""
        record: dict[str, Any] = _prune(self.model_dump(mode="json"))
        return record

    def canonical(self) -> str:
        """One-line canonical JSON: equal records give equal strings."""
        return json.dumps(self.to_record(), ensure_ascii=False, separators=(",", ":"))


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


class Parsed:
    """An entity read from input, with where it was read (for error messages)."""

    __slots__ = ("entity", "file", "where")

    def __init__(self, entity: Entity, file: str, where: str) -> None:
        self.entity = entity
        self.file = file
        self.where = where
