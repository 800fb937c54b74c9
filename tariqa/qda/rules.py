"""Rule-based auto-coding: each code's keywords and patterns, matched over sentences.

All codes are compiled into one regular expression with a named group per code, so a
document is scanned once whatever the size of the codebook; each match is mapped to
its sentence by bisection. A sentence becomes a suggestion for a code when at least one
of the code's keywords or patterns occurs in it; the score grows with the number of
distinct hits (1: 0.6, 2: 0.8, 3 or more: 0.9).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tariqa.model import Code

_SCORES = {1: 0.6, 2: 0.8}


@dataclass(frozen=True)
class Suggestion:
    """A sentence span that the rules of ``code`` match, with a score in (0, 1]."""

    code: str
    start: int
    end: int
    score: float
    hits: tuple[str, ...]


def keyword_pattern(keyword: str) -> str:
    """A keyword as a regular expression: whole words, ``*`` for any ending, capitals
    matched as capitals only.

    >>> keyword_pattern("terror*"), keyword_pattern("PKK"), keyword_pattern("Middle Corridor")
    ('(?i:\\\\bterror\\\\w*)', '\\\\bPKK\\\\b', '(?i:\\\\bMiddle\\\\s+Corridor\\\\b)')
    """
    word = keyword.strip()
    stem = word.rstrip("*")
    body = r"\s+".join(re.escape(part) for part in stem.split())
    body = rf"\b{body}" + (r"\w*" if word.endswith("*") else r"\b")
    if stem.isupper() and len(stem) > 1:
        return body
    return f"(?i:{body})"


class RuleCoder:
    """Compiled rules of a codebook. Codes without keywords or patterns never match.

    >>> code = Code(id="economy-energy", name="Energy", definition="d", keywords=["gas", "TANAP"])
    >>> coder = RuleCoder([code])
    >>> [(s.code, s.start, s.end, s.hits) for s in coder.suggest("Talks on gas. Nothing else.", [(0, 13), (14, 27)])]
    [('economy-energy', 0, 13, ('gas',))]
    """

    def __init__(self, codes: Iterable[Code]) -> None:
        self.groups: dict[str, str] = {}
        parts = []
        for i, code in enumerate(sorted(codes, key=lambda c: c.id)):
            alternatives = [keyword_pattern(k) for k in code.keywords if k.strip()] + list(code.patterns)
            if alternatives:
                name = f"c{i}"
                self.groups[name] = code.id
                parts.append(f"(?P<{name}>{'|'.join(alternatives)})")
        self.regex = re.compile("|".join(parts)) if parts else None

    def suggest(self, text: str, sentences: Sequence[tuple[int, int]]) -> list[Suggestion]:
        """Suggestions for one document, ordered by sentence then code."""
        if self.regex is None or not sentences:
            return []
        starts = [s for s, _ in sentences]
        hits: dict[tuple[int, str], set[str]] = defaultdict(set)
        for match in self.regex.finditer(text):
            index = bisect.bisect_right(starts, match.start()) - 1
            if index < 0 or match.end() > sentences[index][1]:
                continue  # outside any sentence, or across a sentence boundary
            assert match.lastgroup is not None
            hits[(index, self.groups[match.lastgroup])].add(match.group().lower())
        return [
            Suggestion(code, *sentences[index], _SCORES.get(len(words), 0.9), tuple(sorted(words)))
            for (index, code), words in sorted(hits.items())
        ]
