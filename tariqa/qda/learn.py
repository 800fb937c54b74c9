"""Model-based auto-coding: a classifier per code, trained on settled codings.

Units are sentences. A sentence of a document that has settled codings is a positive
example of every code whose codings overlap it, and a negative one of the others. Text
is hashed into words, word pairs and five-letter word stems (see :func:`analyse`),
weighted by tf-idf, and each code gets a logistic regression; the
suggestion score is its predicted probability. Codes with fewer than ``MIN_POSITIVES``
positive sentences are not learned (the command says which).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tariqa.errors import UsageError
from tariqa.qda.themes import Corpus
from tariqa.qda.work import covered

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
    from tariqa.qda.work import sentence_spans

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
    words (a crude stem, so that Turkish and Azerbaijani endings still match).

    >>> analyse("Ticarət dövriyyəsi artdı")
    ['ticarət', 'dövriyyəsi', 'artdı', 'ticarət dövriyyəsi', 'dövriyyəsi artdı', 'ticar~', 'dövri~']
    """
    words = _TOKEN.findall(text.lower())
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)]
    return words + pairs + [w[:5] + "~" for w in words if len(w) > 5]


def _features() -> Any:
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.pipeline import make_pipeline

    hashed = HashingVectorizer(analyzer=analyse, n_features=2**20, alternate_sign=False, norm=None)
    return make_pipeline(hashed, TfidfTransformer(sublinear_tf=True))


def _classifier() -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(max_iter=1000, class_weight="balanced", solver="liblinear")


@dataclass
class Model:
    """Fitted features and one classifier per code."""

    features: Any
    classifiers: dict[str, Any]
    skipped: dict[str, int]

    def scores(self, sentences: Sequence[str]) -> Iterator[tuple[int, str, float]]:
        """(sentence index, code, probability) for every probability of at least THRESHOLD."""
        if not sentences:
            return
        matrix = self.features.transform(sentences)
        for code, clf in self.classifiers.items():
            probabilities = clf.predict_proba(matrix)[:, 1]
            for index in (probabilities >= THRESHOLD).nonzero()[0]:
                yield int(index), code, round(float(probabilities[index]), 4)


def train(corpus: Corpus) -> Model:
    """Fit the model on the corpus's settled codings."""
    data = examples(corpus)
    if not data.codes:
        raise UsageError(
            f"nothing to learn from: every code needs at least {MIN_POSITIVES} coded sentences "
            "(and some sentences without it); code more, or use --method rules"
        )
    features = _features()
    matrix = features.fit_transform(data.texts)
    classifiers = {}
    for code in data.codes:
        clf = _classifier()
        clf.fit(matrix, [code in label for label in data.labels])
        classifiers[code] = clf
    return Model(features, classifiers, data.skipped)


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
            make_pipeline(_features(), _classifier()),
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
