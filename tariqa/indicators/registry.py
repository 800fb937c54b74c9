"""The indicator registry: each indicator has a name, a label, its formula in words and
symbols, and a function from a group's data to rows of measurements.

Every measurement is one :class:`Row` in long form (group, indicator, measure, subject,
period, value, unit), so one table, CSV or JSON shape serves every indicator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from tariqa.errors import UsageError

if TYPE_CHECKING:
    from tariqa.indicators.data import GroupData

Value = float | int | str | None


@dataclass(frozen=True)
class Row:
    """One measurement. ``subject`` names what was measured (a format, a pair, a track)."""

    group: str
    indicator: str
    measure: str
    subject: str
    period: str
    value: Value
    unit: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Measure = tuple[str, str, Value, str] | tuple[str, str, Value, str, str]
"""What an indicator function yields: (measure, subject, value, unit[, note])."""


@dataclass(frozen=True)
class Indicator:
    name: str
    label: str
    formula: str
    function: Callable[[GroupData], list[Measure]]
    by_year: bool = True
    """False when the indicator only makes sense over a whole period (intervals, lapses)."""

    def rows(self, data: GroupData) -> list[Row]:
        return [
            Row(data.group.id, self.name, m[0], m[1], data.period, _rounded(m[2]), m[3], m[4] if len(m) > 4 else "")
            for m in self.function(data)
        ]


REGISTRY: dict[str, Indicator] = {}


def indicator(
    name: str, label: str, formula: str, by_year: bool = True
) -> Callable[[Callable[[GroupData], list[Measure]]], Callable[[GroupData], list[Measure]]]:
    """Register the decorated function as indicator ``name``."""

    def register(function: Callable[[GroupData], list[Measure]]) -> Callable[[GroupData], list[Measure]]:
        if name in REGISTRY:
            raise ValueError(f"indicator {name!r} registered twice")
        REGISTRY[name] = Indicator(name, label, " ".join(formula.split()), function, by_year)
        return function

    return register


def chosen(names: list[str] | None) -> list[Indicator]:
    """The registered indicators named (all when ``names`` is empty), in registry order."""
    if not names:
        return list(REGISTRY.values())
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise UsageError(f"unknown indicator {unknown[0]!r} (known: {', '.join(REGISTRY)})")
    return [REGISTRY[n] for n in REGISTRY if n in names]


def _rounded(value: Value) -> Value:
    return round(value, 4) if isinstance(value, float) else value
