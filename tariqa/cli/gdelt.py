"""``tariqa gdelt ingest | dyads | synth``: GDELT event data at scale."""

from __future__ import annotations

import csv
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tariqa.cli._common import Output as BaseOutput
from tariqa.cli._common import db_option, emit, err, user_errors
from tariqa.errors import UsageError
from tariqa.eventdata.engines import Engine
from tariqa.eventdata.layouts import ColumnSet

gdelt_app = typer.Typer(help="GDELT event data: ingest files into a Parquet store, dyadic indices, synthetic data.")


class Output(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


def _month(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value + "-01" if len(value) == 7 else value)
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a month (YYYY-MM) or a date (YYYY-MM-DD)") from None


@gdelt_app.command()
@user_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="GDELT event files (.CSV, .zip, .gz) or directories of them.")],
    store: Annotated[Path, typer.Option("--store", help="The Parquet store directory (created if missing).")],
    max_bad: Annotated[
        float, typer.Option("--max-bad", help="Share of a file's rows that may be malformed (quarantined).")
    ] = 0.01,
    strict: Annotated[bool, typer.Option("--strict", help="Refuse any malformed row (same as --max-bad 0).")] = False,
    columns: Annotated[
        ColumnSet | None,
        typer.Option(
            "--columns",
            help="Columns a new store keeps: lean (default), core, extended or all (docs/gdelt.md);"
            " a store keeps its own.",
        ),
    ] = None,
) -> None:
    """Ingest GDELT 1.0/2.0 event files into a Parquet store partitioned by year and month.

    Re-ingesting adds nothing twice; malformed rows go to STORE/quarantine with their reason.

    Example: tariqa gdelt ingest 20191024143000.export.CSV.zip ./downloads --store gdelt-store
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tariqa.eventdata.ingest import ingest as run

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    with bar:
        task = bar.add_task("ingesting", total=None)

        def on_file(name: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=f"ingesting {name}")

        chosen = columns.value if columns else None
        summary = run(paths, store, columns=chosen, max_bad=0.0 if strict else max_bad, on_file=on_file)
    for f in summary.files:
        state = (
            "already ingested, skipped"
            if f.skipped
            else (f"read {f.read:,}, kept {f.kept:,}, quarantined {f.quarantined:,}, duplicates {f.duplicates:,}")
        )
        err.print(f"{f.file} ({f.layout}): {state}", markup=False, highlight=False)
    t = summary.totals
    err.print(
        f"total: read {t['read']:,}, kept {t['kept']:,}, quarantined {t['quarantined']:,},"
        f" duplicates {t['duplicates']:,}" + (f"; quarantine: {summary.quarantine}" if summary.quarantine else ""),
        markup=False,
        highlight=False,
    )


@gdelt_app.command()
@user_errors
def dyads(
    ctx: typer.Context,
    group: Annotated[str, typer.Option("--group", "-g", help="Group id in the record; its members are the states.")],
    store: Annotated[Path | None, typer.Option("--store", help="The Parquet store (duckdb and spark).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="First month, YYYY-MM.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last month, YYYY-MM.")] = None,
    engine: Annotated[Engine, typer.Option("--engine")] = Engine.duckdb,
    project: Annotated[str | None, typer.Option("--project", help="Google Cloud project (bigquery).")] = None,
    spark_master: Annotated[str | None, typer.Option("--spark-master", help="Spark master URL.")] = None,
    volume: Annotated[
        Path | None, typer.Option("--volume", help="CSV of month (YYYYMM), volume: GDELT's monthly totals.")
    ] = None,
    roots: Annotated[bool, typer.Option("--roots", help="Show the breakdown by CAMEO root code.")] = False,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
    out: Annotated[Path | None, typer.Option("--out", help="File for --output parquet.")] = None,
) -> None:
    """Monthly dyadic cooperation indices for every pair of a group's members and the group.

    Example: tariqa gdelt dyads --group ATP --store gdelt-store --since 2020-01 --output csv
    """
    from tariqa.eventdata.indices import write_parquet
    from tariqa.storage import open_store
    from tariqa.tasks.eventdata import DyadsOptions, gdelt_dyads

    if engine is Engine.bigquery and not project:
        raise UsageError("--engine bigquery needs --project, the Google Cloud project billed for the queries")
    options = DyadsOptions(
        group,
        store,
        _month(since, "--since"),
        _month(until, "--until"),
        engine.value,
        project,
        spark_master,
        _read_volume(volume) if volume else None,
    )
    with open_store(db_option(ctx)) as record:
        result = gdelt_dyads(record, options)
    rows = list(result.roots if roots else result.rows)
    if result.empty_reason:
        err.print(f"no rows: {result.empty_reason}", markup=False, highlight=False)
    if output is Output.parquet:
        if out is None:
            raise UsageError("--output parquet needs --out FILE")
        write_parquet(rows, out)
        return
    columns = result.ROOT_COLUMNS if roots else result.COLUMNS
    emit(rows, BaseOutput(output.value), lambda: _table(rows, roots), columns)


def _read_volume(path: Path) -> dict[str, list[int]]:
    months, volumes = [], []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.reader(handle), 1):
                if number == 1 and not row[0].strip().isdigit():
                    continue
                months.append(int(row[0]))
                volumes.append(int(row[1]))
    except (OSError, ValueError, IndexError) as exc:
        raise UsageError(f"--volume {path}: needs rows of month (YYYYMM), volume: {exc}") from None
    return {"month": months, "volume": volumes}


#: The table's columns (the subject says the kind: AZE->TUR directed, AZE-TUR a pair,
#: AZE+PAK+TUR the group) and their headers; every field is in --output csv/json.
_COLUMNS = {
    "month": "month",
    "subject": "dyad",
    "events": "events",
    "cooperation": "coop.",
    "conflict": "conflict",
    "goldstein_mean": "Goldstein mean",
    "net_cooperation_ratio": "net coop. ratio",
    "events_per_million": "per million events",
}
_ROOT_COLUMNS = {
    "month": "month",
    "subject": "dyad",
    "root": "CAMEO root",
    "events": "events",
    "goldstein_sum": "Goldstein sum",
}


def _table(rows: list[dict[str, Any]], roots: bool) -> Any:
    from tariqa.cli._tables import new_table

    columns = dict(_ROOT_COLUMNS if roots else _COLUMNS)
    if not roots and rows and all(r.get("events_per_million") is None for r in rows):
        del columns["events_per_million"]
    table = new_table(*columns.values(), title="GDELT dyads by month")
    for column in table.columns[2:]:
        column.justify = "right"
    for r in rows:
        table.add_row(*(f"{r[c]:.3f}" if isinstance(r[c], float) else str(r[c]) for c in columns))
    return table


@gdelt_app.command()
@user_errors
def synth(
    rows: Annotated[int, typer.Option("--rows", help="Number of events.")],
    out: Annotated[Path, typer.Option("--out", help="File to write (.CSV, or .gz/.zip compressed).")],
    seed: Annotated[int, typer.Option("--seed")] = 0,
    start: Annotated[str, typer.Option("--start", help="First day, YYYY-MM-DD.")] = "2019-10-01",
    per_day: Annotated[int, typer.Option("--per-day", help="Events added per day.")] = 100_000,
) -> None:
    """Write a synthetic GDELT 2.0 event file with realistic values (deterministic per seed).

    Example: tariqa gdelt synth --rows 5000000 --out synthetic.export.CSV --seed 1
    """
    from tariqa.eventdata.synth import synthesize

    first = _month(start, "--start")
    assert first is not None
    n = synthesize(out, rows, seed=seed, start=first, per_day=per_day)
    err.print(f"wrote {n:,} events to {out}", markup=False, highlight=False)
