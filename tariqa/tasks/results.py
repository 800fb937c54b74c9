"""What the task functions return: typed results whose tables convert to Arrow (and so to
pandas or polars) for work in a notebook.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Pairs(Tabular):
...     COLUMNS = ("pair", "n")
...     rows: tuple[dict[str, object], ...] = ()
>>> Pairs(({"pair": "AZE-TUR", "n": 3},)).to_arrow().column_names
['pair', 'n']
>>> Pairs().to_arrow().num_rows
0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar


class Tabular:
    """A result whose ``rows`` form one table (dicts with the keys of ``COLUMNS``)."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    rows: Sequence[dict[str, Any]]

    def to_dicts(self) -> list[dict[str, Any]]:
        """The rows as plain dicts, in the columns' order."""
        return [{c: r.get(c) for c in self.COLUMNS} if self.COLUMNS else dict(r) for r in self.rows]

    def to_arrow(self) -> Any:
        """The rows as a ``pyarrow.Table`` (``.to_pandas()``, ``polars.from_arrow`` from there)."""
        import pyarrow as pa

        rows = self.to_dicts()
        if rows:
            return pa.Table.from_pylist(rows)
        return pa.table({c: pa.array([], type=pa.null()) for c in self.COLUMNS})
