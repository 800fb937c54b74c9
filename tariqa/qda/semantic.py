"""Semantic auto-coding: sentences compared with what the codebook says about each code.

Each top-level theme is represented by the codes of its subtree: each code's name and
definition, inclusion rule, keywords (as one phrase) and examples are *positive* texts; its
exclusion rule and counter-examples are *negative* texts. All are embedded with
:mod:`tariqa.qda.embedding`. A code whose definition says no more than its name, and that has no
inclusion rule and no examples, cannot be represented: it is listed in ``skipped`` and never
suggested.

A sentence's score for a theme is a weighted mean of two calibrated parts (the probe weighs
``PROBE_SHARE``, 0.65: alone it is the better of the two):

- *similarity*: the mean cosine similarity to the theme's ``neighbours`` nearest positive texts,
  standardised against a background (the same similarity computed for every positive text of
  the other themes, and for the theme's negative texts), then put through a logistic curve
  (z = 1.5 gives 0.5). A threshold means "this far above what unrelated text scores" for every
  theme alike.
- *probe*: a logistic regression on the embeddings per theme, positive texts against the other
  themes' positive texts and the theme's negative texts, with classes weighted to balance.

A theme is suggested when its score reaches ``threshold``; the suggestion names the code of the
subtree whose own texts are nearest, and carries as reasons its nearest positive texts and
their similarity. Sentences that are not English (:mod:`tariqa.qda.language`) are flagged and
never coded: the model reads English only.

:meth:`SemanticCoder.learn` takes coding decisions: a manual coding or an accepted suggestion
adds the sentence to the code's positive texts, a rejected suggestion (or, for fully coded
documents, a sentence left without the code) to its negative texts; both weigh
``decision_weight`` times a codebook text in the probe. The representation is rebuilt at once,
so suggestions improve during a study.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from tariqa.errors import UsageError
from tariqa.model import Code
from tariqa.qda.embedding import EmbeddingOptions, Vectors, embedder
from tariqa.qda.language import is_english

Floats = npt.NDArray[np.float64]
#: Inverse regularisation strength of the probes (scikit-learn's C).
PROBE_C = 8.0
#: Share of the probe in a theme's score (the rest is the standardised similarity).
PROBE_SHARE = 0.65


@dataclass(frozen=True)
class SemanticOptions:
    """``threshold``: calibrated score from which a theme is suggested; ``neighbours``: positive
    texts averaged for the similarity; ``reasons``: nearest texts given per suggestion;
    ``decision_weight``: weight of a coded sentence against a codebook text in the probe."""

    threshold: float = 0.4
    neighbours: int = 3
    reasons: int = 2
    decision_weight: float = 1.0
    embedding: EmbeddingOptions = field(default_factory=EmbeddingOptions)

    def __post_init__(self) -> None:
        if not 0 < self.threshold < 1:
            raise UsageError(f"the threshold must lie between 0 and 1, not {self.threshold}")
        if self.neighbours < 1 or self.reasons < 0 or self.decision_weight <= 0:
            raise UsageError("neighbours must be at least 1, reasons at least 0 and decision_weight above 0")


@dataclass(frozen=True)
class Decision:
    """A coder's word on a sentence: ``accepted`` (a manual coding or an accepted suggestion)
    or not (a rejected suggestion, or a sentence of a coded document left without the code)."""

    text: str
    code: str
    accepted: bool


@dataclass(frozen=True)
class Reason:
    """A text the sentence is near: where it comes from (``example``, ``definition``,
    ``inclusion``, ``keywords`` or ``coded``: a sentence a coder coded), and the similarity."""

    text: str
    source: str
    similarity: float


@dataclass(frozen=True)
class SemanticSuggestion:
    """Sentence ``index`` (in the list given), the code suggested, its theme, the calibrated
    score in [0, 1] and the nearest texts of the code."""

    index: int
    code: str
    theme: str
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class SemanticResult:
    """Suggestions by sentence, the sentences not coded because they are not English, and the
    codes the coder could not represent."""

    suggestions: list[SemanticSuggestion]
    flagged: list[int]
    skipped: tuple[str, ...]


@dataclass
class _Texts:
    """Texts of one kind (positive or negative): text, theme, code, source, weight."""

    text: list[str] = field(default_factory=list)
    theme: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    weight: list[float] = field(default_factory=list)

    def add(self, text: str, theme: str, code: str, source: str, weight: float = 1.0) -> None:
        self.text.append(text)
        self.theme.append(theme)
        self.code.append(code)
        self.source.append(source)
        self.weight.append(weight)


def representable(code: Code) -> bool:
    """Whether a code has something to compare sentences with: examples, an inclusion rule,
    or a definition that says more than its name (three words at least)."""
    definition = code.definition.strip().rstrip(".").casefold()
    said = definition != code.name.strip().casefold() and len(definition.split()) >= 3
    return bool(code.examples or code.inclusion or said)


class SemanticCoder:
    """The codebook's themes as embedded texts, with a probe per theme (see the module)."""

    def __init__(self, codes: Iterable[Code], *, options: SemanticOptions | None = None, embed: Any = None) -> None:
        self.options = options or SemanticOptions()
        self.codes = {c.id: c for c in codes}
        if not self.codes:
            raise UsageError("the codebook is empty: the semantic coder has nothing to compare sentences with")
        self._embed = embed if embed is not None else embedder(options=self.options.embedding).embed
        self.skipped = tuple(sorted(c for c, code in self.codes.items() if not representable(code)))
        self.themes = sorted({self.top_of(c) for c in self.codes if c not in self.skipped})
        if not self.themes:
            raise UsageError("no code of the codebook has a definition, inclusion rule or examples to compare with")
        self._cache: dict[str, npt.NDArray[np.float32]] = {}
        self._decisions: list[Decision] = []
        self._fit()

    def top_of(self, code_id: str) -> str:
        seen = 0
        while (parent := self.codes[code_id].parent) is not None and parent in self.codes and seen < len(self.codes):
            code_id, seen = parent, seen + 1
        return code_id

    # ------------------------------------------------------------------ representation

    def _codebook_texts(self) -> tuple[_Texts, _Texts]:
        pos, neg = _Texts(), _Texts()
        for cid, code in sorted(self.codes.items()):
            if cid in self.skipped:
                continue
            theme = self.top_of(cid)
            pos.add(f"{code.name}: {code.definition}", theme, cid, "definition")
            if code.inclusion:
                pos.add(code.inclusion, theme, cid, "inclusion")
            if code.keywords:
                words = ", ".join(k.rstrip("*") for k in code.keywords)
                pos.add(f"{code.name}: {words}", theme, cid, "keywords")
            for example in code.examples:
                pos.add(example, theme, cid, "example")
            if code.exclusion:
                neg.add(code.exclusion, theme, cid, "exclusion")
            for example in code.counter_examples:
                neg.add(example, theme, cid, "counter-example")
        return pos, neg

    def vectors(self, texts: Sequence[str]) -> Vectors:
        """Embeddings of ``texts``, each text embedded once for the coder's lifetime."""
        new = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if new:
            for text, vector in zip(new, self._embed(new), strict=True):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, 384), np.float32)
        return np.stack([self._cache[t] for t in texts])

    def learn(self, decisions: Iterable[Decision]) -> int:
        """Add coding decisions and rebuild the representation; returns how many were used
        (decisions on codes outside the codebook, skipped codes and non-English sentences are
        left out)."""
        usable = [
            d
            for d in decisions
            if d.code in self.codes and d.code not in self.skipped and d.text.strip() and is_english(d.text)
        ]
        self._decisions += usable
        self._fit()
        return len(usable)

    def _fit(self) -> None:
        from sklearn.linear_model import LogisticRegression

        pos, neg = self._codebook_texts()
        weight = self.options.decision_weight
        for d in self._decisions:
            (pos if d.accepted else neg).add(d.text, self.top_of(d.code), d.code, "coded", weight)
        self.pos, self.neg = pos, neg
        self.pos_vectors = self.vectors(pos.text)
        self.neg_vectors = self.vectors(neg.text)
        pos_theme, neg_theme = np.array(pos.theme), np.array(neg.theme)
        pos_weight, neg_weight = np.array(pos.weight), np.array(neg.weight)
        themes_of: dict[str, set[str]] = defaultdict(set)
        for text, theme in zip(pos.text, pos.theme, strict=True):
            themes_of[text].add(theme)
        k = self.options.neighbours
        self.background: dict[str, tuple[float, float]] = {}
        self.probes: dict[str, tuple[Floats, float]] = {}
        for theme in self.themes:
            own = pos_theme == theme
            # negatives: the other themes' positive texts (unless also positive here) and this
            # theme's negative texts
            other = ~own & np.array([theme not in themes_of[t] for t in pos.text], bool)
            mine = (neg_theme == theme) & np.array([theme not in themes_of[t] for t in neg.text], bool)
            back = np.concatenate([self.pos_vectors[other], self.neg_vectors[mine]])
            raw = _top_mean(back @ self.pos_vectors[own].T, k)
            self.background[theme] = (float(raw.mean()), float(max(raw.std(), 1e-3)))
            if not own.any() or not len(back):
                continue
            probe = LogisticRegression(C=PROBE_C, class_weight="balanced", max_iter=2000)
            probe.fit(
                np.concatenate([self.pos_vectors[own], back]),
                np.r_[np.ones(int(own.sum()), bool), np.zeros(len(back), bool)],
                sample_weight=np.concatenate([pos_weight[own], pos_weight[other], neg_weight[mine]]),
            )
            self.probes[theme] = (np.asarray(probe.coef_[0], np.float64), float(probe.intercept_[0]))

    # ------------------------------------------------------------------ scoring

    def theme_scores(self, vectors: Vectors) -> Floats:
        """Calibrated scores (sentences x themes, in the order of ``themes``)."""
        scores = np.zeros((len(vectors), len(self.themes)))
        pos_theme = np.array(self.pos.theme)
        for j, theme in enumerate(self.themes):
            own = self.pos_vectors[pos_theme == theme]
            mean, spread = self.background[theme]
            z = (_top_mean(vectors @ own.T, self.options.neighbours) - mean) / spread
            similarity = 1 / (1 + np.exp(-2 * (z - 1.5)))
            if theme in self.probes:
                coef, intercept = self.probes[theme]
                probe = 1 / (1 + np.exp(-(vectors.astype(np.float64) @ coef + intercept)))
                scores[:, j] = (1 - PROBE_SHARE) * similarity + PROBE_SHARE * probe
            else:
                scores[:, j] = similarity
        return scores

    def scores(self, texts: Sequence[str]) -> tuple[Floats, npt.NDArray[np.bool_]]:
        """Calibrated theme scores of every sentence (sentences x ``themes``; 0 for sentences
        that are not English) and which sentences are English."""
        scores, english, _ = self.scored(texts)
        return scores, english

    def scored(self, texts: Sequence[str]) -> tuple[Floats, npt.NDArray[np.bool_], Vectors]:
        """:meth:`scores`, and the sentences' vectors (zero for those not English). Sentences
        are embedded afresh: only the codebook's and the decisions' texts are kept."""
        english = np.fromiter(map(is_english, texts), bool, len(texts))
        scores = np.zeros((len(texts), len(self.themes)))
        vectors = np.zeros((len(texts), self.pos_vectors.shape[1]), np.float32)
        index = np.flatnonzero(english)
        if len(index):
            vectors[index] = self._embed([texts[i] for i in index.tolist()])
            scores[index] = self.theme_scores(vectors[index])
        return scores, english, vectors

    def suggest(self, texts: Sequence[str]) -> SemanticResult:
        """Suggestions for sentences, with the non-English ones flagged and not coded."""
        scores, english, vectors = self.scored(texts)
        suggestions = []
        for row, col in zip(*np.nonzero(scores >= self.options.threshold), strict=True):
            score = float(scores[row, col])
            suggestions.append(self.suggestion(int(row), self.themes[col], score, vectors[row]))
        flagged = np.flatnonzero(~english).tolist()
        return SemanticResult(suggestions, flagged, self.skipped)

    def suggestion(self, row: int, theme: str, score: float, vector: npt.NDArray[np.float32]) -> SemanticSuggestion:
        """The suggestion of ``theme`` for sentence ``row`` (whose vector is given): the
        theme's nearest code and the reasons."""
        code, reasons = self._explain(vector, theme)
        return SemanticSuggestion(row, code, theme, round(score, 4), reasons)

    def nearest_codes(self, vectors: Vectors) -> npt.NDArray[np.object_]:
        """For each sentence and theme (columns in the order of ``themes``), the code of the
        theme whose own positive texts are nearest (as in a suggestion)."""
        out = np.empty((len(vectors), len(self.themes)), object)
        pos_theme, pos_code = np.array(self.pos.theme), np.array(self.pos.code)
        for j, theme in enumerate(self.themes):
            own = pos_theme == theme
            similarity = vectors @ self.pos_vectors[own].T
            codes = sorted(set(pos_code[own].tolist()), key=lambda c: (c == theme, c))  # the theme last on ties
            best = np.stack([_top_mean(similarity[:, pos_code[own] == c], 2) for c in codes], axis=1)
            out[:, j] = np.array(codes, object)[np.argmax(best, axis=1)]
        return out

    def _explain(self, vector: npt.NDArray[np.float32], theme: str) -> tuple[str, tuple[Reason, ...]]:
        """The code of the theme whose positive texts are nearest, and those texts."""
        own = np.flatnonzero(np.array(self.pos.theme) == theme)
        similarity = self.pos_vectors[own] @ vector
        by_code: dict[str, list[float]] = defaultdict(list)
        for i, s in zip(own.tolist(), similarity.tolist(), strict=True):
            by_code[self.pos.code[i]].append(s)
        code = max(by_code, key=lambda c: (_mean_top(by_code[c], 2), c != theme))
        mine = [i for i in own.tolist() if self.pos.code[i] == code]
        order = sorted(mine, key=lambda i: -float(self.pos_vectors[i] @ vector))[: self.options.reasons]
        reasons = tuple(
            Reason(self.pos.text[i], self.pos.source[i], round(float(self.pos_vectors[i] @ vector), 4)) for i in order
        )
        return code, reasons


def _top_mean(similarity: Floats | npt.NDArray[np.float32], k: int) -> Floats:
    """Per row, the mean of the ``k`` largest values."""
    k = min(k, similarity.shape[1])
    if k == 0:
        return np.zeros(similarity.shape[0])
    top = np.partition(similarity, similarity.shape[1] - k, axis=1)[:, -k:]
    return np.asarray(top.mean(axis=1), np.float64)


def _mean_top(values: list[float], k: int) -> float:
    return float(np.mean(sorted(values, reverse=True)[:k]))
