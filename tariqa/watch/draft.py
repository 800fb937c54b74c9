"""A sentence as the extractors see it, and what they find in it about one event.

:class:`Sentence` is one sentence of an article with the gazetteer hits inside it;
:class:`Draft` gathers what the extractors of :mod:`tariqa.watch.extract` and
:mod:`tariqa.watch.places`, and the article's :mod:`tariqa.watch.discourse`, found about
one event before the reader turns it into an :class:`~tariqa.watch.types.EventReading`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tariqa.vocab import EventKind, EventStatus, Level, Track
from tariqa.watch.gazetteer import Hit
from tariqa.watch.types import When


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``start``/``end`` are offsets into the article text; ``hits`` are the
    gazetteer hits inside it (absolute offsets)."""

    index: int
    start: int
    end: int
    text: str
    hits: tuple[Hit, ...]
    paragraph: int


@dataclass
class Draft:
    """What one sentence says about one event; spans are absolute offsets."""

    sentence: Sentence
    states: dict[str, tuple[int, int]] = field(default_factory=dict)
    others: set[str] = field(default_factory=set)
    other_spans: list[tuple[int, int]] = field(default_factory=list)
    size: int = 0
    size_span: tuple[int, int] | None = None
    groups: list[str] = field(default_factory=list)
    level: Level | None = None
    track: Track | None = None
    tier: str = ""
    level_span: tuple[int, int] | None = None
    kind: EventKind = EventKind.MEETING
    kind_span: tuple[int, int] | None = None
    status: EventStatus = EventStatus.HELD
    status_span: tuple[int, int] | None = None
    when: When | None = None
    when_span: tuple[int, int] | None = None
    when_confidence: float = 0.0
    city: str | None = None
    city_state: str | None = None
    city_span: tuple[int, int] | None = None
    host: str | None = None
    host_span: tuple[int, int] | None = None
    host_explicit: bool = False
    country_places: dict[str, tuple[int, int]] = field(default_factory=dict)
    ordinal: int | None = None
    ordinal_span: tuple[int, int] | None = None
    anaphora: bool = False
    until: bool = False
    exercise_name: tuple[int, int] | None = None
    at_sea: bool = False
    undated: bool = False
    date_is_end: bool = False
    group_thing: bool = False
    kind_from_base: bool = False
    subject: str | None = None
    bilateral: bool = False
    group_cue_at: int = -1


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a relative position falls in one of the spans."""
    return any(a <= pos < b for a, b in spans)
