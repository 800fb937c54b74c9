"""What the reader gives: frozen records of what an article says, each field with its evidence.

Every extracted value is a :class:`Found`: the value, the :class:`Span` of the article's
text that supports it (offsets into :attr:`ArticleReading.text`, 0-based, end exclusive)
and a confidence between 0 and 1 (how much the rule that found it is trusted; not a
calibrated probability).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Generic, TypeVar

from tariqa.vocab import EventKind, EventStatus, Level, Precision, Track

T = TypeVar("T")

#: The languages the reader extracts events from (ISO 639-1).
HANDLED_LANGUAGES: tuple[str, ...] = ("en",)


@dataclass(frozen=True)
class Span:
    """A stretch of the article's text: ``text[start:end]`` is ``quote``."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value with the sentence span that supports it and a confidence in [0, 1]."""

    value: T
    span: Span
    confidence: float


@dataclass(frozen=True)
class When:
    """A date as precise as the article gives it: ``day`` is the first day of the month or
    year for coarser precisions; ``end`` the last day of a multi-day event, if stated."""

    day: date
    precision: Precision = Precision.DAY
    end: date | None = None

    def first(self) -> date:
        return self.day

    def last(self) -> date:
        """The last day the date can mean (the end of its month or year)."""
        if self.end is not None:
            return self.end
        if self.precision is Precision.YEAR:
            return date(self.day.year, 12, 31)
        if self.precision is Precision.MONTH:
            nxt = date(self.day.year + (self.day.month == 12), self.day.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return self.day

    def __str__(self) -> str:
        if self.precision is Precision.YEAR:
            return f"{self.day.year}"
        if self.precision is Precision.MONTH:
            return f"{self.day.year}-{self.day.month:02d}"
        return self.day.isoformat()


@dataclass(frozen=True)
class EventReading:
    """One event an article reports: a meeting, exercise, agreement or declaration of
    two or more member states of a group, held, planned, postponed or cancelled.

    ``group`` and ``format`` are chosen against the record (``None`` when no group has
    these states, or no format of the group fits); ``level`` and ``track`` follow the
    record's vocabularies. ``evidence`` is the sentence the event was read from.
    """

    evidence: Span
    states: Found[tuple[str, ...]]
    level: Found[Level]
    track: Found[Track]
    kind: Found[EventKind]
    status: Found[EventStatus]
    when: Found[When] | None
    city: Found[str] | None
    host: Found[str] | None
    ordinal: Found[int] | None
    group: Found[str] | None
    format: Found[str] | None
    confidence: float


@dataclass(frozen=True)
class ArticleReading:
    """What one article says, or why it was not read.

    ``handled`` is false for an article in a language the reader does not handle
    (``language`` names it when it can be told, else ``"und"``): its ``events`` are empty.
    ``published`` comes from the page (metadata, a ``<time>`` element, the dateline, the
    text or the URL); when the page gives none, relative dates are resolved against
    ``fetched_at`` and ``notes`` says so. ``future`` flags a publication date after
    ``fetched_at``.
    """

    url: str
    fetched_at: datetime
    title: str
    text: str
    language: str
    handled: bool
    published: Found[date] | None
    future: bool
    events: tuple[EventReading, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def anchor(self) -> date:
        """The day relative expressions ("on Wednesday", "next month") are counted from."""
        return self.published.value if self.published is not None else self.fetched_at.date()


@dataclass(frozen=True)
class Mention:
    """One article's report of an event: the reading and where it came from."""

    url: str
    published: date
    event: EventReading
    title: str = ""


@dataclass(frozen=True)
class Candidate:
    """Mentions of one occasion (several articles about one meeting), with the values the
    mentions agree on most: a held report wins over an announcement, a day over a month,
    the latest report's status over earlier ones. ``key`` is stable: see
    :func:`tariqa.watch.candidates.candidate_key`."""

    key: str
    group: str
    format: str | None
    states: tuple[str, ...]
    level: Level
    track: Track
    kind: EventKind
    status: EventStatus
    when: When
    city: str | None
    host: str | None
    ordinal: int | None
    mentions: tuple[Mention, ...]

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.url for m in self.mentions))
