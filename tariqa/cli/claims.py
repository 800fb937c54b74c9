"""``tariqa check``: published claims tested against the record."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tariqa.cli._common import Output, db_option, emit, err, user_errors

if TYPE_CHECKING:
    from rich.table import Table

    from tariqa.claims.check import Result

#: Claims files shipped with tariqa; ``tariqa check atp`` picks ``atp.yaml`` from here.
EXAMPLES = Path(__file__).parent.parent / "data" / "claims"
SHOWN_SOURCES = 3
_COLOURS = {"supported": "green", "contradicted": "red", "imprecise": "yellow", "unverifiable": "dim"}


class CheckOutput(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


def claims_path(value: str) -> Path:
    """The file to check: ``value`` itself, or a shipped example named by a bare word."""
    path = Path(value)
    example = EXAMPLES / f"{value}.yaml"
    if not path.exists() and path.name == value and not path.suffix and example.is_file():
        return example
    return path


@user_errors
def check(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(help="A claims file (YAML, see docs/claims.md), or 'atp' for the example.")],
    output: Annotated[CheckOutput, typer.Option("--output", "-o")] = CheckOutput.table,
) -> None:
    """Check published claims against the record: each gets a verdict (supported,
    contradicted, imprecise, unverifiable), the events and sources that decide it, and why.

    An invalid claims file is reported by file, line and field, and nothing is checked.
    Exits 1 when the record contradicts a claim. Example: tariqa check atp --output markdown
    """
    from tariqa.storage import open_store
    from tariqa.tasks.claims import ClaimsOptions, check_claims

    with open_store(db_option(ctx)) as store:
        checked = check_claims(store, ClaimsOptions(claims_path(path)))
    results, rows = list(checked.results), list(checked.rows)
    if output is CheckOutput.markdown:
        sys.stdout.write(markdown(rows))
    else:
        emit(rows, Output(output.value), lambda: _table(results))
    err.print(f"{len(results)} claims: " + ", ".join(f"{n} {v}" for v, n in checked.tally().items()))
    if checked.contradicted:
        raise typer.Exit(1)  # a check that finds problems exits with 1 (the README's rule)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(rows: list[dict[str, Any]]) -> str:
    """The verdicts as a Markdown table, claims linked to where they were published."""
    lines = ["| claim | verdict | explanation | events | sources |", "| --- | --- | --- | --- | --- |"]
    for r in rows:
        claim = f"[{r['id']}]({r['published']}): {_cell(r['claim'])}"
        sources = " ".join(f"<{u}>" for u in r["sources"])
        events = ", ".join(f"`{e}`" for e in r["events"])
        lines.append(f"| {claim} | **{r['verdict']}** | {_cell(r['explanation'])} | {events} | {sources} |")
    return "\n".join(lines) + "\n"


def _table(results: list[Result]) -> Table:
    from rich.text import Text

    from tariqa.cli._tables import new_table

    t = new_table(title="claims", show_lines=True)
    t.add_column("verdict", no_wrap=True)
    t.add_column("claim", ratio=1, overflow="fold")
    t.add_column("why, and the sources", ratio=1, overflow="fold")
    for r in results:
        verdict = r.verdict.value
        claim = Text(r.claim.id, style="bold")
        claim.append(f"\n{r.claim.text}")
        why = Text(r.explanation)
        if r.events:
            why.append("\n" + " ".join(r.events), style="dim")
        why.append(f"\npublished: {r.claim.published.url}", style="dim")
        sources = "".join(f"\n{url}" for url in r.sources[:SHOWN_SOURCES])
        if len(r.sources) > SHOWN_SOURCES:
            sources += f"\n(+{len(r.sources) - SHOWN_SOURCES} more: --output json)"
        why.append(sources, style="cyan")
        t.add_row(Text(verdict, style=_COLOURS[verdict]), claim, why)
    return t
