"""The dyads queries compiled ahead of time to DuckDB SQL, for the embedded engine.

The embedded DuckDB runs the same Ibis expressions (:mod:`tariqa.eventdata.dyads`)
as Spark and BigQuery, compiled once into ``dyads_duckdb.json``, which ships with the
package. There the group's codes and the window's bounds are placeholders, filled in at
run time; each query has a variant for each open or closed bound (and the indices one for
a volume given instead of counted). The embedded engine thus never imports Ibis and never
compiles, which saves about 0.4 s a process (a tenth of ingesting and analysing 5 million
events on 2 cores). Tests check that the file is what :func:`build` gives today and that
every variant, filled in, equals a fresh compilation.

After changing an expression, regenerate the file with
``python -m tariqa.eventdata.compiled``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING

from tariqa.errors import TariqaError
from tariqa.eventdata.indices import Bounds

if TYPE_CHECKING:
    import ibis.expr.types as ir

#: The shipped templates.
TEMPLATES = Path(__file__).with_name("dyads_duckdb.json")

#: Names of the tables the templates read: the events, and a volume given instead of counted.
EVENTS, VOLUME = "gdelt_events", "gdelt_volume"

# Placeholders, each found in the compiled SQL only where its value goes: two member codes
# (sorted), and the lower and upper SQLDATE bounds.
_CODES = ("TQ1", "TQ2")
_LOW, _HIGH = 11110101, 88881231


def _key(query: str, low: int | None, high: int | None, given_volume: bool = False) -> str:
    """The name of a variant: ``dyads`` or ``roots``, which bounds it has, and a given volume."""
    parts = [query, "low" if low else "", "high" if high else "", "volume" if given_volume else ""]
    return "+".join(p for p in parts if p)


def quote(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _fill(template: str, codes: Sequence[str], low: int | None, high: int | None) -> str:
    """The template with the placeholders replaced by ``codes`` and the bounds."""
    sql = template.replace(", ".join(map(quote, _CODES)), ", ".join(map(quote, codes)))
    sql = sql.replace(quote("+".join(_CODES)), quote("+".join(codes)))
    for placeholder, value in ((_LOW, low), (_HIGH, high)):
        if value is not None:
            sql = sql.replace(str(placeholder), str(int(value)))
    return sql


@cache
def _templates() -> dict[str, str]:
    try:
        found: dict[str, str] = json.loads(TEMPLATES.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        problem = f"the compiled dyads queries in {TEMPLATES} cannot be read ({exc}); reinstall tariqa"
        raise TariqaError(problem) from None
    return found


def dyads_sql(codes: Sequence[str], bounds: Bounds, given_volume: bool = False) -> str:
    """The DuckDB SQL of :func:`~tariqa.eventdata.dyads.dyad_query` for the CAMEO
    ``codes`` (sorted, distinct) and SQLDATE ``bounds``, over the table ``gdelt_events`` (and
    ``gdelt_volume`` when the volume is given)."""
    low, high = bounds
    return _fill(_templates()[_key("dyads", low, high, given_volume)], codes, low, high)


def roots_sql(codes: Sequence[str], bounds: Bounds) -> str:
    """The DuckDB SQL of :func:`~tariqa.eventdata.dyads.roots_query`, as :func:`dyads_sql`."""
    low, high = bounds
    return _fill(_templates()[_key("roots", low, high)], codes, low, high)


def build() -> dict[str, str]:
    """Compile every variant with Ibis (what ``dyads_duckdb.json`` must hold)."""
    import ibis

    from tariqa.eventdata.dyads import dyad_query, event_schema, roots_query
    from tariqa.eventdata.indices import VOLUME_SCHEMA

    events = ibis.table(event_schema(), name=EVENTS)
    given = ibis.table(VOLUME_SCHEMA, name=VOLUME)
    out: dict[str, str] = {}
    for low, high in product((None, _LOW), (None, _HIGH)):
        out[_key("roots", low, high)] = compile_duckdb(roots_query(events, _CODES, (low, high)))
        for volume in (False, True):
            expr = dyad_query(events, _CODES, (low, high), given if volume else None)
            out[_key("dyads", low, high, volume)] = compile_duckdb(expr)
    return dict(sorted(out.items()))


def compile_duckdb(expr: ir.Expr) -> str:
    """An Ibis expression as DuckDB SQL, on one line (as the templates hold it)."""
    import ibis

    return str(ibis.to_sql(expr, dialect="duckdb", pretty=False))


def write(path: Path = TEMPLATES) -> None:
    """Write the templates :func:`build` gives to ``path``."""
    path.write_text(json.dumps(build(), indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {TEMPLATES}")
