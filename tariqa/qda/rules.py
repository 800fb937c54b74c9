"""Rule-based auto-coding: each code's keywords and patterns, matched over sentences.

Keywords of all codes are compiled into one regular expression shaped as a trie (shared
prefixes are written once), so a document is scanned once whatever the size of the
codebook and the engine rejects most positions at the first character. What matched is
looked up to find its code(s); each match is mapped to its sentence by bisection. A code's
raw ``patterns`` are scanned separately. A sentence becomes a suggestion for a code when
at least one of the code's keywords or patterns occurs in it; the score grows with the
number of distinct hits (1: 0.6, 2: 0.8, 3 or more: 0.9).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from tariqa.model import Code

_SCORES = {1: 0.6, 2: 0.8}
_SPACE = re.compile(r"\s+")


class Suggestion(NamedTuple):
    """A sentence span that the rules of ``code`` match, with a score in (0, 1]."""

    code: str
    start: int
    end: int
    score: float
    hits: tuple[str, ...]


@dataclass(frozen=True)
class Keyword:
    """A keyword as written in the codebook: ``*`` for any ending, capitals matched exactly.

    >>> Keyword.parse("terror*", "t"), Keyword.parse("PKK", "t").exact_case
    (Keyword(stem='terror', prefix=True, exact_case=False, code='t'), True)
    """

    stem: str
    prefix: bool
    exact_case: bool
    code: str

    @classmethod
    def parse(cls, text: str, code: str) -> Keyword:
        word = " ".join(text.split())
        stem = word.rstrip("*")
        return cls(stem, word.endswith("*"), stem.isupper() and len(stem) > 1, code)


def _trie_pattern(words: Iterable[Keyword]) -> str:
    """One regular expression matching every keyword as a whole word (or word start)."""
    trie: dict[str, Any] = {}
    for kw in words:
        node = trie
        for ch in kw.stem.lower():
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(kw.prefix)
    return _node(trie)


def _node(node: dict[str, Any]) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _node(node[ch]))
    ends = node.get("", set())
    if True in ends:
        branches.append(r"\w*")
    if False in ends:
        branches.append(r"\b")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


class RuleCoder:
    """Compiled rules of a codebook. Codes without keywords or patterns never match.

    >>> code = Code(id="economy-energy", name="Energy", definition="d", keywords=["gas", "TANAP"])
    >>> coder = RuleCoder([code])
    >>> [(s.code, s.start, s.end, s.hits) for s in coder.suggest("Talks on gas. Nothing else.", [(0, 13), (14, 27)])]
    [('economy-energy', 0, 13, ('gas',))]
    """

    def __init__(self, codes: Iterable[Code]) -> None:
        keywords = [Keyword.parse(k, c.id) for c in codes for k in c.keywords if k.strip(" *")]
        self.exact: dict[str, list[Keyword]] = defaultdict(list)
        self.prefixes: dict[str, list[Keyword]] = defaultdict(list)
        for kw in keywords:
            (self.prefixes if kw.prefix else self.exact)[kw.stem.lower()].append(kw)
        self.prefix_lengths = sorted({len(stem) for stem in self.prefixes}, reverse=True)
        pattern = r"\b" + _trie_pattern(keywords) if keywords else None
        # Matched on a lowercased copy of the text (much faster than IGNORECASE); the
        # case-insensitive form is kept for texts whose lowercase changes length.
        self.regex = re.compile(pattern) if pattern else None
        self.regex_i = re.compile(pattern, re.IGNORECASE) if pattern else None
        self._cache: dict[str, tuple[frozenset[str], bool]] = {}
        self.patterns = [(c.id, re.compile(p)) for c in codes for p in c.patterns]

    def _keywords(self, folded: str) -> list[Keyword]:
        """Keywords that a lowercased, space-folded match is (or starts with, for ``*``)."""
        kws = list(self.exact.get(folded, ()))
        for length in self.prefix_lengths:
            kws += self.prefixes.get(folded[:length], ())
        return kws

    def _lookup(self, lowered: str) -> tuple[frozenset[str], bool]:
        """Codes whose keywords the (lowercased) match is, and whether any of them must be
        checked against the original capitals."""
        cached = self._cache.get(lowered)
        if cached is None:
            kws = self._keywords(_SPACE.sub(" ", lowered))
            cached = (frozenset(kw.code for kw in kws), any(kw.exact_case for kw in kws))
            self._cache[lowered] = cached
        return cached

    def _codes_of(self, original: str) -> set[str]:
        """The codes of a match whose keywords include some written in capitals."""
        folded = _SPACE.sub(" ", original)
        kws = self._keywords(folded.lower())
        return {kw.code for kw in kws if not kw.exact_case or folded.startswith(kw.stem)}

    def suggest(self, text: str, sentences: Sequence[tuple[int, int]]) -> list[Suggestion]:
        """Suggestions for one document, ordered by sentence then code."""
        if not sentences:
            return []
        starts = [s for s, _ in sentences]
        ends = [e for _, e in sentences]
        hits: dict[tuple[int, str], set[str]] = defaultdict(set)
        find = bisect.bisect_right
        for start, end, codes, word in self._scan(text):
            index = find(starts, start) - 1
            if index >= 0 and end <= ends[index]:  # not across a sentence boundary
                for code in codes:
                    hits[(index, code)].add(word)
        return [
            Suggestion(code, starts[index], ends[index], _SCORES.get(len(words), 0.9), tuple(sorted(words)))
            for (index, code), words in sorted(hits.items())
        ]

    def _scan(self, text: str) -> list[tuple[int, int, Iterable[str], str]]:
        """Every keyword and pattern match: (start, end, codes, matched word)."""
        found: list[tuple[int, int, Iterable[str], str]] = []
        if self.regex is not None and self.regex_i is not None:
            lowered = text.replace("\u0130", "I").lower()  # İ lowercases to two code points
            regex, subject = (self.regex, lowered) if len(lowered) == len(text) else (self.regex_i, text)
            lookup = self._lookup
            for match in regex.finditer(subject):
                start, end = match.span()
                word = match.group()
                codes, check_case = lookup(word)
                if check_case or subject is text:
                    word = word.lower()
                    codes, check_case = lookup(word)
                    if check_case:
                        codes = frozenset(self._codes_of(text[start:end]))
                found.append((start, end, codes, word))
        for code, pattern in self.patterns:
            found.extend((m.start(), m.end(), (code,), m.group().lower()) for m in pattern.finditer(text))
        return found
