"""The indicator reference in docs/indicators.md is generated from the registry:
``python -m tariqa.indicators.docs docs/indicators.md`` rewrites the part between the
markers, and a test fails when the file and the code disagree."""

from __future__ import annotations

import sys

from tariqa.generated import replace_block, rewrite_file
from tariqa.indicators import REGISTRY

BEGIN = "<!-- BEGIN generated from tariqa.indicators.REGISTRY -->"
END = "<!-- END generated -->"


def reference() -> str:
    """Markdown: one section per indicator with its name, label and formula."""
    parts = [BEGIN, ""]
    for ind in REGISTRY.values():
        slicing = "per period or per year (`--by year`)" if ind.by_year else "over the whole period only"
        parts += [f"### `{ind.name}`: {ind.label}", "", ind.formula, "", f"Computed {slicing}.", ""]
    return "\n".join([*parts, END])


def rewrite(text: str) -> str:
    """``text`` with the generated block replaced by the current reference."""
    return replace_block(text, BEGIN, END, reference())


if __name__ == "__main__":  # pragma: no cover
    rewrite_file(sys.argv[1], rewrite)
