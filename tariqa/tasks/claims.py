"""Published claims about a group, checked against the record: a verdict for each claim
(supported, contradicted, imprecise, unverifiable) with the events and sources that
decide it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tariqa.tasks.results import Tabular

if TYPE_CHECKING:
    from tariqa.claims.check import Result
    from tariqa.storage import Store


@dataclass(frozen=True)
class ClaimsOptions:
    """``path``: a claims file (YAML, see docs/claims.md)."""

    path: Path


@dataclass(frozen=True)
class ClaimChecks(Tabular):
    COLUMNS = ("id", "claim", "published", "verdict", "explanation", "events", "sources")
    results: tuple[Result, ...]
    rows: tuple[dict[str, Any], ...] = ()

    def tally(self) -> dict[str, int]:
        """How many claims got each verdict."""
        return dict(sorted(Counter(r["verdict"] for r in self.rows).items()))

    @property
    def contradicted(self) -> int:
        return sum(r["verdict"] == "contradicted" for r in self.rows)


def check_claims(store: Store, options: ClaimsOptions) -> ClaimChecks:
    """Every claim of the file, checked; an invalid file is refused with every problem
    located by line and field (nothing is checked)."""
    from tariqa.claims.check import check_file

    results = tuple(check_file(store, options.path))
    return ClaimChecks(results, tuple(r.to_row() for r in results))
