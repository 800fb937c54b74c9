"""Reviewing candidate events: list, show, accept, merge, reject, record a conflict.

Every decision goes through :meth:`tariqa.storage.Store.decide_candidate`: one
transaction that writes the records (each source, then the event, with the importer's
checks), sets the candidate's state and writes its audit row. Accepting builds the
event from the candidate's fields and the editor's ``changes``; a field that fails the
record's validation is reported as an :class:`~tariqa.errors.ImportProblems` naming
the field, and nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tariqa.errors import ImportProblems, NotFound, Problem, UsageError
from tariqa.tasks.results import Tabular

if TYPE_CHECKING:
    from tariqa.model import Entity, Event
    from tariqa.storage import Store, User
    from tariqa.storage.candidates import CandidateAction, StoredCandidate, Write

#: The event fields a candidate carries over to the event it becomes.
EVENT_FIELDS = (
    *("date", "date_precision", "end_date", "format", "ordinal", "status", "track", "level", "kind"),
    *("host", "city", "states"),
)


@dataclass(frozen=True)
class CandidatesOptions:
    state: str | None = "waiting"
    group: str | None = None


@dataclass(frozen=True)
class CandidateTable(Tabular):
    """Candidates, one row each: what they propose and how they stand to the record."""

    COLUMNS = (
        "key",
        "group",
        "day",
        "origin",
        "verdict",
        "event",
        "state",
        "states",
        "level",
        "kind",
        "city",
        "articles",
    )
    rows: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class CandidateView:
    """One candidate with its audit trail."""

    candidate: StoredCandidate
    actions: tuple[CandidateAction, ...]


@dataclass(frozen=True)
class Decision:
    """Who decides (an account, or a name given on the command line), and why."""

    key: str
    by: str
    user: User | None = None
    note: str | None = None


@dataclass(frozen=True)
class AcceptOptions:
    """Accept a candidate as a new event: ``event_id`` (default: made from the format or
    group, the month and the city), ``changes`` to the event's fields (``level``,
    ``summary``, ``confidence``, ...)."""

    decision: Decision
    event_id: str | None = None
    changes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MergeOptions:
    """Add the candidate's articles to ``event`` (default: the event it matched)."""

    decision: Decision
    event: str | None = None


def list_candidates(store: Store, options: CandidatesOptions) -> CandidateTable:
    rows = tuple(
        {
            "key": c.key,
            "group": c.group,
            "day": c.day.isoformat(),
            "origin": c.origin,
            "verdict": c.verdict,
            "event": c.event,
            "state": c.state,
            "states": "-".join(c.fields.get("states") or ()),
            "level": c.fields.get("level"),
            "kind": c.fields.get("kind"),
            "city": c.fields.get("city"),
            "articles": len(c.evidence),
        }
        for c in store.candidates(state=options.state, group=options.group)
    )
    return CandidateTable(rows)


def show_candidate(store: Store, key: str) -> CandidateView:
    return CandidateView(store.candidate(key), tuple(store.candidate_actions(key)))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _event_id(store: Store, c: StoredCandidate) -> str:
    f = c.fields
    head = f.get("format") or f"{c.group.lower()}-{'-'.join(s.lower() for s in f.get('states') or ())}"
    base = _slug(f"{head}-{str(f.get('date', c.day))[:7]}-{f.get('city') or 'x'}")[:180]
    found, n = base, 1
    while True:
        try:
            store.event(found)
        except NotFound:
            return found
        n += 1
        found = f"{base}-{n}"


def _summary(c: StoredCandidate) -> str:
    f = c.fields
    states = ", ".join(f.get("states") or ())
    level = f.get("level") or "unstated"
    place = f" in {f['city']}" if f.get("city") else ""
    return (
        f"{str(f.get('kind') or 'meeting').capitalize()} of {states} at {level} level{place}, "
        f"{f.get('status') or 'held'}; proposed by the living record from {len(c.evidence)} article(s)."
    )


def _sources(c: StoredCandidate, urls: list[str]) -> list[Write]:
    """A source record per URL (kept as it is if the record has it already)."""
    from pydantic import ValidationError

    from tariqa.model import Source
    from tariqa.storage.candidates import Write

    by_url = {e.get("url"): e for e in c.evidence}
    out: list[Write] = []
    problems: list[Problem] = []
    for i, url in enumerate(urls):
        e = by_url.get(url, {})
        host = urlsplit(url).hostname or url
        body = {"url": url, "publisher": host, "title": e.get("title") or host, "kind": "news"}
        if e.get("published"):
            body["published"] = e["published"]
        if e.get("read"):
            body["accessed"] = e["read"]
        try:
            out.append(Write(Source.model_validate(body), if_absent=True))
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(Problem("candidates", c.key, f"sources.{i}", f"{url!r}: {err['msg']}"))
    if problems:
        raise ImportProblems(problems)
    return out


def _validated(c: StoredCandidate, body: dict[str, Any], kind: type[Event]) -> Event:
    from pydantic import ValidationError

    try:
        return kind.model_validate(body)
    except ValidationError as exc:
        problems = [
            Problem("candidates", c.key, ".".join(str(p) for p in e["loc"]) or "event", e["msg"]) for e in exc.errors()
        ]
        raise ImportProblems(problems) from None


def _waiting(store: Store, key: str) -> StoredCandidate:
    c = store.candidate(key)
    if c.state != "waiting":
        raise UsageError(f"candidate {key!r} was {c.state} already (by {c.decided_by}); nothing changed")
    return c


def accept_candidate(store: Store, options: AcceptOptions) -> StoredCandidate:
    """Create the event a candidate proposes, with its articles as sources."""
    from tariqa.model import Event
    from tariqa.vocab import NOT_ROUNDS, EventKind

    d = options.decision
    c = _waiting(store, d.key)
    unknown = sorted(set(options.changes) - set(Event.model_fields))
    if unknown:
        raise ImportProblems([Problem("candidates", c.key, k, "not a field of an event") for k in unknown])
    body: dict[str, Any] = {k: c.fields.get(k) for k in EVENT_FIELDS if c.fields.get(k) is not None}
    if body.get("kind") in {k.value for k in EventKind if k in NOT_ROUNDS} and body.get("format"):
        body["concerns"] = body.pop("format")
        body.pop("ordinal", None)
    urls = [str(e["url"]) for e in c.evidence if e.get("url")]
    body |= {"id": options.event_id or _event_id(store, c), "group": c.group, "sources": urls}
    body |= {"summary": _summary(c), "confidence": "medium"}
    body |= dict(options.changes)
    event = _validated(c, body, Event)
    writes = [*_sources(c, list(event.sources)), _write(event)]
    return store.decide_candidate(
        c.key, state="accepted", action="accepted", by=d.by, user=d.user, writes=writes, event=event.id, note=d.note
    )


def _write(entity: Entity, expected: str | None = None) -> Write:
    from tariqa.storage.candidates import Write

    return Write(entity, expected)


def _target(store: Store, c: StoredCandidate, event: str | None) -> tuple[Event, str]:
    target = event or c.event
    if target is None:
        raise UsageError(f"candidate {c.key!r} matches no event of the record: name the event")
    return store.event(target), store.version("events", target)


def merge_candidate(store: Store, options: MergeOptions) -> StoredCandidate:
    """Add a candidate's articles to an existing event as sources."""
    d = options.decision
    c = _waiting(store, d.key)
    event, version = _target(store, c, options.event)
    urls = [str(e["url"]) for e in c.evidence if e.get("url")]
    new = [u for u in urls if u not in event.sources]
    amended = _validated(c, event.model_dump(mode="json") | {"sources": [*event.sources, *new]}, type(event))
    writes = [*_sources(c, new), _write(amended, version)]
    note = d.note or f"{len(new)} source(s) added"
    return store.decide_candidate(
        c.key, state="merged", action="merged", by=d.by, user=d.user, writes=writes, event=event.id, note=note
    )


def record_conflict(store: Store, options: MergeOptions) -> StoredCandidate:
    """Keep what a candidate's articles disagree on among the event's conflicts."""
    d = options.decision
    c = _waiting(store, d.key)
    if not c.conflicts:
        raise UsageError(f"candidate {c.key!r} disagrees with the record on nothing: merge or accept it")
    event, version = _target(store, c, options.event)
    conflicts = list(event.model_dump(mode="json")["conflicts"])
    urls: list[str] = []
    for f in c.conflicts:
        sources = [str(u) for u in f.get("urls") or ()]
        urls += sources
        note = d.note or f"articles read by the living record give {f['candidate']}; the record has {f['record']}"
        entry = {"field": f["field"], "values": [str(f["candidate"])], "sources": sources, "note": note}
        if entry not in conflicts:
            conflicts.append(entry)
    amended = _validated(c, event.model_dump(mode="json") | {"conflicts": conflicts}, type(event))
    writes = [*_sources(c, list(dict.fromkeys(urls))), _write(amended, version)]
    return store.decide_candidate(
        c.key, state="merged", action="conflict", by=d.by, user=d.user, writes=writes, event=event.id, note=d.note
    )


def reject_candidate(store: Store, options: Decision) -> StoredCandidate:
    """Reject a candidate: its occasion is never proposed again."""
    c = _waiting(store, options.key)
    return store.decide_candidate(
        c.key, state="rejected", action="rejected", by=options.by, user=options.user, note=options.note
    )
