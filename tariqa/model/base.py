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
        """Plain JSON-ready data: the parsed :meth:`canonical` form."""
        record: dict[str, Any] = json.loads(self.canonical())
        return record

    def canonical(self) -> str:
        """One-line canonical JSON, fields in declaration order, absent values and empty
        top-level lists left out: equal records give equal strings."""
        empty = {name for name in _list_fields(type(self)) if not getattr(self, name)}
        # the serializer itself: model_dump_json() would pass every default again (an
        # import serialises each record once; this is a tenth of its reading time)
        return self.__pydantic_serializer__.to_json(self, exclude_none=True, exclude=empty).decode()


def _list_fields(cls: type[Entity]) -> tuple[str, ...]:
    cached = _LIST_FIELDS.get(cls)
    if cached is None:
        cached = tuple(n for n, f in cls.model_fields.items() if "list[" in str(f.annotation))
        _LIST_FIELDS[cls] = cached
    return cached


_LIST_FIELDS: dict[type[Entity], tuple[str, ...]] = {}


class Parsed:
    """An entity read from input, with where it was read (for error messages)."""

    __slots__ = ("entity", "file", "where")

    def __init__(self, entity: Entity, file: str, where: str) -> None:
        self.entity = entity
        self.file = file
        self.where = where
