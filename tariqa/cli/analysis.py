"""``tariqa indicators | calendar``: indicators of informal alliance and the coordination
calendar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tariqa.cli._common import Output, day_option, db_option, emit, err, out, user_errors
from tariqa.errors import UsageError


def _groups(group: list[str], compare: str | None) -> list[str]:
    names = [g for value in group for g in value.split(",") if g]
    names += [g.strip() for g in (compare or "").split(",") if g.strip()]
    if not names:
        raise UsageError("give a group: --group ATP (see tariqa groups)")
    return list(dict.fromkeys(names))


@user_errors
def indicators(
    ctx: typer.Context,
    group: Annotated[list[str], typer.Option("--group", "-g", help="Group id, e.g. ATP.")] = [],  # noqa: B006
    compare: Annotated[
        str | None, typer.Option(help="Comparator groups, comma-separated; adds the ranking under other weights.")
    ] = None,
    by: Annotated[str, typer.Option(help="all: one value for the period; year: one per calendar year.")] = "all",
    since: Annotated[str | None, typer.Option(help="From this date (default: the group's start date).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    indicator: Annotated[list[str], typer.Option("--indicator", "-i", help="Only this indicator (repeatable).")] = [],  # noqa: B006
    as_of: Annotated[
        str | None, typer.Option(help="The date lapses are measured at (default: the record's date).")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the indicators with their formulas.")] = False,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Indicators of informal alliance for a group and period, beside its comparators.

    Example: tariqa indicators --group ATP --compare TAG,QUAD,AUKUS --indicator institutionalisation
    """
    from tariqa.indicators import REGISTRY
    from tariqa.indicators import compare as compare_groups

    if list_:
        rows = [{"name": i.name, "label": i.label, "formula": i.formula} for i in REGISTRY.values()]
        emit(rows, output, lambda: _table(rows, "Indicators"))
        return
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        found = compare_groups(
            store,
            _groups(group, compare),
            day_option(since, "--since"),
            day_option(until, "--until"),
            indicator or None,
            by,
            day_option(as_of, "--as-of"),
        )
    rows = [r.to_dict() for r in found]
    emit(rows, output, lambda: _indicator_table(rows, several=len({r["group"] for r in rows}) > 1))


def _indicator_table(rows: list[dict[str, Any]], several: bool) -> Any:
    """Readable at 80 columns: the group only when several are compared; notes in CSV/JSON."""
    from rich.table import Table

    table = Table(*(["group"] if several else []), "indicator: measure", "subject", "period", "value")
    for r in rows:
        value = "" if r["value"] is None else f"{r['value']} {r['unit']}".strip()
        cells = [f"{r['indicator']}: {r['measure']}", r["subject"], r["period"], value]
        table.add_row(*([r["group"]] if several else []), *cells)
    return table


def _table(rows: list[dict[str, Any]], title: str) -> Any:
    from rich.table import Table

    table = Table(*(rows[0].keys() if rows else ()), title=title)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    return table


@user_errors
def calendar(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="The calendar year.")],
    group: Annotated[list[str], typer.Option("--group", "-g", help="Group id (repeatable, or comma-separated).")] = [],  # noqa: B006
    ics: Annotated[Path | None, typer.Option(help="Also write the calendar to this iCalendar (.ics) file.")] = None,
    as_of: Annotated[
        str | None, typer.Option(help="The date projections start from (default: the record's date).")
    ] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """The coordination calendar of a year: planned events, projected rounds and lapsed formats.

    Example: tariqa calendar 2027 --group ATP --ics atp-2027.ics
    """
    from tariqa.indicators.calendar import coordination_calendar, to_ics
    from tariqa.storage import open_store

    names = _groups(group, None)
    with open_store(db_option(ctx)) as store:
        cal = coordination_calendar(store, year, names, day_option(as_of, "--as-of"))
    if ics is not None:
        _write(ics, to_ics(cal, f"{', '.join(names)} coordination calendar {year}"))
    rows = [_entry_row(e) for e in cal.entries]
    flags = [
        {"group": f.group, "format": f.format, "status": f.status, "last": _iso(f.last), "reason": f.reason}
        for f in cal.flags
    ]
    if output is Output.json:
        emit([{"year": year, "as_of": cal.as_of.isoformat(), "entries": rows, "flags": flags}], output, lambda: None)
        return
    emit(rows, output, lambda: _calendar_table(rows, f"Coordination calendar {year} (as of {cal.as_of})"))
    if output is Output.table and flags:
        out.print(_table(flags, "Not projected"))
    if ics is not None:
        err.print(f"wrote {ics}")


def _calendar_table(rows: list[dict[str, Any]], title: str) -> Any:
    from rich.table import Table

    table = Table("expected", "window", "format", "round", "host", "kind", title=title)
    for r in rows:
        window = f"{r['start']} – {r['end']}"
        table.add_row(
            r["expected"] or r["start"],
            window,
            r["format"] or r["group"],
            str(r["ordinal"] or ""),
            r["host"] or "",
            r["kind"],
        )
    return table


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def _entry_row(e: Any) -> dict[str, Any]:
    return {
        "group": e.group,
        "format": e.format,
        "kind": e.kind,
        "start": e.start.isoformat(),
        "end": e.end.isoformat(),
        "expected": _iso(e.expected),
        "ordinal": e.ordinal,
        "host": e.host,
        "title": e.title,
        "note": e.note,
        "sources": list(e.sources),
    }


def _write(path: Path, data: bytes) -> None:
    if path.is_dir():
        raise UsageError(f"--ics {path}: is a folder; give a file name")
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"--ics {path}: cannot write ({exc.strerror})") from None
