"""The ``auto`` method: rules, the semantic coder and (once trained) the model, combined per theme.

Each method gives every sentence a score per top-level theme in [0, 1]: the rules their score
(0.6, 0.8 or 0.9 for one, two or three distinct hits of any code of the theme; 0 for none),
the semantic coder its calibrated score, the model its probability. The ensemble's score is
their weighted mean; a sentence the semantic coder cannot read (not English) is scored by the
other methods alone. A theme is suggested from ``threshold`` on, with reasons from each method
that saw it: the words the rules matched, the semantic coder's nearest texts, the model's
probability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tariqa.errors import UsageError

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class EnsembleOptions:
    """Weights of the methods in the mean, and the score from which a theme is suggested."""

    threshold: float = 0.35
    rules: float = 1.0
    semantic: float = 1.0
    model: float = 1.0

    def __post_init__(self) -> None:
        if not 0 < self.threshold < 1:
            raise UsageError(f"the threshold must lie between 0 and 1, not {self.threshold}")
        if min(self.rules, self.semantic, self.model) < 0 or self.rules + self.semantic + self.model == 0:
            raise UsageError("the methods' weights must be positive or zero, and not all zero")


@dataclass(frozen=True)
class EnsembleSuggestion:
    """Sentence ``index``, the code suggested, its theme, the combined score and one reason
    per method that saw the theme."""

    index: int
    code: str
    theme: str
    score: float
    reasons: tuple[str, ...]


def combine(
    *,
    rules: Floats,
    semantic: Floats | None,
    english: npt.NDArray[np.bool_] | None,
    model: Floats | None,
    options: EnsembleOptions | None = None,
) -> Floats:
    """The combined scores (sentences x themes) from each method's scores on the same grid.
    ``semantic`` is None when the semantic coder is not used, ``model`` when it is not trained;
    ``english`` says where the semantic scores count."""
    options = options or EnsembleOptions()
    total = options.rules * rules
    weight = np.full(rules.shape, options.rules)
    if semantic is not None:
        readable = (np.ones(len(rules), bool) if english is None else english)[:, None]
        total = total + np.where(readable, options.semantic * semantic, 0.0)
        weight = weight + np.where(readable, options.semantic, 0.0)
    if model is not None:
        total = total + options.model * model
        weight = weight + options.model
    return np.asarray(np.divide(total, weight, out=np.zeros_like(total), where=weight > 0), np.float64)


def chosen(scores: Floats, options: EnsembleOptions | None = None) -> Sequence[tuple[int, int]]:
    """(sentence, theme column) of every combined score at or above the threshold."""
    threshold = (options or EnsembleOptions()).threshold
    rows, cols = np.nonzero(scores >= threshold)
    return list(zip(rows.tolist(), cols.tolist(), strict=True))
