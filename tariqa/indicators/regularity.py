"""Regularity of each format: rounds held, intervals, cadence, lapse, host rotation and
ordinal gaps. The calendar projects next rounds from the same figures.

A *round* is a held meeting or exercise of the format (declarations and visits attached to
a format are not rounds). Months are 30.4375-day months. A format *lapses* when the time
since its last round exceeds twice its cadence (the rule the record checks also use).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from tariqa.indicators.data import Ev, GroupData
from tariqa.indicators.registry import Measure, indicator
from tariqa.model import Format

ROUND_KINDS = frozenset({"meeting", "exercise"})
WITHIN = 1.25
"""An interval counts as within cadence up to 25 % beyond it."""
LAPSE = 2.0


def months_between(a: date, b: date) -> float:
    """Months from ``a`` to ``b``.

    >>> months_between(date(2020, 1, 1), date(2021, 1, 1))
    12.0
    """
    return round((b - a).days / 30.4375, 1)


def add_months(day: date, months: float) -> date:
    """``day`` moved by ``months`` 30.4375-day months.

    >>> add_months(date(2024, 7, 3), 11).isoformat()
    '2025-06-03'
    """
    return day + timedelta(days=round(months * 30.4375))


def rounds(events: list[Ev]) -> list[Ev]:
    """The held rounds among a format's events, by date."""
    return sorted((e for e in events if e.held and e.kind in ROUND_KINDS), key=lambda e: (e.date, e.id))


@dataclass(frozen=True)
class Regularity:
    """How regularly a format has met, as of a date."""

    format: Format
    rounds: list[Ev]
    intervals: list[float]
    as_of: date

    @property
    def cadence(self) -> float | None:
        """The declared or observed cadence in months; else the median interval, if any."""
        if self.format.cadence_months:
            return float(self.format.cadence_months)
        return statistics.median(self.intervals) if self.intervals else None

    @property
    def last(self) -> Ev | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def months_since_last(self) -> float | None:
        last = self.last
        return months_between(last.end or last.date, self.as_of) if last else None

    @property
    def lapsed(self) -> bool:
        since, cadence = self.months_since_last, self.cadence
        return since is not None and cadence is not None and since > LAPSE * cadence

    def median_interval(self) -> float | None:
        return round(statistics.median(self.intervals), 1) if self.intervals else None

    def cv(self) -> float | None:
        """Coefficient of variation of the intervals (sample standard deviation / mean)."""
        if len(self.intervals) < 2:
            return None
        mean = statistics.fmean(self.intervals)
        return statistics.stdev(self.intervals) / mean if mean else None

    def within_cadence(self) -> float | None:
        cadence = self.cadence
        if cadence is None or not self.intervals:
            return None
        return sum(i <= WITHIN * cadence for i in self.intervals) / len(self.intervals)

    def rotation_adherence(self) -> float | None:
        """Share of successive hosted rounds (in person, not on another event's sidelines)
        whose host follows the previous host in the rotation."""
        order = self.format.rotation
        hosted = [e.host for e in self.rounds if e.host and e.hosted]
        steps = list(pairwise(hosted))
        if not order or not steps:
            return None
        follows = sum(a in order and b == order[(order.index(a) + 1) % len(order)] for a, b in steps)
        return follows / len(steps)

    def distinct_hosts(self) -> float | None:
        """Share of successive rounds hosted by a different state (rotation in practice)."""
        steps = list(pairwise([e.host for e in self.rounds if e.host and e.hosted]))
        return sum(a != b for a, b in steps) / len(steps) if steps else None

    def ordinal_gaps(self) -> list[int]:
        """Ordinals missing below the highest ordinal recorded for the format."""
        present = {e.ordinal for e in self.rounds if e.ordinal}
        return sorted(set(range(1, max(present, default=0) + 1)) - present)

    def next_host(self) -> str | None:
        """The next host by the rotation, after the last round's host."""
        order, last = self.format.rotation, self.last
        if not order or last is None or last.host not in order:
            return None
        return order[(order.index(last.host) + 1) % len(order)]

    def next_ordinal(self) -> int | None:
        last = self.last
        if last is None:
            return None
        numbered = [e.ordinal for e in self.rounds if e.ordinal]
        return max(numbered) + 1 if numbered else None


def state(reg: Regularity) -> tuple[str, str]:
    """A format's state as of the record's date, in one vocabulary (``active``,
    ``dormant``, ``never met``), and why.

    A format is dormant when the record says so (its announced next round did not take
    place) or when no round was held for over twice its cadence.
    """
    if reg.format.status.value != "active":
        return "dormant", "the record marks the format dormant"
    if reg.last is None:
        return "never met", "no round has been held"
    if reg.lapsed:
        since, cadence = reg.months_since_last, reg.cadence
        return "dormant", f"{since:.0f} months since the last round, over twice its cadence ({cadence:g} months)"
    return "active", ""


def regularity(fmt: Format, events: list[Ev], as_of: date) -> Regularity:
    """How regularly ``fmt`` met, measured at ``as_of``, or at the date the format was
    checked through when that is earlier (the record says nothing of what came after)."""
    if fmt.checked_through and fmt.checked_through < as_of:
        as_of = fmt.checked_through
    held = rounds(events)
    intervals = [months_between(a.date, b.date) for a, b in pairwise(held)]
    return Regularity(fmt, held, intervals, as_of)


@indicator(
    "regularity",
    "Regularity of each format",
    """Per format: rounds held (held meetings and exercises); median interval between rounds
    in months; coefficient of variation CV = s / mean of the intervals; within-cadence share =
    intervals ≤ 1.25 × cadence / intervals; months since the last round and lapse ratio =
    months since last / cadence (dormant when > 2, or when the record says so); rotation
    adherence = successive hosted rounds whose host follows the previous host in the declared
    rotation / successive hosted rounds, where a hosted round is held in person and not on
    the sidelines of another event (without a rotation: the share hosted by a different
    state); ordinal gaps = missing round numbers.""",
    by_year=False,
)
def regularity_rows(data: GroupData) -> list[Measure]:
    rows: list[Measure] = []
    for fmt in data.formats:
        reg = regularity(fmt, data.rounds(fmt.id), data.as_of)
        since = reg.months_since_last
        cadence = reg.cadence
        rows += [
            ("rounds held", fmt.id, len(reg.rounds), "rounds"),
            ("first round", fmt.id, reg.rounds[0].date.isoformat() if reg.rounds else None, "date"),
            ("last round", fmt.id, reg.last.date.isoformat() if reg.last else None, "date"),
            ("median interval", fmt.id, reg.median_interval(), "months"),
            ("interval CV", fmt.id, reg.cv(), "ratio"),
            ("cadence", fmt.id, cadence, "months", fmt.cadence_basis.value if fmt.cadence_months else "median"),
            ("within cadence", fmt.id, reg.within_cadence(), "share"),
            ("months since last", fmt.id, since, "months", f"as of {data.as_of}"),
            ("lapse ratio", fmt.id, since / cadence if since is not None and cadence else None, "ratio"),
            ("state", fmt.id, *state(reg)),
        ]
        if fmt.rotation:
            rows.append(
                (
                    "rotation adherence",
                    fmt.id,
                    reg.rotation_adherence(),
                    "share",
                    "declared" if fmt.rotation_declared else "observed",
                )
            )
        else:
            rows.append(("different host", fmt.id, reg.distinct_hosts(), "share", "no rotation recorded"))
        gaps = reg.ordinal_gaps()
        rows.append(("ordinal gaps", fmt.id, len(gaps), "rounds", ", ".join(map(str, gaps))))
    return rows
