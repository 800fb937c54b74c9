"""The corpus of coded documents and its text units, used by every part of content
analysis (themes, agreement, learning, auto-coding): the documents, their texts, the
codebook and the codings that count, loaded once; sentence spans of a stored text; which
units a span covers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tariqa.model import Code, Coding, Document
from tariqa.storage import Store
from tariqa.vocab import CodingStatus

SETTLED = (CodingStatus.MANUAL, CodingStatus.ACCEPTED)
_WORD = re.compile(r"\w+")


@dataclass
class Corpus:
    """Documents, their texts, the codebook and the codings that count, loaded once."""

    documents: dict[str, Document]
    texts: dict[str, str]
    codes: dict[str, Code]
    codings: list[Coding]

    @classmethod
    def load(cls, store: Store, include_suggested: bool = False, coder: str | None = None) -> Corpus:
        statuses = {*SETTLED, CodingStatus.SUGGESTED} if include_suggested else set(SETTLED)
        codings = [c for c in store.codings(coder=coder) if c.status in statuses]
        documents = {d.id: d for d in store.documents()}
        texts = {d: store.document_text(d) for d in store.text_lengths()}
        return cls(documents, texts, {c.id: c for c in store.codes()}, codings)

    def only(self, documents: set[str] | frozenset[str]) -> Corpus:
        """The same corpus limited to ``documents`` (their texts and codings)."""
        return Corpus(
            {d: doc for d, doc in self.documents.items() if d in documents},
            {d: t for d, t in self.texts.items() if d in documents},
            self.codes,
            [c for c in self.codings if c.document in documents],
        )

    def top_of(self, code_id: str) -> str:
        """The top-level ancestor of a code."""
        seen = 0
        while (parent := self.codes[code_id].parent) is not None and seen < len(self.codes):
            code_id, seen = parent, seen + 1
        return code_id

    def code_of(self, coding: Coding, top: bool) -> str:
        return self.top_of(coding.code) if top else coding.code

    def words(self, document: str) -> int:
        return len(_WORD.findall(self.texts.get(document, "")))


def covered(starts: Sequence[int], start: int, end: int) -> range:
    """Indexes of the units (given by their sorted start offsets) that span start..end overlaps.

    >>> covered([0, 10, 20], 12, 25)
    range(1, 3)
    """
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = max(bisect.bisect_left(starts, end) - 1, first)
    return range(first, min(last + 1, len(starts)) if starts else first)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a stored text (the same deterministic segmentation as at import)."""
    from tariqa.io.extract import paragraphs, sentences

    return sentences(text, paragraphs(text))
