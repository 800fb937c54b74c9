"""``tariqa memo add`` and ``tariqa memos``: researchers' notes on documents, codes, codings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

import typer
from rich.table import Table

from tariqa.cli._common import Output, db_option, emit, err, user_errors
from tariqa.cli._tables import new_table

memo_app = typer.Typer(help="Memos: notes on documents, codes, codings or the project.", no_args_is_help=True)
About = Literal["document", "code", "coding", "project"]


@memo_app.command("add")
@user_errors
def memo_add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The memo.")],
    author: Annotated[str, typer.Option(help="Who writes it.")] = ...,  # type: ignore[assignment]
    document: Annotated[str | None, typer.Option(help="About this document.")] = None,
    code: Annotated[str | None, typer.Option(help="About this code.")] = None,
    coding: Annotated[str | None, typer.Option(help="About this coding (its id).")] = None,
) -> None:
    """Write a memo about a document, a code, a coding, or (with none of them) the project.

    Example: tariqa memo add "Compare with the 2021 text" --document baku-declaration --author aylin
    """
    from tariqa.errors import UsageError
    from tariqa.io.validation import parse_record
    from tariqa.storage import open_store

    given: list[tuple[About, str | None]] = [("document", document), ("code", code), ("coding", coding)]
    targets = [(about, value) for about, value in given if value]
    if len(targets) > 1:
        raise UsageError("a memo is about one thing: give one of --document, --code, --coding")
    about, target = targets[0] if targets else ("project", "project")
    record = {"about": about, "target": target, "author": author, "text": text, "created": datetime.now(UTC)}
    with open_store(db_option(ctx)) as store:
        store.import_items(parse_record("memos", record, "(command line)", ""))
    err.print(f"memo on {about} {target!r} saved")


@user_errors
def memos(
    ctx: typer.Context,
    about: Annotated[str | None, typer.Option(help="document, code, coding or project.")] = None,
    target: Annotated[str | None, typer.Option(help="Id of the document, code or coding.")] = None,
    output: Annotated[Output, typer.Option("--output", "-o")] = Output.table,
) -> None:
    """List memos, oldest first within each target.

    Example: tariqa memos --about document --target baku-declaration
    """
    import json

    from tariqa.storage import open_store

    with open_store(db_option(ctx)) as store:
        rows = [json.loads(b) for b in store.iter_bodies("memos")]
    rows = [r for r in rows if (about is None or r["about"] == about) and (target is None or r["target"] == target)]
    rows.sort(key=lambda r: (r["about"], r["target"], r.get("created", "")))

    def table() -> Table:
        t = new_table("about", "author", "memo", title="memos")
        t.columns[0].overflow = "fold"
        for r in rows:
            created = str(r.get("created") or "")[:16].replace("T", " ")
            about = r["about"] if r["about"] == "project" else f"{r['about']} {r['target']}"
            t.add_row(about, f"{r['author']}\n{created}".strip(), r["text"])
        return t

    emit(rows, output, table)
