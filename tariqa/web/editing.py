"""Editing the record in forms: events, sources and documents, created or corrected by
editors.

A form is checked exactly as an import would check the record (the model's validation,
then the store's reference checks); problems are shown next to their fields and nothing is
saved. Each form carries the version of the record it was opened on: if someone saved the
record in between, the save is refused and the other person's version is shown. Fields a
form does not show (an event's participants and conflicts, say) are kept as they are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from tariqa.errors import ConflictError, NotFound, Problems, TariqaError
from tariqa.web.auth import Editor
from tariqa.web.pages import render

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"
    """text, number, textarea, a list split on commas (``commas``) or lines (``lines``)."""
    help: str = ""
    choices: str = ""
    """The vocabulary (a StrEnum of tariqa.vocab) offered as a select."""
    upper: bool = False


@dataclass(frozen=True)
class Form:
    collection: str
    noun: str
    key: str
    fields: tuple[Field, ...]

    def model(self) -> Any:
        from tariqa.model import Code, Document, Event, Source

        return {"events": Event, "sources": Source, "documents": Document, "codes": Code}[self.collection]

    def page(self, entity: Any) -> str:
        """Where a saved record is shown."""
        if self.collection == "sources":
            return f"/sources/{entity.key}"
        if self.collection == "documents":
            return "/documents"
        if self.collection == "codes":
            return "/codebook"
        return f"/events/{entity.id}"


LINES = "URLs, one per line"
DAY_HELP = "YYYY-MM-DD; known to the month only: day 01 and precision month; to the year: 01-01 and year"
FORMS = {
    "events": Form(
        "events",
        "event",
        "id",
        (
            Field("id", "Id", help="Lower-case words joined by hyphens, e.g. atp-fm-2025-07-baku"),
            Field("group", "Group"),
            Field("date", "Date", help=DAY_HELP),
            Field("date_precision", "Date precision", choices="Precision"),
            Field("end_date", "End date", help="YYYY-MM-DD, for an event of several days"),
            Field("format", "Format (the event is one of its rounds)"),
            Field("concerns", "Concerns format", help="For an announcement or decision: the format it is about"),
            Field("ordinal", "Round number", "number"),
            Field("status", "Status", choices="EventStatus"),
            Field("track", "Track", choices="Track"),
            Field("level", "Level", choices="Level"),
            Field("kind", "Kind", choices="EventKind"),
            Field("host", "Host state (ISO3)", upper=True),
            Field("city", "City"),
            Field("mode", "How held", choices="Mode"),
            Field("alongside", "Held alongside", help="The event it was held alongside, e.g. SCO summit, Astana"),
            Field("states", "States taking part", "commas", "ISO3 codes separated by commas", upper=True),
            Field("summary", "Summary", "textarea"),
            Field("sources", "Sources", "lines", LINES + "; each must be in the record's sources"),
            Field("confidence", "Confidence", choices="Confidence"),
        ),
    ),
    "sources": Form(
        "sources",
        "source",
        "url",
        (
            Field("url", "URL"),
            Field("publisher", "Publisher"),
            Field("title", "Title"),
            Field("published", "Published", help="YYYY, YYYY-MM or YYYY-MM-DD"),
            Field("accessed", "Accessed", help="YYYY-MM-DD"),
            Field("kind", "Kind", choices="SourceKind"),
        ),
    ),
    "documents": Form(
        "documents",
        "document",
        "id",
        (
            Field("id", "Id"),
            Field("title", "Title"),
            Field("date", "Date", help=DAY_HELP),
            Field("date_precision", "Date precision", choices="Precision"),
            Field("kind", "Kind", choices="DocumentKind"),
            Field("signatories", "Signatories", "commas", "ISO3 codes separated by commas", upper=True),
            Field("url", "URL"),
            Field("event", "Event adopting it"),
            Field("language", "Language", help="ISO 639 code, e.g. en"),
            Field("sources", "Sources", "lines", LINES),
        ),
    ),
    "codes": Form(
        "codes",
        "code",
        "id",
        (
            Field("id", "Id", help="Lower-case words joined by hyphens, e.g. threat-terrorism"),
            Field("parent", "Parent code"),
            Field("name", "Name"),
            Field("definition", "Definition", "textarea"),
            Field("inclusion", "Include when", "textarea"),
            Field("exclusion", "Exclude when", "textarea"),
            Field("examples", "Examples", "lines", "One example passage per line"),
            Field("colour", "Colour", help="#RRGGBB"),
            Field("nature", "Nature", choices="Nature"),
            Field("keywords", "Keywords", "lines", "One per line; * for any ending, e.g. terror*"),
            Field("patterns", "Patterns", "lines", "Regular expressions, one per line"),
        ),
    ),
}


def _form(collection: str) -> Form:
    if collection not in FORMS:
        raise HTTPException(404, f"no form for {collection!r}")
    return FORMS[collection]


def form_values(body: dict[str, Any], form: Form) -> dict[str, str]:
    """A record's fields as the strings a form shows (lists joined, absent values empty)."""
    values = {}
    for f in form.fields:
        value = body.get(f.name)
        if f.kind in ("commas", "lines"):
            values[f.name] = (", " if f.kind == "commas" else "\n").join(value or [])
        else:
            values[f.name] = "" if value is None else str(value)
    return values


def parsed(submitted: dict[str, str], base: dict[str, Any], form: Form) -> dict[str, Any]:
    """The record the submitted form describes: ``base`` (fields the form does not show)
    with the form's fields on top; empty values are absent, lists are split."""
    shown = {f.name for f in form.fields}
    data = {k: v for k, v in base.items() if k not in shown}
    for f in form.fields:
        raw = submitted.get(f.name, "").strip()
        if f.kind in ("commas", "lines"):
            parts = raw.replace("\r", "").split("," if f.kind == "commas" else "\n")
            items = [p.strip().upper() if f.upper else p.strip() for p in parts if p.strip()]
            if items:
                data[f.name] = items
        elif raw:
            data[f.name] = raw.upper() if f.upper else raw
    return data


def field_errors(exc: ValidationError | Problems) -> dict[str, str]:
    """Messages by field name, for showing next to the inputs ('' for the whole record)."""
    if isinstance(exc, ValidationError):
        return {str(e["loc"][0]) if e["loc"] else "": e["msg"].removeprefix("Value error, ") for e in exc.errors()}
    return {p.field.split(".")[0]: p.message for p in exc.problems}


def _render(
    request: Request, form: Form, values: dict[str, str], version: str | None, status: int = 200, **extra: Any
) -> Response:
    import tariqa.vocab as vocab

    choices = {f.name: [c.value for c in getattr(vocab, f.choices)] for f in form.fields if f.choices}
    data = {
        "form": form,
        "values": values,
        "version": version or "",
        "choices": choices,
        "errors": {},
        "conflict": None,
        "new": False,
    } | extra
    return render(request, "record_form.html", data, status=status)


@router.get("/edit/{collection}")
def edit(request: Request, user: Editor, collection: str, key: str) -> Response:
    """The form to correct one record: events, sources, documents or codes (?key=ID)."""
    form, store = _form(collection), request.app.state.store
    body = json.loads(store.body(collection, key))
    return _render(request, form, form_values(body, form), store.version(collection, key))


@router.get("/new/{collection}")
def new(request: Request, user: Editor, collection: str, group: str = "") -> Response:
    """The form to create a record: events, sources, documents or codes."""
    form = _form(collection)
    return _render(request, form, form_values({"group": group} if group else {}, form), None, new=True)


@router.post("/edit/{collection}")
async def save(request: Request, user: Editor, collection: str, key: str) -> Response:
    """Save a corrected record if it still has the version the form was opened on."""
    return await _save(request, user, _form(collection), key)


@router.post("/new/{collection}")
async def create(request: Request, user: Editor, collection: str) -> Response:
    """Create a record, checked as an import would check it."""
    return await _save(request, user, _form(collection), None)


async def _save(request: Request, user: Any, form: Form, key: str | None) -> Response:
    store = request.app.state.store
    submitted = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    base = json.loads(store.body(form.collection, key)) if key else {}
    data = parsed(submitted, base, form)
    if key:
        data[form.key] = base[form.key]  # a record's id (a source's URL) is not edited here
    expected = submitted.get("version") or None
    values = {f.name: submitted.get(f.name, "") for f in form.fields} | ({form.key: base[form.key]} if key else {})
    try:
        entity = form.model().model_validate(data)
        store.save(entity, user, expected)
    except (ValidationError, Problems) as exc:
        conflict = None
        if isinstance(exc, ConflictError) and exc.version:
            conflict = {"version": exc.version, "current": json.loads(exc.current) if exc.current else None}
        errors = field_errors(exc)
        status = 409 if conflict else 422
        return _render(request, form, values, expected, status, new=key is None, errors=errors, conflict=conflict)
    except (NotFound, TariqaError) as exc:
        return _render(request, form, values, expected, 422, new=key is None, errors={"": str(exc)})
    return RedirectResponse(form.page(entity), 303)
