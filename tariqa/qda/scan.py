"""Vectorised helpers of the rule scan (:mod:`tariqa.qda.rules`): word characters as a
table over code points, boundary checks, the left-to-right choice among overlapping
matches, placing matches in sentences, and telling matched words apart with numpy."""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
WORD_RUN = re.compile(r"\w*")


@functools.cache
def word_table() -> npt.NDArray[np.bool_]:
    """For every code point, whether it is a word character (``\\w``) for ``re``."""
    table = np.zeros(0x110000, dtype=bool)
    for match in re.finditer(r"\w+", "".join(map(chr, range(0x110000)))):
        table[match.start() : match.end()] = True
    return table


def code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def lower(text: str) -> str:
    """The lowercase of ``text`` with the same length, so offsets still match.

    >>> lower("İSTANBUL Şuşa"), len(lower("İİT")) == len("İİT")
    ('istanbul şuşa', True)
    """
    low = text.replace("\u0130", "I").lower()
    if len(low) != len(text):  # not so in any Unicode version so far, but cheap to guard
        low = "".join(ch.lower()[:1] or ch for ch in text.replace("\u0130", "I"))
    return low


class Hits(NamedTuple):
    """Matches kept after the boundary and overlap checks: spans and key."""

    start: Ints
    end: Ints
    key: Ints


def empty() -> Ints:
    return np.zeros(0, np.int64)


def is_word_char(ch: str) -> bool:
    return bool(word_table()[ord(ch)])


def is_word(points: npt.NDArray[np.uint32], word: npt.NDArray[np.bool_], at: Ints) -> npt.NDArray[np.bool_]:
    """Whether the character at each offset is a word character (outside the text: no)."""
    inside = (at >= 0) & (at < len(points))
    return word[points[np.where(inside, at, 0)]] & inside


def word_ends(subject: str, points: npt.NDArray[np.uint32], word: npt.NDArray[np.bool_], at: Ints) -> Ints:
    """The end of the run of word characters starting at each offset (``\\w*``)."""
    if not len(at):
        return at
    window = at[:, None] + np.arange(24)
    inside = window < len(points)
    wordy = word[points[np.where(inside, window, 0)]] & inside
    ends: Ints = at + np.argmin(wordy, axis=1).astype(np.int64)
    for row in np.flatnonzero(wordy.all(axis=1)).tolist():  # words longer than the window
        match = WORD_RUN.match(subject, int(at[row]))
        ends[row] = match.end() if match else at[row]
    return ends


def leftmost_longest(start: Ints, end: Ints, key: Ints) -> Hits:
    """The longest match at each start, then, from left to right, those not overlapping the
    last one kept (as ``re.finditer`` would report them)."""
    order = np.lexsort((-end, start))
    start, end, key = start[order], end[order], key[order]
    first = np.r_[True, start[1:] != start[:-1]] if len(start) else np.zeros(0, bool)
    start, end, key = start[first], end[first], key[first]
    if len(start) > 1 and (start[1:] < np.maximum.accumulate(end)[:-1]).any():
        keep = greedy(start.tolist(), end.tolist())
        start, end, key = start[keep], end[keep], key[keep]
    return Hits(start, end, key)


def greedy(start: list[int], end: list[int]) -> npt.NDArray[np.bool_]:
    """Which of the sorted spans a left-to-right scan keeps: those not overlapping the last kept."""
    keep = np.ones(len(start), bool)
    last_end = 0
    for i, (s, e) in enumerate(zip(start, end, strict=True)):
        if s >= last_end:
            last_end = e
        else:
            keep[i] = False
    return keep


def sentence_of(spans: Ints, start: Ints, end: Ints) -> tuple[Ints, npt.NDArray[np.bool_]]:
    """Index of the sentence each match starts in, and whether it also ends inside it."""
    index = np.searchsorted(spans[:, 0], start, side="right") - 1
    safe = np.maximum(index, 0)
    return safe, (index >= 0) & (end <= spans[safe, 1])


def ranges(first: Ints, count: Ints) -> Ints:
    """The concatenation of range(first[i], first[i] + count[i]) for every i."""
    if (count == 1).all():
        return first
    total = int(count.sum())
    steps = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(first, count) + steps


class Words:
    """Matched words, told apart with numpy: a hash of each word's characters (of the
    original text too where capitals matter), checked character by character.
    ``distinct()`` gives a span of each different word and sets ``group``, the index of
    each match's word among them."""

    WIDTH = 32
    _MIX = np.random.default_rng(4).integers(1, 2**63, size=2 * WIDTH + 1, dtype=np.uint64) | np.uint64(1)

    def __init__(self, text: str, low: str, points: npt.NDArray[np.uint32], start: Ints, end: Ints, case: Any) -> None:
        self.text, self.low, self.start, self.end = text, low, start, end
        self.group = empty()
        length = end - start
        self.long = length > self.WIDTH
        window = np.minimum(start[:, None] + np.arange(self.WIDTH), len(points) - 1)
        inside = np.arange(self.WIDTH) < length[:, None]
        chars = [np.where(inside, points[window], 0)]
        if case.any():
            chars.append(np.where(inside & case[:, None], code_points(text)[window], 0))
        self.chars = np.concatenate(chars, axis=1).astype(np.uint64)
        self.key = (self.chars * self._MIX[: self.chars.shape[1]]).sum(axis=1) + length.astype(np.uint64) * self._MIX[
            -1
        ]

    def distinct(self) -> list[tuple[int, int]]:
        _, first, group = np.unique(self.key, return_index=True, return_inverse=True)
        same = (self.chars == self.chars[first][group]).all(axis=1) & (
            self.end - self.start == (self.end - self.start)[first][group]
        )
        alone = np.flatnonzero(~same | self.long)  # hash collisions and long words: on their own
        group[alone] = len(first) + np.arange(len(alone))
        self.group = group
        rows = np.concatenate([first, alone])
        return list(zip(self.start[rows].tolist(), self.end[rows].tolist(), strict=True))
