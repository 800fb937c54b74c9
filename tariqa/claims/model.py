"""The claims file: published claims about a group, each with a structured check over the record.

See ``docs/claims.md`` for the format. Loading validates the file's shape with pydantic and
then every group and format it names against the stored record; each problem is located by
file, line and field, and nothing is checked until the file is clean.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tariqa.errors import InputError, Problem, Problems
from tariqa.io.validation import validation_message
from tariqa.io.yamlio import LINES, load_file, strip_lines
from tariqa.model.types import ISO3, GroupId, OptText, PartialDate, Slug, Text, Url
from tariqa.storage import Store
from tariqa.vocab import EventKind, Level, Precision, Track, TradeDirection

MAX_BYTES = 16 * 1024 * 1024
Count = Annotated[int, Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def span(value: str) -> tuple[date, date, Precision]:
    """First and last day of a partial date, and its precision.

    >>> span("2021-02")
    (datetime.date(2021, 2, 1), datetime.date(2021, 2, 28), <Precision.MONTH: 'month'>)
    """
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31), Precision.YEAR
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last), Precision.MONTH
    day = date(parts[0], parts[1], parts[2])
    return day, day, Precision.DAY


class Published(_Strict):
    """Where the claim was published."""

    url: Url
    publisher: OptText = None
    title: OptText = None
    date: PartialDate | None = None


class Events(_Strict):
    """Which events a check looks at; unset fields match every event."""

    group: GroupId | None = None
    format: Slug | None = None
    track: Track | None = None
    level: Level | None = None
    kind: EventKind | None = None
    all_members: bool = False
    since: PartialDate | None = None
    until: PartialDate | None = None

    @model_validator(mode="after")
    def _period(self) -> Events:
        if self.since and self.until and span(self.since)[0] > span(self.until)[1]:
            raise ValueError(f"the period ends ({self.until}) before it starts ({self.since})")
        return self


class Place(_Strict):
    """What a claim says about one event: when (and until when), in which state and city."""

    date: PartialDate | None = None
    end: PartialDate | None = None
    host: ISO3 | None = None
    city: OptText = None

    @model_validator(mode="after")
    def _something(self) -> Place:
        if not (self.date or self.host or self.city):
            raise ValueError("give at least one of date, host, city")
        if self.end and not self.date:
            raise ValueError("end is set but date is empty")
        if self.date and self.end and span(self.end)[1] < span(self.date)[0]:
            raise ValueError(f"end {self.end} is before date {self.date}")
        return self


class CountCheck(Events):
    """How many events match: ``exactly``, ``at_least`` or ``between: [low, high]``."""

    type: Literal["count"]
    exactly: Count | None = None
    at_least: Count | None = None
    between: tuple[Count, Count] | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> CountCheck:
        given = [k for k in ("exactly", "at_least", "between") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of exactly, at_least, between")
        if self.between and self.between[0] > self.between[1]:
            raise ValueError(f"between [{self.between[0]}, {self.between[1]}]: the low end is above the high end")
        return self

    @property
    def bounds(self) -> tuple[int, int | None]:
        """(lowest, highest or None) count the claim allows."""
        if self.exactly is not None:
            return self.exactly, self.exactly
        if self.between is not None:
            return self.between
        return self.at_least or 0, None


class RoundCheck(Place):
    """Date, host or city of the n-th round of a format."""

    type: Literal["round"]
    group: GroupId | None = None
    format: Slug
    ordinal: Annotated[int, Field(ge=1)]


class FirstCheck(Place, Events):
    """Date, host or city of the earliest held event that matches."""

    type: Literal["first"]


class ExistsCheck(Events):
    """Whether a matching event took place (``exists: false``: that none did)."""

    type: Literal["exists"]
    date: PartialDate | None = None
    host: ISO3 | None = None
    city: OptText = None
    exists: bool = True

    @model_validator(mode="after")
    def _date_or_period(self) -> ExistsCheck:
        if self.date and (self.since or self.until):
            raise ValueError("give either date or since/until, not both")
        return self

    @property
    def period(self) -> tuple[str | None, str | None]:
        return (self.date, self.date) if self.date else (self.since, self.until)


Year = Annotated[int, Field(ge=1900, le=2100)]


class TradeCheck(_Strict):
    """Trade between a pair of states lies in [min_usd, max_usd] in one ``year``, or in
    every year of ``years: [first, last]`` (judged year by year: "above $6 billion a year
    in 2019-2023")."""

    type: Literal["trade"]
    pair: tuple[ISO3, ISO3]
    year: Year | None = None
    years: tuple[Year, Year] | None = None
    direction: TradeDirection = TradeDirection.TOTAL
    min_usd: Annotated[float, Field(ge=0)] | None = None
    max_usd: Annotated[float, Field(ge=0)] | None = None

    @property
    def span(self) -> list[int]:
        """Every year the claim speaks of."""
        first, last = self.years if self.years else (self.year or 0, self.year or 0)
        return list(range(first, last + 1))

    @model_validator(mode="after")
    def _range(self) -> TradeCheck:
        if self.pair[0] == self.pair[1]:
            raise ValueError("pair names the same state twice")
        if (self.year is None) == (self.years is None):
            raise ValueError("give year (one year) or years: [first, last]")
        if self.years and self.years[0] > self.years[1]:
            raise ValueError(f"years [{self.years[0]}, {self.years[1]}]: the first is after the last")
        if self.min_usd is None and self.max_usd is None:
            raise ValueError("give min_usd, max_usd or both")
        if self.min_usd is not None and self.max_usd is not None and self.min_usd > self.max_usd:
            raise ValueError(f"min_usd {self.min_usd:,.0f} is above max_usd {self.max_usd:,.0f}")
        return self


class ValueCheck(Events):
    """A money value of an event: "a contract worth about $1.6 billion". ``what`` names
    the value as the record does (contract value, investment); ``tolerance`` is how far,
    relatively, a recorded value may be from ``amount`` and still fit (0.1: 10 %)."""

    type: Literal["value"]
    what: Text
    amount: Annotated[float, Field(gt=0)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    year: Year | None = None
    tolerance: Annotated[float, Field(ge=0, le=1)] = 0.1


class AdoptedCheck(Place, Events):
    """A document adopted at an event, by title: "the Baku Declaration was adopted at the
    first foreign ministers' meeting". The event is the earliest held one matching the
    filters, date and place."""

    type: Literal["adopted"]
    title: Text
    date: PartialDate | None = None

    @model_validator(mode="after")
    def _something(self) -> AdoptedCheck:
        if self.end and not self.date:
            raise ValueError("end is set but date is empty")
        return self


class AlongsideCheck(Place, Events):
    """Where an event was held in relation to another: "on the sidelines of the SCO
    summit". ``host_event`` is matched against the record's ``alongside`` by its words."""

    type: Literal["alongside"]
    host_event: Text
    date: PartialDate | None = None

    @model_validator(mode="after")
    def _something(self) -> AlongsideCheck:
        return self


Check = Annotated[
    CountCheck | RoundCheck | FirstCheck | ExistsCheck | TradeCheck | ValueCheck | AdoptedCheck | AlongsideCheck,
    Field(discriminator="type"),
]


class Claim(_Strict):
    """One published claim and the check that tests it against the record."""

    id: Slug
    text: Text
    published: Published
    check: Check
    note: OptText = None


KINDS = "count, round, first, exists, trade, value, adopted, alongside"


class ClaimsFile(_Strict):
    """A claims file: an optional default group and the claims."""

    group: GroupId | None = None
    description: OptText = None
    claims: list[Claim]


def load_claims(path: Path | str, store: Store | None = None) -> ClaimsFile:
    """Read and validate a claims file; with ``store``, also every group and format it names.

    Raises :class:`Problems` listing every located problem, or InputError for an unreadable file.
    """
    path = Path(path)
    name = str(path)
    raw = _read(path, name)
    parsed, problems = _parse(raw, name)
    if parsed is not None:
        problems += list(_duplicates(parsed, raw, name))
    if parsed is not None and store is not None:
        problems += list(_references(parsed, raw, name, store))
    if problems or parsed is None:
        raise Problems(problems)
    return parsed


def _read(path: Path, name: str) -> Any:
    if not path.is_file():
        raise InputError(f"{name}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    with path.open("rb") as fh:
        return load_file(fh, name)


def _parse(raw: Any, name: str) -> tuple[ClaimsFile | None, list[Problem]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("claims"), list):
        return None, [Problem(name, "1", "claims", "a claims file is a mapping with a list under 'claims'")]
    try:
        return ClaimsFile.model_validate(strip_lines(raw)), []
    except ValidationError as exc:
        return None, [_located(err, raw, name) for err in exc.errors()]


def _located(err: Any, raw: Any, name: str) -> Problem:
    path, line = _walk(raw, list(err["loc"]))
    if err["type"] == "union_tag_invalid":
        return Problem(name, line, f"{path}.type", f"unknown kind of check {err['ctx']['tag']!r} (known: {KINDS})")
    if err["type"] == "union_tag_not_found":
        return Problem(name, line, f"{path}.type", f"is required: the kind of check ({KINDS})")
    return Problem(name, line, path, validation_message(err))


def _walk(raw: Any, loc: list[Any]) -> tuple[str, str]:
    """The field path (without union tags) and the line of the deepest key found."""
    node, path, line = raw, "", str(raw.get(LINES, {}).get("", "1")) if isinstance(raw, dict) else "1"
    for part in loc:
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            path, node = f"{path}[{part}]", node[part]
            if isinstance(node, dict):
                line = str(node[LINES][""])
        elif isinstance(node, dict) and part in node:
            line = str(node[LINES].get(part, line))
            path, node = f"{path}.{part}" if path else str(part), node[part]
        elif isinstance(node, dict) and node.get("type") == part:
            continue  # the tag pydantic adds for the chosen kind of check
        else:
            path = f"{path}.{part}" if path else str(part)
    return path, line


def _duplicates(parsed: ClaimsFile, raw: Any, name: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, claim in enumerate(parsed.claims):
        if claim.id in seen:
            path, line = _walk(raw, ["claims", i, "id"])
            yield Problem(name, line, path, f"claim id {claim.id!r} is used twice")
        seen.add(claim.id)


def _references(parsed: ClaimsFile, raw: Any, name: str, store: Store) -> Iterator[Problem]:
    groups = sorted(g.id for g in store.groups())
    formats = {f.id: f.group for f in store.formats()}
    for i, claim in enumerate(parsed.claims):
        check = claim.check
        if isinstance(check, TradeCheck):
            continue
        group = check.group or parsed.group
        own = ["claims", i, "check", "group"] if check.group else ["group"]
        path, line = _walk(raw, own if group else ["claims", i, "check"])
        if group is None:
            yield Problem(name, line, f"{path}.group", "is required (here or at the top of the file)")
        elif group not in groups:
            yield Problem(name, line, path, f"unknown group {group!r} (known: {', '.join(groups) or 'none'})")
        if check.format is not None:
            path, line = _walk(raw, ["claims", i, "check", "format"])
            message = _format_problem(check.format, group, formats)
            if message:
                yield Problem(name, line, path, message)


def _format_problem(format_id: str, group: str | None, formats: dict[str, str]) -> str | None:
    owner = formats.get(format_id)
    if owner is None:
        choices = ", ".join(f for f, g in sorted(formats.items()) if g == group) or "none"
        return f"unknown format {format_id!r} (formats of {group}: {choices})"
    if group is not None and owner != group:
        return f"format {format_id!r} belongs to group {owner}, not {group}"
    return None
