"""Reading one article: :func:`read_article` gives an :class:`ArticleReading`.

The steps: the page's main text, title, language and publication day
(:mod:`tariqa.watch.page`); English only (others are returned unread, ``handled``
false), and no events from an opinion piece; the dateline ("BAKU, Nov 30 (CW) -") for
the place and the day relative dates are counted from; one gazetteer pass over the text;
then each body sentence through the extractors of :mod:`tariqa.watch.extract`, with what
the sentences before it tell (:mod:`tariqa.watch.discourse`: who "he" is, the date of
talks "on the sidelines", the last day given later). A sentence becomes an event when it
names a meeting, exercise, agreement, declaration or visit, two or more states of one
group (or one and a cue such as "trilateral" or the group's name), and a date near the
publication day (a past event more than 45 days old is background, not news). The
headline sets the scene only. The group and format are then chosen against the record
(:mod:`tariqa.watch.groups`), several sentences about one event are merged, and an
announcement of a month the article reports as held is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta

from tariqa.io.extract import paragraphs, sentences
from tariqa.vocab import EventKind, EventStatus, Level, Precision, Track
from tariqa.watch import cues
from tariqa.watch.dates import MONTHS, date_expressions, resolve
from tariqa.watch.discourse import Discourse, extend, pairs
from tariqa.watch.draft import Draft, Sentence, inside
from tariqa.watch.extract import (
    attributions,
    kind_in,
    level_in,
    ordinal_in,
    settle_status,
    states_in,
    status_in,
    topics,
    when_in,
    zones,
)
from tariqa.watch.gazetteer import fold
from tariqa.watch.groups import ArticleContext, choose_format, choose_group
from tariqa.watch.language import language_of
from tariqa.watch.page import read_page
from tariqa.watch.places import place_in
from tariqa.watch.record import RecordIndex
from tariqa.watch.types import ArticleReading, EventReading, Found, Span, When

#: How far back a held event may lie and still be news of the article (days).
HELD_WINDOW = 45
#: How far back a postponed or cancelled date may lie (days).
CALLED_OFF_WINDOW = 62

_MONTH_WORD = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|"
    r"September|October|November|December)\b"
)
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z'.-]+(?:[ -][A-Z][A-Z'.-]+){0,2})"
    rf"(?:,\s*(?!{_MONTH_WORD})[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=\s*(?:[,:(]|\s[-–])))?"  # WILMINGTON, Delaware
    r"\s*(?P<agency>\([^)]{1,30}\))?\s*(?:[,:]|\s[-–])\s*"
    r"(?:(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})\b)?"
    r"(?:\.?\s*(?:\([^)]{1,30}\)|/[^/]{1,20}/)\.?\s*(?:[-–:]+|--)?)?"  # BAKU, Nov 30 (PPA): / MOSCOW, July 19. /RNA/.
)


#: "Vilnius (BNS) -", "Kyiv, July 16 (Ukrinform) -": a dateline in mixed case names its agency.
_DATELINE_MIXED = re.compile(
    r"^(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:,\s*(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}))?"
    r"(?:\s*\([A-Z][a-z]+(?: [A-Z][a-z]+)?\))?"  # Lublin (Poland) (AGP) -
    # "(AGP) -", or ", IRNA -" after the date
    r"(?:\s*(?P<agency>\([A-Za-z][^)]{1,29}\))|,\s*(?P<agency2>[A-Z][A-Za-z]{1,9}))\s*(?:-|–|—|--)\s*"
)


def _dateline(
    text: str, starts: list[int], record: RecordIndex, published: date | None
) -> tuple[str | None, str | None, tuple[int, int] | None, date | None, int]:
    """City, its state, span and day of the dateline opening one of the first body
    paragraphs (a saved page may keep a source or date line before it), and where the
    dateline ends."""
    for start in starts[:4]:
        found = _dateline_at(text, start, record, published)
        if found[0] is not None:
            return found
    return None, None, None, None, 0


def _dateline_at(
    text: str, start: int, record: RecordIndex, published: date | None
) -> tuple[str | None, str | None, tuple[int, int] | None, date | None, int]:
    body = text[start:].lstrip()
    offset = len(text) - len(body)
    m = _DATELINE.match(body) or _DATELINE_MIXED.match(body)
    if not m:
        return None, None, None, None, 0
    name = m.group("city").title()
    entries = record.matcher.lookup(name)
    found = next((e for e in entries if e.kind == "city"), None)
    agency = m.group("agency") or (m.groupdict().get("agency2"))
    if found is None and (entries or not (m.group("mon") or agency)):
        return None, None, None, None, 0
    city_value, city_state = (found.value, found.state) if found is not None else (name, None)
    day: date | None = None
    if m.group("mon") and m.group("mon").lower() in MONTHS and published is not None:
        month = MONTHS[m.group("mon").lower()]
        for year in (published.year, published.year - 1, published.year + 1):
            try:
                cand = date(year, month, int(m.group("day")))
            except ValueError:
                continue
            if abs((cand - published).days) <= 3:
                day = cand
                break
    span = (offset + m.start("city"), offset + m.end("city"))
    return city_value, city_state, span, day, offset + m.end()


def _span(text: str, span: tuple[int, int] | None, fallback: Sentence) -> Span:
    a, b = span if span is not None else (fallback.start, fallback.end)
    return Span(a, b, text[a:b])


def read_article(
    html_or_text: str | bytes,
    *,
    url: str,
    fetched_at: datetime,
    record: RecordIndex,
) -> ArticleReading:
    """What an article (an HTML page or plain text) reports, each field with its evidence.

    Pure: nothing is fetched or written. ``fetched_at`` is when the page was read; a
    publication day after it is flagged (``future``).
    """
    data = html_or_text.decode("utf-8", "replace") if isinstance(html_or_text, bytes) else html_or_text
    page = read_page(data, url=url, fetched_at=fetched_at)
    notes: list[str] = []
    text = page.text
    published: Found[date] | None = None
    if page.published is not None:
        published = Found(page.published, Span(0, 0, ""), 0.9 if page.published_from == "metadata" else 0.7)
    else:
        notes.append("no publication date on the page: relative dates counted from the fetch time")
    future = page.published is not None and page.published > fetched_at.date()
    if future:
        notes.append(f"publication date {page.published} is after the fetch time {fetched_at.date()}")
    language = language_of(text, page.lang)
    base = dict(url=url, fetched_at=fetched_at, title=page.title, text=text, published=published, future=future)
    if language != "en":
        notes.append(f"language {language!r} is not read (the reader reads English)")
        return ArticleReading(language=language, handled=False, notes=tuple(notes), **base)  # type: ignore[arg-type]
    if page.opinion:
        notes.append("an opinion piece: it argues about events and reports none")
        return ArticleReading(language="en", handled=True, notes=tuple(notes), **base)  # type: ignore[arg-type]
    events = read_events(text, page.title, record=record, anchor=page.published or fetched_at.date())
    return ArticleReading(language="en", handled=True, events=tuple(events), notes=tuple(notes), **base)  # type: ignore[arg-type]


def read_events(text: str, title: str, *, record: RecordIndex, anchor: date) -> list[EventReading]:
    """The events an English text reports; ``anchor`` is its publication day."""
    folded = fold(text)
    hits = record.matcher.find(text, folded)
    paras = paragraphs(text)
    sents: list[Sentence] = []
    hit_i = 0
    for p_index, para in enumerate(paras):
        for a, b in sentences(text, [para]):
            while hit_i < len(hits) and hits[hit_i].start < a:
                hit_i += 1
            j = hit_i
            inside = []
            while j < len(hits) and hits[j].end <= b:
                inside.append(hits[j])
                j += 1
            sents.append(Sentence(len(sents), a, b, folded[a:b], tuple(inside), p_index))
    title_end = paras[0][1] if paras and title and text.startswith(title) else 0
    starts = [a for a, _ in paras if a >= title_end]
    city, city_state, city_span, dateline_day, dateline_end = _dateline(text, starts, record, anchor)
    if dateline_day is not None:
        anchor = dateline_day
    ctx = ArticleContext.of(hits, text, record)
    drafts: list[Draft] = []
    last_city: tuple[str, str | None, tuple[int, int] | None] | None = (city, city_state, city_span) if city else None
    body = [s for s in sents if s.start >= title_end]
    heading = [s for s in sents if s.start < title_end]
    if last_city is None:
        for s in heading:
            found = Draft(s)
            place_in(s, found, record.matcher.lookup)
            if found.city:
                last_city = (found.city, found.city_state, found.city_span)
                break
    discourse = Discourse()
    at_sea = bool(cues.AT_SEA.search(text))
    undated: Draft | None = None
    for s in body:
        d = _read(s, record, anchor, dateline_end, discourse, lead=s.index < body[0].index + 2)
        discourse.note(s)
        if d is not None and d.when_span is not None and discourse.completes(s, d):
            continue  # "The meeting opened on Tuesday": the first day of the one that ended on Wednesday
        if d is None or d.when_span is None:
            # a sentence without a dated event of its own may give the last one its first or last day
            extend(s, discourse.events, anchor)
        if d is None:
            # a place named early in the story without an event still sets the scene
            if s.index <= 3 and s.hits:
                found = Draft(s)
                place_in(s, found, record.matcher.lookup)
                if found.city:
                    last_city = (found.city, found.city_state, found.city_span)
            continue
        if cues.VIRTUAL.search(s.text):
            d.city = d.city_state = d.city_span = None
            if not d.host_explicit:
                d.host = d.host_span = None
        elif (
            d.city is None
            and not d.at_sea
            and not (d.kind is EventKind.EXERCISE and at_sea)  # an exercise at sea is not in the newsroom's city
            and d.status is EventStatus.HELD
            and last_city is not None
            and s.start >= title_end
        ):
            d.city, d.city_state, d.city_span = last_city
            if d.host is None and d.city_state in d.states:
                d.host, d.host_span = d.city_state, d.city_span
        elif d.city and s.index <= 3:
            last_city = (d.city, d.city_state, d.city_span)
        if d.undated:
            undated = undated or d  # kept only if the article has no dated event
            continue
        if s.start >= title_end:
            discourse.events.append(d)
        drafts.extend(pairs(d, d.subject))
        nxt = _next_meeting(s, d, record, anchor)
        if nxt is not None:
            drafts.append(nxt)
    if undated is not None and not any(x.status is EventStatus.HELD for x in drafts):
        drafts.append(undated)
    return _finish(drafts, text, title, record, ctx, anchor)


def _read(
    s: Sentence, record: RecordIndex, anchor: date, dateline_end: int, discourse: Discourse, *, lead: bool = False
) -> Draft | None:
    if s.end - s.start < 25:
        return None
    if not s.hits and not (cues.GROUP_SIZE.search(s.text) or cues.ANAPHORA.search(s.text)):
        return None  # no state, group, person or place named, and nothing that refers to them
    if cues.BACKGROUND.search(s.text) and not (cues.CANCELLED.search(s.text) or cues.POSTPONED.search(s.text)):
        return None
    excluded, head = zones(s)
    d = Draft(s)
    states_in(s, excluded, d, record.members, topics(s))
    subject = discourse.subject(s)
    if subject is not None and subject[0] in record.members:
        d.subject = subject[0]
        d.states = {subject[0]: subject[1], **d.states}
    d.anaphora = bool(cues.ANAPHORA.search(s.text))
    if len(d.states) < 2 and not d.size and not d.groups and not d.anaphora:
        return None
    if cues.NEGATED.search(s.text):
        return None
    gathering = cues.MULTILATERAL_EVENT.search(s.text)
    if not (d.size or d.groups) and gathering and not inside(gathering.start(), excluded):
        return None  # "invited Modi to the G7 summit": the gathering of an organisation, not of the group
    multilateral = cues.MULTILATERAL.search(s.text)
    if (
        not (d.size or d.groups)
        and multilateral
        and not _names_states(multilateral.group(), d, record)
        and not cues.BILATERAL_BODY.search(multilateral.group())  # "the High-Level Strategic Cooperation Council"
    ):
        return None
    if not kind_in(s, excluded, d):
        if not d.anaphora:
            return None
        d.kind_from_base = True  # "next year's edition": the kind of the event it refers back to
    status_in(s, excluded, d)
    when_in(s, excluded, head, anchor, d, dateline_end)
    settle_status(s, excluded, head, anchor, d, dateline_end)
    if d.when is None and not discourse.inherit(s, d):
        if not (lead and d.status is EventStatus.HELD and _past_outside(s, excluded)):
            return None
        # a release's lead often gives no date ("The presidents held a summit in Lviv."): the day it reports
        # on, if the article reports no dated event (see read_events)
        d.when, d.when_span, d.when_confidence, d.undated = When(anchor), None, 0.5, True
    assert d.when is not None
    if d.status is EventStatus.PLANNED and d.when.last() < anchor:
        d.status = EventStatus.HELD  # "said yesterday that ... would": reported after the fact
    if not _is_news(d.when, d.status, anchor):
        return None
    level_in(s, excluded, d)
    ordinal_in(s, excluded, d)
    place_in(s, d, record.matcher.lookup, attributions(s))
    if d.kind is EventKind.VISIT and d.city_state in record.members and d.city_state not in d.states and d.city_span:
        d.states[d.city_state] = d.city_span  # "arrived in Islamabad": Pakistan receives the visit
    return d


_NEXT = re.compile(
    r"\b(?:agreed|decided|announced|said they would|pledged|promised|will|would|plan(?:s|ned)? to|are to|is to)\b"
    r"[^.;]{0,40}?\b(?:meet|hold|host|convene|gather)\b",
    re.I,
)


def _next_meeting(s: Sentence, d: Draft, record: RecordIndex, anchor: date) -> Draft | None:
    """The next meeting a sentence announces after reporting one held: "met in Baku on
    Wednesday and agreed to meet again in Ashgabat next year"."""
    if d.status is not EventStatus.HELD or d.when_span is None:
        return None
    after = d.when_span[1] - s.start
    m = _NEXT.search(s.text, after)
    if m is None:
        return None
    exprs = [e for e in date_expressions(s.text) if e.start >= m.start()]
    when = resolve(exprs[0], anchor, "future") if exprs else None
    if when is None or when.last() < anchor:
        return None
    part = Sentence(
        s.index,
        s.start + m.start(),
        s.end,
        s.text[m.start() :],
        tuple(h for h in s.hits if h.start >= s.start + m.start()),
        s.paragraph,
    )
    nxt = replace(
        d,
        sentence=s,
        status=EventStatus.PLANNED,
        status_span=(s.start + m.start(), s.start + m.end()),
        when=when,
        when_span=(s.start + exprs[0].start, s.start + exprs[0].end),
        city=None,
        city_state=None,
        city_span=None,
        host=None,
        host_span=None,
        host_explicit=False,
        country_places={},
        ordinal=None,
        ordinal_span=None,
    )
    place_in(part, nxt, record.matcher.lookup)
    return nxt


def _past_outside(s: Sentence, excluded: list[tuple[int, int]]) -> bool:
    return any(not inside(m.start(), excluded) for m in cues.PAST.finditer(s.text))


def _names_states(phrase: str, d: Draft, record: RecordIndex) -> bool:
    """Whether an organisation's name holds the states of the sentence ("a meeting of the
    Azerbaijan-Turkey High-Level Strategic Cooperation Council" is theirs, not a multilateral's)."""
    found = {e.state for h in record.matcher.find(phrase) for e in h.entries if e.kind in ("country", "demonym")}
    return bool(found) and found <= set(d.states)


def _is_news(when: When, status: EventStatus, anchor: date) -> bool:
    if status is EventStatus.HELD:
        if when.precision is Precision.YEAR and when.day.year != anchor.year:
            return False  # "last year", "last autumn": too vague for news of a meeting held
        return when.last() >= anchor - timedelta(days=HELD_WINDOW) and when.first() <= anchor + timedelta(days=1)
    if status is EventStatus.PLANNED:
        return when.last() >= anchor - timedelta(days=1)
    return when.last() >= anchor - timedelta(days=CALLED_OFF_WINDOW)


def _finish(
    drafts: list[Draft], text: str, title: str, record: RecordIndex, ctx: ArticleContext, anchor: date
) -> list[EventReading]:
    out: list[EventReading] = []
    keys: list[tuple[str, frozenset[str], Level, EventKind, EventStatus, When]] = []
    for d in drafts:
        chosen = choose_group(d, record, ctx)
        if d.anaphora and d.status is not EventStatus.HELD and out:
            base = out[0]
            if set(d.states) <= set(base.states.value) and (chosen is None or len(chosen[1]) < len(base.states.value)):
                assert base.group is not None
                chosen = (record.groups[base.group.value], set(base.states.value))
                if d.level is None or d.tier == "ministers" or d.kind_from_base:
                    d.level, d.track, d.tier = base.level.value, base.track.value, ""
                if d.kind_from_base:
                    d.kind, d.kind_from_base = base.kind.value, False
        if chosen is None or d.kind_from_base:
            continue  # no event of its own, and none before it to refer to
        group, states = chosen
        if d.host is None and d.city_state in states and d.city_span:
            d.host, d.host_span = d.city_state, d.city_span
        if d.until:
            target = _same_event(keys, out, group.id, states, d, until=True)
            if target is not None:
                out[target] = _extend(out[target], d, text)
            continue
        if d.level is None or (d.tier == "ministers" and ctx.tier in ("foreign ministers", "defence ministers")):
            if ctx.level is not None:
                d.level, d.track, d.tier = ctx.level, ctx.track, ctx.tier
                d.level_span = ctx.level_span
        if d.kind is EventKind.EXERCISE:
            d.level, d.track = Level.MILITARY, Track.DEFENCE
        if d.level is None or d.track is None:
            continue
        assert d.when is not None
        duplicate = _same_event(keys, out, group.id, states, d)
        if duplicate is not None:
            out[duplicate] = _fill(out[duplicate], d, text)
            continue
        fmt = choose_format(group, states, d, record, ctx)
        s = d.sentence
        evidence = Span(s.start, s.end, text[s.start : s.end])
        state_span = _union(list(d.states.values()) + ([d.size_span] if d.size_span else []), s)
        track = fmt.track if fmt is not None else d.track
        confidence = 0.55 + 0.1 * (d.city is not None) + 0.1 * (len(d.states) >= 2) + 0.1 * (fmt is not None)
        reading = EventReading(
            evidence=evidence,
            states=Found(tuple(sorted(states)), _span(text, state_span, s), 0.9 if len(d.states) >= 2 else 0.6),
            level=Found(d.level, _span(text, d.level_span, s), 0.8 if d.level_span else 0.5),
            track=Found(track, _span(text, d.level_span, s), 0.7),
            kind=Found(d.kind, _span(text, d.kind_span, s), 0.8),
            status=Found(d.status, _span(text, d.status_span, s), 0.8),
            when=Found(d.when, _span(text, d.when_span, s), d.when_confidence),
            city=Found(d.city, _span(text, d.city_span, s), 0.8) if d.city else None,
            host=Found(d.host, _span(text, d.host_span, s), 0.85 if d.host_explicit else 0.7) if d.host else None,
            ordinal=Found(d.ordinal, _span(text, d.ordinal_span, s), 0.8) if d.ordinal else None,
            group=Found(group.id, _span(text, state_span, s), 0.8),
            format=Found(fmt.id, evidence, 0.7) if fmt is not None else None,
            confidence=round(min(confidence, 0.95), 2),
        )
        keys.append((group.id, frozenset(states), d.level, d.kind, d.status, d.when))
        out.append(reading)
    return _announced_and_held(out)


def _announced_and_held(out: list[EventReading]) -> list[EventReading]:
    """Without announcements of an event the article also reports as held: "announced in
    June that the special forces would hold exercises in September" beside the report of
    the exercise that began on 12 September."""
    held = [r for r in out if r.status.value is EventStatus.HELD and r.when is not None]
    keep = []
    for r in out:
        if r.status.value is EventStatus.PLANNED and r.when is not None and r.group is not None:
            w = r.when.value
            if any(
                h.group is not None
                and h.group.value == r.group.value
                and h.states.value == r.states.value
                and h.level.value is r.level.value
                and (h.kind.value is EventKind.EXERCISE) == (r.kind.value is EventKind.EXERCISE)
                and w.first() <= h.when.value.first() <= w.last()  # type: ignore[union-attr]
                and w.precision is Precision.MONTH
                for h in held
            ):
                continue
        keep.append(r)
    return keep


def _union(spans: list[tuple[int, int]], s: Sentence) -> tuple[int, int]:
    if not spans:
        return (s.start, s.end)
    return (min(a for a, _ in spans), max(b for _, b in spans))


def _overlap(a: When, b: When, slack: int = 1) -> bool:
    return a.first() <= b.last() + timedelta(days=slack) and b.first() <= a.last() + timedelta(days=slack)


def _same_event(
    keys: list[tuple[str, frozenset[str], Level, EventKind, EventStatus, When]],
    out: list[EventReading],
    group: str,
    states: set[str],
    d: Draft,
    *,
    until: bool = False,
) -> int | None:
    assert d.when is not None
    for i, (g, st, level, kind, status, when) in enumerate(keys):
        if g != group or st != frozenset(states):
            continue
        if until:
            if kind == d.kind and when.first() <= d.when.first() <= when.first() + timedelta(days=31):
                return i
            continue
        if level != d.level:
            continue
        if (status is EventStatus.HELD) != (d.status is EventStatus.HELD):
            continue
        if kind != d.kind and EventKind.MEETING not in (kind, d.kind):
            continue
        if _overlap(when, d.when):
            return i
    return None


def _extend(r: EventReading, d: Draft, text: str) -> EventReading:
    """``r`` lasting until the day ``d`` names ("will last until September 20")."""
    from dataclasses import replace

    assert d.when is not None and r.when is not None
    w = r.when.value
    if w.precision.value != "day" or d.when.day <= w.day:
        return r
    span = _span(text, d.when_span, d.sentence)
    return replace(r, when=Found(When(w.day, w.precision, d.when.day), span, min(r.when.confidence, d.when_confidence)))


def _fill(r: EventReading, d: Draft, text: str) -> EventReading:
    """``r`` with the city, host and ordinal it lacked, taken from a later sentence."""
    from dataclasses import replace

    s = d.sentence
    changes: dict[str, object] = {}
    if r.city is None and d.city and d.city_span:
        changes["city"] = Found(d.city, _span(text, d.city_span, s), 0.7)
    if r.host is None and d.host and d.host_span:
        changes["host"] = Found(d.host, _span(text, d.host_span, s), 0.6)
    if r.ordinal is None and d.ordinal and d.ordinal_span:
        changes["ordinal"] = Found(d.ordinal, _span(text, d.ordinal_span, s), 0.7)
    return replace(r, **changes) if changes else r  # type: ignore[arg-type]


__all__ = ["Counter", "read_article", "read_events"]
