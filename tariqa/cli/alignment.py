"""``tariqa alignment``: UN General Assembly voting alignment of a group's members."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from tariqa.cli._common import Output, db_option, emit, err, user_errors
from tariqa.cli._tables import new_table
from tariqa.errors import UsageError
from tariqa.tasks.options import VotePeriod

if TYPE_CHECKING:
    from tariqa.tasks import AlignmentResult


def _bound(value: str | None, option: str, end: bool) -> date | None:
    """A year (YYYY) or a day (YYYY-MM-DD); a year means its first or last day."""
    if value is None:
        return None
    try:
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 12, 31) if end else date(int(value), 1, 1)
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a year (YYYY) or a date (YYYY-MM-DD)") from None


@user_errors
def alignment(
    ctx: typer.Context,
    group: Annotated[
        str, typer.Option("--group", "-g", help="A group id from the record (ATP), or ISO3 codes: AZE,TUR,PAK.")
    ],
    by: Annotated[VotePeriod, typer.Option(help="One row per session or per year (Voeten's year field).")] = (
        VotePeriod.SESSION
    ),
    since: Annotated[str | None, typer.Option(help="Only votes from this year or date (YYYY[-MM-DD]).")] = None,
    until: Annotated[str | None, typer.Option(help="Only votes up to this year or date (YYYY[-MM-DD]).")] = None,
    votes: Annotated[
        Path | None,
        typer.Option(
            "--votes",
            envvar="TARIQA_UNGA_DIR",
            help="A vote file or a folder of them (unvotes or Voeten layout). Default: your data folder's unga.",
        ),
    ] = None,
    ideal_points: Annotated[
        Path | None,
        typer.Option("--ideal-points", help="Voeten's ideal-point file. Default: the one beside the votes, if any."),
    ] = None,
    min_votes: Annotated[int, typer.Option(min=1, help="Flag periods with fewer joint votes than this.")] = 20,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """UN General Assembly voting alignment: every pair of the group's members, per session or year.

    Exact agreement, agreement with abstention as half, Signorino–Ritter S (absolute and squared),
    Cohen's kappa (quadratic weights), ideal-point distance and the number of joint votes; for
    three or more members also the share of roll calls on which all voted alike. Known data
    problems are reported on stderr.

    Example: tariqa alignment --group AZE,TUR,PAK --by year --since 2010 --output csv
    """
    from tariqa.storage import open_store
    from tariqa.tasks import AlignmentOptions, un_alignment

    start, end = _bound(since, "--since", end=False), _bound(until, "--until", end=True)
    if start and end and start > end:
        raise UsageError(f"--since {since} is after --until {until}")
    options = AlignmentOptions(group, by, start, end, votes, ideal_points, min_votes)
    if "," in group:
        result = un_alignment(None, options)
    else:
        with open_store(db_option(ctx)) as store:
            result = un_alignment(store, options)
    if result.missing:
        raise UsageError(f"{result.missing}, or point --votes at a vote file or folder")
    for notice in result.notices:
        err.print(f"[yellow]note:[/] {notice}", markup=True, highlight=False)
    release = f"release {result.release}, " if result.release else ""
    err.print(f"data: {release}{result.folder}")
    rows = result.to_dicts()
    if not rows:
        err.print("no roll calls on which two members both voted")
    emit(rows, output, lambda: _table(rows, result))


def _table(rows: list[dict[str, Any]], result: AlignmentResult) -> Table:
    title = f"UN General Assembly voting alignment: {', '.join(result.states)}, by {result.by}"
    t = new_table(title=title)
    t.add_column(result.by.value, no_wrap=True)
    t.add_column("states", no_wrap=True)
    for name in ("n", "agree", "½", "S", "S²", "κ", "ipd"):
        t.add_column(name, justify="right", no_wrap=True)
    t.add_column("note", no_wrap=True)
    for r in rows:
        cells = [_num(r[m]) for m in ("agree", "agree_half", "s_abs", "s_sq", "kappa", "ipd")]
        t.add_row(str(r["period"]), r["states"], str(r["n"]), *cells, "few" if r["note"] else "")
    return t


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"
