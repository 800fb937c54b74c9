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
    ROOT_COLUMNS = ("kind", "subject", "month", "root", "events", "goldstein_sum")
    members: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    roots: tuple[dict[str, Any], ...]
    empty_reason: str | None = None
    """Why there are no rows (an empty folder, or no event between two members in the
    window); None when there are rows."""

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
    """The monthly cooperation indices of ``options.group``'s members from a GDELT folder.

    A folder that holds no events yet gives no rows, with the reason; so does a window in
    which no two members met in the press. A folder that does not exist is an error.
    """
    from tariqa.eventdata.engines import Engine, dyads
    from tariqa.eventdata.indices import Window
    from tariqa.eventdata.parquet import check_store_path, stored_months

    members = tuple(store.group(options.group).members)
    window = Window(options.since, options.until)
    window.bounds()  # a window that ends before it starts is an error, whatever the folder holds
    months: list[tuple[int, int]] | None = None
    if options.engine != Engine.bigquery.value and options.folder is not None and options.folder.is_dir():
        check_store_path(options.folder)
        months = stored_months(options.folder)
        if not months:
            why = f"the GDELT folder {options.folder} holds no events yet (nothing was ingested into it)"
            return DyadsResult(members, (), (), why)
    result = dyads(
        list(members),
        store=options.folder,
        window=window,
        engine=Engine(options.engine),
        project=options.project,
        spark_master=options.spark_master,
        volume_table=options.volume,
    )
    rows, roots = tuple(result.rows), tuple(result.roots)
    return DyadsResult(members, rows, roots, None if rows else _no_rows(members, options, months))


def _month(day: date | None) -> str:
    return f"{day.year:04d}-{day.month:02d}" if day else ""


def _no_rows(members: tuple[str, ...], options: DyadsOptions, months: list[tuple[int, int]] | None) -> str:
    """Why a folder with events gave no rows: no event between two members in the window
    (and which months the folder holds, when the window lies outside them)."""
    if options.since and options.until:
        window = f"from {_month(options.since)} to {_month(options.until)}"
    elif options.since or options.until:
        window = f"from {_month(options.since)} on" if options.since else f"up to {_month(options.until)}"
    else:
        window = "in any month"
    why = f"no event between two of {', '.join(members)} {window}"
    if months:
        first, last = (f"{y:04d}-{m:02d}" for y, m in (months[0], months[-1]))
        why += f"; the folder holds events of {first} to {last}"
    return why
