"""Groups, their formats, sources, actors and trade flows."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from tariqa.model.base import Entity
from tariqa.model.ids import derived_id
from tariqa.model.types import ISO3, Day, GroupId, OptText, PartialDate, Slug, Text, Url
from tariqa.vocab import (
    ActorKind,
    CadenceBasis,
    FormatStatus,
    Level,
    SourceKind,
    Track,
    TradeDirection,
)


def _unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for v in values:
        if v in seen:
            raise ValueError(f"{what} lists {v!r} twice")
        seen.add(v)


class Group(Entity):
    """A minilateral grouping of states, such as ``ATP`` (Azerbaijan, Türkiye, Pakistan)."""

    collection = "groups"
    id: GroupId
    name: Text
    members: Annotated[list[ISO3], Field(min_length=2)]
    start_date: Day | None = None
    checked_through: Day | None = None
    """The date through which the group's record was checked against the material: the
    record says nothing of what came after (claims about it are unverifiable)."""
    coverage: list[Url] = Field(default_factory=list)
    """The pages that show how far the material reaches: the latest relevant ones found."""
    description: OptText = None

    @model_validator(mode="after")
    def _members_unique(self) -> Group:
        _unique(self.members, "members")
        return self


class Format(Entity):
    """A recurring mechanism of a group (foreign ministers' meetings, exercises, ...)."""

    collection = "formats"
    id: Slug
    group: GroupId
    name: Text
    track: Track
    level: Level
    cadence_months: Annotated[int, Field(ge=1, le=240)] | None = None
    cadence_basis: CadenceBasis = CadenceBasis.NONE
    rotation: list[ISO3] = Field(default_factory=list)
    rotation_declared: bool = False
    status: FormatStatus = FormatStatus.ACTIVE
    checked_through: Day | None = None
    """When this format was checked to another date than its group."""
    description: OptText = None

    @model_validator(mode="after")
    def _cadence_basis(self) -> Format:
        if self.cadence_months is None and self.cadence_basis is not CadenceBasis.NONE:
            raise ValueError("cadence_basis is set but cadence_months is empty")
        if self.cadence_months is not None and self.cadence_basis is CadenceBasis.NONE:
            raise ValueError("cadence_months is set: cadence_basis must be declared or observed")
        return self


class Source(Entity):
    """Where a fact comes from; its id is derived from its URL."""

    collection = "sources"
    url: Url
    publisher: Text
    title: Text
    published: PartialDate | None = None
    accessed: Day | None = None
    kind: SourceKind = SourceKind.OTHER

    @property
    def key(self) -> str:
        return source_id(self.url)

    @property
    def label(self) -> str:
        return self.url


def source_id(url: str) -> str:
    """The stable id of the source at ``url``."""
    return derived_id("src", url)


class Actor(Entity):
    """A state, an institution of a state, or a person holding a role."""

    collection = "actors"
    id: Slug
    kind: ActorKind
    name: Text
    state: ISO3
    role: OptText = None
    institution: OptText = None
    term_start: Day | None = None
    term_end: Day | None = None

    @model_validator(mode="after")
    def _term(self) -> Actor:
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValueError("term_end is before term_start")
        return self


class TradeFlow(Entity):
    """Trade between two states in one year, as reported by ``reporter``'s statistics."""

    collection = "trade_flows"
    reporter: ISO3
    partner: ISO3
    year: Annotated[int, Field(ge=1900, le=2100)]
    value_usd: Annotated[float, Field(ge=0)]
    direction: TradeDirection
    source: Url
    note: OptText = None

    @model_validator(mode="after")
    def _pair(self) -> TradeFlow:
        if self.reporter == self.partner:
            raise ValueError("reporter and partner are the same state")
        return self

    @property
    def key(self) -> str:
        return derived_id("trade", self.reporter, self.partner, str(self.year), self.direction.value, self.source)
