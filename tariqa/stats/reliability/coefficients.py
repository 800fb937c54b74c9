"""Coefficients on units: percent agreement, Cohen's kappa, Scott's pi, Fleiss' kappa,
Brennan-Prediger, and the per-code report that adds Krippendorff's alpha."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from tariqa.stats.reliability.alpha import _alpha
from tariqa.stats.reliability.data import (
    NAN,
    RatingsLike,
    ReliabilityResult,
    ValuesLike,
    _as_array,
    _combine,
    _encode,
    _Encoded,
    _IntArray,
    _pairs,
    _ratings,
)

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


def _two_coders(a: ValuesLike, b: ValuesLike) -> _Encoded:
    x, y = _as_array(a, 1), _as_array(b, 1)
    if len(x) != len(y):
        raise ValueError(f"the two coders must rate the same units; got {len(x)} and {len(y)} values")
    return _encode(_combine([x, y], axis=0))


def cohen_kappa(a: ValuesLike, b: ValuesLike) -> float:
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


def scott_pi(a: ValuesLike, b: ValuesLike) -> float:
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
        above. Undefined values are ``nan`` (see :mod:`tariqa.stats.reliability`).

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
