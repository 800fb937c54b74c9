"""``tariqa indicators | calendar``: indicators of informal alliance and the coordination
calendar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tariqa.cli._common import Output, day_option, db_option, emit, err, show, user_errors
from tariqa.cli._tables import data_table, new_table
from tariqa.errors import UsageError
from tariqa.tasks.options import Period


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
        str | None,
        typer.Option(
            help="Comparator groups, comma-separated; adds the ranking under other weights. "
            "ALL: the group within the whole registry (distribution, rank, percentile)."
        ),
    ] = None,
    by: Annotated[Period, typer.Option(help="all: one value for the period; year: one per calendar year.")] = (
        Period.ALL
    ),
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
    from tariqa.tasks import IndicatorOptions
    from tariqa.tasks import compute_indicators as compute

    if list_:
        rows = [{"name": i.name, "label": i.label, "formula": i.formula} for i in REGISTRY.values()]
        emit(rows, output, lambda: data_table(rows, "Indicators"))
        return
    from tariqa.storage import open_store

    if compare is not None and compare.strip().upper() == "ALL":
        if by is not Period.ALL:
            raise UsageError("--compare ALL places a group over its whole period: leave out --by year")
        _class_scale(ctx, group, indicator, since, until, as_of, output)
        return
    options = IndicatorOptions(
        groups=tuple(_groups(group, compare)),
        names=tuple(indicator),
        by=by,
        since=day_option(since, "--since"),
        until=day_option(until, "--until"),
        as_of=day_option(as_of, "--as-of"),
    )
    with open_store(db_option(ctx)) as store:
        rows = compute(store, options).to_dicts()
    emit(rows, output, lambda: _indicator_table(rows, several=len({r["group"] for r in rows}) > 1))


def _class_scale(
    ctx: typer.Context,
    group: list[str],
    indicator: list[str],
    since: str | None,
    until: str | None,
    as_of: str | None,
    output: Output,
) -> None:
    """``--compare ALL``: the group within the whole registry (tariqa.tasks.class_scale)."""
    from tariqa.cli.class_scale import print_class
    from tariqa.storage import open_store
    from tariqa.tasks.class_scale import ClassOptions, compare_class

    names = _groups(group, None)
    if len(names) != 1:
        raise UsageError("--compare ALL places one group within the registry: give one --group")
    options = ClassOptions(
        group=names[0],
        names=tuple(indicator),
        since=day_option(since, "--since"),
        until=day_option(until, "--until"),
        as_of=day_option(as_of, "--as-of"),
    )
    with open_store(db_option(ctx)) as store:
        found = compare_class(store, options)
    print_class(found, output)


def _indicator_table(rows: list[dict[str, Any]], several: bool) -> Any:
    """Readable at 80 columns: the group only when several are compared; notes in CSV/JSON."""
    table = new_table("group, indicator: measure" if several else "indicator: measure", "subject", "period", "value")
    table.columns[1].overflow = "fold"
    for r in rows:
        value = "" if r["value"] is None else f"{r['value']} {r['unit']}".strip()
        measure = f"{r['group']} {r['indicator']}: {r['measure']}" if several else f"{r['indicator']}: {r['measure']}"
        table.add_row(measure, r["subject"], r["period"], value)
    return table


@user_errors
def calendar(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Argument(help="The calendar year (default: the record's year, or the next after June).")
    ] = None,
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
    from tariqa.storage import open_store
    from tariqa.tasks import CalendarOptions
    from tariqa.tasks import calendar as make

    names = _groups(group, None)
    options = CalendarOptions(groups=tuple(names), year=year, as_of=day_option(as_of, "--as-of"))
    with open_store(db_option(ctx)) as store:
        cal = make(store, options)
    if ics is not None:
        _write(ics, cal.to_ics(f"{', '.join(names)} coordination calendar {cal.year}"))
    rows, flags = cal.to_dicts(), list(cal.flags)
    if output is Output.json:
        document = {"year": cal.year, "as_of": cal.as_of.isoformat(), "entries": rows, "flags": flags}
        emit([document], output, lambda: None)
        return
    emit(rows, output, lambda: _calendar_table(rows, f"Coordination calendar {cal.year} (as of {cal.as_of})"))
    if output is Output.table and flags:
        show(data_table(flags, "Not projected"))
    if ics is not None:
        err.print(f"wrote {ics}")


def _calendar_table(rows: list[dict[str, Any]], title: str) -> Any:
    table = new_table("expected", "window", "format", "round", "host", "kind", title=title)
    table.columns[2].overflow = "fold"
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


def _write(path: Path, data: bytes) -> None:
    if path.is_dir():
        raise UsageError(f"--ics {path}: is a folder; give a file name")
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"--ics {path}: cannot write ({exc.strerror})") from None


@user_errors
def formats(
    ctx: typer.Context,
    group: Annotated[str, typer.Option("--group", "-g", help="Group id, e.g. ATP.")],
    as_of: Annotated[
        str | None, typer.Option(help="The date the formats' state is measured at (default: the record's date).")
    ] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Each format of a group: rounds held, first and last, median interval, cadence, and its
    state (active, dormant, never met) with the reason.

    Example: tariqa formats --group ATP --output csv
    """
    from tariqa.storage import open_store
    from tariqa.tasks import FormatsOptions
    from tariqa.tasks import formats as regularity

    with open_store(db_option(ctx)) as store:
        found = regularity(store, FormatsOptions(group, day_option(as_of, "--as-of")))
    rows = found.to_dicts()

    def table() -> Any:
        t = new_table("format", "rounds", "last", "interval", "state", title=f"formats of {group} as of {found.as_of}")
        t.columns[0].overflow = "fold"
        t.columns[1].justify = t.columns[3].justify = "right"
        for r in rows:
            interval = "" if r["median_interval"] is None else f"{r['median_interval']:g} mo"
            t.add_row(r["format"], str(r["rounds"]), r["last"] or "", interval, r["state"])
        return t

    emit(rows, output, table)
