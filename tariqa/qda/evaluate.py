"""Cross-validated precision, recall and F1 per theme for each auto-coding method.

Sentences labelled with top-level themes (from settled codings, :func:`labelled_sentences`, or
a gold set) are split into ``folds``; each fold in turn is coded by every method after the
methods that learn (the semantic coder, the model) have learnt from the other folds:

- ``rules``: the codebook's keywords and patterns (nothing to learn);
- ``semantic``: the semantic coder, after :meth:`~tariqa.qda.semantic.SemanticCoder.learn` of
  the other folds' sentences (each is a decision for every theme: accepted when labelled with
  it, rejected otherwise), or with the codebook alone when ``learn`` is off;
- ``model``: the classifier of :mod:`tariqa.qda.learn` trained on the other folds (themes with
  fewer than its minimum of positive sentences are not learnt and never predicted);
- ``auto``: the ensemble of the three (:mod:`tariqa.qda.ensemble`).

Sub-codes count for their top-level theme. Per method and theme the result gives precision,
recall, F1, the labelled and the predicted sentences; :meth:`Evaluation.macro_f1` averages F1
over the themes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from tariqa.errors import UsageError
from tariqa.model import Code
from tariqa.qda.ensemble import EnsembleOptions, combine
from tariqa.qda.semantic import Decision, SemanticCoder, SemanticOptions

METHODS = ("rules", "semantic", "model", "auto")
Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Labelled:
    """A sentence and the codes it carries (none: a negative): top-level themes when the
    evaluation is by theme, codes of any level when it is by code."""

    text: str
    themes: frozenset[str]


@dataclass(frozen=True)
class EvaluationOptions:
    """``folds`` and the ``seed`` of their shuffle; the ``methods`` to evaluate; ``learn``:
    whether the semantic coder learns from the training folds (off: the codebook alone);
    ``level``: ``theme`` (sub-codes count for their top-level theme) or ``code`` (each code
    on its own; the semantic coder's code is the nearest of its theme)."""

    folds: int = 5
    seed: int = 0
    methods: tuple[str, ...] = METHODS
    learn: bool = True
    level: str = "theme"
    semantic: SemanticOptions = field(default_factory=SemanticOptions)
    ensemble: EnsembleOptions = field(default_factory=EnsembleOptions)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.methods) - set(METHODS))
        if unknown:
            raise UsageError(f"unknown method {', '.join(unknown)} (choose from {', '.join(METHODS)})")
        if self.folds < 2:
            raise UsageError(f"cross-validation needs at least 2 folds, not {self.folds}")
        if self.level not in ("theme", "code"):
            raise UsageError(f"the level is theme or code, not {self.level!r}")


@dataclass(frozen=True)
class ThemeScore:
    """How one method did on one theme over all folds."""

    method: str
    theme: str
    precision: float
    recall: float
    f1: float
    labelled: int
    predicted: int


@dataclass(frozen=True)
class Evaluation:
    """Scores per method and theme; ``flagged``: sentences the semantic coder did not read."""

    scores: tuple[ThemeScore, ...]
    sentences: int
    folds: int
    flagged: int

    def macro_f1(self, method: str) -> float:
        """The mean F1 over the themes of ``method``."""
        f1 = [s.f1 for s in self.scores if s.method == method]
        if not f1:
            raise UsageError(f"method {method!r} was not evaluated")
        return round(float(np.mean(f1)), 4)

    def rows(self) -> list[dict[str, Any]]:
        return [vars(s) for s in self.scores]


def labelled_sentences(corpus: Any, *, level: str = "theme") -> list[Labelled]:
    """Every sentence of the documents that have settled codings, with its themes (or, at
    level ``code``, its codes)."""
    from tariqa.qda.learn import examples

    data = examples(corpus)
    return [
        Labelled(text, frozenset(c if level == "code" else corpus.top_of(c) for c in codes if c in corpus.codes))
        for text, codes in zip(data.texts, data.labels, strict=True)
    ]


@dataclass(frozen=True)
class FoldScores:
    """Out-of-fold scores of every method (sentences x themes) beside the labels."""

    themes: tuple[str, ...]
    truth: Bools
    scores: dict[str, Floats]
    english: Bools
    folds: int


def cross_validate(
    sentences: Sequence[Labelled],
    codes: Sequence[Code],
    *,
    options: EvaluationOptions | None = None,
    embed: Callable[[list[str]], Any] | None = None,
) -> Evaluation:
    """Evaluate the methods by cross-validation (see the module). ``embed``: the semantic
    coder's embedding function (default: the sentence model)."""
    options = options or EvaluationOptions()
    out = fold_scores(sentences, codes, options=options, embed=embed)
    thresholds = {"rules": 0.5, "model": 0.5}
    thresholds |= {"semantic": options.semantic.threshold, "auto": options.ensemble.threshold}
    rows = []
    for m in options.methods:
        predicted = out.scores[m] >= thresholds[m]
        if m == "semantic":
            predicted &= out.english[:, None]
        rows += [_theme_score(m, t, out.truth[:, j], predicted[:, j]) for j, t in enumerate(out.themes)]
    flagged = int((~out.english).sum()) if "semantic" in out.scores else 0
    return Evaluation(tuple(rows), len(sentences), out.folds, flagged)


def fold_scores(
    sentences: Sequence[Labelled],
    codes: Sequence[Code],
    *,
    options: EvaluationOptions | None = None,
    embed: Callable[[list[str]], Any] | None = None,
) -> FoldScores:
    """The out-of-fold scores behind :func:`cross_validate`."""
    options = options or EvaluationOptions()
    if not sentences:
        raise UsageError("nothing to evaluate: there are no labelled sentences")
    if not codes:
        raise UsageError("nothing to evaluate with: the codebook is empty")
    by_id = {c.id: c for c in codes}
    by_code = options.level == "code"
    themes = sorted(by_id) if by_code else sorted({_top(by_id, c.id) for c in codes})
    unknown = sorted({t for s in sentences for t in s.themes} - set(themes))
    if unknown:
        kind = "codes" if by_code else "top-level codes"
        raise UsageError(f"labels {', '.join(unknown)} are not {kind} of the codebook")
    k = min(options.folds, len(sentences))
    if k < 2:
        raise UsageError("cross-validation needs at least 2 labelled sentences")
    texts = [s.text for s in sentences]
    truth = np.array([[t in s.themes for t in themes] for s in sentences], bool).reshape(len(sentences), len(themes))
    fold = np.random.default_rng(options.seed).permutation(len(sentences)) % k
    needed = set(options.methods) | ({"rules", "semantic", "model"} if "auto" in options.methods else set())
    scores = {m: np.zeros(truth.shape) for m in needed}
    english = np.ones(len(sentences), bool)
    if "rules" in needed:
        scores["rules"] = rule_scores(texts, codes, themes, by_code=by_code)
    if "semantic" in needed:
        from tariqa.qda.embedding import embedder

        shared = _Memo(embed or embedder(options=options.semantic.embedding).embed)
    for f in range(k):
        train, test = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        test_texts = [texts[i] for i in test.tolist()]
        if "semantic" in needed:
            coder = SemanticCoder(codes, options=options.semantic, embed=shared)
            if options.learn:
                coder.learn(_decisions([texts[i] for i in train.tolist()], truth[train], themes, coder))
            semantic, readable, vectors = coder.scored(test_texts)
            if by_code:
                scores["semantic"][test] = _by_code(semantic, coder.nearest_codes(vectors), themes)
            else:
                scores["semantic"][test] = _align(semantic, coder.themes, themes)
            english[test] = readable
        trained = None
        if "model" in needed:
            trained = model_scores([texts[i] for i in train.tolist()], truth[train], themes, test_texts)
            if trained is not None:
                scores["model"][test] = trained
        if "auto" in options.methods:
            scores["auto"][test] = combine(
                rules=scores["rules"][test],
                semantic=scores["semantic"][test],
                english=english[test],
                model=trained,
                options=options.ensemble,
            )
    return FoldScores(tuple(themes), truth, scores, english, k)


def rule_scores(texts: Sequence[str], codes: Sequence[Code], themes: Sequence[str], *, by_code: bool = False) -> Floats:
    """The rule coder's score per sentence and theme (the best of the theme's codes), or, with
    ``by_code``, per sentence and code (``themes`` then lists codes)."""
    from tariqa.qda.rules import RuleCoder

    by_id = {c.id: c for c in codes}
    column = {t: j for j, t in enumerate(themes)}
    out = np.zeros((len(texts), len(themes)))
    joined, spans, at = [], [], 0
    for text in texts:
        joined.append(text)
        spans.append((at, at + len(text)))
        at += len(text) + 1
    starts = {s: i for i, (s, _) in enumerate(spans)}
    for suggestion in RuleCoder(codes).suggest("\n".join(joined), spans):
        row, col = starts[suggestion.start], column[suggestion.code if by_code else _top(by_id, suggestion.code)]
        out[row, col] = max(out[row, col], suggestion.score)
    return out


def model_scores(train: Sequence[str], labels: Bools, themes: Sequence[str], test: Sequence[str]) -> Floats | None:
    """The model's probability per test sentence and theme after training on ``train`` (None
    when no theme has enough positive sentences; themes not learnt score 0)."""
    from tariqa.qda.learn import MIN_POSITIVES, Examples, fit

    counts = labels.sum(axis=0)
    learnt = [t for j, t in enumerate(themes) if MIN_POSITIVES <= counts[j] < len(train)]
    if not learnt:
        return None
    label_sets = [{t for j, t in enumerate(themes) if row[j]} for row in labels]
    model = fit(Examples(list(train), label_sets, learnt, {}))
    out = np.zeros((len(test), len(themes)))
    out[:, [themes.index(t) for t in model.codes]] = model.probabilities(list(test))
    return out


def _decisions(texts: Sequence[str], labels: Bools, units: Sequence[str], coder: SemanticCoder) -> list[Decision]:
    """Each sentence accepted for its labels and rejected for the themes it has no label in."""
    out = []
    for text, row in zip(texts, labels, strict=True):
        carried = [u for j, u in enumerate(units) if row[j]]
        out += [Decision(text, u, True) for u in carried if u in coder.codes]
        tops = {coder.top_of(u) for u in carried if u in coder.codes}
        out += [Decision(text, t, False) for t in coder.themes if t not in tops]
    return out


def _by_code(scores: Floats, nearest: Any, codes: Sequence[str]) -> Floats:
    """Theme scores given to the nearest code of each theme, on a grid of codes."""
    out = np.zeros((len(scores), len(codes)))
    column = {c: j for j, c in enumerate(codes)}
    rows = np.arange(len(scores))
    for j in range(scores.shape[1]):
        cols = np.array([column[c] for c in nearest[:, j]], np.int64)
        out[rows, cols] = np.maximum(out[rows, cols], scores[:, j])
    return out


def _align(scores: Floats, have: Sequence[str], want: Sequence[str]) -> Floats:
    out = np.zeros((len(scores), len(want)))
    for j, theme in enumerate(have):
        out[:, list(want).index(theme)] = scores[:, j]
    return out


def _top(by_id: dict[str, Code], code: str) -> str:
    seen = 0
    while (parent := by_id[code].parent) is not None and parent in by_id and seen < len(by_id):
        code, seen = parent, seen + 1
    return code


def _theme_score(method: str, theme: str, truth: Bools, predicted: Bools) -> ThemeScore:
    tp = int((truth & predicted).sum())
    p = tp / int(predicted.sum()) if predicted.any() else 0.0
    r = tp / int(truth.sum()) if truth.any() else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return ThemeScore(method, theme, round(p, 4), round(r, 4), round(f1, 4), int(truth.sum()), int(predicted.sum()))


class _Memo:
    """An embedding function that embeds each text once across folds."""

    def __init__(self, embed: Callable[[list[str]], Any]) -> None:
        self.embed = embed
        self.known: dict[str, Any] = {}

    def __call__(self, texts: list[str]) -> Any:
        new = [t for t in dict.fromkeys(texts) if t not in self.known]
        if new:
            self.known.update(zip(new, self.embed(new), strict=True))
        return np.stack([self.known[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)
