"""Events of a group (meetings, declarations, exercises, agreements) and documents."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tariqa.model.base import Entity
from tariqa.model.types import ISO3, Day, GroupId, OptText, Slug, Text, Url
from tariqa.vocab import (
    NOT_ROUNDS,
    Confidence,
    DocumentKind,
    EventKind,
    EventStatus,
    Level,
    Mode,
    Precision,
    Track,
)


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Participant(_Part):
    """A state, and if known the person and institution that represented it."""

    state: ISO3
    name: OptText = None
    role: OptText = None
    institution: OptText = None
    actor: Slug | None = None


class Amount(_Part):
    """A money value the sources give for an event (a contract, an investment package):
    what it is, how much, in which currency and year. Competing values are kept side by
    side, each with the sources that give it."""

    what: Text
    amount: Annotated[float, Field(ge=0)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    year: Annotated[int, Field(ge=1800, le=2100)] | None = None
    sources: list[Url] = Field(default_factory=list)
    note: OptText = None


class Conflict(_Part):
    """What sources disagree on: the field, the competing values and who says what."""

    field: Text
    values: list[str] = Field(default_factory=list)
    sources: list[Url] = Field(default_factory=list)
    note: Text


def check_precision(day: object, precision: Precision) -> None:
    """Month-precise dates carry day 1; year-precise dates carry 1 January."""
    month, dom = getattr(day, "month", 1), getattr(day, "day", 1)
    if precision is Precision.MONTH and dom != 1:
        raise ValueError("date_precision is month: write the date with day 01")
    if precision is Precision.YEAR and (month, dom) != (1, 1):
        raise ValueError("date_precision is year: write the date as YYYY-01-01")


class Event(Entity):
    """One event of a group: a meeting, declaration, exercise, agreement or visit.

    ``states`` are the states that took part: all members for a trilateral event,
    two for a bilateral event among members.
    """

    collection = "events"
    id: Slug
    date: Day
    date_precision: Precision = Precision.DAY
    end_date: Day | None = None
    group: GroupId
    format: Slug | None = None
    """The format this event is a round of."""
    concerns: Slug | None = None
    """The format an announcement or decision concerns (it is not one of its rounds)."""
    ordinal: Annotated[int, Field(ge=1)] | None = None
    status: EventStatus = EventStatus.HELD
    track: Track
    level: Level
    kind: EventKind
    host: ISO3 | None = None
    city: OptText = None
    mode: Mode | None = None
    """In person, virtual or hybrid (None: the sources do not say; taken as in person)."""
    alongside: OptText = None
    """The event it was held alongside ("SCO summit, Astana"), if any."""
    states: Annotated[list[ISO3], Field(min_length=1)]
    participants: list[Participant] = Field(default_factory=list)
    documents: list[Slug] = Field(default_factory=list)
    values: list[Amount] = Field(default_factory=list)
    """Money values the sources give (contract, investment, trade target)."""
    summary: Text
    sources: Annotated[list[Url], Field(min_length=1)]
    confidence: Confidence
    conflicts: list[Conflict] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        check_precision(self.date, self.date_precision)
        if self.end_date is not None and self.end_date < self.date:
            raise ValueError(f"end_date {self.end_date} is before date {self.date}")
        if len(set(self.states)) != len(self.states):
            raise ValueError("states lists a state twice")
        if len(set(self.sources)) != len(self.sources):
            raise ValueError("sources lists a URL twice")
        if self.kind in NOT_ROUNDS and (self.format or self.ordinal):
            raise ValueError(
                f"an {self.kind.value} is not a round of a format: link it with concerns, not format or ordinal"
            )
        if self.format and self.concerns:
            raise ValueError("an event is a round of a format (format) or concerns one (concerns), not both")
        return self


class Document(Entity):
    """A document adopted or issued: a declaration, joint statement, communiqué, ..."""

    collection = "documents"
    id: Slug
    title: Text
    date: Day | None = None
    date_precision: Precision = Precision.DAY
    kind: DocumentKind
    signatories: list[ISO3] = Field(default_factory=list)
    url: Url | None = None
    event: Slug | None = None
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] | None = None
    summary_points: list[str] = Field(default_factory=list)
    sources: list[Url] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Document:
        if self.date is not None:
            check_precision(self.date, self.date_precision)
        return self
