"""The codebook of thematic content analysis, and codings of document text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from tariqa.model.base import Entity
from tariqa.model.ids import derived_id
from tariqa.model.types import OptText, Slug, Text
from tariqa.vocab import CodingStatus, Nature

Colour = Annotated[str, Field(pattern=r"^#(?:[0-9a-fA-F]{3}){1,2}$")]


class Code(Entity):
    """A code (theme) of the codebook; ``parent`` makes the hierarchy.

    ``keywords`` (words or phrases, any language, matched case-insensitively as whole
    words) and ``patterns`` (regular expressions) drive rule-based auto-coding. A keyword hit
    inside one of the code's ``exclude`` phrases (written like keywords, ``*`` included) does
    not count; when ``context`` is given, a hit counts only in a sentence that also has one of
    its words. ``examples`` and ``counter_examples`` (sentences that look like the code but do
    not belong to it) are what the semantic coder compares sentences with.
    """

    collection = "codes"
    id: Slug
    parent: Slug | None = None
    name: Text
    definition: Text
    inclusion: OptText = None
    exclusion: OptText = None
    examples: list[str] = Field(default_factory=list)
    counter_examples: list[str] = Field(default_factory=list)
    colour: Colour | None = None
    nature: Nature | None = None
    keywords: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"pattern {p!r} is not a valid regular expression: {exc}") from None
        return patterns

    @model_validator(mode="after")
    def _not_own_parent(self) -> Code:
        if self.parent == self.id:
            raise ValueError(f"code {self.id!r} is its own parent")
        return self


def codebook_problems(codes: Iterable[Code]) -> list[str]:
    """What is wrong with a codebook as a whole: duplicate ids, unknown parents, cycles.

    >>> a, b = Code(id="a", parent="b", name="A", definition="d"), Code(id="b", parent="a", name="B", definition="d")
    >>> codebook_problems([a, b])
    ["codes 'a', 'b' form a cycle of parents"]
    """
    problems, by_id = [], {}
    for code in codes:
        if code.id in by_id:
            problems.append(f"code id {code.id!r} is used twice")
        by_id[code.id] = code
    for code in by_id.values():
        if code.parent is not None and code.parent not in by_id:
            problems.append(f"code {code.id!r} has an unknown parent {code.parent!r}")
    cycles: set[tuple[str, ...]] = set()
    for code in by_id.values():
        path: list[str] = []
        current: Code | None = code
        while current is not None and current.id not in path:
            path.append(current.id)
            current = by_id.get(current.parent) if current.parent else None
        if current is not None:
            cycles.add(tuple(sorted(path[path.index(current.id) :])))
    for cycle in sorted(cycles):
        problems.append(f"codes {', '.join(repr(c) for c in cycle)} form a cycle of parents")
    return problems


class Memo(Entity):
    """A researcher's note about a document, a code, a coding or the whole project."""

    collection = "memos"
    about: Literal["document", "code", "coding", "project"]
    target: Annotated[str, Field(min_length=1)] = "project"
    author: Text
    text: Text
    created: datetime | None = None

    @property
    def key(self) -> str:
        stamp = self.created.isoformat() if self.created else ""
        return derived_id("memo", self.about, self.target, self.author, stamp, self.text)


class DocumentText(Entity):
    """The normalised plain text of a document (``id`` is the document's id), stored once;
    codings index into it by code point."""

    collection = "document_texts"
    id: Slug
    text: Annotated[str, Field(min_length=1)]
    format: Annotated[str, Field(pattern=r"^[a-z0-9]+$")] = "txt"


class Coding(Entity):
    """A code applied to a span of a document's text by a coder (or suggested by a method).

    Offsets count Unicode code points from 0, end exclusive (as REFI-QDA).
    """

    collection = "codings"
    document: Slug
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=1)]
    code: Slug
    coder: Text
    status: CodingStatus = CodingStatus.MANUAL
    score: Annotated[float, Field(ge=0, le=1)] | None = None
    memo: OptText = None
    created: datetime | None = None

    @model_validator(mode="after")
    def _span(self) -> Coding:
        if self.end <= self.start:
            raise ValueError(f"the span ends ({self.end}) before it starts ({self.start})")
        return self

    @property
    def key(self) -> str:
        return derived_id("coding", self.document, str(self.start), str(self.end), self.code, self.coder)
