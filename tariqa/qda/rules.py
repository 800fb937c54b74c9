"""Rule-based auto-coding: each code's keywords and patterns, matched over sentences.

A sentence becomes a suggestion for a code when at least one of the code's keywords or
patterns occurs in it; the score grows with the number of distinct hits (1: 0.6, 2: 0.8,
3 or more: 0.9). Keywords match case-insensitively as whole words (``terror*``: at the start
of a word, taking the rest of the word); a keyword in capitals (``OIC``) matches only in
capitals; the words of a keyword of several words may be separated by any whitespace.

How a document is scanned:

1. The text is lowercased once, keeping its length (``İ`` becomes ``i``, the only
   character whose lowercase is longer), and line breaks become spaces.
2. One Aho-Corasick automaton of every lowercased keyword finds all their occurrences in a
   single pass, wherever they are. For keywords of several words it also holds "anchors"
   (the first word followed by whitespace other than one space), so that a rare irregular gap
   is confirmed by a regular expression at that position only.
3. With numpy, the hits are checked for word boundaries (looking at the characters before
   and after), ``*`` keywords are extended to the end of their word, the longest hit at each
   position is kept and hits overlapping an earlier one are dropped: the same matches as a
   left-to-right regular expression scan. Each hit is placed in its sentence by binary
   search; a hit that runs past its sentence's end is dropped.
4. Codes come from a table per keyword, or, for words that vary (``*`` endings, irregular
   gaps, capitals to check), from a cached look-up of the matched word. Distinct
   (sentence, code, word) triples are counted with numpy to give the scores.

A code's raw ``patterns`` (regular expressions on the original text) are scanned separately.
:meth:`RuleCoder.suggest_many` spreads documents over worker processes.
"""

from __future__ import annotations

import functools
import gc
import itertools
import multiprocessing
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick
import numpy as np
import numpy.typing as npt

from tariqa.model import Code
from tariqa.qda.limits import Limits
from tariqa.qda.scan import (
    Hits,
    Ints,
    Words,
    code_points,
    empty,
    is_word,
    is_word_char,
    leftmost_longest,
    ranges,
    sentence_of,
    word_ends,
    word_table,
)
from tariqa.qda.scan import lower as lower  # part of this module's interface (moved to scan)

_SCORE_OF_COUNT = np.array([0.0, 0.6, 0.8, 0.9])
_SPACE = re.compile(r"\s+")
#: Whitespace that a keyword gap may hold besides one space (line breaks become spaces).
_ODD_SPACE = [chr(i) for i in range(0x3001) if chr(i).isspace() and chr(i) not in " \n"]


class Suggestion(NamedTuple):
    """A sentence span that the rules of ``code`` match, with a score in (0, 1]."""

    code: str
    start: int
    end: int
    score: float
    hits: tuple[str, ...]


_make_suggestion = functools.partial(tuple.__new__, Suggestion)


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
        for ch in lower(kw.stem):
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


class _Keys:
    """The automaton's keys (lowercased stems) and, per key, what the vectorised checks need."""

    def __init__(self, keywords: Sequence[Keyword], lookup: Any) -> None:
        """Keys are the lowercased stems; one more id, ``len(stems)``, stands for a match of
        several words with an irregular gap (see :meth:`RuleCoder._anchored`)."""
        stems: dict[str, bool] = {}
        for kw in keywords:
            stem = lower(kw.stem)
            stems[stem] = stems.get(stem, False) or kw.prefix
        self.stems = sorted(stems)
        word = word_table()
        self.length = np.array([len(s) for s in self.stems], dtype=np.int64)
        self.prefix = np.array([stems[s] for s in self.stems], dtype=bool)
        self.first_word = np.array([bool(word[ord(s[0])]) for s in self.stems], dtype=bool)
        self.last_word = np.array([bool(word[ord(s[-1])]) for s in self.stems], dtype=bool)
        # A key is "plain" when a hit on it is the key itself and its codes need no check
        # against the original capitals: its codes then come from a table.
        plain, codes, offsets = [], [], [0]
        for stem in self.stems:
            found, check_case = lookup(stem)
            plain.append(not stems[stem] and " " not in stem and not check_case)
            codes += sorted(found)
            offsets.append(len(codes))
        self.plain = np.array([*plain, False], dtype=bool)
        capitals = [lower(kw.stem) for kw in keywords if kw.exact_case]
        # whether a match of the key may be a word whose keywords include some in capitals
        case = [any(c.startswith(stem) or stem.startswith(c) for c in capitals) for stem in self.stems]
        self.case = np.array([*case, True], dtype=bool)
        self.code_names = codes
        self.code_offsets = np.array(offsets, dtype=np.int64)
        self.anchors = self._anchors()

    def _anchors(self) -> list[str]:
        """The first words of keywords of several words, each followed by irregular whitespace
        (any gap but one space starts with one of these): where a gap must be confirmed."""
        heads = {" ".join(s.split(" ")[:j]) for s in self.stems for j in range(1, s.count(" ") + 1)}
        gaps = [*_ODD_SPACE, *(" " + ch for ch in [" ", *_ODD_SPACE])]
        stems = set(self.stems)
        return sorted({head + gap for head in heads for gap in gaps} - stems)

    def automaton(self) -> Any:
        automaton = ahocorasick.Automaton()
        for i, stem in enumerate(self.stems):
            automaton.add_word(stem, i)
        for i, anchor in enumerate(self.anchors, start=len(self.stems)):
            automaton.add_word(anchor, i)
        automaton.make_automaton()
        return automaton


class RuleCoder:
    """Compiled rules of a codebook. Codes without keywords or patterns never match.

    >>> code = Code(id="economy-energy", name="Energy", definition="d", keywords=["gas", "TANAP"])
    >>> coder = RuleCoder([code])
    >>> [(s.code, s.start, s.end, s.hits) for s in coder.suggest("Talks on gas. Nothing else.", [(0, 13), (14, 27)])]
    [('economy-energy', 0, 13, ('gas',))]
    """

    def __init__(self, codes: Iterable[Code]) -> None:
        codes = list(codes)
        keywords = [Keyword.parse(k, c.id) for c in codes for k in c.keywords if k.strip(" *")]
        self.exact: dict[str, list[Keyword]] = defaultdict(list)
        self.prefixes: dict[str, list[Keyword]] = defaultdict(list)
        for kw in keywords:
            (self.prefixes if kw.prefix else self.exact)[lower(kw.stem)].append(kw)
        self.prefix_lengths = sorted({len(stem) for stem in self.prefixes}, reverse=True)
        self._cache: dict[str, tuple[frozenset[str], bool]] = {}
        self.patterns = [(c.id, re.compile(p)) for c in codes for p in c.patterns]
        self.code_names = sorted({kw.code for kw in keywords} | {c for c, _ in self.patterns})
        self._code_id = {c: i for i, c in enumerate(self.code_names)}
        self.keys = _Keys(keywords, self._lookup)
        self.automaton = self.keys.automaton() if keywords else None
        multi = [kw for kw in keywords if " " in kw.stem]
        self.multi = re.compile(_trie_pattern(multi)) if multi else None
        self._key_codes = np.array([self._code_id[c] for c in self.keys.code_names], dtype=np.int64)
        self._words = list(self.keys.stems)  # word id -> matched word; the keys come first
        self._word_id = {w: i for i, w in enumerate(self._words)}
        self._singles = [(w,) for w in self._words]
        self.limits = Limits(codes, self._code_id)

    # ------------------------------------------------------------------ code look-up

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
        kws = self._keywords(lower(folded))
        return {kw.code for kw in kws if not kw.exact_case or folded.startswith(kw.stem)}

    def _word(self, word: str) -> int:
        index = self._word_id.get(word)
        if index is None:
            index = self._word_id[word] = len(self._words)
            self._words.append(word)
            self._singles.append((word,))
        return index

    # ------------------------------------------------------------------ matching

    def suggest(self, text: str, sentences: Sequence[tuple[int, int]]) -> list[Suggestion]:
        """Suggestions for one document, ordered by sentence then code."""
        return _suggestions(self.columns(text, sentences))

    def suggest_many(
        self, documents: Iterable[tuple[str, Sequence[tuple[int, int]]]], workers: int = 1
    ) -> Iterator[list[Suggestion]]:
        """:meth:`suggest` for each (text, sentences) in order, in ``workers`` processes."""
        yield from map(_suggestions, self.columns_many(documents, workers))

    def columns_many(
        self, documents: Iterable[tuple[str, Sequence[tuple[int, int]] | None]], workers: int = 1
    ) -> Iterator[tuple[list[Any], ...]]:
        """:meth:`columns` for each (text, sentences) in order, in ``workers`` processes.
        Sentences given as None are the text's stored segmentation, found in the worker."""
        if workers <= 1:
            yield from map(_document_columns, itertools.repeat(self), documents)
            return
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        packed = ((text, None if spans is None else _span_array(spans)) for text, spans in documents)
        with context.Pool(workers, _set_worker_coder, (self,)) as pool:
            yield from pool.imap(_worker_columns, packed)

    def columns(self, text: str, sentences: Sequence[tuple[int, int]] | Ints) -> tuple[list[Any], ...]:
        """The suggestions as columns: codes, starts, ends, scores and hits (cheap to send).
        ``sentences``: (start, end) pairs, or an array of them."""
        if not len(sentences):
            return [], [], [], [], []
        spans = _span_array(sentences)
        low = lower(text) if self.automaton is not None or self.limits.active else text
        hits = self._keyword_hits(text, low, spans)
        if self.patterns:
            extra = self._pattern_hits(text, spans)
            hits = tuple(np.concatenate([a, b]) for a, b in zip(hits, extra, strict=True))  # type: ignore[assignment]
        sentence, code, word, start, end = hits
        if self.limits.active and len(sentence):
            keep = self.limits.keep(low, spans, sentence, code, start, end)
            sentence, code, word = sentence[keep], code[keep], word[keep]
        return self._group(spans, sentence, code, word)

    def _keyword_hits(self, text: str, low: str, spans: Ints) -> tuple[Ints, Ints, Ints, Ints, Ints]:
        """(sentence, code, word id, start, end) of every keyword hit inside a sentence
        (``low``: the text lowercased by :func:`lower`)."""
        if self.automaton is None:
            return empty(), empty(), empty(), empty(), empty()
        points = code_points(low)
        hits = self._select(low, points)
        sentence, inside = sentence_of(spans, hits.start, hits.end)
        start, end, key, sentence = hits.start[inside], hits.end[inside], hits.key[inside], sentence[inside]
        plain = self.keys.plain[key]
        first = self.keys.code_offsets[key[plain]]
        count = self.keys.code_offsets[key[plain] + 1] - first
        code = self._key_codes[ranges(first, count)]
        out = [(np.repeat(sentence[plain], count), code, np.repeat(key[plain], count))]
        at = [(np.repeat(start[plain], count), np.repeat(end[plain], count))]
        if not plain.all():
            other = ~plain
            words = Words(text, low, points, start[other], end[other], self.keys.case[key[other]])
            found, count = self._looked_up(words, sentence[other])
            out.append(found)
            at.append((np.repeat(start[other], count), np.repeat(end[other], count)))
        columns = [np.concatenate(column) for column in zip(*out, strict=True)]
        places = [np.concatenate(column) for column in zip(*at, strict=True)]
        return columns[0], columns[1], columns[2], places[0], places[1]

    def _looked_up(self, words: Words, sentence: Ints) -> tuple[tuple[Ints, Ints, Ints], Ints]:
        """Hits whose codes depend on the matched word (and perhaps its capitals): each
        distinct word is looked up once."""
        offsets, codes, word_ids = [0], [], []
        for s, e in words.distinct():
            word = words.low[s:e]
            found, check_case = self._lookup(word)
            if check_case:
                found = frozenset(self._codes_of(words.text[s:e]))
            codes += sorted(self._code_id[c] for c in found)
            offsets.append(len(codes))
            word_ids.append(self._word(word))
        table = np.array(offsets, np.int64)
        first, count = table[words.group], np.diff(table)[words.group]
        word_of = np.array(word_ids, np.int64)[words.group]
        hits = np.repeat(sentence, count), np.array(codes, np.int64)[ranges(first, count)], np.repeat(word_of, count)
        return hits, count

    def _select(self, low: str, points: npt.NDArray[np.uint32]) -> Hits:
        """The keyword matches a left-to-right regular-expression scan would find."""
        assert self.automaton is not None
        subject = low.replace("\n", " ")
        flat = np.fromiter(itertools.chain.from_iterable(self.automaton.iter(subject)), np.int64)
        last, key = flat[0::2], flat[1::2]
        anchored = key >= len(self.keys.stems)
        extra = self._anchored(subject, last[anchored], key[anchored]) if anchored.any() else None
        last, key = last[~anchored], key[~anchored]
        word = word_table()
        start = last - self.keys.length[key] + 1
        end = last + 1
        ok = is_word(points, word, start - 1) != self.keys.first_word[key]
        prefix = self.keys.prefix[key]
        ok &= prefix | (is_word(points, word, end) != self.keys.last_word[key])
        start, end, key, prefix = start[ok], end[ok], key[ok], prefix[ok]
        end[prefix] = word_ends(subject, points, word, end[prefix])
        if extra is not None:
            start, end, key = (
                np.concatenate([start, extra[0]]),
                np.concatenate([end, extra[1]]),
                np.concatenate([key, extra[2]]),
            )
        return leftmost_longest(start, end, key)

    def _anchored(self, subject: str, last: Ints, key: Ints) -> tuple[Ints, Ints, Ints]:
        """Matches of keywords of several words with an irregular gap, confirmed by regex."""
        assert self.multi is not None
        anchors = self.keys.anchors
        found = []
        for e, k in zip(last.tolist(), key.tolist(), strict=True):
            start = e + 1 - len(anchors[k - len(self.keys.stems)])
            match = self.multi.match(subject, start)
            before = subject[start - 1 : start]
            if match and (bool(before) and is_word_char(before)) != is_word_char(subject[start]):
                found.append((start, match.end()))
        spans = np.array(found, np.int64).reshape(-1, 2)
        return spans[:, 0], spans[:, 1], np.full(len(spans), len(self.keys.stems), np.int64)

    def _pattern_hits(self, text: str, spans: Ints) -> tuple[Ints, Ints, Ints, Ints, Ints]:
        """(sentence, code, word id, start, end) of the matches of codes' raw patterns inside a sentence."""
        found = [
            (m.start(), m.end(), self._code_id[code], self._word(m.group().lower()))
            for code, pattern in self.patterns
            for m in pattern.finditer(text)
        ]
        rows = np.array(found, np.int64).reshape(-1, 4)
        sentence, inside = sentence_of(spans, rows[:, 0], rows[:, 1])
        return sentence[inside], rows[inside, 2], rows[inside, 3], rows[inside, 0], rows[inside, 1]

    def _group(self, spans: Ints, sentence: Ints, code: Ints, word: Ints) -> tuple[list[Any], ...]:
        """One suggestion per (sentence, code): its distinct words, counted and sorted."""
        n_codes, n_words = len(self.code_names), len(self._words)
        triples = np.unique((sentence * n_codes + code) * n_words + word)
        if not len(triples):
            return [], [], [], [], []
        pair = triples // n_words
        first = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
        counts = np.diff(np.r_[first, len(triples)])
        pair = pair[first]
        index = pair // n_codes
        word_ids = (triples % n_words).tolist()
        hits = [self._singles[w] for w in (triples[first] % n_words).tolist()]
        for g in np.flatnonzero(counts > 1).tolist():
            at = int(first[g])
            hits[g] = tuple(sorted(self._words[w] for w in word_ids[at : at + int(counts[g])]))
        names = [self.code_names[c] for c in (pair % n_codes).tolist()]
        scores = _SCORE_OF_COUNT[np.minimum(counts, 3)].tolist()
        return names, spans[index, 0].tolist(), spans[index, 1].tolist(), scores, hits


# ---------------------------------------------------------------------- array helpers


def _suggestions(columns: tuple[list[Any], ...]) -> list[Suggestion]:
    enabled = gc.isenabled()
    gc.disable()  # many small tuples at once: no point in collecting cycles meanwhile (3x faster)
    try:
        return list(map(_make_suggestion, zip(*columns, strict=True)))
    finally:
        if enabled:
            gc.enable()


def _span_array(sentences: Sequence[tuple[int, int]] | Ints) -> Ints:
    if isinstance(sentences, np.ndarray):
        return sentences.reshape(-1, 2).astype(np.int64, copy=False)
    return np.fromiter(itertools.chain.from_iterable(sentences), np.int64, 2 * len(sentences)).reshape(-1, 2)


# ---------------------------------------------------------------------- worker processes

_worker_coder: RuleCoder | None = None


def _set_worker_coder(coder: RuleCoder) -> None:
    global _worker_coder
    _worker_coder = coder


def _worker_columns(document: tuple[str, Ints | None]) -> tuple[list[Any], ...]:
    assert _worker_coder is not None
    return _document_columns(_worker_coder, document)


def _document_columns(
    coder: RuleCoder, document: tuple[str, Sequence[tuple[int, int]] | Ints | None]
) -> tuple[list[Any], ...]:
    text, spans = document
    if spans is None:
        from tariqa.io.extract import paragraphs, sentences

        spans = sentences(text, paragraphs(text))
    return coder.columns(text, spans)
