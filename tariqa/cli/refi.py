"""``tariqa refi export | import``: the coding project exchanged with NVivo, ATLAS.ti,
MAXQDA and QualCoder as REFI-QDA, over :mod:`tariqa.tasks.exchange`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tariqa.cli._common import db_option, err, show, user_errors
from tariqa.cli._tables import data_table, new_table
from tariqa.errors import UsageError

refi_app = typer.Typer(
    help="REFI-QDA project exchange (.qdpx) with NVivo, ATLAS.ti, MAXQDA, QualCoder.", no_args_is_help=True
)


@refi_app.command("export")
@user_errors
def refi_export(ctx: typer.Context, path: Annotated[Path, typer.Argument(help="The .qdpx file to write.")]) -> None:
    """Export codebook, documents with their text, coders, settled codings and memos as a .qdpx.

    Example: tariqa refi export study.qdpx
    """
    from tariqa.storage import open_store
    from tariqa.tasks.exchange import RefiExportOptions
    from tariqa.tasks.exchange import refi_export as export

    with open_store(db_option(ctx)) as store:
        result = export(store, RefiExportOptions(path))
    for note in result.notes:
        _warn(note)
    c = result.counts
    err.print(
        f"wrote {path}: {c['codes']} codes, {c['documents']} documents ({c['document_texts']} with text), "
        f"{c['codings']} codings, {c['memos']} memos",
        markup=False,
    )


@refi_app.command("import")
@user_errors
def refi_import(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A .qdpx (or .qde) file.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what the import would add or merge; write nothing.")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help="Add new codes to a codebook that has codes without asking.")
    ] = False,
) -> None:
    """Import a REFI-QDA project: codes, text documents, codings and memos (all or nothing).

    Records the study has already are merged (a file exported from this study changes
    nothing). Codes that would join a codebook that has codes are listed, and the import
    asks before it adds them (--yes: do not ask; without a terminal, --yes is needed).

    Example: tariqa refi import nvivo-project.qdpx --dry-run
    """
    from tariqa.storage import open_store
    from tariqa.tasks.exchange import RefiImportOptions
    from tariqa.tasks.exchange import refi_import as run_import

    with open_store(db_option(ctx)) as store:
        plan = run_import(store, RefiImportOptions(path, dry_run=True))
        for note in plan.notes:
            _warn(note)
        if dry_run or (plan.adds_to_codebook and not yes):
            _show_plan(plan)
        if dry_run:
            err.print("dry run: nothing was written")
            return
        if plan.adds_to_codebook and not yes:
            _confirm_codes(plan)
        result = run_import(store, RefiImportOptions(path))
    parts = [f"{r['records']}: {r['added']} added, {r['here']} already here" for r in result.to_dicts() if r["in_file"]]
    kept = sum(r["kept"] for r in result.to_dicts())
    if kept:
        parts.append(f"{kept} accepted suggestions kept as they are")
    err.print("; ".join(parts) or "the file holds no records tariqa can import")


def _show_plan(plan: Any) -> None:
    rows = plan.to_dicts()
    table = new_table("records", "in the file", "to add", "already here", "kept as stored", title="REFI-QDA import")
    for column in table.columns[1:]:
        column.justify = "right"
    for r in rows:
        table.add_row(r["records"], *(str(r[k]) for k in ("in_file", "added", "here", "kept")))
    show(table)
    if plan.new_codes:
        joins = f"codes that join the codebook of {plan.codebook_size} codes" if plan.codebook_size else "codes"
        show(data_table(list(plan.new_codes), f"{len(plan.new_codes)} {joins}", fold=("id", "parent")))


def _confirm_codes(plan: Any) -> None:
    import sys

    question = f"add {len(plan.new_codes)} codes to the codebook of {plan.codebook_size} codes?"
    if not sys.stdin.isatty():
        raise UsageError(f"the import would {question[:-1]}; check the list with --dry-run, then import with --yes")
    if not typer.confirm(question.capitalize(), default=False, err=True):
        err.print("nothing was written")
        raise typer.Exit(1)


def _warn(message: str) -> None:
    err.print(f"note: {message}", markup=False, highlight=False)
