"""The ``tariqa`` command: composes the command groups; each command is a thin shell."""

from __future__ import annotations

from typing import Annotated

import typer

from tariqa.cli import (
    alignment,
    analysis,
    browse,
    claims,
    fetch,
    gdelt,
    memos,
    qda,
    record,
    reference,
    refi,
    report,
    serve,
    users,
    watch,
)
from tariqa.cli._help import TariqaGroup
from tariqa.version import __version__

app = typer.Typer(
    name="tariqa",
    cls=TariqaGroup,
    help="A sourced, checkable record of informal cooperation between states, and its analysis.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tariqa {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="TARIQA_DATABASE_URL",
            help="Database: a SQLite file path or a URL (postgresql://...). Default: a file in your data folder.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = {"db": db}


app.command()(reference.init)
app.add_typer(reference.reference_app, name="reference")
app.command("import")(record.import_)
app.command()(record.export)
app.command()(record.validate)
app.command()(browse.groups)
app.command()(browse.events)
app.add_typer(browse.sources_app, name="sources")
app.add_typer(qda.codebook_app, name="codebook")
app.add_typer(qda.docs_app, name="docs")
app.add_typer(qda.code_app, name="code")
app.add_typer(refi.refi_app, name="refi")
app.command()(qda.codings)
app.command()(qda.themes)
app.command()(qda.cooccurrence)
app.command()(qda.quotes)
app.command()(qda.reliability)
app.add_typer(memos.memo_app, name="memo")
app.add_typer(gdelt.gdelt_app, name="gdelt")
app.command()(memos.memos)
app.command()(claims.check)
app.command()(analysis.indicators)
app.command()(analysis.calendar)
app.command()(analysis.formats)
app.command()(alignment.alignment)
app.command()(report.report)
app.command()(serve.serve)
app.add_typer(users.users_app, name="users")
browse.sources_app.command("fetch")(fetch.sources_fetch)
browse.sources_app.command("health")(fetch.sources_health)
app.add_typer(fetch.unga_app, name="unga")
gdelt.gdelt_app.command("fetch")(fetch.gdelt_fetch)
app.add_typer(watch.watch_app, name="watch")
app.add_typer(watch.candidates_app, name="candidates")


def main() -> None:
    """Console entry point (also of ``python -m tariqa``, which is named ``tariqa`` in messages)."""
    app(prog_name="tariqa")
