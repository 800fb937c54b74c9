"""``tariqa alignment``: UN General Assembly voting alignment of a group's members."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from tariqa.cli._common import Output, db_option, emit, err, user_errors
from tariqa.errors import UsageError

if TYPE_CHECKING:
    from tariqa.stats.alignment import Alignment

MEASURES = ("agree", "agree_half", "s_abs", "s_sq", "kappa", "ipd", "ideal_a", "ideal_b")


class Period(StrEnum):
    session = "session"
    year = "year"


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


def _members(ctx: typer.Context, group: str) -> list[str]:
    """A stored group's members, or the ISO3 codes of a comma-separated list."""
    if "," not in group:
        from tariqa.storage import open_store

        with open_store(db_option(ctx)) as store:
            members = list(store.group(group).members)
    else:
        members = [m.strip().upper() for m in group.split(",") if m.strip()]
        bad = [m for m in members if not re.fullmatch(r"[A-Z]{3}", m)]
        if bad:
            raise UsageError(f"--group: {', '.join(bad)} is not an ISO alpha-3 code")
    if len(set(members)) < 2:
        raise UsageError(f"--group {group}: alignment needs at least two members, the group has {len(set(members))}")
    return members


@user_errors
def alignment(
    ctx: typer.Context,
    group: Annotated[
        str, typer.Option("--group", "-g", help="A group id from the record (ATP), or ISO3 codes: AZE,TUR,PAK.")
    ],
    by: Annotated[Period, typer.Option(help="One row per session or per year (Voeten's year field).")] = (
        Period.session
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
    from tariqa.io.unvotes import default_unga_dir, find_ideal_points, read_ideal_points, read_unga
    from tariqa.stats.alignment import alignment as compute

    members = _members(ctx, group)
    start, end = _bound(since, "--since", end=False), _bound(until, "--until", end=True)
    if start and end and start > end:
        raise UsageError(f"--since {since} is after --until {until}")
    source = votes or default_unga_dir()
    table = read_unga(source)
    ideal_path = ideal_points or find_ideal_points(source)
    ideal = read_ideal_points(ideal_path) if ideal_path else None
    result = compute(table, members, by=by.value, since=start, until=end, ideal=ideal, min_votes=min_votes)
    for notice in result.notices:
        err.print(f"[yellow]note:[/] {notice}", markup=True, highlight=False)
    if ideal is None:
        err.print("note: no ideal-point file found: ipd is empty (pass --ideal-points)")
    rows = _rows(result)
    if not rows:
        err.print("no roll calls on which two members both voted")
    emit(rows, output, lambda: _table(rows, result))


def _rows(result: Alignment) -> list[dict[str, Any]]:
    """Pair rows and group rows, one list sorted by period: group rows carry the unanimity
    share in ``agree`` (for a pair the two are the same thing)."""
    by = result.by
    rows: list[tuple[int, int, dict[str, Any]]] = []
    for p in result.pairs:
        values = {m: getattr(p, m) for m in MEASURES}
        row = {by: p.period, "kind": "pair", "states": f"{p.a}-{p.b}", "n": p.n, **values}
        rows.append((p.period, 0, {**row, "source": p.source, "note": p.note}))
    for g in result.group:
        values = dict.fromkeys(MEASURES)
        values["agree"] = g.unanimity
        row = {by: g.period, "kind": "group", "states": "-".join(g.states), "n": g.n, **values}
        rows.append((g.period, 1, {**row, "source": "", "note": g.note}))
    return [r for _, _, r in sorted(rows, key=lambda t: (t[0], t[1]))]


def _table(rows: list[dict[str, Any]], result: Alignment) -> Table:
    title = f"UN General Assembly voting alignment: {', '.join(result.states)}, by {result.by}"
    t = Table(title=title)
    t.add_column(result.by, no_wrap=True)
    t.add_column("states", no_wrap=True)
    for name in ("n", "agree", "½", "S", "S²", "κ", "ipd"):
        t.add_column(name, justify="right", no_wrap=True)
    t.add_column("note")
    for r in rows:
        cells = [_num(r[m]) for m in ("agree", "agree_half", "s_abs", "s_sq", "kappa", "ipd")]
        t.add_row(str(r[result.by]), r["states"], str(r["n"]), *cells, "few votes" if r["note"] else "")
    return t


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"
