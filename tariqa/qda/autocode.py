"""Semantic and ensemble suggestions for stored documents (``code auto --method semantic|auto``).

:func:`decisions` turns a study's codings into what the semantic coder learns from: every
sentence overlapped by a settled coding (manual or accepted) is accepted for that code; every
sentence overlapped by a rejected suggestion is rejected for that code; and, as the model
method assumes (:mod:`tariqa.qda.learn`), a sentence of a document with settled codings is
rejected for every theme none of whose codes it carries.

:func:`semantic_scores` and :func:`ensemble_scores` yield, per document, the suggestions as
(start, end, code, score, memo) for :func:`tariqa.qda.work.auto_code` to store. Memos give the
reasons: the nearest texts of the code and their similarity for the semantic coder; for the
ensemble, one part per method that saw the theme. Sentences that are not English are counted
and reported through ``note``; the semantic coder does not code them, the ensemble codes them
with the other methods.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from tariqa.model import Code, Coding
from tariqa.qda.ensemble import EnsembleOptions, combine
from tariqa.qda.language import METHOD as LANGUAGE_CHECK
from tariqa.qda.semantic import Decision, SemanticCoder, SemanticOptions, SemanticSuggestion


class Study(Protocol):
    """What :func:`decisions` reads of a study (a :class:`tariqa.qda.corpus.Corpus`)."""

    @property
    def codings(self) -> Sequence[Coding]: ...
    @property
    def codes(self) -> Mapping[str, Code]: ...
    @property
    def texts(self) -> Mapping[str, str]: ...

    def top_of(self, code_id: str) -> str: ...


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a stored text, split as at import."""
    from tariqa.io.extract import paragraphs, sentences

    return sentences(text, paragraphs(text))


def _covered(starts: Sequence[int], start: int, end: int) -> range:
    """Indexes of the sentences (by sorted start offsets) that start..end overlaps."""
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = max(bisect.bisect_left(starts, end) - 1, first)
    return range(first, min(last + 1, len(starts)) if starts else first)


#: (start, end, code, score, memo) of a suggested coding
Scored = tuple[int, int, str, float, str]
Note = Callable[[str], None]
#: sentences embedded at once: documents are gathered up to this many
CHUNK = 20_000


@dataclass(frozen=True)
class _Document:
    id: str
    text: str
    spans: list[tuple[int, int]]


def decisions(corpus: Study, rejected: Sequence[Coding] = ()) -> list[Decision]:
    """What the semantic coder learns from a study (see the module)."""
    out: list[Decision] = []
    by_doc: dict[str, list[Coding]] = defaultdict(list)
    for coding in [*corpus.codings, *rejected]:
        if coding.code in corpus.codes:
            by_doc[coding.document].append(coding)
    themes = sorted({corpus.top_of(c) for c in corpus.codes})
    for doc_id in sorted(by_doc):
        text = corpus.texts.get(doc_id, "")
        spans = sentence_spans(text)
        starts = [s for s, _ in spans]
        carried: list[set[str]] = [set() for _ in spans]
        settled = False
        for coding in by_doc[doc_id]:
            accepted = coding.status.value in ("manual", "accepted")
            settled |= accepted
            for i in _covered(starts, coding.start, coding.end):
                out.append(Decision(text[spans[i][0] : spans[i][1]], coding.code, accepted))
                if accepted:
                    carried[i].add(corpus.top_of(coding.code))
        if settled:
            for i, (s, e) in enumerate(spans):
                out += [Decision(text[s:e], t, False) for t in themes if t not in carried[i]]
    return out


def _chunks(texts: Iterable[tuple[str, str]]) -> Iterator[list[_Document]]:
    chunk: list[_Document] = []
    size = 0
    for doc_id, text in texts:
        spans = sentence_spans(text)
        chunk.append(_Document(doc_id, text, spans))
        size += len(spans)
        if size >= CHUNK:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _flagged(note: Note | None, documents: list[_Document], english: Any) -> None:
    if note is None:
        return
    rows = set(np.flatnonzero(~np.asarray(english)).tolist())
    if not rows:
        return
    where: list[str] = []
    at = 0
    for doc in documents:
        for s, _ in doc.spans:
            if at in rows and len(where) < 3:
                where.append(f"{doc.id}:{s}")
            at += 1
    more = ", ..." if len(rows) > len(where) else ""
    note(
        f"{len(rows)} sentence(s) not in English were not read by the semantic coder "
        f"({', '.join(where)}{more}); language check: {LANGUAGE_CHECK}"
    )


def semantic_coder(
    codes: Sequence[Code],
    corpus: Study,
    *,
    rejected: Sequence[Coding] = (),
    options: SemanticOptions | None = None,
    note: Note | None = None,
) -> SemanticCoder:
    """The semantic coder of a codebook, having learnt from the study's decisions."""
    coder = SemanticCoder(codes, options=options)
    if coder.skipped and note is not None:
        note(
            f"the semantic coder cannot represent {', '.join(coder.skipped)} "
            "(no definition beyond the name, no inclusion rule, no examples): skipped"
        )
    learnt = coder.learn(decisions(corpus, rejected))
    if learnt and note is not None:
        note(f"the semantic coder learnt from {learnt} coding decision(s)")
    return coder


def semantic_memo(suggestion: SemanticSuggestion) -> str:
    near = "; ".join(f"“{_short(r.text)}” ({r.similarity:.2f})" for r in suggestion.reasons)
    return f"semantic {suggestion.score:.2f}: nearest {near}" if near else f"semantic {suggestion.score:.2f}"


def semantic_scores(
    texts: Iterable[tuple[str, str]], coder: SemanticCoder, *, note: Note | None = None
) -> Iterator[tuple[str, Iterable[Scored]]]:
    """Per document, the semantic coder's suggestions."""
    for documents in _chunks(texts):
        sentences = [d.text[s:e] for d in documents for s, e in d.spans]
        result = coder.suggest(sentences)
        by_row: dict[int, list[SemanticSuggestion]] = defaultdict(list)
        for suggestion in result.suggestions:
            by_row[suggestion.index].append(suggestion)
        english = np.ones(len(sentences), bool)
        english[result.flagged] = False
        _flagged(note, documents, english)
        row = 0
        for doc in documents:
            found = []
            for s, e in doc.spans:
                found += [(s, e, x.code, x.score, semantic_memo(x)) for x in by_row.get(row, [])]
                row += 1
            yield doc.id, found


def ensemble_scores(
    texts: Iterable[tuple[str, str]],
    codes: Sequence[Code],
    coder: SemanticCoder,
    model: Any,
    *,
    options: EnsembleOptions | None = None,
    note: Note | None = None,
) -> Iterator[tuple[str, Iterable[Scored]]]:
    """Per document, the ensemble's suggestions (rules, the semantic coder and, when given,
    the trained model)."""
    from tariqa.qda.rules import RuleCoder

    options = options or EnsembleOptions()
    rules = RuleCoder(codes)
    themes = coder.themes
    column = {t: j for j, t in enumerate(themes)}
    for documents in _chunks(texts):
        sentences = [d.text[s:e] for d in documents for s, e in d.spans]
        semantic, english, vectors = coder.scored(sentences)
        _flagged(note, documents, english)
        rule_score = np.zeros(semantic.shape)
        rule_best: dict[tuple[int, int], tuple[int, str, tuple[str, ...]]] = {}
        row = 0
        for doc in documents:
            starts = {s: row + i for i, (s, _) in enumerate(doc.spans)}
            for hit in rules.suggest(doc.text, doc.spans):
                theme = coder.top_of(hit.code) if hit.code in coder.codes else None
                if theme not in column:
                    continue
                key = (starts[hit.start], column[theme])
                rule_score[key] = max(rule_score[key], hit.score)
                if key not in rule_best or len(hit.hits) > rule_best[key][0]:
                    rule_best[key] = (len(hit.hits), hit.code, hit.hits)
            row += len(doc.spans)
        model_score = None
        if model is not None:
            model_score = np.zeros(semantic.shape)
            probabilities = model.probabilities(sentences)
            for j, code in enumerate(model.codes):
                theme = coder.top_of(code) if code in coder.codes else None
                if theme in column:
                    col = column[theme]
                    model_score[:, col] = np.maximum(model_score[:, col], probabilities[:, j])
        combined = combine(rules=rule_score, semantic=semantic, english=english, model=model_score, options=options)
        chosen: dict[int, list[Scored]] = defaultdict(list)
        for r, c in zip(*np.nonzero(combined >= options.threshold), strict=True):
            r, c = int(r), int(c)
            reasons, code = [], None
            if (r, c) in rule_best:
                code = rule_best[(r, c)][1]
                reasons.append("rules: " + ", ".join(rule_best[(r, c)][2]))
            if english[r]:
                explained = coder.suggestion(r, themes[c], float(semantic[r, c]), vectors[r])
                code = code or explained.code
                reasons.append(semantic_memo(explained))
            else:
                reasons.append("semantic: not English, not read")
            if model_score is not None:
                reasons.append(f"model {model_score[r, c]:.2f}")
            chosen[r].append((0, 0, code or themes[c], round(float(combined[r, c]), 4), "; ".join(reasons)))
        row = 0
        for doc in documents:
            found = []
            for s, e in doc.spans:
                found += [(s, e, code, score, f"auto {score:.2f}: {memo}") for _, _, code, score, memo in chosen[row]]
                row += 1
            yield doc.id, found


def _short(text: str, size: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
