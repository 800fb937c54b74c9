"""UN General Assembly voting alignment of a group's members: the vote data located, read
and computed once, for the command line, the web app and the report alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tariqa.errors import UsageError
from tariqa.tasks.options import VotePeriod
from tariqa.tasks.results import Tabular

if TYPE_CHECKING:
    from tariqa.storage import Store

MEASURES = ("agree", "agree_half", "s_abs", "s_sq", "kappa", "ipd", "ideal_a", "ideal_b")


@dataclass(frozen=True)
class AlignmentOptions:
    """``group``: a group id of the record, or ISO alpha-3 codes separated by commas.
    ``votes``: a vote file or folder (default: the ``unga`` folder of the data folder);
    ``ideal_points``: Voeten's ideal-point file (default: the one beside the votes)."""

    group: str
    by: VotePeriod = VotePeriod.SESSION
    since: date | None = None
    until: date | None = None
    votes: Path | None = None
    ideal_points: Path | None = None
    min_votes: int = 20


@dataclass(frozen=True)
class AlignmentResult(Tabular):
    """One row per pair and period, and per period a row for the whole group (its
    ``agree`` is the share of roll calls on which every member voted alike). Each row
    names the data file (``source``) it was computed from: a series that draws on two
    releases says so row by row, and ``notices`` says it once more."""

    COLUMNS = ("period", "kind", "states", "n", *MEASURES, "source", "note")
    by: VotePeriod
    states: tuple[str, ...]
    folder: Path
    found: bool
    """False when there is no vote data at ``folder`` (then ``rows`` is empty)."""
    release: str | None
    sources: tuple[str, ...]
    notices: tuple[str, ...]
    ideal_points: Path | None
    rows: tuple[dict[str, Any], ...] = ()

    @property
    def missing(self) -> str | None:
        """What to do when there is no vote data (None when there is): the same words on
        the command line, the web page and the report."""
        return None if self.found else missing_votes(self.folder)


def missing_votes(folder: Path) -> str:
    """The message for a folder without UN vote data, naming the command that fetches it."""
    return f"no UN roll-call data at {folder}: run `tariqa unga fetch` to download it"


def members_of(group: str, store: Store | None) -> tuple[str, ...]:
    """A stored group's members, or the codes of a comma-separated list of ISO alpha-3 codes."""
    if "," not in group:
        if store is None:
            raise UsageError(f"{group!r}: name two or more ISO alpha-3 codes, or a group with a database")
        members = list(store.group(group).members)
    else:
        members = [m.strip().upper() for m in group.split(",") if m.strip()]
        bad = [m for m in members if not re.fullmatch(r"[A-Z]{3}", m)]
        if bad:
            raise UsageError(f"{', '.join(bad)} is not an ISO alpha-3 code")
    if len(set(members)) < 2:
        raise UsageError(f"alignment needs at least two members; {group} has {len(set(members))}")
    return tuple(dict.fromkeys(members))


def un_alignment(store: Store | None, options: AlignmentOptions) -> AlignmentResult:
    """Pairwise agreement, Signorino–Ritter S, Cohen's kappa, ideal-point distance and the
    group's unanimity per session or year. No vote data is not an error: the result says
    where it looked (``found`` is False)."""
    from tariqa.io.unvotes import find_ideal_points, read_ideal_points, read_unga
    from tariqa.settings import unga_folder
    from tariqa.stats.alignment import alignment

    states = members_of(options.group, store)
    if options.since and options.until and options.since > options.until:
        raise UsageError(f"the period starts ({options.since}) after it ends ({options.until})")
    folder = options.votes or unga_folder()
    if not folder.exists() or (folder.is_dir() and not any(folder.glob("*.csv"))):
        return AlignmentResult(VotePeriod(options.by), states, folder, False, None, (), (), None)
    table = read_unga(folder)
    ideal_path = options.ideal_points or find_ideal_points(folder)
    ideal = read_ideal_points(ideal_path) if ideal_path else None
    result = alignment(
        table,
        list(states),
        by=VotePeriod(options.by).value,
        since=options.since,
        until=options.until,
        ideal=ideal,
        min_votes=options.min_votes,
    )
    notices = [str(n) for n in result.notices]
    if ideal is None:
        notices.append("no ideal-point file was found beside the votes: ipd is empty")
    sources = tuple(sorted({p.source for p in result.pairs}))
    if len(sources) > 1:
        notices.append(f"the series draws on {len(sources)} data files; each row names its own: {'; '.join(sources)}")
    return AlignmentResult(
        VotePeriod(options.by),
        states,
        folder,
        True,
        _release(folder),
        sources,
        tuple(notices),
        ideal_path,
        tuple(_rows(result)),
    )


def _release(folder: Path) -> str | None:
    from tariqa.io.unvotes import release_of

    return release_of(folder) if folder.is_dir() else None


def _rows(result: Any) -> list[dict[str, Any]]:
    """Pair rows and group rows in one list sorted by period (pairs first)."""
    rows: list[tuple[int, int, dict[str, Any]]] = []
    for p in result.pairs:
        values = {m: getattr(p, m) for m in MEASURES}
        rows.append(
            (
                p.period,
                0,
                {"period": p.period, "kind": "pair", "states": f"{p.a}-{p.b}", "n": p.n, **values}
                | {"source": p.source, "note": p.note},
            )
        )
    for g in result.group:
        values = dict.fromkeys(MEASURES)
        values["agree"] = g.unanimity
        row = {"period": g.period, "kind": "group", "states": "-".join(g.states), "n": g.n, **values}
        rows.append((g.period, 1, row | {"source": "", "note": g.note}))
    return [r for _, _, r in sorted(rows, key=lambda t: (t[0], t[1]))]
