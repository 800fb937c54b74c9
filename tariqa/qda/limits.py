"""Limits on rule hits from the codebook: a code's ``exclude`` phrases and ``context`` words.

- ``exclude``: phrases written like keywords (whole words, case-insensitive, ``*`` for any
  ending of a word). A hit of the code that lies inside a match of one of its exclude phrases
  does not count: with ``exclude: [Security Council]``, the ``council`` of "the UN Security
  Council" is not a hit of the institution code, while other codes' hits there still count.
- ``context``: words or phrases of the same form. When a code has any, its hits count only in
  a sentence that also contains one of them (forums keywords only with a word of coordination).

Only the hits of codes that have limits are looked at. Exclude phrases are found by one
Aho-Corasick pass over the literal start of each phrase (its words up to the first ``*``, as
written, one space apart; a line break counts as a space, ``'`` and ``’`` are the same), each
candidate then confirmed by the phrase's expression, in which the later words may be separated
by any non-word characters.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from tariqa.model import Code
from tariqa.qda.scan import lower as _lower

Ints = npt.NDArray[np.int64]


def _words(phrase: str) -> tuple[tuple[str, bool], ...]:
    """The phrase's words, lowercased, each with whether it takes any ending (``*``). An
    apostrophe separates words, so that ``Azerbaijan's`` also matches ``Azerbaijan’s``."""
    return tuple((_lower(w.rstrip("*")), w.endswith("*")) for w in re.split(r"[\s'’]+", phrase) if w.strip("*"))


def phrase_regex(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One expression matching any of the phrases (on lowercased text), as a trie."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for i, (stem, star) in enumerate(_words(phrase)):
            node = node.setdefault((" " if i else "") + stem, {})
            node = node.setdefault("*" if star else "", {})
        node["$"] = {}
    if not trie:
        return None
    return re.compile(r"(?<!\w)" + _branch(trie))


def _branch(node: dict[str, Any]) -> str:
    parts = []
    for key in sorted(node, key=lambda k: (-len(k), k)):
        if key == "$":
            continue
        if key in ("", "*"):
            parts.append((r"\w*" if key == "*" else "") + _branch(node[key]))
        else:
            gap = r"\W+" if key.startswith(" ") else ""
            parts.append(gap + re.escape(key.lstrip(" ")) + _branch(node[key]))
    if "$" in node:
        parts.append(r"(?!\w)")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


class Limits:
    """The exclude phrases and context words of a compiled codebook's codes."""

    def __init__(self, codes: Iterable[Code], code_id: Mapping[str, int]) -> None:
        self._key_phrases: dict[str, list[tuple[re.Pattern[str], int]]] = defaultdict(list)
        context: dict[int, re.Pattern[str]] = {}
        for code in codes:
            if code.id not in code_id:
                continue  # a code without keywords or patterns has no hits to limit
            for phrase in code.exclude:
                single = phrase_regex([phrase])
                if single is not None:
                    self._key_phrases[_key(phrase)].append((single, code_id[code.id]))
            pattern = phrase_regex(code.context)
            if pattern is not None:
                context[code_id[code.id]] = pattern
        self.automaton = _automaton(self._key_phrases) if self._key_phrases else None
        self.context = context
        self.active = self.automaton is not None or bool(context)

    def excluded(self, low: str) -> dict[int, list[tuple[int, int]]]:
        """Per code, the (start, end) of every match of its exclude phrases, in text order.
        Candidates come from one Aho-Corasick pass over the literal start of each phrase; each
        is then confirmed by the phrase's expression at that place."""
        found: dict[int, list[tuple[int, int]]] = defaultdict(list)
        if self.automaton is None:
            return found
        subject = low.replace("\n", " ")
        if "’" in subject:
            subject = subject.replace("’", "'")
        for last, key in self.automaton.iter(subject):
            start = last + 1 - len(key)
            for pattern, code in self._key_phrases[key]:
                match = pattern.match(subject, start)
                if match:
                    found[code].append(match.span())
        for places in found.values():
            places.sort()
        return found

    def keep(self, low: str, spans: Ints, sentence: Ints, code: Ints, start: Ints, end: Ints) -> npt.NDArray[np.bool_]:
        """Which hits count: not inside an exclude phrase of their code, and in a sentence
        with a context word of their code where it has some (``low``: the lowercased text)."""
        keep = np.ones(len(sentence), bool)
        for c, places in self.excluded(low).items():
            rows = np.flatnonzero(code == c)
            if len(rows):
                keep[rows[_inside(places, start[rows], end[rows])]] = False
        for c, pattern in self.context.items():
            rows = np.flatnonzero((code == c) & keep)
            if not len(rows):
                continue
            which = sentence[rows].tolist()
            found = {s: pattern.search(low, int(spans[s, 0]), int(spans[s, 1])) is not None for s in set(which)}
            keep[rows[~np.fromiter((found[s] for s in which), bool, len(rows))]] = False
        return keep


def _key(phrase: str) -> str:
    """The literal start of a phrase as lowercased text: its words up to the first ``*``, joined
    by one space, with apostrophes as ``'``."""
    words = []
    for word in phrase.replace("’", "'").split():
        words.append(_lower(word.rstrip("*")))
        if word.endswith("*"):
            break
    return " ".join(words)


def _automaton(keys: Iterable[str]) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def _inside(places: list[tuple[int, int]], start: Ints, end: Ints) -> npt.NDArray[np.bool_]:
    """Whether each span start..end lies inside one of ``places`` (sorted by start, as found)."""
    starts = np.array([s for s, _ in places], np.int64)
    reach = np.maximum.accumulate(np.array([e for _, e in places], np.int64))
    index = np.searchsorted(starts, start, side="right") - 1
    return (index >= 0) & (end <= reach[np.maximum(index, 0)])
