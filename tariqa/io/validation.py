"""Turning raw mappings into entities, and pydantic errors into located Problems."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from tariqa.errors import Problem
from tariqa.model import BY_COLLECTION, Parsed

#: Gives the line (or record position) of a field, for error messages.
Locator = Callable[[str], str]


def parse_record(
    collection: str, data: Any, file: str, where: str, locate: Locator | None = None
) -> Iterator[Parsed | Problem]:
    """Validate one raw record; yield the entity, or one Problem per invalid field."""
    cls = BY_COLLECTION.get(collection)
    if cls is None:
        known = ", ".join(BY_COLLECTION)
        yield Problem(file, where, "", f"unknown record type {collection!r} (known: {known})")
        return
    if not isinstance(data, Mapping):
        yield Problem(file, where, "", f"a {collection} record must be a mapping, not {_kind(data)}")
        return
    try:
        yield Parsed(cls.model_validate(data), file, where)
    except ValidationError as exc:
        raw_id = data.get("id", data.get("url"))
        subject = (collection, str(raw_id)) if isinstance(raw_id, str) else None
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"])
            top = str(err["loc"][0]) if err["loc"] else ""
            at = locate(top) if (locate and top) else where
            yield Problem(file, at, field, validation_message(err), subject)


def parse_json_record(collection: str, text: str, file: str, where: str) -> Iterator[Parsed | Problem]:
    """Validate one record given as JSON text, as :func:`parse_record` would its parsed
    form: pydantic reads the text itself (a quarter faster than ``json.loads`` and a
    validation of the dict), and anything it refuses is read again the slow way, so
    that a problem is reported in the same words whichever way the record came."""
    cls = BY_COLLECTION.get(collection)
    if cls is not None:
        try:
            yield Parsed(cls.model_validate_json(text), file, where)
            return
        except ValidationError:
            pass
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Problem(file, where, "", f"malformed JSON: {exc.msg}")
        return
    yield from parse_record(collection, data, file, where)


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def validation_message(err: Any) -> str:
    kind, msg, value = err["type"], err["msg"], err.get("input")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "value_error":
        return str(msg).removeprefix("Value error, ")
    if kind == "too_short" and value == []:
        return "must not be empty"
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return f"{value!r}: {msg}"
    return str(msg)
