"""The record's links as fetched: the list of sources with each link's health, and the
archived copy of a page served as plain text.

Both read the database and the archive folder only (through :mod:`tariqa.tasks.sources`):
a page render never makes a request. An archived page is never rendered: it is served as
``text/plain`` with ``nosniff`` and a sandboxing Content-Security-Policy, so its markup
and scripts are shown as text and do nothing.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from tariqa.web.auth import Reader
from tariqa.web.openapi import errors
from tariqa.web.pages import cache_of, page, store_of

router = APIRouter()
#: Links per page of the source list.
PAGE_SIZE = 200
#: An archived copy may not run anything, load anything or be framed.
ARCHIVED_HEADERS = {
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": "inline",
}


def archived_link(url: str) -> str:
    """Where the app serves the archived copy of ``url``."""
    return "/archived?" + urlencode({"url": url})


def health_of(store: Any, urls: list[str]) -> dict[str, dict[str, Any]]:
    """Each URL's health row (see :class:`tariqa.tasks.sources.SourceHealth`), with the
    link to its archived copy (``archived_copy``) when one is archived."""
    from tariqa.tasks.sources import SourceHealthOptions, source_health

    rows = source_health(store, SourceHealthOptions(urls=tuple(urls))).by_url()
    return {u: r | {"archived_copy": archived_link(u) if r["archived"] else None} for u, r in rows.items()}


@page(router, "/sources", "sources.html", "The record's sources with the health of each link", "record", (400, 404))
def sources(
    request: Request,
    user: Reader,
    group: Annotated[str | None, Query(max_length=100, description="Only the links of this group")] = None,
    state: Annotated[str | None, Query(max_length=20, description="alive, moved, gone, blocked, failed...")] = None,
    page: Annotated[int, Query(ge=1, le=100_000, description="The page, from 1")] = 1,
) -> dict[str, Any]:
    from tariqa.tasks.sources import LINK_STATES, SourceHealthOptions, source_health

    store = store_of(request)
    options = SourceHealthOptions(group=group or None, state=state or None)
    # fetching leaves the record's revision as it is: the fetch log's signature keys the result too
    key = ("source health", options, store.revision(), store.fetch_signature())
    found = cache_of(request).get(key, lambda: source_health(store, options))
    pages = max(1, -(-len(found.rows) // PAGE_SIZE))
    shown = [dict(r) for r in found.rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
    records = store.sources_by_url([r["url"] for r in shown])
    rows = []
    for row in shown:
        record = records.get(row["url"])
        rows.append(
            row
            | {
                "id": record.key if record else None,
                "title": record.title if record else "",
                "publisher": record.publisher if record else "",
                "archived_copy": archived_link(row["url"]) if row["archived"] else None,
            }
        )
    return {
        "group": options.group,
        "state": options.state,
        "states": list(LINK_STATES),
        "groups": [g.id for g in store.groups()],
        "counts": found.counts,
        "summary": found.summary,
        "total": len(found.rows),
        "page": page,
        "pages": pages,
        "links": {"prev": _page_link(request, page - 1, pages), "next": _page_link(request, page + 1, pages)},
        "rows": rows,
    }


def _page_link(request: Request, number: int, pages: int) -> str | None:
    if not 1 <= number <= pages:
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page" and v]
    return "/sources?" + urlencode([*params, ("page", str(number))])


@router.get("/archived", include_in_schema=False)
@router.get(
    "/api/archived",
    tags=["record"],
    summary="The archived copy of a fetched page, as plain text",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}}, **errors(400, 404)},
)
def archived(
    request: Request, user: Reader, url: Annotated[str, Query(max_length=2000, description="The page's URL")]
) -> Response:
    from tariqa.tasks.sources import archived_text

    found = archived_text(store_of(request), url=url)
    return Response(found.as_document(), media_type="text/plain; charset=utf-8", headers=ARCHIVED_HEADERS)
