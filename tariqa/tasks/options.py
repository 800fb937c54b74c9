"""The choices the task functions take, as enums: the command line builds its choices
from them and the web app validates against them, so the three surfaces accept the same
values."""

from __future__ import annotations

from enum import StrEnum


class Period(StrEnum):
    """Indicators over the whole period, or one value per calendar year."""

    ALL = "all"
    YEAR = "year"


class VotePeriod(StrEnum):
    """UN voting alignment per General Assembly session, or per calendar year."""

    SESSION = "session"
    YEAR = "year"


class Unit(StrEnum):
    """The unit coders are compared on, and co-occurrence is counted in."""

    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"
    CHARACTER = "character"


class CooccurrenceUnit(StrEnum):
    """Where two codes count as found together: in one sentence, or anywhere in a document."""

    SENTENCE = "sentence"
    DOCUMENT = "document"


class ThemesBy(StrEnum):
    """What theme prevalence is broken down by."""

    YEAR = "year"
    STATE = "state"
    DOCUMENT = "document"


class FormatState(StrEnum):
    """One vocabulary for a format's state as of the record's date: ``active``, or
    ``dormant`` (the record says so, or no round for over twice its cadence), or
    ``never met``."""

    ACTIVE = "active"
    DORMANT = "dormant"
    NEVER_MET = "never met"
