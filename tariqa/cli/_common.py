"""Shared pieces of the command line: the database option, error handling, output."""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from tariqa.errors import ImportProblems, Problems, TariqaError, TooLarge, UsageError

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

out = Console(highlight=False, soft_wrap=False, markup=False)  # data are never markup
err = Console(stderr=True, highlight=False, soft_wrap=True)

MAX_LISTED_PROBLEMS = 50


class Output(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def db_option(ctx: typer.Context) -> str | None:
    """The ``--db`` value given to the root command (None: TARIQA_DATABASE_URL or default)."""
    obj = ctx.find_root().obj
    return obj.get("db") if isinstance(obj, dict) else None


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a TariqaError into one clear message on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except Problems as exc:
            report_problems(exc)
            raise typer.Exit(2) from None
        except TooLarge as exc:
            err.print(f"[bold red]error:[/] {exc}; raise the limit with --max-size", markup=True, highlight=False)
            raise typer.Exit(2) from None
        except TariqaError as exc:
            # escaped: a message may hold brackets, as in pip install 'tariqa[semantic]'
            err.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False)
            raise typer.Exit(2) from None

    return wrapper


def report_problems(exc: Problems) -> None:
    n = len(exc.problems)
    tail = "; nothing was written" if isinstance(exc, ImportProblems) else ""
    err.print(f"[bold red]error:[/] {n} problem{'s' if n != 1 else ''} found{tail}")
    for problem in exc.problems[:MAX_LISTED_PROBLEMS]:
        err.print(str(problem), markup=False, highlight=False, soft_wrap=True)
    if n > MAX_LISTED_PROBLEMS:
        err.print(f"... and {n - MAX_LISTED_PROBLEMS} more")


def progress() -> Any:
    """A progress display on stderr. It refreshes only when told to: no thread runs
    beside the import (whose reader may fork)."""
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        MofNCompleteColumn(),
        TextColumn("records"),
        TimeElapsedColumn(),
        console=err,
        auto_refresh=False,
        transient=True,
    )


def counted(items: Iterable[T], bar: Any, task: Any, every: int = 2000) -> Iterator[T]:
    """Pass ``items`` through, advancing ``bar`` every ``every`` items."""
    n = 0
    for item in items:
        yield item
        n += 1
        if n % every == 0:
            bar.update(task, completed=n, refresh=True)
    bar.update(task, completed=n, refresh=True)


def day_option(value: str | None, option: str) -> date | None:
    """A date given on the command line (YYYY-MM-DD), or a usage error naming the option."""
    from tariqa.dates import parse_day

    if value is None:
        return None
    try:
        return parse_day(value)  # type: ignore[no-any-return]
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def findings_table(rows: Sequence[dict[str, Any]], title: str) -> Any:
    """A table of quality findings (kind, subject, message)."""
    from tariqa.cli._tables import data_table

    return data_table(rows, title, columns=("kind", "subject", "message"), fold=("subject",))


def show(renderable: Any, hint: str | None = None) -> None:
    """Print a table (or any renderable) on stdout; a table too wide for the terminal gets
    a one-line note on stderr, naming ``hint`` (default: ``--output csv``)."""
    from rich.table import Table

    from tariqa.cli._tables import CSV_HINT, print_table

    if isinstance(renderable, Table):
        if renderable.columns:  # a table of no rows and unknown columns says nothing
            print_table(renderable, out, err, hint or CSV_HINT)
    else:
        out.print(renderable)


def emit(
    rows: Sequence[dict[str, Any]],
    output: Output,
    table: Callable[[], Any],
    columns: Sequence[str] | None = None,
) -> None:
    """Print ``rows`` as CSV or JSON, or the table that ``table`` builds. ``columns``
    heads a CSV without rows."""
    if output is Output.json:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif output is Output.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        header = list(rows[0].keys()) if rows else list(columns or ())
        if header:
            writer.writerow(header)
        for row in rows:
            writer.writerow(
                [json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for v in row.values()]
            )
    else:
        show(table())
