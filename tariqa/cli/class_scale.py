"""``tariqa indicators --group ATP --compare ALL``: the group placed within the registry
(see :mod:`tariqa.tasks.class_scale`)."""

from __future__ import annotations

from typing import Any

from tariqa.cli._common import Output, emit, out, show
from tariqa.cli._tables import new_table
from tariqa.tasks.class_scale import ClassComparison


def print_class(found: ClassComparison, output: Output) -> None:
    """JSON: one document (rows, schemes, rank range); CSV: the rows; a table otherwise."""
    if output is Output.json:
        emit([found.to_document()], output, lambda: None)
        return
    emit(found.to_dicts(), output, lambda: _rows_table(found), columns=found.COLUMNS)
    if output is Output.table and found.schemes:
        show(_schemes_table(found))
        low, high = found.rank_range or (0, 0)
        out.print(
            f"rank of {found.group} on the composite over the weight schemes: {low} to {high} of {len(found.groups)}"
        )


def _number(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if abs(value) >= 1e5 else f"{value:.3g}"


def _rows_table(found: ClassComparison) -> Any:
    title = f"{found.group} among {len(found.groups)} groups (as of {found.as_of})"
    table = new_table("indicator: measure", "value", "rank", "pct", "min q1 median q3 max", title=title)
    table.columns[0].overflow = "fold"
    for column in table.columns[1:4]:
        column.justify = "right"
    for r in found.rows:
        spread = " ".join(_number(r[k]) for k in ("min", "q1", "median", "q3", "max"))
        rank = "" if r["rank"] is None else f"{r['rank']}/{r['of']}"
        pct = "" if r["percentile"] is None else f"{r['percentile']:g}"
        table.add_row(f"{r['indicator']}: {r['measure']}", _number(r["value"]), rank, pct, spread)
    return table


def _schemes_table(found: ClassComparison) -> Any:
    table = new_table("weight scheme (composite index)", "score", "rank", title="rank under other weights")
    for column in table.columns[1:]:
        column.justify = "right"
    for s in found.schemes:
        table.add_row(s["scheme"], f"{s['score']:.4g}", f"{s['rank']}/{s['of']}")
    return table
