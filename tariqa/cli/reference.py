"""``tariqa init`` and ``tariqa reference status | update``: the shipped reference record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tariqa.cli._common import Output, db_option, emit, err, show, user_errors
from tariqa.cli._tables import new_table
from tariqa.reference import Take

if TYPE_CHECKING:
    from rich.table import Table

    from tariqa.storage.shipped import RecordState, Sync

reference_app = typer.Typer(
    help="The reference record shipped with tariqa: what was changed here, and settling conflicts with a release.",
    no_args_is_help=True,
)


@user_errors
def init(
    ctx: typer.Context,
    reference: Annotated[bool, typer.Option(help="Load the reference record shipped with tariqa.")] = True,
) -> None:
    """Create (or upgrade) the database and load the reference record and default codebook.

    Records you changed here are kept: a record that this release changed too is listed
    as a conflict (settle it with tariqa reference update). Example: tariqa init
    """
    from tariqa.reference import load_reference
    from tariqa.storage import open_store, resolve_url

    with open_store(db_option(ctx)) as store:
        err.print(f"database ready: {resolve_url(db_option(ctx))}")
        if not reference:
            return
        err.print("loading the reference record and the default codebook ...")
        sync = load_reference(store)
    show(_summary(sync))
    if sync.conflicts:
        err.print(
            f"[bold yellow]{len(sync.conflicts)} record(s) changed here and in this release were kept as they are[/]: "
            + ", ".join(f"{r.collection}/{r.key}" for r in sync.conflicts[:10])
            + (" ..." if len(sync.conflicts) > 10 else "")
            + "\nsee: tariqa reference status; settle each with: tariqa reference update --take shipped|mine RECORD",
            markup=True,
        )


def _summary(sync: Sync) -> Table:
    from tariqa.storage.shipped import ShippedState

    shown = [ShippedState.ADDED, ShippedState.UPDATED, ShippedState.UNCHANGED, ShippedState.LOCAL]
    shown += [ShippedState.CONFLICT, ShippedState.REMOVED]
    table = new_table("records", *(s.value for s in shown), title="reference record loaded")
    for column in table.columns[1:]:
        column.justify = "right"
    for collection in sorted({r.collection for r in sync.records}):
        mine = [r for r in sync.records if r.collection == collection]
        table.add_row(collection, *(str(sum(1 for r in mine if r.state is s)) for s in shown))
    return table


@reference_app.command("status")
@user_errors
def status(
    ctx: typer.Context,
    every: Annotated[bool, typer.Option("--all", help="List unchanged records too.")] = False,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """Where each shipped record stands here: changed here (local), changed here and in
    this release (conflict), removed here, or not loaded yet (added by the next init).

    Example: tariqa reference status --output csv
    """
    from tariqa.reference import reference_status
    from tariqa.storage import open_store
    from tariqa.storage.shipped import ShippedState

    with open_store(db_option(ctx)) as store:
        found = reference_status(store)
    rows = [_row(r) for r in found if every or r.state is not ShippedState.UNCHANGED]

    def table() -> Table:
        t = new_table("record", "state", "fields that differ", title="shipped records that are not as shipped")
        t.columns[0].overflow = "fold"
        t.columns[2].ratio = 1
        for r in rows:
            t.add_row(str(r["record"]), str(r["state"]), ", ".join(r["fields"]))
        return t

    if output is Output.table and not rows:
        err.print("every shipped record is as shipped")
        return
    emit(rows, output, table)


def _row(r: RecordState) -> dict[str, Any]:
    return {"record": f"{r.collection}/{r.key}", "state": r.state.value, "fields": list(r.fields)}


@reference_app.command("update")
@user_errors
def update(
    ctx: typer.Context,
    record: Annotated[str, typer.Argument(help="COLLECTION/ID (events/atp-fm-2017-11-baku), an id, or a source URL.")],
    take: Annotated[Take, typer.Option(help="shipped: take this release's version; mine: keep yours.")],
) -> None:
    """Settle one record changed here and in this release: take the shipped version
    (your change is replaced) or keep yours (this release's version is marked as seen).

    Example: tariqa reference update events/atp-fm-2017-11-baku --take mine
    """
    from tariqa.reference import settle
    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        after = settle(store, record, take=take)
    err.print(f"{after.collection}/{after.key}: now {after.state.value}")
