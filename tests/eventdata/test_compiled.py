"""The dyads SQL compiled ahead of time for the embedded DuckDB: current, equal to a fresh
compilation for any group and window, and free of Ibis (and pandas) at run time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import ibis
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from tariqa.errors import TariqaError
from tariqa.eventdata import compiled
from tariqa.eventdata.dyads import dyad_query, event_schema, roots_query
from tariqa.eventdata.indices import VOLUME_SCHEMA

EVENTS = ibis.table(event_schema(), name=compiled.EVENTS)
GIVEN = ibis.table(VOLUME_SCHEMA, name=compiled.VOLUME)

codes = hs.lists(hs.from_regex(r"[A-Z]{3}", fullmatch=True), min_size=2, max_size=6, unique=True).map(sorted)
sqldates = hs.integers(1979, 2030).flatmap(lambda y: hs.integers(1, 12).map(lambda m: y * 10000 + m * 100 + 1))
bounds = hs.tuples(hs.none() | sqldates, hs.none() | sqldates.map(lambda d: d + 30))


def test_shipped_templates_are_what_the_expressions_compile_to() -> None:
    shipped = json.loads(compiled.TEMPLATES.read_text(encoding="utf-8"))
    assert shipped == compiled.build(), "stale: run python -m tariqa.eventdata.compiled"
    assert len(shipped) == 12  # dyads (volume counted or given) and roots, for 4 windows


@settings(max_examples=40, deadline=None)
@given(codes, bounds, hs.booleans())
def test_filled_templates_equal_a_fresh_compilation(group: list[str], window: tuple, given_volume: bool) -> None:
    fresh = compiled.compile_duckdb(dyad_query(EVENTS, group, window, GIVEN if given_volume else None))
    assert compiled.dyads_sql(group, window, given_volume) == fresh
    assert compiled.roots_sql(group, window) == compiled.compile_duckdb(roots_query(EVENTS, group, window))


def test_a_quote_in_a_code_stays_inside_its_literal() -> None:
    sql = compiled.dyads_sql(["A'B", "XYZ"], (None, None))
    assert "IN ('A''B', 'XYZ')" in sql and "'A''B+XYZ'" in sql


def test_unreadable_templates_get_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(compiled, "TEMPLATES", tmp_path / "t.json")
    compiled._templates.cache_clear()
    try:
        with pytest.raises(TariqaError, match=r"compiled dyads queries .* cannot be read.*reinstall"):
            compiled.dyads_sql(["AZE", "TUR"], (None, None))
    finally:
        compiled._templates.cache_clear()


def test_ingest_and_the_embedded_engine_never_import_ibis_or_pandas(known_file: Path, tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path\n"
        "from tariqa.eventdata.ingest import ingest\n"
        "from tariqa.eventdata.engines import dyads\n"
        f"ingest([Path({str(known_file)!r})], Path({str(tmp_path / 's')!r}))\n"
        f"result = dyads(['AZE', 'TUR', 'PAK'], store=Path({str(tmp_path / 's')!r}))\n"
        "print(len(result.rows), sorted(m for m in sys.modules if m.split('.')[0] in ('ibis', 'pandas')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 0 and out[1:] == ["[]"]
