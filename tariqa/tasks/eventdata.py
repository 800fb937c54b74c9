"""GDELT event data of a group: monthly dyadic cooperation indices for every pair of its
members and the group, from a GDELT Parquet folder (``tariqa gdelt ingest``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tariqa.tasks.results import Tabular

if TYPE_CHECKING:
    from tariqa.storage import Store

COLUMNS = (
    "kind",
    "subject",
    "month",
    "events",
    "cooperation",
    "conflict",
    "goldstein_mean",
    "net_cooperation_ratio",
    "events_per_million",
)


@dataclass(frozen=True)
class DyadsOptions:
    """``engine``: duckdb (embedded, default), spark or bigquery; ``since``/``until``:
    months, as their first day; ``volume``: GDELT's monthly totals (month YYYYMM: events)
    for events per million."""

    group: str
    folder: Path | None = None
    since: date | None = None
    until: date | None = None
    engine: str = "duckdb"
    project: str | None = None
    spark_master: str | None = None
    volume: dict[str, list[int]] | None = None


@dataclass(frozen=True)
class DyadsResult(Tabular):
    """Rows per month for each member pair (``kind`` pair), the group (``group``) and, when
    the volume is known, events per million; ``roots``: the same by CAMEO root code."""

    COLUMNS = COLUMNS
    members: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    roots: tuple[dict[str, Any], ...]

    TABLE_TITLES = ("Month", "Pair", "Events", "Cooperation", "Conflict", "Goldstein mean", "Net cooperation ratio")
    _TABLE_KEYS = ("month", "subject", "events", "cooperation", "conflict", "goldstein_mean", "net_cooperation_ratio")

    def table(self) -> list[list[Any]]:
        """Rows of the pairs and the group for a table titled :data:`TABLE_TITLES`."""
        return [[r[k] for k in self._TABLE_KEYS] for r in self.rows if r["kind"] in ("pair", "group")]

    def chart_series(self) -> list[dict[str, Any]]:
        """The net cooperation ratio of each pair and the group per month, for a time chart."""
        from tariqa.eventdata.indices import dyad_chart_data

        return list(dyad_chart_data(list(self.rows)))


def gdelt_dyads(store: Store, options: DyadsOptions) -> DyadsResult:
    """The monthly cooperation indices of ``options.group``'s members from a GDELT folder."""
    from tariqa.eventdata.engines import Engine, dyads
    from tariqa.eventdata.indices import Window

    members = tuple(store.group(options.group).members)
    result = dyads(
        list(members),
        store=options.folder,
        window=Window(options.since, options.until),
        engine=Engine(options.engine),
        project=options.project,
        spark_master=options.spark_master,
        volume_table=options.volume,
    )
    return DyadsResult(members, tuple(result.rows), tuple(result.roots))
