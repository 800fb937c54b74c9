"""Editing the record in forms: events and sources, created or corrected by editors.

A form is checked exactly as an import would check the record (the model's validation,
then the store's reference checks); problems are shown next to their fields and nothing is
saved. Each form carries the version of the record it was opened on: if someone saved the
record in between, the save is refused and the other person's version is shown.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from tariqa.errors import ConflictError, NotFound, Problems
from tariqa.web.auth import Editor
from tariqa.web.pages import render

router = APIRouter(include_in_schema=False)

EVENT_FIELDS = (
    "id",
    "date",
    "date_precision",
    "end_date",
    "group",
    "format",
    "ordinal",
    "status",
    "track",
    "level",
    "kind",
    "host",
    "city",
    "states",
    "summary",
    "sources",
    "confidence",
)
LISTS = {"states": ",", "sources": "\n"}
SOURCE_FIELDS = ("url", "publisher", "title", "published", "accessed", "kind")


def _store(request: Request) -> Any:
    return request.app.state.store


def form_values(body: dict[str, Any], fields: tuple[str, ...]) -> dict[str, str]:
    """A record's fields as the strings a form shows (lists joined, absent values empty)."""
    values = {}
    for name in fields:
        value = body.get(name)
        if name in LISTS:
            values[name] = LISTS[name].join(value or [])
        else:
            values[name] = "" if value is None else str(value)
    return values


def parsed(form: dict[str, str], base: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The record that the submitted form describes: ``base`` (fields the form does not
    show, such as participants and conflicts) with the form's fields on top; empty values
    are absent, lists are split."""
    data = {k: v for k, v in base.items() if k not in fields}
    for name in fields:
        raw = form.get(name, "").strip()
        if name in LISTS:
            items = [x.strip() for x in raw.replace("\r", "").split(LISTS[name]) if x.strip()]
            if items:
                data[name] = [x.upper() for x in items] if name == "states" else items
        elif raw:
            data[name] = raw.upper() if name == "host" else raw
    return data


def field_errors(exc: ValidationError | Problems) -> dict[str, str]:
    """Messages by field name, for showing next to the inputs ('' for the whole record)."""
    if isinstance(exc, ValidationError):
        return {str(e["loc"][0]) if e["loc"] else "": e["msg"].removeprefix("Value error, ") for e in exc.errors()}
    return {p.field.split(".")[0]: p.message for p in exc.problems}


def _event_form(
    request: Request, values: dict[str, str], version: str | None, status: int = 200, **extra: Any
) -> Response:
    from tariqa.vocab import Confidence, EventKind, EventStatus, Level, Precision, Track

    choices = {
        "date_precision": [p.value for p in Precision],
        "status": [s.value for s in EventStatus],
        "track": [t.value for t in Track],
        "level": [v.value for v in Level],
        "kind": [k.value for k in EventKind],
        "confidence": [c.value for c in Confidence],
    }
    data = {"values": values, "version": version or "", "choices": choices, "errors": {}, "conflict": None} | extra
    return render(request, "event_form.html", data, status=status)


@router.get("/events/{event_id}/edit")
def edit_event(request: Request, user: Editor, event_id: str) -> Response:
    store = _store(request)
    event = store.event(event_id)
    return _event_form(
        request, form_values(event.to_record(), EVENT_FIELDS), store.version("events", event_id), new=False
    )


@router.get("/new/event")
def new_event(request: Request, user: Editor, group: str = "") -> Response:
    return _event_form(request, form_values({"group": group}, EVENT_FIELDS), None, new=True)


@router.post("/events/{event_id}/edit")
async def save_event(request: Request, user: Editor, event_id: str) -> Response:
    return await _save(request, user, "events", event_id)


@router.post("/new/event")
async def create_event(request: Request, user: Editor) -> Response:
    return await _save(request, user, "events", None)


async def _save(request: Request, user: Any, collection: str, key: str | None) -> Response:
    from tariqa.model import Event

    store = _store(request)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    base = store.event(key).to_record() if key else {}
    data = parsed(form, base, EVENT_FIELDS)
    if key:
        data["id"] = key  # the id of a record is not edited
    expected = form.get("version") or None
    values = {k: form.get(k, "") for k in EVENT_FIELDS} | ({"id": key} if key else {})
    try:
        entity = Event.model_validate(data)
        store.save(entity, user, expected)
    except (ValidationError, Problems) as exc:
        conflict = None
        if isinstance(exc, ConflictError) and exc.version:
            conflict = {"version": exc.version, "current": json.loads(exc.current) if exc.current else None}
        status = 409 if conflict else 422
        errors = field_errors(exc)
        return _event_form(request, values, expected, new=key is None, errors=errors, conflict=conflict, status=status)
    except NotFound as exc:
        return _event_form(request, values, expected, new=key is None, errors={"": str(exc)}, status=422)
    return RedirectResponse(f"/events/{entity.id}", status_code=303)
