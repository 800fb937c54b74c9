"""Inter-coder reliability: percent agreement, Cohen's kappa, Scott's pi, Fleiss' kappa,
Brennan-Prediger, Krippendorff's alpha and unitized alpha (u-alpha).

Definitions follow the QDA reference (``qda.md``, section 6.2); only numpy and the
standard library are used, and the main statistics are vectorised over units.

Data conventions
----------------
*Ratings* are a 2-D array-like of shape ``(n_coders, n_units)``: one row per coder, one
column per unit (statement, sentence, paragraph), each cell a nominal value (an int, a
float or a string) or missing (``None`` or ``nan``). For one code scored as present or
absent the values are typically 0 and 1. :func:`ratings_from_dicts` builds the array from
per-coder ``{unit_id: value}`` dicts.

Which units each statistic uses:

- percent agreement, Fleiss' kappa and Brennan-Prediger: units *every* coder coded;
- Cohen's kappa and Scott's pi: units both coders coded;
- Krippendorff's alpha: units at least two coders coded ("pairable"); a unit coded by a
  single coder is ignored, as Krippendorff does.

Undefined values
----------------
When a chance-corrected statistic is undefined, because there is no variation (every
coder always gives the same single value, so expected disagreement is 0) or no usable
unit at all, the functions return ``float('nan')``: never 0 and never 1. Fewer than two
coders is an error (``ValueError``).

Spans
-----
Spans on a continuum (characters of a document, seconds of a recording) are
``(start, end)`` pairs of ints with ``end`` exclusive, as in REFI-QDA:
``0 <= start < end <= length``.

Modules
-------
``data`` (inputs and results), ``coefficients`` (percent agreement, the kappas,
Brennan-Prediger and :func:`reliability_report`), ``alpha`` (Krippendorff's alpha) and
``spans`` (character tables and unitized alpha); import from this package.

>>> round(krippendorff_alpha([[0, 1, 1, 0, None], [0, 1, 0, 0, 1]]), 4)
0.5333
"""

from tariqa.stats.reliability.alpha import coincidence_matrix, krippendorff_alpha
from tariqa.stats.reliability.coefficients import (
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    fleiss_kappa_from_table,
    percent_agreement,
    reliability_report,
    scott_pi,
)
from tariqa.stats.reliability.data import NAN as NAN
from tariqa.stats.reliability.data import (
    CharacterTable,
    ReliabilityResult,
    ratings_from_dicts,
)
from tariqa.stats.reliability.data import Level as Level
from tariqa.stats.reliability.data import RatingsLike as RatingsLike
from tariqa.stats.reliability.data import Section as Section
from tariqa.stats.reliability.data import Span as Span
from tariqa.stats.reliability.spans import (
    alpha_u,
    alpha_u_sections,
    character_table,
    cohen_kappa_from_table,
    jaccard_from_table,
    percent_agreement_from_table,
)

__all__ = [
    "CharacterTable",
    "ReliabilityResult",
    "alpha_u",
    "alpha_u_sections",
    "brennan_prediger",
    "character_table",
    "cohen_kappa",
    "cohen_kappa_from_table",
    "coincidence_matrix",
    "fleiss_kappa",
    "fleiss_kappa_from_table",
    "jaccard_from_table",
    "krippendorff_alpha",
    "percent_agreement",
    "percent_agreement_from_table",
    "ratings_from_dicts",
    "reliability_report",
    "scott_pi",
]
