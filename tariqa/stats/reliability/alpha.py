"""Krippendorff's alpha on units: the coincidence matrix and alpha at the nominal,
ordinal, interval and ratio levels."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, get_args

import numpy as np
import numpy.typing as npt

from tariqa.stats.reliability.data import (
    _NUMERIC_KINDS,
    NAN,
    Level,
    RatingsLike,
    _encode,
    _Encoded,
    _FloatArray,
    _IntArray,
    _pairs,
    _ratings,
)

_LEVELS: tuple[str, ...] = get_args(Level)


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
