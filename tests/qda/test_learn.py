"""Model-based suggestions and their cross-validated evaluation."""

from __future__ import annotations

import json
import random
from pathlib import Path

from typer.testing import CliRunner

from tariqa.cli import app
from tests.conftest import small_record, write_yaml

runner = CliRunner()
TRADE = [
    "Trade between the countries grew strongly.",
    "Exports of goods and trade volumes increased.",
    "The ministers set a new trade target.",
    "Bilateral trade and exports rose again.",
]
THREAT = [
    "They condemned the terrorist attack.",
    "Terrorism remains a grave danger to the region.",
    "The attack by terrorists was condemned.",
    "A terrorist threat was discussed.",
]
OTHER = [
    "The weather was warm.",
    "Delegations arrived in the morning.",
    "Photographs were taken.",
    "The hall was decorated.",
]


def corpus(seed: int, n_docs: int) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    rng = random.Random(seed)
    texts, codings = [], []
    for d in range(n_docs):
        sentences = [rng.choice(pool) for pool in (TRADE, THREAT, OTHER, OTHER) for _ in range(1)]
        rng.shuffle(sentences)
        text = " ".join(sentences) + "\n"
        doc = f"doc-{seed}-{d}"
        texts.append({"id": doc, "text": text})
        for sentence in sentences:
            code = "economy-trade" if sentence in TRADE else "threat-terrorism" if sentence in THREAT else None
            if code:
                start = text.index(sentence)
                codings.append(
                    {"document": doc, "start": start, "end": start + len(sentence), "code": code, "coder": "aylin"}
                )
    return texts, codings


def test_model_suggestions_and_evaluation(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    data = small_record()
    train_texts, train_codings = corpus(1, 12)
    new_texts, _ = corpus(2, 3)  # not coded: the model suggests codes for them
    texts = train_texts + new_texts
    data["documents"] = [{"id": t["id"], "title": str(t["id"]), "kind": "statement"} for t in texts]
    data["events"][0]["documents"] = []
    data["document_texts"] = texts
    data["codings"] = train_codings
    write_yaml(tmp_path / "r.yaml", data)
    assert runner.invoke(app, ["--db", db, "codebook", "import"]).exit_code == 0
    result = runner.invoke(app, ["--db", db, "import", str(tmp_path / "r.yaml")])
    assert result.exit_code == 0, result.stderr

    result = runner.invoke(app, ["--db", db, "code", "evaluate", "-o", "json"])
    assert result.exit_code == 0, result.stderr
    scores = {r["code"]: r for r in json.loads(result.stdout)}
    assert set(scores) == {"economy-trade", "threat-terrorism"}
    assert all(r["f1"] >= 0.8 for r in scores.values()), scores

    result = runner.invoke(app, ["--db", db, "code", "auto", "--method", "model"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["--db", db, "codings", "--coder", "model", "--status", "suggested", "-o", "json"])
    suggestions = [r for r in json.loads(result.stdout) if r["document"].startswith("doc-2-")]
    assert suggestions
    for r in suggestions:
        expected = "economy-trade" if r["text"] in TRADE else "threat-terrorism" if r["text"] in THREAT else None
        assert r["code"] == expected and 0.5 <= r["score"] <= 1


def test_too_few_codings_to_learn(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    assert runner.invoke(app, ["--db", db, "codebook", "import"]).exit_code == 0
    result = runner.invoke(app, ["--db", db, "code", "evaluate"])
    assert result.exit_code == 2 and "nothing to evaluate" in result.stderr
    result = runner.invoke(app, ["--db", db, "code", "auto", "--method", "model"])
    assert result.exit_code == 2 and "nothing to learn from" in result.stderr


def test_hashed_features_are_the_analysed_ones() -> None:
    """feature_hashes gives, per sentence, one hash per feature of analyse(), equal
    hashes exactly for equal features."""
    from collections import defaultdict

    from tariqa.qda.learn import analyse, feature_hashes

    sentences = [
        *TRADE,
        *THREAT,
        "İSTANBUL'da ticarət dövriyyəsi artdı; a b ticarət!",
        "",
        "x",
        "Trade, trade... TRADE",
    ]
    rows, hashes = feature_hashes(sentences)
    by_row: dict[int, list[int]] = defaultdict(list)
    for row, h in zip(rows.tolist(), hashes.tolist(), strict=True):
        by_row[row].append(h)
    seen: dict[str, int] = {}
    for index, sentence in enumerate(sentences):
        features = analyse(sentence)
        assert len(features) == len(by_row[index])
        words = [f for f in features if " " not in f and not f.endswith("~")]
        pairs = [f for f in features if " " in f]
        stems = [f for f in features if f.endswith("~")]
        for feature, h in zip(words + pairs + stems, by_row[index], strict=True):
            assert seen.setdefault(feature, h) == h
    assert len(set(seen.values())) == len(seen)


def test_model_scores_match_the_fitted_classifier() -> None:
    """Model.scores is the logistic function of the vectorised sentences and the weights."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from tariqa.qda.learn import Vectoriser

    texts = TRADE * 3 + THREAT * 3 + OTHER * 3
    target = [t in TRADE for t in texts]
    vectoriser = Vectoriser()
    matrix = vectoriser.fit_transform(texts)
    clf = LogisticRegression(solver="liblinear").fit(matrix, target)
    again = vectoriser.transform(["Trade grew and a new word appeared.", ""])
    assert again.shape == (2, len(vectoriser.vocabulary))
    expected = clf.predict_proba(again)[:, 1]
    logits = again @ clf.coef_[0] + clf.intercept_[0]
    assert np.allclose(1 / (1 + np.exp(-logits)), expected)
