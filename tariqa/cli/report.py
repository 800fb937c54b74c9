"""``tariqa report``: the offline HTML study of a group, with its figures and tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tariqa.cli._common import day_option, db_option, err, out, user_errors
from tariqa.errors import UsageError


@user_errors
def report(
    ctx: typer.Context,
    group: Annotated[str, typer.Option("--group", "-g", help="Group id, e.g. ATP.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write index.html, figures/ and tables/ into.")],
    compare: Annotated[
        str | None, typer.Option(help="Comparator groups, comma-separated, e.g. TAG,QUAD,AUKUS; ALL: every group.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this date (default: the group's start date).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (default: the record's date).")] = None,
    claims: Annotated[Path | None, typer.Option(help="A claims file to check in the report.")] = None,
    allow_partial: Annotated[
        bool, typer.Option(help="Build the report without the claims section if the claims file has errors.")
    ] = False,
    stamp: Annotated[
        bool, typer.Option(help="Print the build time in the report (it is then no longer byte-stable).")
    ] = False,
    gdelt_store: Annotated[
        Path | None, typer.Option(help="A GDELT store (tariqa gdelt ingest) for the event-data section.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(help="The date the report speaks for (default: the record's date).")
    ] = None,
) -> None:
    """Write the report of a group: one offline HTML file plus every figure (SVG, PNG) and table (CSV, LaTeX).

    Example: tariqa report --group ATP --compare TAG,QUAD,AUKUS --claims tariqa/data/claims/atp.yaml --out atp-report
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from tariqa.reports import ReportOptions
    from tariqa.reports import report as make
    from tariqa.storage import open_store

    options = ReportOptions(
        group=group,
        out=out_dir,
        compare=tuple(g.strip() for g in (compare or "").split(",") if g.strip()),
        since=day_option(since, "--since"),
        until=day_option(until, "--until"),
        claims=claims,
        allow_partial=allow_partial,
        stamp=stamp,
        as_of=day_option(as_of, "--as-of"),
        gdelt_folder=gdelt_store,
    )
    if claims is not None and not claims.is_file():
        raise UsageError(f"--claims {claims}: no such file")
    if gdelt_store is not None and not gdelt_store.is_dir():
        raise UsageError(f"--gdelt-store {gdelt_store}: no such folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir}: is a file, not a folder")
    with (
        open_store(db_option(ctx)) as store,
        Progress(
            TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err, transient=True
        ) as bar,
    ):
        task = bar.add_task("report", total=1)
        if [g.upper() for g in options.compare] == ["ALL"]:
            from dataclasses import replace

            from tariqa.tasks.class_scale import class_members

            options = replace(options, compare=class_members(store, options.compare))

        def step(label: str, done: int, total: int) -> None:
            bar.update(task, description=f"report: {label}", completed=done, total=total)

        index = make(store, options, progress=step)
    out.print(str(index))
