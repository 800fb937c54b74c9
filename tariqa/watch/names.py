"""Names derived from the record: what a group, a format and a person are called in the news.

The record names things for people who read the record ("Weimar Triangle (France–Germany–
Poland)", "Trilateral military exercises (Caucasian Eagle special-forces exercise; Eternity
command-post exercise)", "Lloyd J. Austin III"); news text says "the Weimar Triangle",
"Caucasian Eagle-2022", "Austin". These functions turn the first into the second:

- :func:`group_names`: a group's id (unless it is a place: "Astana" is a city, so the
  Astana format is found as "Astana format", "Astana process"), the head of its name and
  the names in its parentheses, without a leading list of states ("Australia–Japan–United
  States Trilateral Strategic Dialogue" gives "Trilateral Strategic Dialogue");
- :func:`exercise_names`: the proper names of a format's exercises ("Exercise Malabar",
  "\"Three Brothers\"", "Caucasian Eagle special-forces exercise");
- :func:`person_variants`: the forms a participant's name takes (without initials and
  generational suffixes, first and last name, the last name alone).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_PAREN = re.compile(r"\s*\(([^)]*)\)")
_DASH = re.compile(r"\s*[–—-]\s*")
#: Words that name no group by themselves.
_GENERIC = frozenset(
    "trilateral quadrilateral format group forum dialogue partnership meeting meetings summit cooperation "
    "mechanism process talks the of and".split()
)
#: Ways news names a group called after a place ("the Astana format", "the Weimar Triangle").
_PLACE_GROUP_WORDS = ("format", "process", "Triangle", "group")
_SUFFIXES = frozenset("Jr Jr. Sr Sr. II III IV".split())
_HONORIFICS = ("Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr.")
#: Family names that are also English words, not kept alone ("Moon", "Park").
_COMMON_WORDS = frozenset("Moon Park Song Young Long King Ming Shin Hope Rose Bell Gang Kang Yang".split())


def _strip_state_list(text: str, is_state: Callable[[str], bool]) -> str:
    """``text`` without a leading "A–B–C " list of states."""
    pieces = _DASH.split(text)
    if len(pieces) < 2 or not all(is_state(p) for p in pieces[:-1]):
        return text
    last = pieces[-1].split()
    for n in range(len(last) - 1, 0, -1):
        if is_state(" ".join(last[:n])):
            return " ".join(last[n:])
    return "" if is_state(pieces[-1]) else text


def _is_generic(text: str) -> bool:
    words = [w.lower() for w in re.findall(r"[\w']+", text)]
    return not words or all(w in _GENERIC for w in words)


def group_names(
    group_id: str, name: str, *, is_place: Callable[[str], bool], is_state: Callable[[str], bool]
) -> list[str]:
    """The names news text gives a group.

    >>> states = {"France", "Germany", "Poland", "Australia", "Japan", "United States"}.__contains__
    >>> group_names("WEIMAR", "Weimar Triangle (France–Germany–Poland)", is_place={"Weimar"}.__contains__,
    ...             is_state=states)
    ['Weimar format', 'Weimar process', 'Weimar Triangle', 'Weimar group']
    >>> group_names("TSD", "Australia–Japan–United States Trilateral Strategic Dialogue",
    ...             is_place=lambda s: False, is_state=states)
    ['TSD', 'Trilateral Strategic Dialogue']
    """
    out: list[str] = []
    bare = group_id.capitalize() if group_id.isalpha() and len(group_id) >= 4 else group_id
    if is_place(bare) or is_place(group_id):
        out += [f"{bare} {w}" for w in _PLACE_GROUP_WORDS]
    else:
        out.append(group_id)
        if bare != group_id:
            out.append(bare)
    parts = [p for chunk in [_PAREN.sub("", name), *_PAREN.findall(name)] for p in re.split(r"[,;]", chunk)]
    for part in parts:
        part = _strip_state_list(part.strip(), is_state).strip()
        if len(part) < 3 or _is_generic(part) or is_place(part) or is_state(part):
            continue
        if all(is_state(p.strip()) for p in re.split(r",|\band\b", part) if p.strip()):
            continue
        if part not in out:
            out.append(part)
    return out


_QUOTED = re.compile(r"[\"“]([^\"”]{3,40})[\"”]")
_EXERCISE_BEFORE = re.compile(r"\bExercise ((?:[A-Z][\w-]*)(?: [A-Z][\w-]*){0,2})")
_EXERCISE_AFTER = re.compile(r"\b((?:[A-Z][\w-]* ){0,2}[A-Z][\w-]*) (?:[a-z][\w-]* )?exercise\b")


def exercise_names(name: str, *, is_state: Callable[[str], bool]) -> list[str]:
    """Proper names of the exercises a format's name gives.

    >>> exercise_names("Trilateral military exercises (Caucasian Eagle special-forces exercise; Eternity"
    ...                " command-post exercise)", is_state=lambda s: False)
    ['Caucasian Eagle', 'Eternity']
    >>> exercise_names('Trilateral special-forces exercise "Three Brothers"', is_state=lambda s: False)
    ['Three Brothers']
    """
    found = [*_QUOTED.findall(name), *_EXERCISE_BEFORE.findall(name), *_EXERCISE_AFTER.findall(name)]
    out: list[str] = []
    for n in found:
        n = n.strip()
        if len(n) < 4 or _is_generic(n) or is_state(n) or n.split()[0].lower() in ("trilateral", "joint"):
            continue
        if n not in out:
            out.append(n)
    return out


def person_variants(name: str, *, is_state_word: Callable[[str], bool], family_first: bool = False) -> set[str]:
    """The forms a person's name takes in news text; ``family_first`` for names written
    family name first ("Yoon Suk Yeol"), which keep their full form only.

    >>> sorted(v for v in person_variants("Lloyd J. Austin III", is_state_word=lambda w: False) if "." not in v)
    ['Austin', 'Dr Austin', 'Lloyd Austin', 'Mr Austin', 'Mrs Austin', 'Ms Austin']
    >>> sorted(v for v in person_variants("Wang Yi", is_state_word=lambda w: False, family_first=True) if " " not in v)
    ['Wang']
    >>> honorific = ("Mr", "Ms", "Dr")
    >>> sorted(v for v in person_variants("Muhammad Shehbaz Sharif", is_state_word=lambda w: False)
    ...        if not v.startswith(honorific))
    ['Muhammad Sharif', 'Muhammad Shehbaz Sharif', 'Sharif', 'Shehbaz Sharif']
    """
    clean = re.sub(r"\s*\(.*?\)", "", name).strip().rstrip(",")
    variants = {clean}
    core = [w for w in clean.replace(",", " ").split() if w not in _SUFFIXES and not re.fullmatch(r"[A-Z]\.", w)]
    if not core:
        return variants
    variants.add(" ".join(core))
    # "Mr Dar", "Ms Lazaro": the surname with an honorific, however short
    surname = core[0] if family_first else core[-1]
    if len(core) >= 2:
        variants.update(f"{h} {surname}" for h in _HONORIFICS)
    if family_first:
        if len(core) >= 2 and len(surname) >= 4 and surname not in _COMMON_WORDS and not is_state_word(surname):
            variants.add(surname)  # "Wang", "Yoon": the family name, unless it is a word
        return {v for v in variants if len(v) >= 3}
    if len(core) >= 3:
        variants.add(f"{core[0]} {core[-1]}")
        variants.add(" ".join(core[1:]))
    if len(core) >= 2:
        variants.add(f"{core[0]} {core[-1]}")
    last = core[-1]
    if len(core) >= 2 and len(last) >= 4 and not is_state_word(last):
        variants.add(last)
    return {v for v in variants if len(v) >= 3}


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
