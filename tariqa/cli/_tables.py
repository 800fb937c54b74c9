"""Tables for a terminal of 80 columns.

Every table is printed by :func:`print_table`: with light rules (a line under the
header, no vertical lines), at least as wide as its title, and, when its columns cannot
fit the terminal without cutting words, with a one-line note on stderr that names the
way to every field in full (``--output csv``). Columns of identifiers and URLs fold
(long words break across lines) instead of being cut; the others wrap at spaces.
:func:`data_table` builds the table of a list of rows as the tasks return them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Column, Table
from rich.text import Text

#: What the note suggests when a table does not fit.
CSV_HINT = "--output csv (or json) gives every field in full"
#: The width a folding column is allowed to shrink to before a table counts as too wide.
FOLD_MIN = 16


def new_table(*headers: str | Column, title: str | None = None, **options: Any) -> Table:
    """A table in the command line's style (see :func:`print_table`)."""
    return Table(
        *headers, title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), **options
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def data_table(
    rows: Sequence[dict[str, Any]],
    title: str | None = None,
    *,
    columns: Sequence[str] | None = None,
    fold: Sequence[str] = (),
) -> Table:
    """The table of ``rows`` (dicts): one column per key, headed by the key with spaces
    for underscores (so that a narrow column wraps it), numbers on the right, and the
    ``fold`` columns (identifiers, URLs) breaking long words instead of being cut."""
    keys = list(columns or (rows[0].keys() if rows else ()))
    table = new_table(title=title)
    for key in keys:
        numeric = bool(rows) and all(isinstance(r.get(key), int | float) or r.get(key) is None for r in rows)
        table.add_column(
            key.replace("_", " "),
            justify="right" if numeric else "left",
            overflow="fold" if key in fold else "ellipsis",
        )
    for row in rows:
        table.add_row(*(Text(_cell(row.get(key))) for key in keys))
    return table


def _widths(column: Column, console: Console) -> tuple[int, int, int]:
    """A column's content widths (padding excluded): the narrowest it may be (its longest
    word; the whole cell where it does not wrap; at most :data:`FOLD_MIN` where long words
    may fold), the narrowest without folding a word, and its longest line."""
    options = console.options.update_width(10_000)
    sizes = [Measurement.get(console, options, cell) for cell in [column.header, *column.cells]]
    widest = max(m.maximum for m in sizes)
    word = widest if column.no_wrap else max(m.minimum for m in sizes)
    if column.max_width is not None:
        widest, word = min(widest, column.max_width), min(word, column.max_width)
    if column.min_width is not None:
        widest, word = max(widest, column.min_width), max(word, column.min_width)
    least = min(word, max(FOLD_MIN, column.min_width or 0)) if column.overflow == "fold" else word
    return least, word, widest


def _overhead(table: Table, console: Console) -> int:
    """The width of a table's rules and padding."""
    saved, least = [c.width for c in table.columns], table.min_width
    try:
        table.min_width = None
        for column in table.columns:
            column.width = 1
        return Measurement.get(console, console.options.update_width(10_000), table).minimum - len(table.columns)
    finally:
        table.min_width = least
        for column, width in zip(table.columns, saved, strict=True):
            column.width = width


def layout(table: Table, console: Console) -> bool:
    """Fix the widths of ``table``'s columns for ``console`` so that no word is cut, and
    say whether that was possible. Every column gets its narrowest width; then folding
    columns are widened to fit their longest word (the shortest first), the columns without
    a ``ratio`` (identifiers, dates, numbers) grow to their natural width (the smallest
    first), and what is left goes to the ``ratio`` columns (prose). A table that fits as it
    is keeps its natural widths."""
    if not table.columns or any(c.width is not None for c in table.columns):
        return True
    room = console.width - _overhead(table, console)
    sizes = [_widths(c, console) for c in table.columns]
    if sum(widest for _, _, widest in sizes) <= room:
        return True
    widths = [least for least, _, _ in sizes]
    left = room - sum(widths)
    if left < 0:
        return False
    for i in sorted(range(len(widths)), key=lambda i: sizes[i][1] - widths[i]):
        if 0 < sizes[i][1] - widths[i] <= left:
            left -= sizes[i][1] - widths[i]
            widths[i] = sizes[i][1]
    compact = sorted((i for i, c in enumerate(table.columns) if not c.ratio), key=lambda i: sizes[i][2] - widths[i])
    for i in compact:
        grow = min(sizes[i][2] - widths[i], left)
        widths[i] += grow
        left -= grow
    prose = [i for i, c in enumerate(table.columns) if c.ratio and sizes[i][2] > widths[i]]
    total = sum(table.columns[i].ratio or 1 for i in prose)
    for n, i in enumerate(prose):
        share = left if n == len(prose) - 1 else left * (table.columns[i].ratio or 1) // total
        grow = min(share, sizes[i][2] - widths[i])
        widths[i] += grow
        left -= grow
        total -= table.columns[i].ratio or 1
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return True


def print_table(table: Table, out: Console, err: Console, hint: str | None = CSV_HINT) -> None:
    """Print ``table`` on ``out``, laid out by :func:`layout`; when it cannot fit without
    cutting words, say so in one line on ``err``."""
    if table.title:
        title = table.title if isinstance(table.title, str) else str(table.title)
        table.min_width = min(Text(title).cell_len, out.width)
    if not layout(table, out):
        tail = f"; {hint}" if hint else "; widen the terminal to see them whole"
        err.print(f"note: the table is wider than the terminal ({out.width} columns), so some cells are cut{tail}")
    out.print(table)
