"""Documents, the reader in which coders code passages and review suggestions, the
codebook and the themes."""

from __future__ import annotations

import itertools
import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from tariqa.errors import TariqaError
from tariqa.tasks.options import ThemesBy
from tariqa.web.auth import Coder, Reader
from tariqa.web.openapi import errors
from tariqa.web.pages import page, render, store_of

router = APIRouter()


@page(router, "/documents", "documents.html", "Documents with their coding counts", "coding")
def documents(request: Request, user: Reader) -> dict[str, Any]:
    from tariqa.tasks.content import documents as listing

    return {"documents": [d | {"length": d["characters"]} for d in listing(store_of(request)).rows]}


def segments(text: str, codings: list[Any]) -> list[dict[str, Any]]:
    """The text cut at every coding boundary: each piece with the codes covering it, the
    codings that open at its start (outermost first) and those that close at its end
    (innermost first), so that a page can name each passage's code where it begins.

    >>> [(s["text"], s["codes"]) for s in segments("abcdef", [_Span(1, 3, "x", "manual")])]
    [('a', []), ('bc', ['x']), ('def', [])]
    >>> [(s["opens"], s["closes"]) for s in segments("abc", [_Span(0, 2, "x", "suggested")])][0]
    ([{'code': 'x', 'suggested': True}], [{'code': 'x', 'suggested': True}])
    """
    live = [c for c in codings if c.status != "rejected"]
    cuts = sorted({0, len(text), *(c.start for c in live), *(c.end for c in live)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = [c for c in live if c.start <= start and end <= c.end]
        opening = sorted((c for c in live if c.start == start), key=lambda c: (-c.end, c.code))
        closing = sorted((c for c in live if c.end == end), key=lambda c: (-c.start, c.code))
        pieces.append(
            {
                "start": start,
                "text": text[start:end],
                "codes": sorted({c.code for c in covering}),
                "suggested": bool(covering) and all(c.status == "suggested" for c in covering),
                "opens": [_tag(c) for c in opening],
                "closes": [_tag(c) for c in closing],
            }
        )
    return pieces


def _tag(coding: Any) -> dict[str, Any]:
    return {"code": coding.code, "suggested": coding.status == "suggested"}


def passage(text: str, start: int, end: int, limit: int = 40) -> str:
    """The coded passage, cut to ``limit`` characters with an ellipsis: what a button
    acting on the coding names.

    >>> passage("The ministers condemned terrorism in all its forms.", 0, 51, 24)
    'The ministers condemned…'
    """
    found = " ".join(text[start:end].split())
    if len(found) <= limit:
        return found
    return found[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


class _Span:
    def __init__(self, start: int, end: int, code: str, status: str) -> None:
        self.start, self.end, self.code, self.status = start, end, code, status


@page(router, "/documents/{document_id}", "reader.html", "A document's text with its codings", "coding", (404,))
def reader(request: Request, user: Reader, document_id: str) -> dict[str, Any]:
    store = store_of(request)
    store.require_document(document_id)
    (document,) = store.documents_by_id([document_id])
    text = store.document_text(document_id)
    codings = store.codings(document=document_id)
    return {
        "document": document.model_dump(mode="json"),
        "segments": segments(text, codings),
        "codings": [
            c.model_dump(mode="json") | {"key": c.key, "passage": passage(text, c.start, c.end)} for c in codings
        ],
        "codes": [{"id": c.id, "name": c.name, "parent": c.parent} for c in store.codes()],
        "memos": _memos(store, document_id),
    }


def _memos(store: Any, document_id: str) -> list[dict[str, Any]]:
    """Memos about the document, oldest first."""
    found = [json.loads(b) for b in store.iter_bodies("memos")]
    mine = [m for m in found if m["about"] == "document" and m["target"] == document_id]
    return sorted(mine, key=lambda m: m.get("created", ""))


@router.post("/documents/{document_id}/memos", include_in_schema=False)
def add_memo(
    request: Request, user: Coder, document_id: str, text: Annotated[str, Form(min_length=1, max_length=10_000)]
) -> Response:
    """Write a memo about the document."""
    from datetime import UTC, datetime

    from tariqa.io.validation import parse_record

    store = store_of(request)
    store.require_document(document_id)
    record = {
        "about": "document",
        "target": document_id,
        "author": user.name,
        "text": text,
        "created": datetime.now(UTC),
    }
    store.import_items(parse_record("memos", record, "(web form)", ""))
    return RedirectResponse(f"/documents/{document_id}#memos", status_code=303)


class CodingIn(BaseModel):
    start: int = Field(ge=0)
    end: int = Field(ge=1)
    code: str = Field(min_length=1, max_length=128)
    memo: str | None = Field(default=None, max_length=10_000)


@router.post(
    "/api/documents/{document_id}/codings",
    tags=["coding"],
    summary="Code a passage",
    status_code=201,
    responses=errors(404, 409),
)
def add(request: Request, user: Coder, document_id: str, coding: CodingIn) -> dict[str, Any]:
    from tariqa.qda.work import add_coding

    store = store_of(request)
    store.require_document(document_id)  # 404, as for reading it
    made = add_coding(store, document_id, coding.start, coding.end, coding.code, user.name, coding.memo)
    return made.model_dump(mode="json") | {"key": made.key}


@router.post("/documents/{document_id}/codings", include_in_schema=False)
def add_form(
    request: Request,
    user: Coder,
    document_id: str,
    start: Annotated[int, Form(ge=0)],
    end: Annotated[int, Form(ge=1)],
    code: Annotated[str, Form(min_length=1, max_length=128)],
    memo: Annotated[str, Form(max_length=10_000)] = "",
) -> Response:
    """Code the selected passage from the reader (start and end in characters)."""
    from tariqa.qda.work import add_coding

    try:
        add_coding(store_of(request), document_id, start, end, code, user.name, memo or None)
    except TariqaError as exc:
        data = reader(request=request, user=user, document_id=document_id)
        return render(request, "reader.html", data | {"error": str(exc)}, status=422)
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


class Decision(BaseModel):
    decision: str = Field(pattern="^(accept|reject)$")


@router.post(
    "/api/codings/{key}/review", tags=["coding"], summary="Accept or reject a suggestion", responses=errors(404)
)
def review_api(request: Request, user: Coder, key: str, body: Decision) -> dict[str, int]:
    from tariqa.qda.work import review

    done = review(
        store_of(request),
        accept=[key] if body.decision == "accept" else [],
        reject=[key] if body.decision == "reject" else [],
    )
    return dict(done)


@router.post("/codings/{key}/review", include_in_schema=False)
def review_form(
    request: Request,
    user: Coder,
    key: str,
    decision: Annotated[str, Form(pattern="^(accept|reject)$")],
    document: Annotated[str, Form()],
) -> Response:
    """Accept or reject a suggestion from the reader."""
    review_api(request=request, user=user, key=key, body=Decision(decision=decision))
    return RedirectResponse(f"/documents/{document}", status_code=303)


@page(router, "/codebook", "codebook.html", "The codebook as a tree", "coding")
def codebook(request: Request, user: Reader) -> dict[str, Any]:
    codes = [c.model_dump(mode="json") for c in store_of(request).codes()]
    return {"codes": codes}


@page(router, "/themes", "themes.html", "Theme prevalence, balance, co-occurrence and quotes", "analysis", (404,))
def themes(
    request: Request,
    user: Reader,
    by: ThemesBy = ThemesBy.YEAR,
    code: Annotated[str | None, Query(max_length=128)] = None,
) -> dict[str, Any]:
    from tariqa.tasks import content

    store = store_of(request)
    which = content.CorpusOptions()
    return {
        "by": by.value,
        "themes": content.themes(store, content.ThemesOptions(by, corpus=which)).to_dicts(),
        "balance": content.balance(store, which).to_dicts(),
        "cooccurrence": content.cooccurrence(store, content.CooccurrenceOptions(corpus=which)).to_dicts(),
        "codes": sorted(c.id for c in store.codes()),
        "code": code,
        "quotes": _dated(store, content.quotes(store, content.QuotesOptions(code, corpus=which)).to_dicts())
        if code
        else [],
    }


def _dated(store: Any, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The quotes, each with the precision of its document's date."""
    precision = {d.id: d.date_precision.value for d in store.documents()} if quotes else {}
    return [q | {"date_precision": precision.get(q["document"], "day")} for q in quotes]
