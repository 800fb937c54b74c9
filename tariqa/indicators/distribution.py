"""Where one value stands among a class of values: quartiles, rank and percentile.

The functions are pure and take the values of every group of the class, so the command
line, the web app and the report, which all call them through one task, agree.

>>> quartiles([1, 2, 3, 4, 5])
(1, 2.0, 3.0, 4.0, 5)
>>> rank(4, [1, 2, 3, 4, 5]), percentile(4, [1, 2, 3, 4, 5])
(2, 70.0)
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

Number = int | float


def quartiles(values: Sequence[Number]) -> tuple[Number, float, float, float, Number]:
    """Minimum, first quartile, median, third quartile and maximum (quartiles by linear
    interpolation between the sorted values, as ``statistics.quantiles(method="inclusive")``).

    >>> quartiles([7])
    (7, 7.0, 7.0, 7.0, 7)
    """
    if not values:
        raise ValueError("no values: quartiles need at least one")
    ordered = sorted(values)
    if len(ordered) == 1:
        only = float(ordered[0])
        return ordered[0], only, only, only, ordered[0]
    q1, q2, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return ordered[0], q1, q2, q3, ordered[-1]


def rank(value: Number, values: Sequence[Number]) -> int:
    """1 for the highest value of ``values``; ties share the better rank (as the ranking
    of the composite index under weight schemes does).

    >>> rank(2, [3, 2, 2, 1])
    2
    """
    return 1 + sum(v > value for v in values)


def percentile(value: Number, values: Sequence[Number]) -> float:
    """The percentile rank of ``value``: the share of ``values`` below it, counting ties as
    half, times 100 (50 for a value equal to every other; one decimal).

    >>> percentile(1, [1, 1]), percentile(3, [1, 2, 3])
    (50.0, 83.3)
    """
    if not values:
        raise ValueError("no values: a percentile needs at least one")
    below = sum(v < value for v in values)
    equal = sum(v == value for v in values)
    return round(100 * (below + 0.5 * equal) / len(values), 1)
