"""``tariqa init | import | export | validate``: getting the record in and out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tariqa.cli._common import (
    Output,
    counted,
    db_option,
    emit,
    err,
    findings_table,
    out,
    progress,
    report_problems,
    show,
    user_errors,
)
from tariqa.cli._tables import new_table
from tariqa.errors import ConflictError, TariqaError, UsageError


def _import(ctx: typer.Context, paths: list[str], replace: bool, dry_run: bool, max_mb: int) -> None:
    from tariqa.io import plan, read_prepared
    from tariqa.storage import open_store

    inputs = plan(paths, max_bytes=max_mb * 1024 * 1024)
    with open_store(db_option(ctx)) as store, progress() as bar:
        task = bar.add_task(f"reading {len(inputs)} file{'s' if len(inputs) != 1 else ''}", total=None)
        try:
            summary = store.import_items(counted(read_prepared(inputs), bar, task), replace=replace, dry_run=dry_run)
        except ConflictError as exc:
            bar.stop()
            report_problems(exc)
            err.print("use --replace to overwrite records that exist with other content")
            raise typer.Exit(2) from None
    outcomes = ("added", "unchanged", "replaced")
    table = new_table("records", *outcomes, title="dry run: nothing written" if dry_run else None)
    for column in table.columns[1:]:
        column.justify = "right"
    for collection, counts in sorted(summary.counts.items()):
        table.add_row(collection, *(str(counts[k]) for k in outcomes))
    show(table)


@user_errors
def import_(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files or folders (YAML, JSON, CSV, Data Package).")],
    replace: Annotated[bool, typer.Option(help="Overwrite records whose id exists with other content.")] = False,
    max_size: Annotated[int, typer.Option("--max-size", help="Largest file accepted, in MB.")] = 512,
) -> None:
    """Import records, all or nothing; the format of each file is detected.

    Example: tariqa import events.csv sources.csv
    """
    _import(ctx, paths, replace=replace, dry_run=False, max_mb=max_size)


@user_errors
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or folders, checked together as one import; none: check the database."),
    ] = None,
    max_size: Annotated[int, typer.Option("--max-size", help="Largest file accepted, in MB.")] = 512,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Check files as an import would (nothing is written), or check the stored record:
    integrity, then ordinals, duplicates, cadence and status of formats, planned events.

    Several files are checked together, as one import: events in one file may cite the
    sources of another. Exits 1 when the stored record has findings.
    Example: tariqa validate my-events.yaml sources.csv
    """
    if paths:
        _import(ctx, paths, replace=False, dry_run=True, max_mb=max_size)
        err.print("valid: an import would succeed")
        return
    from tariqa.quality import as_of_date, check_record
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        store.check_integrity()
        as_of = as_of_date(store)
        findings = check_record(store, as_of)
    if findings:
        rows = [{"kind": f.kind, "subject": f.subject, "message": f.message} for f in findings]
        emit(rows, output, lambda: findings_table(rows, f"record findings (as of {as_of})"))
        raise typer.Exit(1)
    err.print(f"valid: the record passes every check (as of {as_of})")


@user_errors
def export(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="Folder to write into (created if missing).")],
    format: Annotated[str, typer.Option("--format", "-f", help="yaml, json, csv or datapackage.")] = "yaml",
) -> None:
    """Export the whole record, one file per record type, byte-for-byte reproducibly.

    Example: tariqa export out/ --format datapackage
    """
    from tariqa.io import FORMATS
    from tariqa.io import export as write
    from tariqa.storage import open_store

    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r} (choose from {', '.join(FORMATS)})")
    with open_store(db_option(ctx)) as store:
        try:
            paths = write(store, directory, format)
        except OSError as exc:
            raise TariqaError(f"cannot write to {directory}: {exc.strerror}") from None
    for path in paths:
        out.print(str(path))
