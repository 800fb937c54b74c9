"""docs/indicators.md carries the formulas of the code, generated from the registry."""

from __future__ import annotations

from pathlib import Path

from tariqa.indicators import REGISTRY
from tariqa.indicators.docs import reference, rewrite

DOC = Path(__file__).parents[2] / "docs" / "indicators.md"


def test_docs_match_the_registry() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert rewrite(text) == text, "run: python -m tariqa.indicators.docs docs/indicators.md"
    for ind in REGISTRY.values():
        assert f"`{ind.name}`" in text


def test_rewrite_replaces_only_the_block() -> None:
    text = f"intro\n{reference().replace('Regularity', 'Old')}\noutro\n"
    assert rewrite(text) == f"intro\n{reference()}\noutro\n"
