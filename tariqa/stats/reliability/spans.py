"""Agreement on spans of a continuum: character tables (NVivo's and QualCoder's coding
comparison) and Krippendorff's unitized alpha (u-alpha)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from tariqa.stats.reliability.coefficients import _kappa
from tariqa.stats.reliability.data import (
    NAN,
    CharacterTable,
    Section,
    Span,
    TableLike,
    _IntArray,
    _is_int,
    _length,
    _per_coder,
    _span_arrays,
)

# --------------------------------------------------------------------------- character tables


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


def _table(table: TableLike) -> _IntArray:
    t = np.asarray(table)
    if t.shape == (4,):
        t = t.reshape(2, 2)
    if t.ndim != 2 or t.shape[0] != t.shape[1] or t.dtype.kind not in "iu" or (t < 0).any():
        raise ValueError(
            "table must be (a, b, c, d) or a square contingency table (coder A rows, coder B columns) "
            f"of non-negative integers; got {table!r}"
        )
    return t.astype(np.intp)


def cohen_kappa_from_table(table: TableLike) -> float:
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


def percent_agreement_from_table(table: TableLike) -> float:
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


def _by_start(starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64], values: _IntArray) -> _Sections:
    order = np.argsort(starts, kind="stable")
    return starts[order], ends[order], values[order]


def _with_gaps(spans: Sequence[Span], length: int) -> _Sections:
    """One coder's sections for :func:`alpha_u`: the merged spans (value 1) and the gaps
    between them (value 0), covering ``[0, length)``."""
    starts, ends = _merge_overlaps(*_span_arrays(spans, length))
    gap_starts = np.concatenate([[0], ends])
    gap_ends = np.concatenate([starts, [length]])
    keep = gap_starts < gap_ends
    all_starts = np.concatenate([starts, gap_starts[keep]])
    all_ends = np.concatenate([ends, gap_ends[keep]])
    values = np.concatenate([np.ones(len(starts), dtype=np.intp), np.zeros(int(keep.sum()), dtype=np.intp)])
    return _by_start(all_starts, all_ends, values)


def _coder_sections(i: int, coder: Sequence[Section], codes: dict[Hashable, int]) -> _Sections:
    """Coder ``i``'s sections for :func:`alpha_u_sections`, checked and sorted; values are
    coded through ``codes`` (which grows as new values appear)."""
    if any(len(s) != 3 or not all(_is_int(x) for x in s[:2]) for s in coder):
        raise ValueError(f"coder {i}: sections must be (start, end, value) with integer start and end")
    starts = np.fromiter((s[0] for s in coder), dtype=np.int64, count=len(coder))
    ends = np.fromiter((s[1] for s in coder), dtype=np.int64, count=len(coder))
    values = np.fromiter((codes.setdefault(s[2], len(codes)) for s in coder), dtype=np.intp, count=len(coder))
    bad = (starts < 0) | (starts >= ends)
    if bad.any():
        raise ValueError(f"coder {i}: section {coder[int(np.argmax(bad))]!r} must have 0 <= start < end")
    starts, ends, values = _by_start(starts, ends, values)
    if (starts[1:] < ends[:-1]).any():
        raise ValueError(f"coder {i}: sections overlap; a coder's sections must partition the continuum")
    return starts, ends, values


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
    return _alpha_u_core([_with_gaps(spans, length) for spans in _per_coder(spans_by_coder)], 2)


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
    codes: dict[Hashable, int] = {None: 0}
    sections = [_coder_sections(i, coder, codes) for i, coder in enumerate(_per_coder(sections_by_coder))]
    return _alpha_u_core(sections, len(codes))
