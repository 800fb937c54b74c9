"""Field types of each entity, as Frictionless Table Schema types.

The same description drives the CSV columns, the CSV cell conversion and the
``datapackage.json`` written by the Data Package exporter.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel

from tariqa.model import BY_COLLECTION, Entity


def _base_type(annotation: Any) -> Any:
    """Strip Optional/Annotated wrappers."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _base_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _base_type(args[0])
    return annotation


def _table_type(annotation: Any) -> str:
    base = _base_type(annotation)
    origin = typing.get_origin(base)
    if origin is list:
        return "array"
    if isinstance(base, type):
        if issubclass(base, BaseModel):
            return "object"
        if issubclass(base, Enum):
            return "string"
        if issubclass(base, bool):
            return "boolean"
        if issubclass(base, int):
            return "integer"
        if issubclass(base, float):
            return "number"
        if issubclass(base, datetime):
            return "datetime"
        if issubclass(base, date):
            return "date"
    return "string"


@cache
def field_types(collection: str) -> dict[str, str]:
    """Column name -> Table Schema type, in declaration order.

    >>> field_types("trade_flows")["year"]
    'integer'
    """
    cls: type[Entity] = BY_COLLECTION[collection]
    return {name: _table_type(f.annotation) for name, f in cls.model_fields.items()}


def table_schema(collection: str) -> dict[str, Any]:
    """A Frictionless Table Schema for the CSV file of ``collection``."""
    cls = BY_COLLECTION[collection]
    fields = []
    for name, kind in field_types(collection).items():
        info = cls.model_fields[name]
        spec: dict[str, Any] = {"name": name, "type": kind}
        if info.description:
            spec["description"] = info.description
        if info.is_required():
            spec["constraints"] = {"required": True}
        base = _base_type(info.annotation)
        if isinstance(base, type) and issubclass(base, Enum):
            spec.setdefault("constraints", {})["enum"] = [m.value for m in base]
        fields.append(spec)
    schema: dict[str, Any] = {"fields": fields}
    if "id" in field_types(collection):
        schema["primaryKey"] = ["id"]
    fks = _FOREIGN_KEYS.get(collection)
    if fks:
        schema["foreignKeys"] = [{"fields": f, "reference": {"resource": r, "fields": "id"}} for f, r in fks]
    return schema


_FOREIGN_KEYS = {
    "formats": [("group", "groups")],
    "events": [("group", "groups"), ("format", "formats")],
}
