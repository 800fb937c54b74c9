"""Checks of what an event was part of: a document adopted at it, by title (``adopted``),
and the event it was held alongside (``alongside``)."""

from __future__ import annotations

import re

from tariqa.claims.model import AdoptedCheck, AlongsideCheck, Claim
from tariqa.claims.record import Record, Result, Verdict, result, select, what
from tariqa.model import Event, EventStatus

_WORD = re.compile(r"\w+")
_STOP = frozenset({"the", "a", "an", "of", "on", "at", "in", "and", "sidelines", "margins"})


def words(text: str) -> frozenset[str]:
    """The words that name something, without case, articles or connectives.

    >>> sorted(words("on the sidelines of the SCO Summit"))
    ['sco', 'summit']
    """
    return frozenset(w for w in _WORD.findall(text.casefold()) if w not in _STOP)


def _same(a: str, b: str) -> bool:
    """One name within the other ("Baku Declaration" and "The Baku Declaration of 2017")."""
    x, y = words(a), words(b)
    return bool(x) and bool(y) and (x <= y or y <= x)


def _event(record: Record, check: AdoptedCheck | AlongsideCheck, group: str) -> Event | None:
    """The earliest held event matching the filters, the date and the place."""
    period = (check.date, check.date) if check.date else (check.since, check.until)
    held = [
        e
        for e in select(record, check, group, period)
        if e.status is EventStatus.HELD
        and (check.host is None or e.host == check.host)
        and (check.city is None or (e.city is not None and check.city.casefold() in e.city.casefold()))
    ]
    return held[0] if held else None


def adopted(record: Record, claim: Claim, check: AdoptedCheck, group: str) -> Result:
    event = _event(record, check, group)
    subject = what(check, group, plural=False)
    if event is None:
        return result(claim, Verdict.UNVERIFIABLE, f"The record has no held {subject} as the claim describes.")
    titles = {d.id: d.title for d in record.documents(event.documents)}
    if any(_same(check.title, t) for t in titles.values()):
        return result(claim, Verdict.SUPPORTED, f"The record has {check.title!r} adopted at {event.id}.", [event])
    elsewhere = [
        e
        for e in record.events(group)
        if e.id != event.id and any(_same(check.title, d.title) for d in record.documents(e.documents))
    ]
    if elsewhere:
        text = f"The record has {check.title!r} adopted at {elsewhere[0].id}, not at {event.id}."
        return result(claim, Verdict.CONTRADICTED, text, [event, elsewhere[0]])
    if titles:
        listed = "; ".join(repr(t) for t in titles.values())
        text = f"The record has {listed} adopted at {event.id}, not {check.title!r}."
        return result(claim, Verdict.CONTRADICTED, text, [event])
    return result(claim, Verdict.UNVERIFIABLE, f"The record lists no document adopted at {event.id}.", [event])


def alongside(record: Record, claim: Claim, check: AlongsideCheck, group: str) -> Result:
    event = _event(record, check, group)
    subject = what(check, group, plural=False)
    if event is None:
        return result(claim, Verdict.UNVERIFIABLE, f"The record has no held {subject} as the claim describes.")
    if event.alongside is None:
        text = f"The record does not say what {event.id} was held alongside."
        return result(claim, Verdict.UNVERIFIABLE, text, [event])
    if _same(check.host_event, event.alongside):
        return result(claim, Verdict.SUPPORTED, f"The record has {event.id} held alongside {event.alongside}.", [event])
    text = f"The record has {event.id} held alongside {event.alongside}, not {check.host_event}."
    return result(claim, Verdict.CONTRADICTED, text, [event])
