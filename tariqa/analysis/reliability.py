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

>>> round(krippendorff_alpha([[0, 1, 1, 0, None], [0, 1, 0, 0, 1]]), 4)
0.5333
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal, NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

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

Level = Literal["nominal", "ordinal", "interval", "ratio"]
RatingsLike = npt.NDArray[Any] | Sequence[Sequence[object]]
Span = tuple[int, int]
Section = tuple[int, int, Hashable]
_T = TypeVar("_T")
_U = TypeVar("_U", bound=Hashable)
_IntArray = npt.NDArray[np.intp]
_FloatArray = npt.NDArray[np.float64]

NAN = float("nan")
_LEVELS = ("nominal", "ordinal", "interval", "ratio")
_NUMERIC_KINDS = "biuf"
_TEXT_KINDS = "US"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ReliabilityResult:
    """One statistic for one code (``code=None``: all codes pooled).

    ``n_units`` is the number of units the statistic was computed on (see the module
    docstring for which units each statistic uses); ``value`` may be ``nan`` when the
    statistic is undefined.
    """

    code: str | None
    statistic: str
    value: float
    n_units: int
    n_coders: int


class CharacterTable(NamedTuple):
    """The 2x2 table of one code on one document, counted in characters.

    ``a`` coded by both coders, ``b`` by coder A only, ``c`` by coder B only, ``d`` by
    neither; ``a + b + c + d`` is the document length.
    """

    a: int
    b: int
    c: int
    d: int


# --------------------------------------------------------------------------- input


def ratings_from_dicts(
    codings: Mapping[Any, Mapping[_U, object]] | Sequence[Mapping[_U, object]],
    units: Sequence[_U] | None = None,
) -> tuple[list[_U], npt.NDArray[np.object_]]:
    """Build a ratings array from one ``{unit_id: value}`` dict per coder.

    Parameters
    ----------
    codings
        One dict per coder, either in a sequence or as the values of a mapping
        ``{coder: {unit_id: value}}`` (coders in the mapping's order). A unit absent
        from a coder's dict is missing for that coder.
    units
        The unit ids, in column order. By default every unit any coder coded, in order
        of first appearance (coder by coder). Statistics do not depend on the order.

    Returns
    -------
    tuple
        ``(unit_ids, ratings)``: the column order and an object array of shape
        ``(n_coders, n_units)`` with ``None`` for missing values.

    Raises
    ------
    ValueError
        If ``units`` is given and a coder coded a unit not in it.

    Examples
    --------
    >>> units, ratings = ratings_from_dicts({"ann": {"s1": "yes", "s2": "no"}, "bo": {"s2": "no"}})
    >>> units, ratings.tolist()
    (['s1', 's2'], [['yes', 'no'], [None, 'no']])
    """
    per_coder = list(codings.values()) if isinstance(codings, Mapping) else list(codings)
    unit_ids = list(dict.fromkeys(u for coder in per_coder for u in coder)) if units is None else list(units)
    column = {u: k for k, u in enumerate(unit_ids)}
    ratings = np.full((len(per_coder), len(unit_ids)), None, dtype=object)
    for i, coder in enumerate(per_coder):
        unknown = [u for u in coder if u not in column]
        if unknown:
            raise ValueError(f"coder {i} coded units that are not in `units`: {unknown[:5]!r}")
        cols = np.fromiter((column[u] for u in coder), dtype=np.intp, count=len(coder))
        values = np.empty(len(coder), dtype=object)
        values[:] = list(coder.values())
        ratings[i, cols] = values
    return unit_ids, ratings


def _classify(x: object) -> int:
    """0 missing, 1 number, 2 string, 3 anything else."""
    if x is None:
        return 0
    if isinstance(x, str):
        return 2
    if isinstance(x, int | float | np.integer | np.floating | np.bool_):
        return 0 if x != x else 1  # nan is the only value unequal to itself
    return 3


_CLASSIFY = np.frompyfunc(_classify, 1, 1)


def _as_array(data: object, ndim: int) -> npt.NDArray[Any]:
    """An ndarray as given, or a list converted without coercing ints to strings."""
    arr = data if isinstance(data, np.ndarray) else np.array(data, dtype=object)
    if arr.ndim != ndim:
        what = "2-D, one row per coder and one column per unit" if ndim == 2 else "1-D"
        raise ValueError(f"ratings must be {what}; got an array of shape {arr.shape}")
    return arr


def _combine(arrays: Sequence[npt.NDArray[Any]], axis: int) -> npt.NDArray[Any]:
    """Concatenate (``axis=1``) or stack (``axis=0``) without numpy's number-to-string coercion."""
    kinds = {a.dtype.kind for a in arrays}
    if not (kinds <= set(_NUMERIC_KINDS) or kinds <= set(_TEXT_KINDS)):
        arrays = [a.astype(object) for a in arrays]
    return np.stack(arrays) if axis == 0 else np.concatenate(arrays, axis=1)


def _ratings(ratings: RatingsLike) -> npt.NDArray[Any]:
    arr = _as_array(ratings, 2)
    if arr.shape[0] < 2:
        raise ValueError(f"reliability needs at least 2 coders (rows of ratings); got {arr.shape[0]}")
    return arr


@dataclass(frozen=True)
class _Encoded:
    """Ratings as integer codes: ``codes[i, u]`` indexes ``values``, -1 is missing."""

    codes: _IntArray
    values: npt.NDArray[Any]

    @property
    def n_values(self) -> int:
        return len(self.values)


def _encode(arr: npt.NDArray[Any]) -> _Encoded:
    kind = arr.dtype.kind
    if kind in "biu" or kind in _TEXT_KINDS:
        missing = np.zeros(arr.shape, dtype=bool)
        present = arr.ravel()
    elif kind == "f":
        missing = np.isnan(arr)
        present = arr[~missing]
    elif kind == "O":
        classes = _CLASSIFY(arr).astype(np.int8) if arr.size else np.zeros(arr.shape, dtype=np.int8)
        if (classes == 3).any():
            bad = arr[classes == 3][0]
            raise ValueError(f"ratings must be numbers or strings (or None/nan); got {type(bad).__name__} {bad!r}")
        if (classes == 1).any() and (classes == 2).any():
            raise ValueError("ratings mix numbers and strings; use one type for the values of a code")
        missing = classes == 0
        present = np.array(arr[~missing].tolist())
    else:
        raise ValueError(f"ratings of dtype {arr.dtype} are not supported: use numbers or strings")
    values, inverse = np.unique(present, return_inverse=True)
    codes = np.full(arr.shape, -1, dtype=np.intp)
    codes[~missing] = inverse.ravel()
    return _Encoded(codes, values)


def _pairs(m: int) -> itertools.combinations[tuple[int, int]]:
    return itertools.combinations(range(m), 2)


# --------------------------------------------------------------------------- cores on codes


def _complete(codes: _IntArray) -> _IntArray:
    """The columns of the units every coder coded."""
    return codes[:, (codes >= 0).all(axis=0)]


def _agreeing_pairs(codes: _IntArray) -> int:
    """Agreeing coder pairs, summed over units (complete units expected)."""
    return sum(int(np.count_nonzero(codes[i] == codes[j])) for i, j in _pairs(codes.shape[0]))


def _percent_agreement(codes: _IntArray) -> tuple[float, int]:
    done = _complete(codes)
    m, n = done.shape
    if n == 0:
        return NAN, 0
    return _agreeing_pairs(done) / (n * m * (m - 1) / 2), n


def _fleiss_from_parts(mean_agreement: float, category_counts: _IntArray) -> float:
    """Fleiss' kappa from P-bar and the total count of each category."""
    if np.count_nonzero(category_counts) < 2:
        return NAN
    p = category_counts / category_counts.sum()
    expected = float(np.sum(p * p))
    return (mean_agreement - expected) / (1 - expected)


def _fleiss(enc: _Encoded) -> tuple[float, int]:
    done = _complete(enc.codes)
    mean_agreement, n = _percent_agreement(done)
    if n == 0:
        return NAN, 0
    counts = np.bincount(done.ravel(), minlength=enc.n_values)
    return _fleiss_from_parts(mean_agreement, counts), n


def _kappa(n: int, agree: int, rows: _IntArray, cols: _IntArray, pooled: bool) -> float:
    """Cohen's kappa (each coder's marginals ``rows`` and ``cols``) or Scott's pi
    (``pooled`` marginals) from ``agree`` agreements on ``n`` units, in exact integers."""
    if pooled:
        chance = int(np.sum((rows + cols) ** 2))
        num, den = 4 * n * agree - chance, 4 * n * n - chance
    else:
        chance = int(np.dot(rows, cols))
        num, den = n * agree - chance, n * n - chance
    return NAN if n == 0 or den == 0 else num / den


def _two_coder_kappa(enc: _Encoded, pooled: bool) -> tuple[float, int]:
    """Cohen's kappa or Scott's pi of coders 0 and 1 on the units both coded."""
    a, b = enc.codes[0], enc.codes[1]
    both = (a >= 0) & (b >= 0)
    a, b = a[both], b[both]
    rows = np.bincount(a, minlength=enc.n_values).astype(np.int64)
    cols = np.bincount(b, minlength=enc.n_values).astype(np.int64)
    n = len(a)
    return _kappa(n, int(np.count_nonzero(a == b)), rows, cols, pooled), n


def _pairable(enc: _Encoded) -> tuple[_IntArray, _IntArray, _IntArray]:
    """The codes of the pairable units (at least two values), their numbers of values
    m_u, and the counts n_c of pairable values."""
    m_u = (enc.codes >= 0).sum(axis=0)
    pairable = m_u >= 2
    codes = enc.codes[:, pairable]
    n_c = np.bincount(codes[codes >= 0], minlength=enc.n_values)
    return codes, m_u[pairable], n_c


def _coincidences(enc: _Encoded) -> _FloatArray:
    """Krippendorff's coincidence matrix o_ck (values x values)."""
    codes, m_u, _ = _pairable(enc)
    weight = 1.0 / (m_u - 1)
    q = enc.n_values
    half = np.zeros(q * q)
    for i, j in _pairs(codes.shape[0]):
        both = (codes[i] >= 0) & (codes[j] >= 0)
        half += np.bincount(codes[i][both] * q + codes[j][both], weights=weight[both], minlength=q * q)
    square = half.reshape(q, q)
    return square + square.T


def _delta2(level: str, values: npt.NDArray[Any], n_c: _IntArray) -> _FloatArray:
    """The squared difference function of each pair of values."""
    q = len(values)
    if level == "nominal":
        return 1.0 - np.eye(q)
    v = values.astype(np.float64)
    if level == "interval":
        return np.subtract.outer(v, v) ** 2
    if level == "ratio":
        total = np.add.outer(v, v)
        diff = np.subtract.outer(v, v)
        safe = np.where(total == 0, 1.0, total)
        return np.where(total == 0, 0.0, (diff / safe) ** 2)
    # ordinal: (sum of n_g for g from c to k, minus (n_c + n_k) / 2) squared
    cum = np.cumsum(n_c).astype(np.float64)
    half = n_c.astype(np.float64) / 2
    return (np.subtract.outer(cum, cum).T - np.subtract.outer(half, half).T) ** 2


def _nominal_alpha(codes: _IntArray, m_u: _IntArray, n_c: _IntArray) -> float:
    """Nominal alpha without the q x q matrix (q may be large), in exact rationals:
    ``sum_c o_cc = sum_u (agreeing ordered pairs in u) / (m_u - 1)``, summed per value
    of m_u, so that perfect agreement gives exactly 1."""
    agree = np.zeros(codes.shape[1], dtype=np.int64)
    for i, j in _pairs(codes.shape[0]):
        agree += (codes[i] >= 0) & (codes[i] == codes[j])
    by_m = np.bincount(m_u, weights=agree, minlength=2)
    agreeing = sum((Fraction(2 * round(float(t)), k - 1) for k, t in enumerate(by_m) if k >= 2), Fraction(0))
    n = int(n_c.sum())
    expected = n * n - int(np.dot(n_c.astype(np.int64), n_c))
    return float(1 - (n - 1) * (n - agreeing) / expected)


def _alpha(enc: _Encoded, level: str) -> tuple[float, int]:
    if level not in _LEVELS:
        raise ValueError(f"level must be one of {', '.join(_LEVELS)}; got {level!r}")
    if level != "nominal" and enc.values.dtype.kind not in _NUMERIC_KINDS:
        raise ValueError(f"level={level!r} needs numeric values; got {enc.values.dtype} values")
    codes, m_u, n_c = _pairable(enc)
    n_units = codes.shape[1]
    if np.count_nonzero(n_c) < 2:
        return NAN, n_units
    if level == "nominal":
        return _nominal_alpha(codes, m_u, n_c), n_units
    delta2 = _delta2(level, enc.values, n_c)
    n = int(n_c.sum())
    observed = float(np.sum(_coincidences(enc) * delta2))
    expected = float(n_c @ delta2 @ n_c)
    if expected <= 0:
        return NAN, n_units
    return 1.0 - (n - 1) * observed / expected, n_units


# --------------------------------------------------------------------------- unit statistics


def percent_agreement(ratings: RatingsLike) -> float:
    """Percent agreement (as a proportion) over the units every coder coded.

    With more than two coders this is the *pairwise* agreement: for each unit the share
    of coder pairs that gave the same value, averaged over units (Fleiss' P-bar). With
    two coders it is the share of units on which they agree.

    Parameters
    ----------
    ratings
        Shape ``(n_coders, n_units)``; missing values allowed (such units are skipped).

    Returns
    -------
    float
        In [0, 1]; ``nan`` when no unit was coded by every coder.

    Raises
    ------
    ValueError
        With fewer than 2 coders, or values that are neither numbers nor strings.

    Examples
    --------
    >>> percent_agreement([[1, 1, 0, 0, 0], [1, 0, 0, 0, None]])
    0.75
    """
    return _percent_agreement(_encode(_ratings(ratings)).codes)[0]


def _two_coders(a: Sequence[object] | npt.NDArray[Any], b: Sequence[object] | npt.NDArray[Any]) -> _Encoded:
    x, y = _as_array(a, 1), _as_array(b, 1)
    if len(x) != len(y):
        raise ValueError(f"the two coders must rate the same units; got {len(x)} and {len(y)} values")
    return _encode(_combine([x, y], axis=0))


def cohen_kappa(a: Sequence[object] | npt.NDArray[Any], b: Sequence[object] | npt.NDArray[Any]) -> float:
    """Cohen's kappa of two coders: ``(p_o - p_e) / (1 - p_e)`` with
    ``p_e = sum_k p_A,k * p_B,k`` (each coder's own marginals).

    Parameters
    ----------
    a, b
        The two coders' values for the same units, in the same order; units where
        either value is missing are skipped.

    Returns
    -------
    float
        ``nan`` when undefined: ``p_e = 1`` (both coders used one and the same value
        throughout) or no unit coded by both.

    Examples
    --------
    >>> round(cohen_kappa([1, 1, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), 4)
    0.0909
    """
    return _two_coder_kappa(_two_coders(a, b), pooled=False)[0]


def scott_pi(a: Sequence[object] | npt.NDArray[Any], b: Sequence[object] | npt.NDArray[Any]) -> float:
    """Scott's pi of two coders: like Cohen's kappa, but ``p_e = sum_k p_k**2`` with
    ``p_k`` the two coders' pooled proportion of value ``k``.

    Parameters
    ----------
    a, b
        The two coders' values for the same units; units with a missing value are skipped.

    Returns
    -------
    float
        ``nan`` when undefined (no variation, or no unit coded by both).

    Examples
    --------
    >>> round(scott_pi([1, 1, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), 4)
    0.0476
    """
    return _two_coder_kappa(_two_coders(a, b), pooled=True)[0]


def fleiss_kappa(ratings: RatingsLike) -> float:
    """Fleiss' kappa of m >= 2 coders over the units every coder coded.

    ``P_i`` is the share of agreeing coder pairs on unit i and ``P-bar`` their mean;
    ``p_j`` is the share of all ratings in category j and ``P_e = sum_j p_j**2``;
    kappa is ``(P-bar - P_e) / (1 - P_e)``. With two coders it equals Scott's pi.

    Parameters
    ----------
    ratings
        Shape ``(n_coders, n_units)``; units with a missing value are skipped.

    Returns
    -------
    float
        ``nan`` when undefined: a single category used throughout, or no complete unit.

    Examples
    --------
    >>> round(fleiss_kappa([["a", "a", "b", "c"], ["a", "b", "b", "c"], ["a", "a", "b", "b"]]), 4)
    0.4667
    """
    return _fleiss(_encode(_ratings(ratings)))[0]


def fleiss_kappa_from_table(counts: Sequence[Sequence[int]] | npt.NDArray[np.integer[Any]]) -> float:
    """Fleiss' kappa from a subjects x categories table of counts.

    Parameters
    ----------
    counts
        ``counts[i][j]`` raters put subject i in category j; every subject must have the
        same number n >= 2 of ratings (the layout of statsmodels' ``fleiss_kappa``).

    Returns
    -------
    float
        ``nan`` when undefined (a single category used throughout, or no subject).

    Raises
    ------
    ValueError
        If the table is not 2-D, has negative counts, or subjects have different
        numbers of ratings, or fewer than 2.

    Examples
    --------
    >>> round(fleiss_kappa_from_table([[3, 0], [0, 3], [2, 1]]), 4)
    0.55
    """
    table = np.asarray(counts)
    if table.ndim != 2 or table.dtype.kind not in "iu" or (table < 0).any():
        raise ValueError("counts must be a 2-D table of non-negative integers (subjects x categories)")
    if table.shape[0] == 0:
        return NAN
    per_subject = table.sum(axis=1)
    n = int(per_subject[0])
    if (per_subject != n).any():
        raise ValueError("every subject must have the same number of ratings in a Fleiss table")
    if n < 2:
        raise ValueError(f"Fleiss' kappa needs at least 2 ratings per subject; got {n}")
    pairs = (table * (table - 1)).sum(axis=1) / (n * (n - 1))
    return _fleiss_from_parts(float(pairs.mean()), table.sum(axis=0))


def brennan_prediger(ratings: RatingsLike, q: int) -> float:
    """Brennan-Prediger kappa_n (Bennett's S): ``(p_o - 1/q) / (1 - 1/q)``.

    ``p_o`` is :func:`percent_agreement` (pairwise, over the units every coder coded)
    and chance agreement is fixed by the number of categories ``q``, as in MAXQDA.

    Parameters
    ----------
    ratings
        Shape ``(n_coders, n_units)``.
    q
        The number of categories coders could choose from (2 for present/absent).

    Returns
    -------
    float
        ``nan`` when no unit was coded by every coder.

    Raises
    ------
    ValueError
        If ``q < 2`` or the ratings use more than ``q`` distinct values.

    Examples
    --------
    >>> round(brennan_prediger([[1, 1, 0, 0, 0], [1, 0, 0, 0, 0]], q=2), 4)
    0.6
    """
    if q < 2:
        raise ValueError(f"q, the number of categories, must be at least 2; got {q}")
    enc = _encode(_ratings(ratings))
    if enc.n_values > q:
        raise ValueError(f"ratings use {enc.n_values} distinct values, more than q={q} categories")
    p_o = _percent_agreement(enc.codes)[0]
    return (p_o - 1 / q) / (1 - 1 / q)


def coincidence_matrix(ratings: RatingsLike) -> tuple[npt.NDArray[Any], _FloatArray]:
    """Krippendorff's coincidence matrix of values.

    For every unit u with ``m_u >= 2`` values, each ordered pair of values (c, k) from
    different coders adds ``1 / (m_u - 1)`` to ``o[c, k]``; units with fewer than two
    values are not pairable and add nothing.

    Parameters
    ----------
    ratings
        Shape ``(n_coders, n_units)``, missing values allowed.

    Returns
    -------
    tuple
        ``(values, o)``: the distinct values (sorted) and the symmetric matrix ``o``
        whose rows and columns follow ``values``. ``o.sum()`` is the number of pairable values.

    Examples
    --------
    >>> values, o = coincidence_matrix([[1, 1, 2], [1, 2, None]])
    >>> values.tolist(), o.tolist()
    ([1, 2], [[2.0, 1.0], [1.0, 0.0]])
    """
    enc = _encode(_ratings(ratings))
    return enc.values, _coincidences(enc)


def krippendorff_alpha(ratings: RatingsLike, level: Level = "nominal") -> float:
    """Krippendorff's alpha, ``1 - (n - 1) * sum o_ck d2_ck / sum n_c n_k d2_ck``.

    Computed from the coincidence matrix (:func:`coincidence_matrix`), so any number of
    coders and missing values are allowed; units coded by a single coder are ignored.
    For codes use ``level="nominal"`` (the default here, unlike the ``krippendorff``
    package, whose default is interval).

    Parameters
    ----------
    ratings
        Shape ``(n_coders, n_units)``; ``None`` or ``nan`` marks a missing value.
    level
        The metric: ``"nominal"`` (d2 = 1 for different values), ``"ordinal"``,
        ``"interval"`` (d2 = (c - k)**2) or ``"ratio"`` (d2 = ((c - k)/(c + k))**2), as
        in Krippendorff (2011). All but nominal need numeric values.

    Returns
    -------
    float
        At most 1; ``nan`` when undefined: fewer than two distinct values among the
        pairable values (no variation), or no pairable unit.

    Raises
    ------
    ValueError
        With fewer than 2 coders, an unknown ``level``, or string values with a
        non-nominal level.

    Examples
    --------
    >>> coder_a = [None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3]
    >>> coder_b = [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None]
    >>> coder_c = [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4]
    >>> round(krippendorff_alpha([coder_a, coder_b, coder_c]), 3)
    0.691
    """
    return _alpha(_encode(_ratings(ratings)), level)[0]


# --------------------------------------------------------------------------- character tables


def _is_int(x: object) -> bool:
    return isinstance(x, int | np.integer) and not isinstance(x, bool)


def _length(length: int) -> int:
    if not _is_int(length) or length < 1:
        raise ValueError(f"length must be a positive integer; got {length!r}")
    return int(length)


def _span_arrays(spans: Sequence[Span], length: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    arr = np.asarray(spans) if len(spans) else np.zeros((0, 2), dtype=np.int64)
    if arr.ndim != 2 or arr.shape[1] != 2 or arr.dtype.kind not in "iu":
        raise ValueError(f"spans must be (start, end) pairs of integers; got {spans!r}")
    arr = arr.astype(np.int64)
    starts, ends = arr[:, 0], arr[:, 1]
    bad = (starts < 0) | (starts >= ends) | (ends > length)
    if bad.any():
        s, e = arr[bad][0]
        raise ValueError(f"span ({s}, {e}) is not within 0 <= start < end <= {length} (end is exclusive)")
    return starts, ends


def _coverage(spans: Sequence[Span], length: int) -> npt.NDArray[np.bool_]:
    """Which positions of ``[0, length)`` the union of the spans covers."""
    starts, ends = _span_arrays(spans, length)
    delta = np.bincount(starts, minlength=length + 1) - np.bincount(ends, minlength=length + 1)
    return np.cumsum(delta[:length]) > 0


def character_table(spans_a: Sequence[Span], spans_b: Sequence[Span], length: int) -> CharacterTable:
    """The 2x2 character table of one code on one document, for two coders.

    Each character gets "coded" or "not coded" per coder (overlapping spans of one coder
    count once); ``a`` counts characters coded by both, ``b`` by A only, ``c`` by B
    only, ``d`` by neither, so ``a + b + c + d == length`` (NVivo's coding comparison).

    Parameters
    ----------
    spans_a, spans_b
        Each coder's ``(start, end)`` spans with this code, end exclusive.
    length
        The document length in characters.

    Returns
    -------
    CharacterTable
        The named tuple ``(a, b, c, d)``.

    Raises
    ------
    ValueError
        If a span is empty or outside ``[0, length)``.

    Examples
    --------
    >>> character_table([(0, 10), (5, 20)], [(15, 30)], length=40)
    CharacterTable(a=5, b=15, c=10, d=10)
    """
    length = _length(length)
    in_a, in_b = _coverage(spans_a, length), _coverage(spans_b, length)
    both = int(np.count_nonzero(in_a & in_b))
    only_a = int(np.count_nonzero(in_a)) - both
    only_b = int(np.count_nonzero(in_b)) - both
    return CharacterTable(both, only_a, only_b, length - both - only_a - only_b)


def _table(table: CharacterTable | Sequence[int] | Sequence[Sequence[int]] | npt.NDArray[Any]) -> _IntArray:
    t = np.asarray(table)
    if t.shape == (4,):
        t = t.reshape(2, 2)
    if t.ndim != 2 or t.shape[0] != t.shape[1] or t.dtype.kind not in "iu" or (t < 0).any():
        raise ValueError(
            "table must be (a, b, c, d) or a square contingency table (coder A rows, coder B columns) "
            f"of non-negative integers; got {table!r}"
        )
    return t.astype(np.intp)


def cohen_kappa_from_table(table: CharacterTable | Sequence[int] | Sequence[Sequence[int]] | npt.NDArray[Any]) -> float:
    """Cohen's kappa from a 2x2 table ``(a, b, c, d)`` or a q x q contingency table.

    On a character table this is NVivo's documented computation:
    ``p_e = ((a+b)(a+c) + (c+d)(b+d)) / N**2``. It is *not* QualCoder's variant, which
    drops ``d`` and multiplies the marginals (see ``qda.md`` 6.3).

    Parameters
    ----------
    table
        ``(a, b, c, d)`` as from :func:`character_table` (equivalently
        ``[[a, b], [c, d]]``: coder A in rows, yes first), or any square table of
        counts with coder A in rows and coder B in columns.

    Returns
    -------
    float
        ``nan`` when undefined (``p_e = 1``, or an empty table).

    Examples
    --------
    >>> round(cohen_kappa_from_table((50, 100, 50, 800)), 4)
    0.3182
    """
    t = _table(table).astype(np.int64)
    return _kappa(int(t.sum()), int(np.trace(t)), t.sum(axis=1), t.sum(axis=0), pooled=False)


def percent_agreement_from_table(
    table: CharacterTable | Sequence[int] | Sequence[Sequence[int]] | npt.NDArray[Any],
) -> float:
    """Percent agreement (as a proportion) from a table: ``(a + d) / N`` for a 2x2 table.

    Parameters
    ----------
    table
        ``(a, b, c, d)`` or a square contingency table.

    Returns
    -------
    float
        ``nan`` for an empty table.

    Examples
    --------
    >>> percent_agreement_from_table((50, 75, 75, 800))
    0.85
    """
    t = _table(table)
    n = int(t.sum())
    return NAN if n == 0 else int(np.trace(t)) / n


def jaccard_from_table(table: CharacterTable | Sequence[int]) -> float:
    """Agreement on coded text only: the Jaccard index ``a / (a + b + c)``.

    This is what QualCoder reports as agreement on coded characters; report it under
    its own label, never as a kappa.

    Parameters
    ----------
    table
        ``(a, b, c, d)``.

    Returns
    -------
    float
        ``nan`` when neither coder coded anything.

    Examples
    --------
    >>> jaccard_from_table((50, 100, 50, 800))
    0.25
    """
    t = _table(table)
    if t.shape != (2, 2):
        raise ValueError("the Jaccard index needs a 2x2 table (a, b, c, d)")
    a, b, c = int(t[0, 0]), int(t[0, 1]), int(t[1, 0])
    return NAN if a + b + c == 0 else a / (a + b + c)


# --------------------------------------------------------------------------- unitized alpha


_Sections = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], _IntArray]


def _per_coder(by_coder: Mapping[Any, _T] | Sequence[_T]) -> list[_T]:
    coders = list(by_coder.values()) if isinstance(by_coder, Mapping) else list(by_coder)
    if len(coders) < 2:
        raise ValueError(f"reliability needs at least 2 coders; got {len(coders)}")
    return coders


def _alpha_u_core(sections: Sequence[_Sections], n_values: int) -> float:
    """u-alpha over sections (starts, ends, value codes; code 0 is a gap), sorted and
    non-overlapping within each coder. Stretches a coder left uncovered pair with nothing."""
    m = len(sections)
    bounds = np.unique(np.concatenate([np.concatenate([s, e]) for s, e, _ in sections]))
    left = bounds[:-1]
    piece = np.diff(bounds).astype(np.float64)
    counts = np.zeros((len(left), n_values))
    rows = np.arange(len(left))
    weights = np.zeros(n_values)
    for starts, ends, values in sections:
        if len(starts) == 0:
            continue
        k = np.searchsorted(starts, left, side="right") - 1
        safe = np.clip(k, 0, None)
        inside = (k >= 0) & (left < ends[safe])
        counts[rows[inside], values[safe[inside]]] += 1
        lengths = (ends - starts).astype(np.float64)
        weights += np.bincount(values, weights=np.where(values == 0, lengths, lengths**2), minlength=n_values)
    weighted = counts * piece[:, None]
    observed = (weighted.T @ counts - np.diag(weighted.sum(axis=0))) / (m - 1)
    margins = observed.sum(axis=1)
    total = float(margins.sum())
    denominator = total**2 - float(weights.sum())
    if np.count_nonzero(margins > 0) < 2 or denominator <= 0:
        return NAN
    expected_diagonal = total * (margins**2 - weights) / denominator
    disagreement_observed = total - float(np.trace(observed))
    disagreement_expected = total - float(expected_diagonal.sum())
    if disagreement_expected <= 0:
        return NAN
    return 1.0 - disagreement_observed / disagreement_expected


def _merge_overlaps(
    starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Sort spans and merge the ones that overlap; spans that only touch stay separate units."""
    if len(starts) == 0:
        return starts, ends
    order = np.lexsort((ends, starts))
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    first = np.concatenate([[True], starts[1:] >= reach[:-1]])
    at = np.flatnonzero(first)
    return starts[at], np.maximum.reduceat(ends, at)


def alpha_u(spans_by_coder: Mapping[Any, Sequence[Span]] | Sequence[Sequence[Span]], length: int) -> float:
    """Krippendorff's unitized alpha (u-alpha) of one code on a continuum.

    Each coder's spans with the code are the units (value "code present"); the rest of
    ``[0, length)`` is that coder's gaps. With one code this is the binary u-alpha
    (Krippendorff, Mathet, Bouvry & Widloecher 2016; ``qda.md`` 6.2): observed
    coincidences ``l_ck`` are overlap lengths between different coders' sections
    (divided by ``m - 1``); expected ones are
    ``e_ck = l.. (l_c. l_.k - [c = k] sum w(s)) / (l..**2 - sum w(s))`` with
    ``w(s) = len**2`` for a unit and ``len`` for a gap; ``u-alpha =
    1 - (l.. - sum l_cc) / (l.. - sum e_cc)``.

    Overlapping spans of one coder are merged into one unit; spans that merely touch
    (``(0, 5)`` and ``(5, 9)``) stay two units: they code the same characters, but two
    short units weigh less than one long one in the expected coincidences.

    Parameters
    ----------
    spans_by_coder
        For each coder (a sequence, or a mapping coder -> spans) the ``(start, end)``
        spans marked with the code, end exclusive.
    length
        The continuum's length; every span must lie in ``[0, length)``.

    Returns
    -------
    float
        At most 1; ``nan`` when undefined, i.e. no variation: no coder marked anything,
        or every coder marked the whole continuum.

    Raises
    ------
    ValueError
        With fewer than 2 coders, or a span that is empty or out of range.

    Examples
    --------
    >>> round(alpha_u([[(3, 14), (22, 52)], [(3, 9), (22, 52)], [(22, 45)]], length=56), 4)
    0.5955
    >>> alpha_u([[(10, 20)], [(10, 20)]], length=50)
    1.0
    """
    length = _length(length)
    sections: list[_Sections] = []
    for spans in _per_coder(spans_by_coder):
        starts, ends = _merge_overlaps(*_span_arrays(spans, length))
        gap_starts = np.concatenate([[0], ends])
        gap_ends = np.concatenate([starts, [length]])
        keep = gap_starts < gap_ends
        all_starts = np.concatenate([starts, gap_starts[keep]])
        all_ends = np.concatenate([ends, gap_ends[keep]])
        values = np.concatenate([np.ones(len(starts), dtype=np.intp), np.zeros(int(keep.sum()), dtype=np.intp)])
        order = np.argsort(all_starts, kind="stable")
        sections.append((all_starts[order], all_ends[order], values[order]))
    return _alpha_u_core(sections, 2)


def alpha_u_sections(sections_by_coder: Mapping[Any, Sequence[Section]] | Sequence[Sequence[Section]]) -> float:
    """Unitized alpha (u-alpha, nominal) from explicit sections with any number of values.

    The general form behind :func:`alpha_u`: each coder partitions the continuum into
    sections ``(start, end, value)`` (end exclusive), ``value`` being the unit's value
    or ``None`` for a gap. Sections of one coder must not overlap. A stretch a coder
    leaves uncovered is treated as not observed by that coder: it pairs with nothing,
    as a missing value in :func:`krippendorff_alpha` (and as in the
    ``krippendorff-unitized-alpha`` package). For one code with gaps filled in
    automatically use :func:`alpha_u`.

    Parameters
    ----------
    sections_by_coder
        For each coder (a sequence, or a mapping coder -> sections) its sections.

    Returns
    -------
    float
        At most 1; ``nan`` when undefined (a single value, or only gaps, everywhere).

    Raises
    ------
    ValueError
        With fewer than 2 coders, or a section that is empty, negative or overlaps
        another section of the same coder.

    Examples
    --------
    >>> ann = [(0, 4, None), (4, 10, "ally"), (10, 20, None)]
    >>> bo = [(0, 4, None), (4, 8, "ally"), (8, 20, None)]
    >>> round(alpha_u_sections([ann, bo]), 4)
    0.747
    """
    coders = _per_coder(sections_by_coder)
    codes: dict[Hashable, int] = {None: 0}
    sections: list[_Sections] = []
    for i, coder in enumerate(coders):
        if any(len(s) != 3 or not all(_is_int(x) for x in s[:2]) for s in coder):
            raise ValueError(f"coder {i}: sections must be (start, end, value) with integer start and end")
        starts = np.fromiter((s[0] for s in coder), dtype=np.int64, count=len(coder))
        ends = np.fromiter((s[1] for s in coder), dtype=np.int64, count=len(coder))
        values = np.fromiter((codes.setdefault(s[2], len(codes)) for s in coder), dtype=np.intp, count=len(coder))
        bad = (starts < 0) | (starts >= ends)
        if bad.any():
            raise ValueError(f"coder {i}: section {coder[int(np.argmax(bad))]!r} must have 0 <= start < end")
        order = np.argsort(starts, kind="stable")
        starts, ends, values = starts[order], ends[order], values[order]
        if (starts[1:] < ends[:-1]).any():
            raise ValueError(f"coder {i}: sections overlap; a coder's sections must partition the continuum")
        sections.append((starts, ends, values))
    return _alpha_u_core(sections, len(codes))


# --------------------------------------------------------------------------- report


def _report(code: str | None, arr: npt.NDArray[Any]) -> list[ReliabilityResult]:
    enc = _encode(arr)
    m = arr.shape[0]
    stats: list[tuple[str, tuple[float, int]]] = [("percent_agreement", _percent_agreement(enc.codes))]
    if m == 2:
        stats.append(("cohen_kappa", _two_coder_kappa(enc, pooled=False)))
    stats += [("fleiss_kappa", _fleiss(enc)), ("krippendorff_alpha", _alpha(enc, "nominal"))]
    return [ReliabilityResult(code, name, value, n, m) for name, (value, n) in stats]


def reliability_report(ratings_by_code: Mapping[str, RatingsLike]) -> list[ReliabilityResult]:
    """Per code and overall: percent agreement, Cohen's kappa (exactly 2 coders only),
    Fleiss' kappa and nominal Krippendorff's alpha, each with its number of units.

    The overall rows (``code=None``, last) pool the units of every code: each
    (code, unit) pair is one unit, so they are meaningful when codes share a value
    scale, e.g. 1/0 for present/absent. Pooling numbers with strings is an error.

    Parameters
    ----------
    ratings_by_code
        ``{code: ratings}``, each of shape ``(n_coders, n_units)`` with the same coders
        (rows) in the same order; the number of units may differ between codes.

    Returns
    -------
    list of ReliabilityResult
        Codes in the mapping's order, then the pooled rows; statistics in the order
        above. Undefined values are ``nan`` (see the module docstring).

    Raises
    ------
    ValueError
        With fewer than 2 coders, or codes rated by different numbers of coders.

    Examples
    --------
    >>> rows = reliability_report({"trade": [[1, 0, 1, 1], [1, 0, 0, 1]], "security": [[0, 0, 1, 0], [0, 1, 1, 0]]})
    >>> [(r.code, round(r.value, 3), r.n_units) for r in rows if r.statistic == "krippendorff_alpha"]
    [('trade', 0.533, 4), ('security', 0.533, 4), (None, 0.531, 8)]
    """
    arrays = {code: _ratings(r) for code, r in ratings_by_code.items()}
    results = [row for code, arr in arrays.items() for row in _report(code, arr)]
    if arrays:
        coders = {arr.shape[0] for arr in arrays.values()}
        if len(coders) != 1:
            raise ValueError(f"every code must be rated by the same coders; got {sorted(coders)} coders across codes")
        results += _report(None, _combine(list(arrays.values()), axis=1))
    return results
