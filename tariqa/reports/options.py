"""What a report is built of: the group, the period, the comparators, where to write it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

#: Called as each section is built: (what, step, steps).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ReportOptions:
    """What to write where. ``compare``: comparator groups; ``since``/``until``: the period
    (default: from the group's start date to the record's date); ``claims``: a claims
    file to check; ``gdelt_folder``: a GDELT Parquet folder; ``votes``: UN vote data
    (default: the data folder's); ``stamp``: print the build time (otherwise the same
    database gives the same bytes)."""

    group: str
    out: Path
    compare: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    claims: Path | None = None
    allow_partial: bool = False
    stamp: bool = False
    as_of: date | None = None
    gdelt_folder: Path | None = None
    votes: Path | None = None
