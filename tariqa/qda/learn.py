"""Model-based auto-coding: a classifier per code, trained on settled codings.

Units are sentences. A sentence of a document that has settled codings is a positive
example of every code whose codings overlap it, and a negative one of the others. Text
is hashed into words, word pairs and five-letter word stems (see :func:`analyse`),
weighted by tf-idf, and each code gets a logistic regression; the
suggestion score is its predicted probability. Codes with fewer than ``MIN_POSITIVES``
positive sentences are not learned (the command says which).
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from tariqa.errors import UsageError
from tariqa.qda.corpus import Corpus, covered, sentence_spans
from tariqa.qda.rules import lower
from tariqa.qda.scan import code_points, word_table

MIN_POSITIVES = 5
THRESHOLD = 0.5


@dataclass
class Examples:
    """Training sentences, their texts and the codes each one carries."""

    texts: list[str]
    labels: list[set[str]]
    codes: list[str]
    skipped: dict[str, int]


def _spans(text: str) -> list[tuple[int, int]]:

    return sentence_spans(text)


def examples(corpus: Corpus) -> Examples:
    """The labelled sentences of every document that has settled codings."""
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for coding in corpus.codings:
        by_doc[coding.document].append(coding)
    texts: list[str] = []
    labels: list[set[str]] = []
    for doc_id in sorted(by_doc):
        text = corpus.texts.get(doc_id, "")
        spans = _spans(text)
        starts = [s for s, _ in spans]
        found: list[set[str]] = [set() for _ in spans]
        for coding in by_doc[doc_id]:
            for i in covered(starts, coding.start, coding.end):
                found[i].add(coding.code)
        texts += [text[s:e] for s, e in spans]
        labels += found
    counts: dict[str, int] = defaultdict(int)
    for label in labels:
        for code in label:
            counts[code] += 1
    codes = sorted(c for c, n in counts.items() if n >= MIN_POSITIVES and n < len(texts))
    skipped = {c: n for c, n in sorted(counts.items()) if c not in codes}
    return Examples(texts, labels, codes, skipped)


_TOKEN = re.compile(r"\b\w\w+\b")


def analyse(text: str) -> list[str]:
    """Features of a sentence: its words, word pairs, and the first five letters of long
    words (a crude stem, so that Turkish and Azerbaijani endings still match). This is the
    readable definition; :func:`feature_hashes` computes the same for many sentences at once.

    >>> analyse("Ticarət dövriyyəsi artdı")
    ['ticarət', 'dövriyyəsi', 'artdı', 'ticarət dövriyyəsi', 'dövriyyəsi artdı', 'ticar~', 'dövri~']
    """
    words = _TOKEN.findall(lower(text))
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)]
    return words + pairs + [w[:5] + "~" for w in words if len(w) > 5]


# ---------------------------------------------------------------------- hashed features

_U64 = np.uint64
_BASE = 0x9E3779B97F4A7C15  # odd, so invertible modulo 2**64
_BASE_INVERSE = pow(_BASE, -1, 2**64)
_PAIR = (_U64(0xBF58476D1CE4E5B9), _U64(0x94D049BB133111EB))
_STEM = _U64(0xD6E8FEB86659FD93)
_CHUNK = 1 << 21  # characters hashed at once: bounds the memory whatever the input


@functools.cache
def _powers(size: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """BASE**i and BASE**-i modulo 2**64 for i < size."""
    with np.errstate(over="ignore"):
        up = np.cumprod(np.r_[_U64(1), np.full(size - 1, _BASE, _U64)], dtype=_U64)
        down = np.cumprod(np.r_[_U64(1), np.full(size - 1, _BASE_INVERSE, _U64)], dtype=_U64)
    return up, down


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    with np.errstate(over="ignore"):
        x = (x ^ (x >> _U64(31))) * _PAIR[1]
        return x ^ (x >> _U64(29))


def feature_hashes(sentences: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint64]]:
    """(sentence index, 64-bit hash) of every feature occurrence that :func:`analyse` lists."""
    lengths = np.fromiter(map(len, sentences), np.int64, len(sentences)) + 1
    ends = np.cumsum(lengths)
    cuts = np.r_[0, np.flatnonzero(np.diff(ends // _CHUNK)) + 1, len(sentences)]  # chunks of about _CHUNK
    rows, hashes = [], []
    for a, b in itertools.pairwise(np.unique(cuts).tolist()):
        row, h = _chunk_hashes(sentences[a:b], lengths[a:b])
        rows.append(row + a)
        hashes.append(h)
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, _U64)
    return np.concatenate(rows), np.concatenate(hashes)


def _chunk_hashes(
    sentences: Sequence[str], lengths: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint64]]:
    """Words are runs of two or more word characters of the lowercased text; a word's hash
    is a polynomial in its characters, taken from prefix sums, so all come at once."""
    text = lower("\n".join(sentences))
    points = code_points(text)
    word = np.r_[False, word_table()[points], False].view(np.int8)
    edges = np.diff(word)
    start, end = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    long = end - start >= 2
    start, end = start[long], end[long]
    row = np.searchsorted(np.cumsum(lengths), start, side="right")
    up, down = _powers(max(1 << 10, 1 << len(points).bit_length()))
    with np.errstate(over="ignore"):
        prefix = np.r_[_U64(0), np.cumsum(points.astype(_U64) * up[: len(points)], dtype=_U64)]
        words = _mix((prefix[end] - prefix[start]) * down[start])
        same = row[1:] == row[:-1]
        pairs = _mix(words[:-1][same] * _PAIR[0] + words[1:][same])
        stemmed = end - start > 5
        s = start[stemmed]
        stems = _mix((prefix[s + 5] - prefix[s]) * down[s] + _STEM)
    return np.concatenate([row, row[:-1][same], row[stemmed]]), np.concatenate([words, pairs, stems])


class Vectoriser:
    """Sentences to a sparse matrix over the features seen in training, weighted by idf
    (smoothed, as scikit-learn's) and scaled so that each row's occurrences square-sum to 1.
    A scikit-learn transformer, so that cross-validation can refit it per fold."""

    def __init__(self) -> None:
        self.vocabulary = np.zeros(0, _U64)
        self.idf = np.zeros(0)
        self.slots = np.full(1, -1, np.int64)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {}

    def set_params(self, **params: Any) -> Vectoriser:
        return self

    def fit(self, sentences: Sequence[str], y: Any = None) -> Vectoriser:
        row, h = feature_hashes(sentences)
        pairs = np.unique(np.stack([h, row.astype(_U64)]), axis=1)  # (feature, sentence) once each
        self.vocabulary, df = np.unique(pairs[0], return_counts=True)
        self.idf = np.log((1 + len(sentences)) / (1 + df)) + 1
        self.slots = _slots(self.vocabulary)
        return self

    def _index(self, h: npt.NDArray[np.uint64]) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
        """Which hashes are in the vocabulary, and where: a table on the low bits, with a
        binary search for the few slots that two features share."""
        if not len(self.vocabulary):
            return np.zeros(len(h), bool), np.zeros(len(h), np.int64)
        index = self.slots[(h & _U64(len(self.slots) - 1)).astype(np.int64)]
        shared = np.flatnonzero(index == -2)
        index[shared] = np.searchsorted(self.vocabulary, h[shared])
        index = np.clip(index, 0, len(self.vocabulary) - 1)
        return self.vocabulary[index] == h, index

    def transform(self, sentences: Sequence[str]) -> Any:
        from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

        row, h = feature_hashes(sentences)
        known, index = self._index(h)
        order = np.argsort(row[known], kind="stable")  # a merge of sorted runs
        row, index = row[known][order], index[known][order]
        value = self.idf[index]
        counts = np.bincount(row, minlength=len(sentences))
        norm = np.sqrt(np.bincount(row, value * value, minlength=len(sentences)))
        value = value / norm[row]
        indptr = np.r_[0, np.cumsum(counts)]
        return csr_matrix((value, index, indptr), shape=(len(sentences), len(self.vocabulary)))

    def fit_transform(self, sentences: Sequence[str], y: Any = None) -> Any:
        return self.fit(sentences).transform(sentences)


def _slots(vocabulary: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
    """A table from the low bits of a hash to its index in the vocabulary (-1: none, -2: shared)."""
    size = 1 << max(4, (8 * len(vocabulary)).bit_length())
    slot = (vocabulary & _U64(size - 1)).astype(np.int64)
    table = np.full(size, -1, np.int64)
    table[slot] = np.arange(len(vocabulary))
    used, counts = np.unique(slot, return_counts=True)
    table[used[counts > 1]] = -2
    return table


def _classifier() -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(max_iter=1000, class_weight="balanced", solver="liblinear")


@dataclass
class Model:
    """Fitted features and, per code, a linear classifier's weights (one column each)."""

    features: Vectoriser
    codes: list[str]
    weights: npt.NDArray[np.float64]
    intercepts: npt.NDArray[np.float64]
    skipped: dict[str, int]

    def scores_many(self, batches: Iterable[Sequence[str]], workers: int = 1) -> Iterator[list[tuple[int, str, float]]]:
        """:meth:`scores` of each batch of sentences (a document's) in order, in ``workers`` processes."""
        if workers <= 1:
            yield from (list(self.scores(batch)) for batch in batches)
            return
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with context.Pool(workers, _set_worker_model, (self,)) as pool:
            yield from pool.imap(_worker_scores, batches)

    def probabilities(self, sentences: Sequence[str]) -> npt.NDArray[np.float64]:
        """The probability of every code (columns in the order of ``codes``) for each sentence."""
        if not sentences:
            return np.zeros((0, len(self.codes)))
        logits = np.asarray(self.features.transform(sentences) @ self.weights + self.intercepts)
        return np.asarray(1 / (1 + np.exp(-logits)), np.float64)

    def scores(self, sentences: Sequence[str]) -> Iterator[tuple[int, str, float]]:
        """(sentence index, code, probability) for every probability of at least THRESHOLD:
        the logistic function of the features times the weights, plus the intercept."""
        if not sentences:
            return
        logits = self.features.transform(sentences) @ self.weights + self.intercepts
        for column, code in enumerate(self.codes):
            index = np.flatnonzero(logits[:, column] >= _LOGIT_THRESHOLD)
            probability = np.round(1 / (1 + np.exp(-logits[index, column])), 4)
            yield from zip(index.tolist(), itertools.repeat(code), probability.tolist())


_LOGIT_THRESHOLD = float(np.log(THRESHOLD / (1 - THRESHOLD)))


def train(corpus: Corpus) -> Model:
    """Fit the model on the corpus's settled codings."""
    return fit(examples(corpus))


def fit(data: Examples) -> Model:
    """Fit the model on labelled sentences."""
    if not data.codes:
        raise UsageError(
            f"nothing to learn from: every code needs at least {MIN_POSITIVES} coded sentences "
            "(and some sentences without it); code more, or use the rule coder"
        )
    features = Vectoriser()
    matrix = features.fit_transform(data.texts)
    matrix.sum_duplicates()
    weights, intercepts = [], []
    for code in data.codes:
        clf = _classifier()
        clf.fit(matrix, [code in label for label in data.labels])
        weights.append(clf.coef_[0])
        intercepts.append(float(clf.intercept_[0]))
    return Model(features, data.codes, np.stack(weights, axis=1), np.array(intercepts), data.skipped)


_worker_model: Model | None = None


def _set_worker_model(model: Model) -> None:
    global _worker_model
    _worker_model = model


def _worker_scores(sentences: Sequence[str]) -> list[tuple[int, str, float]]:
    assert _worker_model is not None
    return list(_worker_model.scores(sentences))


def evaluate(corpus: Corpus, folds: int = 5) -> list[dict[str, Any]]:
    """Precision, recall and F1 per code by stratified cross-validation over sentences."""
    from sklearn.metrics import precision_recall_fscore_support
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline

    data = examples(corpus)
    if not data.codes:
        raise UsageError(f"nothing to evaluate: every code needs at least {MIN_POSITIVES} coded sentences")
    rows = []
    for code in data.codes:
        target = [code in label for label in data.labels]
        k = max(2, min(folds, sum(target), len(target) - sum(target)))
        predicted = cross_val_predict(
            make_pipeline(Vectoriser(), _classifier()),
            data.texts,
            target,
            cv=StratifiedKFold(n_splits=k, shuffle=True, random_state=0),
        )
        p, r, f, _ = precision_recall_fscore_support(target, predicted, average="binary", zero_division=0)
        rows.append(
            {
                "code": code,
                "precision": round(float(p), 4),
                "recall": round(float(r), 4),
                "f1": round(float(f), 4),
                "positives": sum(target),
                "sentences": len(target),
                "folds": k,
            }
        )
    return rows
