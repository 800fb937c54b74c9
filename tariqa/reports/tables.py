"""Tables of the report: one object written three ways, as HTML (in the page), CSV and
LaTeX with booktabs (beside it), so a researcher can publish any table as it appears.

>>> t = Table("demo", "Rounds", ["Year", "Host"], [[2017, "Baku & co"]], note="Source: the record.")
>>> print(t.latex())  # doctest: +NORMALIZE_WHITESPACE
\\begin{table}[ht]
\\centering
\\caption{Rounds}
\\label{tab:demo}
\\begin{tabular}{rl}
\\toprule
Year & Host \\\\
\\midrule
2017 & Baku \\& co \\\\
\\bottomrule
\\end{tabular}
\\par\\smallskip{\\footnotesize Source: the record.}
\\end{table}
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Cell = Any
"""A value shown in a cell: text, a number, a date or None (shown empty)."""

_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@dataclass
class Table:
    """A named table: ``name`` is its file name (tables/NAME.csv and .tex)."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""
    links: dict[tuple[int, int], str] = field(default_factory=dict)
    """(row, column) → URL, for cells shown as links in the HTML."""

    def csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows([_exact(c) for c in row] for row in self.rows)
        return buffer.getvalue()

    def latex(self) -> str:
        align = "".join("r" if self._numeric(i) else "l" for i in range(len(self.columns)))
        lines = [
            r"\begin{table}[ht]",
            r"\centering",
            rf"\caption{{{escape_latex(self.title)}}}",
            rf"\label{{tab:{self.name}}}",
            rf"\begin{{tabular}}{{{align}}}",
            r"\toprule",
            " & ".join(escape_latex(c) for c in self.columns) + r" \\",
            r"\midrule",
            *(" & ".join(escape_latex(_plain(c)) for c in row) + r" \\" for row in self.rows),
            r"\bottomrule",
            r"\end{tabular}",
        ]
        if self.note:
            lines.append(rf"\par\smallskip{{\footnotesize {escape_latex(self.note)}}}")
        lines.append(r"\end{table}")
        return "\n".join(lines) + "\n"

    def _numeric(self, column: int) -> bool:
        values = [row[column] for row in self.rows if row[column] not in (None, "")]
        return bool(values) and all(isinstance(v, int | float) for v in values)

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{self.name}.csv").write_text(self.csv(), encoding="utf-8")
        (folder / f"{self.name}.tex").write_text(self.latex(), encoding="utf-8")


def escape_latex(text: str) -> str:
    """Text safe inside a LaTeX document (special characters escaped)."""
    return "".join(_LATEX.get(ch, ch) for ch in text)


def _exact(cell: Cell) -> str:
    """A cell for the CSV files: data, so numbers keep every digit (the page and the
    LaTeX table round them for reading).

    >>> _exact(0.1234567), _exact(None), _exact(3)
    ('0.1234567', '', '3')
    """
    if cell is None:
        return ""
    return repr(cell) if isinstance(cell, float) else str(cell)


def _plain(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return f"{cell:.4g}" if abs(cell) < 1e6 else f"{cell:,.0f}"
    return str(cell)
