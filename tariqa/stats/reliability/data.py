"""Reliability inputs and results: the types, ratings and spans checked and converted to
arrays, and ratings encoded as integer codes for the statistics."""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

Level = Literal["nominal", "ordinal", "interval", "ratio"]
RatingsLike = npt.NDArray[Any] | Sequence[Sequence[object]]
ValuesLike = npt.NDArray[Any] | Sequence[object]
Span = tuple[int, int]
Section = tuple[int, int, Hashable]
_T = TypeVar("_T")
_U = TypeVar("_U", bound=Hashable)
_IntArray = npt.NDArray[np.intp]
_FloatArray = npt.NDArray[np.float64]

NAN = float("nan")
_NUMERIC_KINDS = "biuf"
_TEXT_KINDS = "US"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ReliabilityResult:
    """One statistic for one code (``code=None``: all codes pooled).

    ``n_units`` is the number of units the statistic was computed on (see
    :mod:`tariqa.stats.reliability` for which units each statistic uses); ``value``
    may be ``nan`` when the statistic is undefined.
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


TableLike = CharacterTable | Sequence[int] | Sequence[Sequence[int]] | npt.NDArray[Any]


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
    per_coder = _listed(codings)
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


def _listed(by_coder: Mapping[Any, _T] | Sequence[_T]) -> list[_T]:
    """One item per coder: the values of a mapping (in its order), or the sequence."""
    return list(by_coder.values()) if isinstance(by_coder, Mapping) else list(by_coder)


def _per_coder(by_coder: Mapping[Any, _T] | Sequence[_T]) -> list[_T]:
    coders = _listed(by_coder)
    if len(coders) < 2:
        raise ValueError(f"reliability needs at least 2 coders; got {len(coders)}")
    return coders


# --------------------------------------------------------------------------- spans


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
