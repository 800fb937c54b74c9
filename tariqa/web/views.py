"""Reading the record: groups, the group dashboard, events, an event, the calendar."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from tariqa.storage import EventFilter
from tariqa.tasks import EventsOptions
from tariqa.tasks import events as query_events
from tariqa.vocab import EventKind, Level, Track
from tariqa.web.auth import Reader, allowed
from tariqa.web.figures import Width
from tariqa.web.links import health_of
from tariqa.web.openapi import errors
from tariqa.web.pages import cache_of, page, store_of

router = APIRouter()
PAGE_SIZE = 50


@page(router, "/", "home.html", "The groups in the record", "record")
def home(request: Request, user: Reader) -> dict[str, Any]:
    from tariqa.tasks import groups

    store = store_of(request)  # the counts read every event: kept until the record changes
    return {"groups": cache_of(request).get(("groups", store.revision()), lambda: groups(store).to_dicts())}


@page(router, "/groups/{group_id}", "dashboard.html", "A group's dashboard", "record", errors=(404,))
def dashboard(request: Request, user: Reader, group_id: str) -> dict[str, Any]:
    from tariqa.tasks.sources import DocumentTextsOptions, document_texts

    store = store_of(request)
    group = store.group(group_id)
    found: dict[str, Any] = cache_of(request).get(
        ("dashboard", group.id, store.revision()), lambda: _dashboard(store, group.id)
    )
    # fetching leaves the record's revision as it is: the fetch log's signature keys the texts too
    key = ("document texts", group.id, store.revision(), store.fetch_signature())
    texts = cache_of(request).get(key, lambda: document_texts(store, DocumentTextsOptions(group.id)))
    missing = [{"id": r["document"], "title": r["title"], "link": r["link"]} for r in texts.missing]
    found = found | {
        "texts": {"with_text": texts.with_text, "total": texts.total, "advice": texts.advice, "missing": missing}
    }
    if allowed(user, "edit"):  # editors see how many candidate events wait for review
        found = found | {"candidates_waiting": store.candidate_count(group=group.id)}
    return found


def _dashboard(store: Any, group_id: str) -> dict[str, Any]:
    from tariqa.tasks import DashboardOptions, dashboard

    found = dashboard(store, DashboardOptions(group_id))
    period = None
    if found.period:
        first, last = (d.isoformat() for d in found.period)
        period = {"first": first, "last": last}
        period |= {"first_precision": _precision(store, first, group=group_id)}
        period |= {"last_precision": _precision(store, last, group=group_id)}
    return {
        "group": found.group,
        "as_of": found.as_of.isoformat(),
        "counts": found.counts,
        "headline": [dataclasses.asdict(h) for h in found.headline],
        "formats": found.formats.to_dicts(),
        "last_round_precision": {
            f["format"]: _precision(store, f["last"], format_id=f["format"]) for f in found.formats.rows
        },
        "calendar": _calendar_data(found.calendar, store),
        "period": period,
        "timeline": f"/groups/{group_id}/timeline.svg",
        "notes": list(found.notes),
    }


def _calendar_data(cal: Any, store: Any) -> dict[str, Any]:
    """The calendar's rows (as ``tariqa calendar`` gives them) and, row by row, the
    precision of their dates: a planned event's own (``2025-06`` for one planned for a
    month), a projected round's ``day``; a flagged format's last round's."""
    precisions = {
        "entries": [store.event(e.event).date_precision.value if e.event else "day" for e in cal.calendar.entries],
        "flags": [_precision(store, f["last"], format_id=f["format"]) for f in cal.flags],
    }
    entries, flags = cal.to_dicts(), list(cal.flags)
    return {"year": cal.year, "as_of": cal.as_of.isoformat(), "entries": entries, "flags": flags} | {
        "precisions": precisions
    }


def _precision(store: Any, day: str | None, *, format_id: str | None = None, group: str | None = None) -> str:
    """The precision of the date of the events (of a format or group) on ``day``: the
    least precise if several are recorded that day; ``day`` if none is."""
    if not day:
        return "day"
    on = date.fromisoformat(day)
    where = EventFilter(group=group, format=format_id, since=on, until=on)
    found = {r.get("date_precision", "day") for r in store.event_records(where)}
    return next((p for p in ("year", "month") if p in found), "day")


def _timeline_svg(store: Any, group_id: str, width: int | None) -> str:
    """The held events of the group's period (from its start date), as on the report;
    ``width``: drawn that wide in all (see :mod:`tariqa.web.figures`)."""
    from tariqa.indicators import Scope, load
    from tariqa.reports import charts
    from tariqa.web import figures

    data = load(store, Scope(group_id))
    points = [
        {"date": e.date.isoformat(), "track": e.track, "level": e.level, "kind": e.kind, "host": e.host or ""}
        | {"label": e.id}
        for e in data.held()
    ]
    return (
        figures.svg(charts.timeline(points), width)
        if points
        else "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>"
    )


@router.get("/groups/{group_id}/timeline.svg", include_in_schema=False)
@router.get(
    "/api/groups/{group_id}/timeline.svg",
    tags=["record"],
    summary="The timeline of a group's events (SVG)",
    responses=errors(404),
)
def timeline_svg(request: Request, user: Reader, group_id: str, width: Width = None) -> Response:
    store = store_of(request)
    group = store.group(group_id)
    revision = store.revision()
    svg = cache_of(request).get(("timeline", group.id, revision, width), lambda: _timeline_svg(store, group.id, width))
    etag = '"' + hashlib.sha256(f"{group.id}{revision}/{width}".encode()).hexdigest()[:16] + '"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(svg, media_type="image/svg+xml", headers={"ETag": etag, "Cache-Control": "private, max-age=60"})


@page(router, "/events", "events.html", "Events, filtered and paged", "record", errors=(404,))
def events(
    request: Request,
    user: Reader,
    group: str | None = None,
    format: Annotated[str | None, Query(max_length=128, description="A format id, e.g. atp-fm")] = None,
    track: str | None = None,
    level: str | None = None,
    kind: str | None = None,
    state: Annotated[str | None, Query(pattern=r"^([A-Za-z]{3})?$")] = None,
    since: str | None = None,
    until: str | None = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> dict[str, Any]:
    """Empty filters (as a browser's form sends them) mean "any"."""
    track, level, kind = (
        _choice(Track, track, "track"),
        _choice(Level, level, "level"),
        _choice(EventKind, kind, "kind"),
    )
    since_day, until_day = _day(since, "since"), _day(until, "until")
    store = store_of(request)
    options = EventsOptions(
        group=group or None,
        format=format or None,
        track=track,
        level=level,
        kind=kind,
        state=state.upper() if state else None,
        since=since_day,
        until=until_day,
        page=page,
        page_size=PAGE_SIZE,
    )
    where = EventFilter(**{k: v for k, v in dataclasses.asdict(options).items() if k not in ("page", "page_size")})
    found = query_events(store, options, total=_counted(request, store, where))
    rows, total, pages = list(found.rows), found.total, found.pages
    filters = {
        k: v
        for k, v in {
            "group": group,
            "format": format,
            "track": track,
            "level": level,
            "kind": kind,
            "state": state,
        }.items()
        if v
    }
    return {
        "filters": {**filters, "since": since_day, "until": until_day},
        "page": page,
        "pages": pages,
        "links": {"prev": _page_link(request, page - 1, pages), "next": _page_link(request, page + 1, pages)},
        "total": total,
        "events": rows,
        "groups": cache_of(request).get(("group ids", store.revision()), lambda: [g.id for g in store.groups()]),
        "choices": {
            "track": [t.value for t in Track],
            "level": [v.value for v in Level],
            "kind": [k.value for k in EventKind],
        },
    }


def _counted(request: Request, store: Any, where: EventFilter) -> int:
    """How many events match ``where`` (cached: counting 100,000 rows costs more than a page)."""
    count = cache_of(request).get(("count", where, store.revision()), lambda: store.event_page(where, 0)[1])
    return int(count)


def _choice(kind: type[Any], value: str | None, name: str) -> str | None:
    """``value`` if it is one of the vocabulary's values; None if empty."""
    if not value:
        return None
    try:
        return str(kind(value).value)
    except ValueError:
        raise RequestValidationError([{"loc": ("query", name), "msg": f"unknown {name} {value!r}"}]) from None


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RequestValidationError([{"loc": ("query", name), "msg": f"not a date (YYYY-MM-DD): {value!r}"}]) from None


def _page_link(request: Request, number: int, pages: int) -> str | None:
    if not 1 <= number <= pages:
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page" and v]
    return "?" + urlencode([*params, ("page", str(number))])


@page(router, "/events/{event_id}", "event.html", "One event with its sources, documents and history", "record", (404,))
def event(request: Request, user: Reader, event_id: str) -> dict[str, Any]:
    store = store_of(request)
    found = store.event(event_id)
    sources = store.sources_by_url(found.sources)
    health = health_of(store, list(found.sources))
    return {
        "event": found.model_dump(mode="json"),
        "sources": [
            (
                sources[u].model_dump(mode="json") | {"id": sources[u].key}
                if u in sources
                else {"url": u, "publisher": "", "title": ""}
            )
            | {"health": health.get(u)}
            for u in found.sources
        ],
        "documents": [d.model_dump(mode="json") for d in store.documents_by_id(found.documents)],
        "history": [_change(c) for c in store.history("events", event_id)],
    }


@page(router, "/sources/{source_id}", "source.html", "One source and the events that cite it", "record", (404,))
def source(request: Request, user: Reader, source_id: str) -> dict[str, Any]:
    store = store_of(request)
    body = store.body("sources", source_id)
    found = json.loads(body)
    return {
        "source": found,
        "id": source_id,
        "health": health_of(store, [found["url"]]).get(found["url"]),
        "events": store.events_citing(found["url"]),
        "history": [_change(c) for c in store.history("sources", source_id)],
    }


def _change(c: Any) -> dict[str, Any]:
    return {"at": str(c.at), "user": c.user, "before": c.before, "after": c.after}


@page(
    router,
    "/groups/{group_id}/calendar",
    "calendar.html",
    "A group's coordination calendar of a year",
    "analysis",
    (404,),
)
def calendar(
    request: Request, user: Reader, group_id: str, year: Annotated[int | None, Query(ge=1900, le=2100)] = None
) -> dict[str, Any]:
    from tariqa.tasks import CalendarOptions
    from tariqa.tasks import calendar as make

    store = store_of(request)
    group = store.group(group_id)
    return {"group": group.id} | _calendar_data(make(store, CalendarOptions(groups=(group.id,), year=year)), store)


@router.get("/groups/{group_id}/calendar.ics", include_in_schema=False)
@router.get(
    "/api/groups/{group_id}/calendar.ics",
    tags=["analysis"],
    summary="The calendar as an iCalendar file",
    responses=errors(404),
)
def calendar_ics(
    request: Request, user: Reader, group_id: str, year: Annotated[int | None, Query(ge=1900, le=2100)] = None
) -> Response:
    from tariqa.tasks import CalendarOptions
    from tariqa.tasks import calendar as make

    store = store_of(request)
    group = store.group(group_id)
    cal = make(store, CalendarOptions(groups=(group.id,), year=year))
    name = f"{group.id.lower()}-{cal.year}.ics"
    return Response(
        cal.to_ics(f"{group.name} {cal.year}"),
        media_type="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
