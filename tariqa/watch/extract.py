"""Sentence extractors: who, what, when and where one sentence says.

The reader (:mod:`tariqa.watch.reader`) runs these over one sentence of an English
article and keeps a :class:`Draft` when it reports an event between states (a meeting,
exercise, agreement, declaration or visit, held, planned, postponed or cancelled) with a
date. Each extractor is a small function over the sentence's text and the gazetteer hits
found in it, and keeps the span of what it found:

- :func:`states_in`: states named, by name, demonym, person, institution, or a capital
  used for its government (not those of a place phrase such as "the Kazakh capital" or
  "Manila, the Philippines", of a context clause such as "on the sidelines of ...", of a
  trailing "..., the minister said", or of a topic such as "to discuss Russia's invasion
  of Ukraine");
- :func:`level_in`: the highest level of representation named;
- :func:`kind_in`, :func:`status_in` and :func:`settle_status` (a decision of a meeting
  held is not a plan);
- :func:`when_in`: the date, resolved against the anchor day with the event's tense;
- :func:`place_in`: the city (by gazetteer, landmark, "the Azerbaijani capital", a
  capital that hosts) and the host;
- :func:`ordinal_in`: "the third trilateral meeting", "for the first time".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tariqa.vocab import EventKind, EventStatus, Level, Precision, Track
from tariqa.watch import cues
from tariqa.watch.dates import DateExpr, date_expressions, resolve
from tariqa.watch.draft import Draft, Sentence, inside
from tariqa.watch.gazetteer import Entry, Hit
from tariqa.watch.places import capital_agent
from tariqa.watch.types import When

_STRONG_MEETING = re.compile(
    r"\b(?:met|meet|meeting|summit|talks|consultations|conference|session|hosted|received|forum|chaired|co-chaired|"
    r"dialogue)\b",
    re.I,
)
_NUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


# --------------------------------------------------------------------------- zones


def zones(s: Sentence) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """Relative spans whose people are not participants (context clauses, attributions),
    and the relative span of a leading "X said on Monday that" (kept for its date)."""
    out: list[tuple[int, int]] = [m.span() for m in cues.CONTEXT_CLAUSE.finditer(s.text)]
    m = cues.ATTRIBUTION_TAIL.search(s.text)
    if m and m.start() > len(s.text) // 3:
        out.append(m.span())
    head = cues.ATTRIBUTION_HEAD.search(s.text)
    head_span = None
    if head and head.end() < len(s.text) - 20:
        head_span = (0, head.end())
        out.append(head_span)
    return out, head_span


def topics(s: Sentence) -> list[tuple[int, int]]:
    """Relative spans that say what the talks were about."""
    return [m.span() for m in cues.TOPIC.finditer(s.text)]


def attributions(s: Sentence) -> list[tuple[int, int]]:
    """Relative spans of "..., officials in New Delhi said" and "X said on Monday that"."""
    out = []
    m = cues.ATTRIBUTION_TAIL.search(s.text)
    if m and m.start() > len(s.text) // 3:
        out.append(m.span())
    head = cues.ATTRIBUTION_HEAD.search(s.text)
    if head and head.end() < len(s.text) - 20:
        out.append((0, head.end()))
    return out


# --------------------------------------------------------------------------- who


_PLACE_WORD = re.compile(
    r"^\s*(?:capital|city|town|port|province|region|village|resort|airport|soil|waters|airspace|territory|"
    r"territories|border|borders|coast|shores|skies|mainland)\b",
    re.I,
)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|to|at|near|inside|into|across|outside|off|over)\s+(?:the\s+)?$", re.I)
_TIME_PP = re.compile(r"\b(?:after|before|during|following|ahead of|since)\s+(?:the|a|their|its)\s+$", re.I)
#: A group's name as the modifier of a thing ("the AUKUS submarine deal"), not of a gathering.
_GROUP_THING = re.compile(
    r"^(?:'s)?\s+(?:[a-z-]+\s+)?(?:deal|pact|agreement|program|programme|partnership|project|initiative|review|treaty|"
    r"framework|plan|fund|arrangement|alliance|submarines?|boats|pillar|technology|funding|commitments?)\b"
)
_INDEFINITE_COMPOUND = re.compile(r"\b(?:a|an)\s+(?:[A-Z][\w.']*-)+$")
_APPOSITION = re.compile(r"^,\s*(?:the\s+)?$")


def _place_hit(hit: Hit, before: str) -> bool:
    """A landmark named as a place ("at the Pentagon") rather than as an actor."""
    return hit.first("landmark") is not None and bool(_LOCATIVE_BEFORE.search(before))


def states_in(
    s: Sentence,
    excluded: list[tuple[int, int]],
    d: Draft,
    members: frozenset[str],
    topics: list[tuple[int, int]] | None = None,
) -> None:
    """States named as taking part; places named by country are kept apart, and states
    named as the topic of the talks ("to discuss Russia's invasion of Ukraine") are left out."""
    text = s.text
    previous: Hit | None = None
    for hit in s.hits:
        rel = hit.start - s.start
        prev, previous = previous, hit
        if inside(rel, excluded) or (topics and inside(rel, topics)):
            continue
        if _INDEFINITE_COMPOUND.search(text[max(0, rel - 60) : rel]) or (
            re.search(r"\b(?:a|an)\s+$", text[max(0, rel - 4) : rel], re.I)
            and re.match(r"^\s+[a-z]", text[hit.end - s.start :])
        ):
            continue  # "agreed to organise an Azerbaijan-Pakistan-Türkiye business forum": a thing to come
        before = text[max(0, rel - 25) : rel]
        if _place_hit(hit, before):
            continue
        entry = next((e for e in hit.entries if e.kind in ("country", "demonym", "person", "institution")), None)
        if entry is None:
            state = capital_agent(hit, text, rel)
            if state is None:
                continue
            entry = Entry("capital", state, state)
        after = text[hit.end - s.start : hit.end - s.start + 20]
        if entry.kind == "demonym" and _PLACE_WORD.match(after):
            continue  # "the Kazakh capital", "the Azerbaijani town of Lachin", "on American soil"
        if entry.kind == "country" and (
            _LOCATIVE_BEFORE.search(before)
            or (
                prev is not None
                and prev.first("city") is not None
                and _APPOSITION.match(text[prev.end - s.start : rel])
            )
        ):
            d.country_places.setdefault(entry.state, (hit.start, hit.end))
            if (
                prev is not None
                and prev.first("city") is not None
                and _APPOSITION.match(text[prev.end - s.start : rel])
            ):
                continue  # "Manila, the Philippines": the city's country
        if entry.state in members:
            d.states.setdefault(entry.state, (hit.start, hit.end))
        else:
            d.others.add(entry.state)
            d.other_spans.append((hit.start, hit.end))
    for hit in s.hits:
        group = hit.first("group")
        fmt = hit.first("format")
        if inside(hit.start - s.start, excluded):
            continue
        if group is not None or fmt is not None:
            d.group_cue_at = hit.start - s.start if d.group_cue_at < 0 else d.group_cue_at
            if group is not None and _GROUP_THING.match(text[hit.end - s.start :]):
                d.group_thing = True
        if group is not None:
            d.groups.append(group.value)
        elif fmt is not None:
            d.groups.append(fmt.role)
            d.exercise_name = (hit.start, hit.end)
    for m in cues.GROUP_SIZE.finditer(text):
        if _TIME_PP.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # "after the four-way session": when, not who
        d.size = 3 if m.group("three") else 4
        d.size_span = (s.start + m.start(), s.start + m.end())
        break
    d.bilateral = bool(cues.BILATERAL.search(text))


# --------------------------------------------------------------------------- what


def level_in(s: Sentence, excluded: list[tuple[int, int]], d: Draft) -> None:
    """The highest level named outside context clauses (each stretch read once)."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, Level, Track, str, tuple[int, int]]] = []
    for order, (pattern, level, track, tier) in enumerate(cues.LEVEL_CUES):
        for m in pattern.finditer(s.text):
            a, b = m.span()
            if any(x < b and a < y for x, y in taken):
                continue
            taken.append((a, b))
            if inside(a, excluded):
                continue
            found.append((cues.LEVEL_RANK[level], order, level, track, tier, (s.start + a, s.start + b)))
    if not found:
        # no title in the sentence: the role the record gives a person named in it
        for hit in s.hits:
            person = hit.first("person")
            if person is None or not person.role or inside(hit.start - s.start, excluded):
                continue
            for order, (pattern, level, track, tier) in enumerate(cues.LEVEL_CUES):
                if pattern.search(person.role):
                    found.append((cues.LEVEL_RANK[level], order, level, track, tier, (hit.start, hit.end)))
                    break
    if not found:
        return
    found.sort(key=lambda f: (f[0], f[4] == "ministers", f[1]))
    _, _, d.level, d.track, d.tier, d.level_span = found[0]


def kind_in(s: Sentence, excluded: list[tuple[int, int]], d: Draft) -> bool:
    """The kind of event, and whether the sentence reports one at all."""
    text = s.text

    def first(pattern: re.Pattern[str]) -> re.Match[str] | None:
        return next((m for m in pattern.finditer(text) if not inside(m.start(), excluded)), None)

    meeting = first(cues.MEETING)
    exercise = next(
        (
            m
            for m in cues.EXERCISE.finditer(text)
            if not inside(m.start(), excluded)
            and not cues.EXERCISE_TOPIC.search(text[max(0, m.start() - 60) : m.start()])
        ),
        None,
    )  # not "agreed to step up joint exercises": a plan, the event is the meeting
    if exercise is not None:
        d.kind, d.kind_span = EventKind.EXERCISE, (s.start + exercise.start(), s.start + exercise.end())
        return True
    if d.exercise_name is not None and first(_STRONG_MEETING) is None:
        d.kind, d.kind_span = EventKind.EXERCISE, d.exercise_name
        return True
    agreement = first(cues.AGREEMENT)
    declaration = first(cues.DECLARATION)
    strong_meeting = meeting is not None and first(_STRONG_MEETING) is not None
    if agreement is not None and not strong_meeting:
        d.kind, d.kind_span = EventKind.AGREEMENT, (s.start + agreement.start(), s.start + agreement.end())
        return True
    if declaration is not None and not strong_meeting:
        d.kind, d.kind_span = EventKind.DECLARATION, (s.start + declaration.start(), s.start + declaration.end())
        return True
    other = first(cues.OTHER)
    if other is not None and not strong_meeting:
        d.kind, d.kind_span = EventKind.OTHER, (s.start + other.start(), s.start + other.end())
        return True
    visit = first(cues.VISIT)
    if visit is not None and d.size == 0 and not d.groups and len(d.states) == 2 and not strong_meeting:
        d.kind, d.kind_span = EventKind.VISIT, (s.start + visit.start(), s.start + visit.end())
        return True
    if meeting is not None:
        d.kind, d.kind_span = EventKind.MEETING, (s.start + meeting.start(), s.start + meeting.end())
        return True
    if visit is not None:
        d.kind, d.kind_span = EventKind.VISIT, (s.start + visit.start(), s.start + visit.end())
        return True
    if agreement is not None:
        d.kind, d.kind_span = EventKind.AGREEMENT, (s.start + agreement.start(), s.start + agreement.end())
        return True
    return False


def status_in(s: Sentence, excluded: list[tuple[int, int]], d: Draft) -> None:
    """Cancelled, postponed, planned or held, in that order of precedence."""
    text = s.text
    for status, pattern in (
        (EventStatus.CANCELLED, cues.CANCELLED),
        (EventStatus.POSTPONED, cues.POSTPONED),
    ):
        m = pattern.search(text)
        if m:
            d.status, d.status_span = status, (s.start + m.start(), s.start + m.end())
            return
    for m in cues.PLANNED.finditer(text):
        if inside(m.start(), excluded) or cues.PLANNED_NOT.match(text[m.end() :]):
            continue
        d.status, d.status_span = EventStatus.PLANNED, (s.start + m.start(), s.start + m.end())
        return
    m = cues.PAST.search(text)
    d.status = EventStatus.HELD
    d.status_span = (s.start + m.start(), s.start + m.end()) if m else (s.start, s.end)


def ordinal_in(s: Sentence, excluded: list[tuple[int, int]], d: Draft) -> None:
    """The n-th round the sentence states, not "first in-person" or "first in a decade"."""
    for m in cues.ORDINAL.finditer(s.text):
        if inside(m.start(), excluded):
            continue
        mid = m.group("mid") or ""
        if re.search(r"in-person|formal", mid, re.I):
            continue
        if cues.NOT_FORMAT_ORDINAL.match(s.text[m.end() :]):
            continue
        if re.search(r"\b(?:his|her|my|our|your)\s+(?:[\w'-]+\s+)?$", s.text[max(0, m.start() - 20) : m.start()], re.I):
            continue  # "his first Quad summit": the person's count, not the format's
        word = m.group("ord").lower()
        value = cues.ORDINAL_WORDS.get(word) or int(re.sub(r"\D", "", word))
        d.ordinal, d.ordinal_span = value, (s.start + m.start(), s.start + m.end())
        return
    first = cues.FIRST_TIME.search(s.text)
    if (
        first
        and (d.size or d.groups)
        and not cues.FIRST_TIME_QUALIFIED.search(s.text[max(0, first.start() - 25) : first.start()])
    ):
        d.ordinal, d.ordinal_span = 1, (s.start + first.start(), s.start + first.end())


# --------------------------------------------------------------------------- when


def _tense(status: EventStatus) -> str:
    if status is EventStatus.HELD:
        return "past"
    if status is EventStatus.PLANNED:
        return "future"
    return "near"


def _usable(e: DateExpr, rel_start: int, excluded: list[tuple[int, int]]) -> bool:
    return not inside(e.start - rel_start, excluded)


def when_in(
    s: Sentence,
    excluded: list[tuple[int, int]],
    head: tuple[int, int] | None,
    anchor: date,
    d: Draft,
    skip_until: int = 0,
) -> None:
    """The event's date: the first usable expression (not in a trailing attribution, nor
    the dateline's); a leading "X said yesterday that" gives the date only when nothing
    else does."""
    tense = _tense(d.status)
    exprs = [e for e in date_expressions(s.text) if s.start + e.start >= skip_until]
    # a trailing attribution's date is the report's, not the event's ("..., the ministry said on Monday")
    attribution = cues.ATTRIBUTION_TAIL.search(s.text)
    tail = [attribution.span()] if attribution and attribution.start() > len(s.text) // 3 else []
    # "since she took office on July 1": the start of a period, not the event's date
    since = [m.span() for m in _SINCE.finditer(s.text)]
    usable = [
        e
        for e in exprs
        if not inside(e.start, tail) and not (head and inside(e.start, [head])) and not inside(e.start, since)
    ]
    if not usable and head:
        usable = [e for e in exprs if inside(e.start, [head])]
    if not usable:
        return
    chosen: list[tuple[DateExpr, When]] = []
    for e in usable:
        w = resolve(e, anchor, tense)
        if w is not None:
            chosen.append((e, w))
    if not chosen:
        return
    # "in April last year": a month with a relative year
    first_e, first_w = chosen[0]
    if first_e.kind == "month_only" and len(chosen) > 1 and chosen[1][0].kind in ("year_rel", "year_only"):
        year = chosen[1][1].day.year
        first_w = When(date(year, first_w.day.month, 1), Precision.MONTH)
    best_e, best_w = first_e, first_w
    # a finer date later in the sentence wins over a coarse one ("in September, on the 12th")
    for e, w in chosen[1:]:
        if precision_value(w) < precision_value(best_w) and best_w.first() <= w.first() <= best_w.last():
            best_e, best_w = e, w
    # a postponement or cancellation speaks of the date right after it ("will not take place in 2025")
    if d.status in (EventStatus.POSTPONED, EventStatus.CANCELLED) and d.status_span is not None:
        cue_end = d.status_span[1] - s.start
        after = [(e, w) for e, w in chosen if 0 <= e.start - cue_end <= 12]
        if after:
            best_e, best_w = after[0]
    concluded = (
        best_w.precision is Precision.DAY and best_w.end is None and cues.CONCLUDED.search(s.text[: best_e.start])
    )
    if concluded:
        # "concluded here on Tuesday": the last day; a duration counts back, a later sentence may give the first
        d.date_is_end = True
        m = cues.DURATION.search(s.text)
        if m and m.group("visit") is None:
            n = _NUM.get(m.group("n").lower()) or int(m.group("n"))
            best_w, d.date_is_end = When(best_w.day - timedelta(days=n - 1), Precision.DAY, best_w.day), False
    elif best_w.precision is Precision.DAY and best_w.end is None:
        # the last day, counted forward from the first ("began on Tuesday and will conclude on October 18")
        later = []
        for e in usable:
            if e.start <= best_e.start:
                continue
            relative = e.kind in ("day_word", "weekday", "weekday_next_week", "weekend")
            w = resolve(e, anchor if relative else best_w.day, "future")
            between = s.text[best_e.end : e.start]
            if (
                w is not None
                and w.precision is Precision.DAY
                and w.end is None
                and 0 < (w.day - best_w.day).days <= 31
                and len(between) <= 80
                and cues.RANGE_CUE.search(between)
            ):
                later.append(w.day)
        if later:
            best_w = When(best_w.day, Precision.DAY, max(later))
        else:
            m = cues.DURATION.search(s.text)
            # "a two-day visit" lasts the event only when the date is the visit's ("a two-day visit starting tomorrow")
            if m and (m.group("visit") is None or d.kind is EventKind.VISIT or 0 <= best_e.start - m.end() <= 40):
                n = _NUM.get(m.group("n").lower()) or int(m.group("n"))
                best_w = When(best_w.day, Precision.DAY, best_w.day + timedelta(days=n - 1))
    d.when, d.when_span = best_w, (s.start + best_e.start, s.start + best_e.end)
    d.until = bool(cues.UNTIL.search(s.text[: best_e.start]))
    d.when_confidence = 0.9 if best_e.kind in ("iso", "dmy", "mdy", "dmy_range", "mdy_range", "numeric") else 0.75


_SINCE = re.compile(r"\bsince\b[^,;]*", re.I)


def settle_status(
    s: Sentence,
    excluded: list[tuple[int, int]],
    head: tuple[int, int] | None,
    anchor: date,
    d: Draft,
    skip_until: int = 0,
) -> None:
    """A planned cue after the event's date, with a verb in the past before both, speaks of
    what the meeting decided ("met on Monday and agreed to start ...", "signed an agreement
    on Monday that will allow ..."): the event was held, and its date is read again so."""
    if d.status is not EventStatus.PLANNED or d.status_span is None or d.when_span is None:
        return
    if d.status_span[0] < d.when_span[1]:
        return
    past = next(
        (
            m
            for m in cues.PAST.finditer(s.text)
            if s.start + m.end() <= d.when_span[0] + 40 and not inside(m.start(), excluded)
        ),
        None,
    )
    if past is None or s.start + past.start() > d.status_span[0]:
        return
    d.status, d.status_span = EventStatus.HELD, (s.start + past.start(), s.start + past.end())
    d.when = d.when_span = None
    when_in(s, excluded, head, anchor, d, skip_until)


def precision_value(w: When) -> int:
    return {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}[w.precision]
