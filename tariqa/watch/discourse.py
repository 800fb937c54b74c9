"""What a sentence leaves to the sentences before it.

News writing names people once and then says "he", "the prime minister" or "the minister";
it reports the main meeting with its date and then "he also held bilateral talks with ..."
without one; it gives an exercise's first day in the lead and its last day paragraphs later.
A :class:`Discourse` follows an article sentence by sentence and answers:

- :meth:`Discourse.subject`: the state of a sentence that opens with a pronoun or a bare
  title ("He met ...", "The prime minister met ...", "The minister said ..."): the state
  of the last person named (with that title, for a title);
- :meth:`Discourse.inherit`: for a sentence about talks held alongside the article's last
  event ("on the sidelines", "also met", "separately", "after the summit") but without a
  date of its own, that event's date and place;
- :func:`pairs`: "held separate talks with A and B", "met A and B separately", "bilateral
  talks with A and B": one event for the subject and each of the others;
- :func:`end_day`: "will run until 18 November", "will conclude on October 18", "runs
  through Friday": the last day of the article's last event that began shortly before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from tariqa.vocab import EventKind, EventStatus, Precision
from tariqa.watch.dates import date_expressions, resolve
from tariqa.watch.draft import Draft, Sentence
from tariqa.watch.gazetteer import Hit
from tariqa.watch.types import When

_OPENING = r"^(?:(?:But|And|Meanwhile|Later|Earlier|Separately|Also|Afterwards|Then),?\s+)?"
_PRONOUN = re.compile(_OPENING + r"(?P<w>He|She)\b")
_TITLE = re.compile(
    _OPENING + r"(?P<w>The (?:prime minister|premier|president|chancellor|foreign minister|foreign secretary|"
    r"defen[cs]e minister|defen[cs]e secretary|secretary of state|minister|secretary|speaker|chairman|leader))\b",
    re.I,
)
#: Talks held alongside the main event of the story.
_ALONGSIDE = re.compile(
    r"\b(?:also|separately|separate|bilateral|on the (?:sidelines|margins|fringes)|one-on-one|"
    r"(?:after|before|during|following|ahead of) the (?:[\w'-]+ ){0,2}(?:summit|meeting|session|talks|dialogue|"
    r"conference|consultations|ceremony))\b",
    re.I,
)
_SPLIT = re.compile(
    r"\b(?:separate|bilateral) (?:talks|meetings?|consultations) with\b|\bwith\b[^.;]{3,120}?\bseparately\b|"
    r"\bmet\b[^.;]{3,120}?\bseparately\b",
    re.I,
)
_END = re.compile(
    r"\b(?:run|runs|running|last|lasts|continue|continues|conclude|concludes|end|ends|close|closes|wrap up|"
    r"wraps up|go on|goes on)\s+(?:until|till|through|to|on)\s+|\b(?:until|till|through)\s+(?=\S)",
    re.I,
)
_BEGAN = re.compile(
    r"\b(?:started|began|opened|kicked off|commenced|got under way|got underway)\s+(?:on\s+)?(?=\S)", re.I
)
_DURATION = re.compile(
    r"\bthe (?P<n>two|three|four|five|six|seven|2|3|4|5|6|7)[- ]day (?:[\w'-]+ ){0,2}"
    r"(?:forum|meeting|summit|conference|talks|exercise|exercises|drills?|session|visit|event|consultations)\b",
    re.I,
)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_EVENT_WORD = re.compile(
    r"\b(?:exercise|exercises|drill|drills|manoeuvres|maneuvers|meeting|summit|conference|talks|forum|session|"
    r"consultations|edition|phase|games|train|training|sail|patrols?)\b",
    re.I,
)


@dataclass
class _Actor:
    state: str
    role: str
    span: tuple[int, int]


@dataclass
class Discourse:
    """What the sentences read so far tell the next ones."""

    actors: list[_Actor] = field(default_factory=list)
    events: list[Draft] = field(default_factory=list)

    def note(self, s: Sentence) -> None:
        """Remember the people a sentence names (its subject first)."""
        found = []
        for hit in s.hits:
            person = hit.first("person")
            if person is not None:
                found.append(_Actor(person.state, person.role.lower(), (hit.start, hit.end)))
        if found:
            self.actors = found + self.actors[:8]

    def subject(self, s: Sentence) -> tuple[str, tuple[int, int]] | None:
        """The state a sentence opening with a pronoun or a bare title stands for."""
        m = _PRONOUN.match(s.text)
        role = ""
        if m is None:
            m = _TITLE.match(s.text)
            if m is None:
                return None
            role = m.group("w").lower().removeprefix("the ").replace("defense", "defence")
        span = (s.start + m.start("w"), s.start + m.end("w"))
        if s.hits and s.hits[0].start - s.start < m.end("w"):
            return None
        for actor in self.actors:
            if not role or role in actor.role.replace("defense", "defence"):
                return actor.state, span
        return None

    def inherit(self, s: Sentence, d: Draft) -> bool:
        """Give ``d`` (a sentence without a date) the date and place of the article's last
        event when the sentence tells of talks alongside it."""
        if not self.events or d.status is not EventStatus.HELD or not d.bilateral or not _ALONGSIDE.search(s.text):
            return False
        base = next((e for e in reversed(self.events) if e.status is EventStatus.HELD and e.when is not None), None)
        if base is None or base.when is None:
            return False
        d.when, d.when_span, d.when_confidence = base.when, None, min(base.when_confidence, 0.6)
        if d.city is None and not d.at_sea:
            d.city, d.city_state, d.city_span = base.city, base.city_state, base.city_span
        return True

    def completes(self, s: Sentence, d: Draft) -> bool:
        """Whether a dated sentence only gives the first day of the last event, which was
        reported by its last day ("ended on Wednesday" ... "The meeting opened on Tuesday")."""
        last = _last_held(self.events)
        if last is None or not last.date_is_end or last.when is None or d.when is None:
            return False
        if not _BEGAN.search(s.text) or not set(d.states) <= set(last.states) or d.level is not last.level:
            return False
        first = d.when.day
        if 0 < (last.when.day - first).days <= 31:
            last.when, last.date_is_end = When(first, last.when.precision, last.when.day), False
            return True
        return False


def pairs(d: Draft, subject: str | None) -> list[Draft]:
    """One draft per pair of the subject with each other state, for "separate talks with
    A and B"; the draft itself otherwise."""
    if len(d.states) < 3 or not _SPLIT.search(d.sentence.text):
        return [d]
    first = subject or min(d.states, key=lambda st: d.states[st][0])
    others = [st for st in d.states if st != first]
    out = []
    for other in others:
        kept = {first: d.states[first], other: d.states[other]}
        out.append(replace(d, states=kept, size=0, size_span=None, groups=[], bilateral=True))
    return out


def _last_held(events: list[Draft]) -> Draft | None:
    """The article's latest event held on a day."""
    for d in reversed(events):
        if d.when is not None and d.status is EventStatus.HELD:
            ok = d.when.precision is Precision.DAY and d.kind in (EventKind.EXERCISE, EventKind.MEETING)
            return d if ok else None
    return None


def extend(s: Sentence, events: list[Draft], anchor: date) -> None:
    """Give the article's last event the first or last day a later sentence states: "will
    run until 18 November", "the two-day forum", "the exercise, which started on 11
    September" (a start at most 31 days before, an end at most 31 days after)."""
    last = _last_held(events)
    if last is None or last.when is None or not _EVENT_WORD.search(s.text):
        return
    w = last.when
    if last.date_is_end and w.end is None:
        # the last day came first ("concluded on Tuesday"); this sentence may give the first
        m = _DURATION.search(s.text)
        if m:
            n = _NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
            last.when, last.date_is_end = When(w.day - timedelta(days=n - 1), w.precision, w.day), False
            return
    elif w.end is None:
        m = _DURATION.search(s.text)
        if m:
            n = _NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
            last.when = When(w.day, w.precision, w.day + timedelta(days=n - 1))
            return
        ends = []  # the latest end the sentence gives ("the harbour phase runs until Tuesday, ... until August 21")
        for m in _END.finditer(s.text):
            exprs = [e for e in date_expressions(s.text) if m.start() <= e.start <= m.end() + 3]
            found = resolve(exprs[0], w.day, "future") if exprs else None
            if found is not None and found.precision is Precision.DAY and 0 < (found.day - w.day).days <= 31:
                ends.append(found.day)
        if ends:
            last.when = When(w.day, w.precision, max(ends))
            return
    for m in _BEGAN.finditer(s.text):
        exprs = [e for e in date_expressions(s.text) if m.start() <= e.start <= m.end() + 3]
        found = resolve(exprs[0], w.day, "past") if exprs else None
        if found is not None and found.precision is Precision.DAY and 0 < (w.day - found.day).days <= 31:
            last.when, last.date_is_end = When(found.day, w.precision, w.end or w.day), False
            return


def within(a: When, b: When, days: int = 1) -> bool:
    return a.first() <= b.last() + timedelta(days=days) and b.first() <= a.last() + timedelta(days=days)


__all__ = ["Discourse", "Hit", "extend", "pairs", "within"]
