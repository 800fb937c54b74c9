"""UN General Assembly voting alignment: dyadic agreement measures and group unanimity.

For two states and the roll calls on which both voted yes (1), abstain (2) or no (3), every
measure here is a function of their 3 x 3 table of joint votes (see ``docs/alignment.md``):

* ``agree``: exact agreement, the share of identical votes;
* ``agree_half``: agreement with abstention as half, 1 - mean |x - y| / 2 (Voeten's ``agree``);
* ``s_abs``, ``s_sq``: Signorino–Ritter S with absolute and squared distances;
* ``kappa``: Cohen's weighted kappa with quadratic weights, 1 - D_o / D_e, where D_e comes
  from each state's own vote distribution (Häge 2011).

Ideal-point distance is |theta_i - theta_j| from Bailey, Strezhnev & Voeten's estimates.
Everything is computed on arrays for all periods at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import TYPE_CHECKING, Final, Literal

import numpy as np
from numpy.typing import NDArray

from tariqa.errors import UsageError

if TYPE_CHECKING:
    from tariqa.io.unvotes import IdealPoints, Notice, UNVotes

By = Literal["session", "year"]
FloatArray = NDArray[np.float64]
_LEVELS: Final = np.arange(1, 4)
_LINEAR: Final = np.abs(_LEVELS[:, None] - _LEVELS[None, :]).astype(float)
_SQUARED: Final = _LINEAR**2
#: The session that opens in September of a year is that year minus this (session 1: 1946).
SESSION_YEAR_OFFSET: Final = 1945
#: Fewer joint votes than this in a period are flagged (the reference's rule of thumb).
MIN_VOTES: Final = 20
#: UN short-name changes, for a hint when a state's votes break off (state: (new name, year)).
UN_NAME_CHANGES: Final = {
    "TUR": ("Türkiye", 2022),
    "MKD": ("North Macedonia", 2019),
    "SWZ": ("Eswatini", 2018),
    "CZE": ("Czechia", 2016),
    "CPV": ("Cabo Verde", 2013),
}


@dataclass(frozen=True)
class PairRow:
    """The measures for one pair of states in one session or year."""

    period: int
    a: str
    b: str
    n: int
    agree: float
    agree_half: float
    s_abs: float
    s_sq: float
    kappa: float | None
    ideal_a: float | None
    ideal_b: float | None
    ipd: float | None
    source: str
    note: str = ""


@dataclass(frozen=True)
class GroupRow:
    """The share of roll calls on which every member voted alike, among those all voted on."""

    period: int
    states: tuple[str, ...]
    n: int
    unanimity: float
    note: str = ""


@dataclass(frozen=True)
class Alignment:
    by: By
    states: tuple[str, ...]
    pairs: list[PairRow]
    group: list[GroupRow]
    notices: list[Notice]


def joint_tables(x: NDArray[np.int8], y: NDArray[np.int8], period: NDArray[np.int64], n_periods: int) -> FloatArray:
    """Per period, the 3 x 3 table of joint votes (0 in ``x`` or ``y`` means no vote)."""
    both = (x > 0) & (y > 0)
    cell = period[both] * 9 + (x[both].astype(np.int64) - 1) * 3 + (y[both] - 1)
    return np.bincount(cell, minlength=n_periods * 9).reshape(n_periods, 3, 3).astype(float)


def measures(tables: FloatArray) -> dict[str, FloatArray]:
    """Every dyadic measure from a stack of 3 x 3 joint-vote tables (nan where n = 0)."""
    n = tables.sum(axis=(1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = tables / n[:, None, None]
        linear = np.einsum("kab,ab->k", p, _LINEAR)
        squared = np.einsum("kab,ab->k", p, _SQUARED)
        row, col = p.sum(axis=2), p.sum(axis=1)
        expected = np.einsum("ka,ab,kb->k", row, _SQUARED, col)
        kappa = np.where(expected > 0, 1 - squared / expected, np.nan)
        return {
            "n": n,
            "agree": np.trace(p, axis1=1, axis2=2),
            "agree_half": 1 - linear / 2,
            "s_abs": 1 - linear,
            "s_sq": 1 - squared / 2,
            "kappa": kappa,
        }


def pair_measures(x: Sequence[int], y: Sequence[int]) -> dict[str, float]:
    """The measures for two vote sequences (1 yes, 2 abstain, 3 no, 0 or other: no vote).

    >>> m = pair_measures([1, 1, 2, 3], [1, 3, 2, 3])
    >>> m["agree"], m["agree_half"], m["s_abs"], m["n"]
    (0.75, 0.75, 0.5, 4.0)
    """
    xa = np.asarray(x, np.int8)
    ya = np.asarray(y, np.int8)
    xa = np.where((xa >= 1) & (xa <= 3), xa, 0).astype(np.int8)
    ya = np.where((ya >= 1) & (ya <= 3), ya, 0).astype(np.int8)
    tables = joint_tables(xa, ya, np.zeros(len(xa), np.int64), 1)
    return {k: float(v[0]) for k, v in measures(tables).items()}


def unanimity(matrix: NDArray[np.int8], period: NDArray[np.int64], n_periods: int) -> tuple[FloatArray, FloatArray]:
    """Per period, the roll calls every column voted on and the share of them voted alike."""
    all_voted = np.all(matrix > 0, axis=1)
    alike = all_voted & np.all(matrix == matrix[:, :1], axis=1)
    n = np.bincount(period[all_voted], minlength=n_periods).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return n, np.bincount(period[alike], minlength=n_periods) / n


@dataclass(frozen=True)
class VoteMatrix:
    """Roll calls (rows) by states (columns), 0 for no vote, with each roll call's period."""

    periods: NDArray[np.int64]  # the distinct period labels, ascending
    period: NDArray[np.int64]  # per roll call, index into ``periods``
    session: NDArray[np.int64]  # per roll call
    source: NDArray[np.int8]  # per roll call
    votes: NDArray[np.int8]
    states: tuple[str, ...]
    by: By


def vote_matrix(
    votes: UNVotes, states: Sequence[str], by: By = "session", since: date | None = None, until: date | None = None
) -> VoteMatrix:
    """Arrange the votes of ``states`` by roll call, keeping every roll call in the window."""
    keep = np.ones(len(votes), bool)
    if since is not None:
        keep &= votes.day >= np.datetime64(since, "D")
    if until is not None:
        keep &= votes.day <= np.datetime64(until, "D")
    if not keep.all():
        votes = votes.take(keep)
    keys = votes.source.astype(np.int64) * (1 << 40) + votes.roll_call
    calls, first, row = np.unique(keys, return_index=True, return_inverse=True)
    label = (votes.session if by == "session" else votes.year)[first]
    periods, period = np.unique(label, return_inverse=True)
    matrix = np.zeros((len(calls), len(states)), np.int8)
    for j, state in enumerate(states):
        mine = votes.state == state
        matrix[row.ravel()[mine], j] = votes.vote[mine]
    return VoteMatrix(periods, period.ravel(), votes.session[first], votes.source[first], matrix, tuple(states), by)


def alignment(
    votes: UNVotes,
    states: Sequence[str],
    by: By = "session",
    since: date | None = None,
    until: date | None = None,
    ideal: IdealPoints | None = None,
    min_votes: int = MIN_VOTES,
) -> Alignment:
    """Every pair's measures and the group's unanimity, per session or year, with notices."""
    from tariqa.io.unvotes import Notice

    states = tuple(dict.fromkeys(s.upper() for s in states))
    if len(states) < 2:
        raise UsageError(f"alignment needs at least two states; got {', '.join(states) or 'none'}")
    vm = vote_matrix(votes, states, by, since, until)
    voted = vm.votes > 0
    silent = [s for j, s in enumerate(states) if not voted[:, j].any()]
    notices = [n for n in votes.notices if not n.states or set(n.states) & set(states)]
    notices += [Notice("no-votes", f"{s} has no votes in the data read (in this window)", (s,)) for s in silent]
    notices += _coverage_gaps(vm, states, min_votes)
    pairs = [r for a, b in combinations(range(len(states)), 2) for r in _pair_rows(vm, (a, b), votes, ideal, min_votes)]
    group = _group_rows(vm, states, min_votes) if len(states) > 2 else []
    flagged: list[PairRow | GroupRow] = [*pairs, *group]
    for r in flagged:
        if r.note:
            who = f"{r.a}–{r.b}" if isinstance(r, PairRow) else "–".join(r.states)
            notices.append(Notice("few-votes", f"{who}, {by} {r.period}: {r.note}", _who(r)))
    return Alignment(by, states, pairs, group, notices)


def _who(r: PairRow | GroupRow) -> tuple[str, ...]:
    return (r.a, r.b) if isinstance(r, PairRow) else r.states


def _pair_rows(
    vm: VoteMatrix, pair: tuple[int, int], votes: UNVotes, ideal: IdealPoints | None, min_votes: int
) -> list[PairRow]:
    a, b = pair
    states = vm.states
    tables = joint_tables(vm.votes[:, a], vm.votes[:, b], vm.period, len(vm.periods))
    m = measures(tables)
    rows = []
    for k in np.flatnonzero(m["n"] > 0):
        period = int(vm.periods[k])
        session = period if vm.by == "session" else period - SESSION_YEAR_OFFSET
        ia = ideal.get(states[a], session) if ideal else None
        ib = ideal.get(states[b], session) if ideal else None
        in_period = vm.period == k
        used = sorted({votes.sources[s] for s in np.unique(vm.source[in_period]).tolist()})
        n = int(m["n"][k])
        rows.append(
            PairRow(
                period,
                states[a],
                states[b],
                n,
                float(m["agree"][k]),
                float(m["agree_half"][k]),
                float(m["s_abs"][k]),
                float(m["s_sq"][k]),
                None if np.isnan(m["kappa"][k]) else float(m["kappa"][k]),
                ia,
                ib,
                abs(ia - ib) if ia is not None and ib is not None else None,
                "; ".join(used),
                _few(n, min_votes),
            )
        )
    return rows


def _few(n: int, min_votes: int) -> str:
    return f"{n} joint vote{'s' if n != 1 else ''} (fewer than {min_votes}): unreliable" if n < min_votes else ""


def _group_rows(vm: VoteMatrix, states: tuple[str, ...], min_votes: int) -> list[GroupRow]:
    n, share = unanimity(vm.votes, vm.period, len(vm.periods))
    return [
        GroupRow(int(vm.periods[k]), states, int(n[k]), float(share[k]), _few(int(n[k]), min_votes))
        for k in np.flatnonzero(n > 0)
    ]


def _coverage_gaps(vm: VoteMatrix, states: tuple[str, ...], min_votes: int) -> list[Notice]:
    """A member that voted on most roll calls of one session and few of the next: say so.

    Checked by session whatever the periods, as a gap at the end of a session can hide in a
    year that also holds most of the session before it.
    """
    from tariqa.io.unvotes import Notice

    sessions, index = np.unique(vm.session, return_inverse=True)
    calls = np.bincount(index, minlength=len(sessions))
    found = []
    for j, state in enumerate(states):
        cast = np.bincount(index[vm.votes[:, j] > 0], minlength=len(sessions))
        share = cast / np.maximum(calls, 1)
        for k in np.flatnonzero((calls[1:] >= min_votes) & (share[1:] < 0.25) & (share[:-1] >= 0.5)) + 1:
            hint = ""
            if state in UN_NAME_CHANGES:
                name, year = UN_NAME_CHANGES[state]
                hint = f"; its UN name changed to {name} in {year}, and a failed name match upstream looks likely"
            found.append(
                Notice(
                    "coverage",
                    f"{state} voted on {cast[k]} of {calls[k]} roll calls in session {sessions[k]}"
                    f" ({share[k - 1]:.0%} in session {sessions[k - 1]}): a gap in the data or a loss of voting"
                    f" rights{hint}; check before using session {sessions[k]}",
                    (state,),
                )
            )
    return found
