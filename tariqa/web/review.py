"""The review queue of the living record, for editors: the candidate events waiting, one
candidate with its evidence highlighted in the article, and the four decisions (create
the event, add the articles to an event, record the disagreement as a conflict, reject).

Decisions go through :mod:`tariqa.tasks.candidates` with the editor's account, so that
they are in the candidate's audit trail and every record written is in the record's.
A decision that fails (a field the record's validation refuses, a candidate decided
meanwhile) shows the candidate again with the reason, and nothing is written.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from tariqa.errors import Problems, TariqaError
from tariqa.web.auth import Editor
from tariqa.web.pages import page, render, store_of

router = APIRouter()

#: The event fields an editor may set when accepting (others come from the candidate).
ACCEPT_FIELDS = ("id", "level", "track", "format", "city", "host", "summary", "confidence")


def _highlighted(e: dict[str, Any]) -> dict[str, Any]:
    """An evidence mapping with its article text cut into before / sentence / after."""
    text, start, end = str(e.get("text") or ""), int(e.get("start") or 0), int(e.get("end") or 0)
    if not text or not 0 <= start < end <= len(text):
        return e | {"before": text, "quote_text": "", "after": ""}
    return e | {"before": text[:start], "quote_text": text[start:end], "after": text[end:]}


def _choices() -> dict[str, list[str]]:
    from tariqa.vocab import Confidence, Level, Track

    return {
        "level": [v.value for v in Level],
        "track": [v.value for v in Track],
        "confidence": [c.value for c in Confidence],
    }


@page(router, "/candidates", "candidates.html", "Candidate events waiting for review", "review")
def candidates(request: Request, user: Editor, group: str | None = None, state: str = "waiting") -> dict[str, Any]:
    from tariqa.storage.candidates import CANDIDATE_STATES
    from tariqa.tasks.candidates import CandidatesOptions, list_candidates

    if state not in (*CANDIDATE_STATES, "all"):
        from fastapi import HTTPException

        raise HTTPException(422, f"state must be one of {', '.join(CANDIDATE_STATES)} or all")
    found = list_candidates(store_of(request), CandidatesOptions(None if state == "all" else state, group))
    return {"candidates": found.to_dicts(), "state": state, "group": group, "states": [*CANDIDATE_STATES, "all"]}


def _candidate(request: Request, key: str, **extra: Any) -> dict[str, Any]:
    from dataclasses import asdict

    from tariqa.tasks.candidates import show_candidate

    store = store_of(request)
    view = show_candidate(store, key)
    c = view.candidate
    event = None
    if c.event:
        found = store.event(c.event)
        event = {"id": found.id, "date": found.date, "city": found.city, "summary": found.summary}
    data = asdict(c) | {
        "evidence": [_highlighted(e) for e in c.evidence],
        "actions": [asdict(a) for a in view.actions],
        "event_summary": event,
        "choices": _choices(),
        "values": {k: c.fields.get(k) or "" for k in ACCEPT_FIELDS},
        "errors": {},
    }
    return data | extra


@page(router, "/candidates/{key}", "candidate.html", "One candidate event with its evidence", "review", errors=(404,))
def candidate(request: Request, user: Editor, key: str) -> dict[str, Any]:
    return _candidate(request, key)


async def _decide(request: Request, user: Any, key: str, action: str) -> Response:
    from tariqa.tasks import candidates as tasks

    store = store_of(request)
    form = {k: v.strip() for k, v in (await request.form()).items() if isinstance(v, str)}
    decision = tasks.Decision(key, user.name, user, note=form.get("note") or None)
    try:
        if action == "accept":
            changes = {k: form[k] for k in ACCEPT_FIELDS if k != "id" and form.get(k)}
            done = tasks.accept_candidate(
                store, tasks.AcceptOptions(decision, event_id=form.get("id") or None, changes=changes)
            )
        elif action == "merge":
            done = tasks.merge_candidate(store, tasks.MergeOptions(decision, event=form.get("event") or None))
        elif action == "conflict":
            done = tasks.record_conflict(store, tasks.MergeOptions(decision, event=form.get("event") or None))
        else:
            done = tasks.reject_candidate(store, decision)
    except Problems as exc:
        errors = {p.field.split(".")[0] or "": p.message for p in exc.problems}
        values = {k: form.get(k, "") for k in ACCEPT_FIELDS}
        data = _candidate(request, key, errors=errors, values=values, failed=action)
        return render(request, "candidate.html", data, status=422)
    except TariqaError as exc:
        data = _candidate(request, key, errors={"": str(exc)}, failed=action)
        return render(request, "candidate.html", data, status=422)
    target = f"/events/{done.event}" if done.event and action != "reject" else "/candidates"
    return RedirectResponse(target, 303)


@router.post("/candidates/{key}/accept", include_in_schema=False)
async def accept(request: Request, user: Editor, key: str) -> Response:
    """Create the event a candidate proposes, with its articles as sources."""
    return await _decide(request, user, key, "accept")


@router.post("/candidates/{key}/merge", include_in_schema=False)
async def merge(request: Request, user: Editor, key: str) -> Response:
    """Add a candidate's articles to an existing event as sources."""
    return await _decide(request, user, key, "merge")


@router.post("/candidates/{key}/conflict", include_in_schema=False)
async def conflict(request: Request, user: Editor, key: str) -> Response:
    """Record what a candidate's articles disagree on among the event's conflicts."""
    return await _decide(request, user, key, "conflict")


@router.post("/candidates/{key}/reject", include_in_schema=False)
async def reject(request: Request, user: Editor, key: str) -> Response:
    """Reject a candidate: it is never proposed again."""
    return await _decide(request, user, key, "reject")
