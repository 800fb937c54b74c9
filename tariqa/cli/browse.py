"""``tariqa groups | events | sources``: reading the record."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Column, Table

from tariqa.cli._common import Output, day_option, db_option, emit, err, findings_table, user_errors
from tariqa.cli._tables import new_table
from tariqa.dates import shown
from tariqa.vocab import EventKind, Level, Track


@user_errors
def groups(
    ctx: typer.Context,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """List the groups in the record: members, events (all; with every member; of two
    members only), formats, events by confidence (high/medium/low) and the date each
    group's record was checked through.

    Example: tariqa groups --output json
    """
    from tariqa.storage import open_store
    from tariqa.tasks import groups as list_groups

    with open_store(db_option(ctx)) as store:
        found = list_groups(store)
    rows = found.to_dicts()

    def table() -> Table:
        counts = [Column(h, justify="right") for h in ("events", "with all", "pairs", "formats", "h/m/l")]
        t = new_table("id", "members", *counts, "checked through", title="groups")
        for g in rows:
            cells = [str(g[k]) for k in ("events", "joint_events", "member_pairs", "formats")]
            confidence = "/".join(str(g[k]) for k in ("high", "medium", "low"))
            t.add_row(g["id"], " ".join(g["members"]), *cells, confidence, g["checked_through"] or "not declared")
        return t

    emit(rows, output, table)


def _event_row(e: dict[str, Any]) -> dict[str, Any]:
    """One event as a listing row, from its stored record."""
    end = e.get("end_date")
    return {
        "id": e["id"],
        "date": shown(e["date"], e["date_precision"], end),
        "group": e["group"],
        "format": e.get("format"),
        "ordinal": e.get("ordinal"),
        "status": e["status"],
        "track": e["track"],
        "level": e["level"],
        "kind": e["kind"],
        "host": e.get("host"),
        "city": e.get("city"),
        "states": e["states"],
        "documents": e.get("documents", []),
        "summary": e["summary"],
        "confidence": e["confidence"],
        "conflicts": len(e.get("conflicts", [])),
        "sources": e["sources"],
    }


@user_errors
def events(
    ctx: typer.Context,
    group: Annotated[str | None, typer.Option(help="Group id, e.g. ATP.")] = None,
    track: Annotated[Track | None, typer.Option()] = None,
    level: Annotated[Level | None, typer.Option()] = None,
    kind: Annotated[EventKind | None, typer.Option()] = None,
    format_id: Annotated[str | None, typer.Option("--format-id", help="Format id, e.g. atp-fm.")] = None,
    state: Annotated[str | None, typer.Option(help="Only events this state (ISO3) took part in.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """List events by date, with filters.

    Example: tariqa events --group ATP --track parliamentary --output csv
    """
    from tariqa.storage import open_store
    from tariqa.tasks import EventsOptions, each_event

    options = EventsOptions(
        group=group,
        format=format_id,
        track=track.value if track else None,
        level=level.value if level else None,
        kind=kind.value if kind else None,
        state=state,
        since=day_option(since, "--since"),
        until=day_option(until, "--until"),
    )
    with open_store(db_option(ctx)) as store:
        rows = [_event_row(e) for e in each_event(store, options)]
    if not rows:
        err.print("no events match")
    emit(rows, output, lambda: _events_table(rows))


def _events_table(rows: list[dict[str, Any]]) -> Table:
    """The chronology for reading: when, which round, where, what (with the states when not
    all the group's members), and the sources. Every field is in --output csv/json."""
    from rich.text import Text

    t = new_table(title="events", show_lines=True)
    t.add_column("when", overflow="fold", max_width=21)
    t.add_column("where", max_width=14)
    t.add_column("what, and the sources", ratio=1, overflow="fold")
    for r in rows:
        round_ = f"{r['format']} #{r['ordinal']}" if r["ordinal"] else (r["format"] or r["kind"])
        what = Text(r["summary"])
        what.append(f"\n{r['kind']}, {r['level']}; {' '.join(r['states'])}", style="dim")
        if r["conflicts"]:
            what.append(f"\nsources disagree on {r['conflicts']} point(s)", style="yellow")
        what.append("".join(f"\n{url}" for url in r["sources"]), style="cyan")
        place = ", ".join(x for x in (r["city"], r["host"]) if x)
        t.add_row(Text(f"{r['date']}\n{round_}"), Text(place), what)
    return t


sources_app = typer.Typer(help="Sources cited by the record.", no_args_is_help=True)


@sources_app.command("check")
@user_errors
def sources_check(
    ctx: typer.Context,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Find events without sources, duplicate or unreachable-looking URLs, unused sources.

    Exits 1 when anything is found. Example: tariqa sources check
    """
    from tariqa.quality import check_sources
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        findings = check_sources(store)
        n = store.count("sources")
    rows = [{"kind": f.kind, "subject": f.subject, "message": f.message} for f in findings]
    if rows:
        emit(rows, output, lambda: findings_table(rows, "source findings"))
        raise typer.Exit(1)
    err.print(f"all {n} sources pass")
