"""Controlled vocabularies of the record (tracks, levels, kinds, ...)."""

from __future__ import annotations

from enum import StrEnum


class Track(StrEnum):
    """The field of cooperation an event belongs to."""

    POLITICAL = "political-diplomatic"
    LEADERS = "leaders"
    PARLIAMENTARY = "parliamentary"
    DEFENCE = "defence-security"
    ECONOMIC = "economic-energy-connectivity"
    PEOPLE = "people-to-people"


class Level(StrEnum):
    """The highest level of representation at an event."""

    HEAD = "head-of-state-or-government"
    MINISTER = "minister"
    SPEAKER = "speaker"
    MILITARY = "military"
    OFFICIALS = "officials"
    CIVIL = "business-civil-society"


class EventKind(StrEnum):
    """What happened. ``announcement`` (a state announces a coming round) and ``decision``
    (to create or hold a format) concern a format without being one of its rounds."""

    MEETING = "meeting"
    DECLARATION = "declaration"
    EXERCISE = "exercise"
    AGREEMENT = "agreement"
    VISIT = "visit"
    ANNOUNCEMENT = "announcement"
    DECISION = "decision"
    OTHER = "other"


#: Kinds of events that are never a round of a format: they concern it (``concerns``).
NOT_ROUNDS = frozenset({EventKind.ANNOUNCEMENT, EventKind.DECISION})


class Mode(StrEnum):
    """How an event was held: a virtual summit is not a visit to its convener."""

    IN_PERSON = "in-person"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"


class EventStatus(StrEnum):
    """``unconfirmed``: announced or planned, but no source confirms it took place."""

    HELD = "held"
    PLANNED = "planned"
    UNCONFIRMED = "unconfirmed"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


class Precision(StrEnum):
    """How much of a date is known: ``month`` dates carry day 1, ``year`` dates 1 January."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class SourceKind(StrEnum):
    OFFICIAL = "official"
    NEWS = "news"
    ACADEMIC = "academic"
    OTHER = "other"


class FormatStatus(StrEnum):
    ACTIVE = "active"
    DORMANT = "dormant"


class CadenceBasis(StrEnum):
    DECLARED = "declared"
    OBSERVED = "observed"
    NONE = "none"


class DocumentKind(StrEnum):
    DECLARATION = "declaration"
    JOINT_STATEMENT = "joint-statement"
    COMMUNIQUE = "communique"
    AGREEMENT = "agreement"
    MEMORANDUM = "memorandum"
    STATEMENT = "statement"
    SPEECH = "speech"
    BRIEFING = "briefing"
    ARTICLE = "article"
    TRANSCRIPT = "transcript"
    OTHER = "other"


class TradeDirection(StrEnum):
    EXPORT = "export"
    IMPORT = "import"
    TOTAL = "total"


class ActorKind(StrEnum):
    STATE = "state"
    INSTITUTION = "institution"
    PERSON = "person"


class Nature(StrEnum):
    """Whether a theme is narrative and symbolic, or about functional cooperation."""

    SYMBOLIC = "symbolic"
    FUNCTIONAL = "functional"


class CodingStatus(StrEnum):
    """``manual``: applied by a coder; ``suggested``: proposed by auto-coding, awaiting
    review; ``accepted`` / ``rejected``: a suggestion after review."""

    MANUAL = "manual"
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Role(StrEnum):
    """What a user may do, each role including the ones before it: ``viewer`` reads,
    ``coder`` also codes documents, ``editor`` also edits the record, ``admin`` also
    manages users."""

    VIEWER = "viewer"
    CODER = "coder"
    EDITOR = "editor"
    ADMIN = "admin"

    def allows(self, needed: str) -> bool:
        """Whether this role includes ``needed``.

        >>> Role.EDITOR.allows("coder"), Role("coder").allows(Role.ADMIN)
        (True, False)
        """
        return ROLES.index(self.value) >= ROLES.index(Role(needed).value)


#: The roles from least to most trusted.
ROLES: tuple[str, ...] = tuple(r.value for r in Role)
