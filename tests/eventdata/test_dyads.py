"""Dyadic indices: known values, DuckDB and Spark agree, BigQuery SQL compiled offline, CLI."""

from __future__ import annotations

import math
import sys
import types
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tariqa.errors import MissingExtra, UsageError
from tariqa.eventdata.engines import Engine, bigquery_sql, dyads
from tariqa.eventdata.indices import Window, dyad_chart_data
from tariqa.eventdata.ingest import ingest
from tariqa.eventdata.synth import synthesize

ATP = ["AZE", "TUR", "PAK"]


@pytest.fixture
def known_store(tmp_path: Path, known_file: Path) -> Path:
    ingest([known_file], tmp_path / "s")
    return tmp_path / "s"


def pick(rows: list[dict[str, Any]], subject: str, month: str) -> dict[str, Any]:
    return next(r for r in rows if r["subject"] == subject and r["month"] == month)


def test_known_indices(known_store: Path) -> None:
    rows = dyads(ATP, store=known_store).rows
    ta = pick(rows, "TUR->AZE", "2020-01")
    assert (ta["events"], ta["q1_verbal_coop"], ta["net_cooperation"], ta["volume"]) == (2, 2, 2, 6)
    assert ta["goldstein_sum"] == pytest.approx(9.9) and ta["goldstein_mean"] == pytest.approx(4.95)
    counts = ("events", "q1_verbal_coop", "q4_material_conflict", "cooperation", "net_cooperation", "volume")
    assert [type(ta[c]) for c in counts] == [int] * len(counts)  # not DuckDB's 128-bit sums, decimals
    assert ta["events_per_million"] == pytest.approx(2 / 6 * 1e6)
    pair = pick(rows, "AZE-TUR", "2020-01")
    assert (pair["events"], pair["cooperation"], pair["conflict"]) == (3, 2, 1)
    assert pair["net_cooperation_ratio"] == pytest.approx(1 / 3)
    assert pair["goldstein_sum"] == pytest.approx(7.9)
    group = pick(rows, "AZE+PAK+TUR", "2020-01")
    assert (group["events"], group["net_cooperation"], group["q4_material_conflict"]) == (4, 0, 1)
    assert group["goldstein_sum"] == pytest.approx(-2.1)
    feb = pick(rows, "AZE->PAK", "2020-02")
    assert (feb["q2_material_coop"], feb["volume"], feb["net_cooperation_per_million"]) == (1, 2, 500_000.0)
    assert {r["subject"] for r in rows} == {
        "TUR->AZE",
        "AZE->TUR",
        "PAK->TUR",
        "AZE->PAK",
        "AZE-TUR",
        "PAK-TUR",
        "AZE-PAK",
        "AZE+PAK+TUR",
    }
    # window and a volume given instead of counted
    only_feb = dyads(
        ATP,
        store=known_store,
        window=Window(since=date(2020, 2, 1)),
        volume_table={"month": [202002], "volume": [1000]},
    ).rows
    assert {r["month"] for r in only_feb} == {"2020-02"}
    assert pick(only_feb, "AZE->PAK", "2020-02")["events_per_million"] == pytest.approx(1000.0)


def test_roots_and_chart_data(known_store: Path) -> None:
    result = dyads(ATP, store=known_store)
    roots = {(r["subject"], r["month"], r["root"]): r["events"] for r in result.roots}
    assert roots[("TUR->AZE", "2020-01", "04")] == 1 and roots[("TUR->AZE", "2020-01", "05")] == 1
    assert roots[("AZE+PAK+TUR", "2020-01", "19")] == 1
    chart = dyad_chart_data(result.rows)
    assert {c["series"] for c in chart} == {"AZE-TUR", "PAK-TUR", "AZE-PAK", "AZE+PAK+TUR"}
    with pytest.raises(UsageError, match="unknown measure"):
        dyad_chart_data(result.rows, "nonsense")


def test_members_map_to_cameo_codes() -> None:
    sql = bigquery_sql(["ROU", "TUR"])
    assert "'ROM'" in sql and "'ROU'" not in sql
    with pytest.raises(UsageError, match="at least two"):
        bigquery_sql(["TUR", "TUR"])


def test_bigquery_sql_compiled_offline() -> None:
    sql = bigquery_sql(ATP, Window(date(2020, 1, 1), date(2020, 12, 1)))
    assert "`gdelt-bq`.`gdeltv2`.`events`" in sql
    assert "IN ('AZE', 'PAK', 'TUR')" in sql
    assert "`SQLDATE` >= 20200101" in sql and "`SQLDATE` <= 20201231" in sql
    assert sql.count("`gdelt-bq`.`gdeltv2`.`events`") == 2  # the dyads and the month's volume
    for measure in ("net_cooperation_ratio", "goldstein_sum_per_million", "q4_material_conflict"):
        assert f"AS `{measure}`" in sql
    assert "`gdelt-bq`.`full`.`events`" in bigquery_sql(ATP, version="1.0")


def test_bigquery_without_extra_or_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError, match="the BigQuery engine needs a project"):
        dyads(ATP, engine=Engine.bigquery)
    monkeypatch.setitem(sys.modules, "google", None)
    monkeypatch.setitem(sys.modules, "google.auth", None)
    with pytest.raises(MissingExtra, match=r"pip install 'tariqa\[bigquery\]'"):
        dyads(ATP, engine=Engine.bigquery, project="p")
    # the extra present, no credentials anywhere: a clear error, no browser
    auth = types.ModuleType("google.auth")
    exceptions = types.ModuleType("google.auth.exceptions")

    class DefaultCredentialsError(Exception):
        pass

    def default(scopes: list[str]) -> None:
        raise DefaultCredentialsError("Your default credentials were not found.")

    exceptions.DefaultCredentialsError = DefaultCredentialsError  # type: ignore[attr-defined]
    auth.default = default  # type: ignore[attr-defined]
    auth.exceptions = exceptions  # type: ignore[attr-defined]
    google = types.ModuleType("google")
    google.auth = auth  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "google", google)
    monkeypatch.setitem(sys.modules, "google.auth", auth)
    monkeypatch.setitem(sys.modules, "google.auth.exceptions", exceptions)
    with pytest.raises(UsageError, match="no Google Cloud credentials"):
        dyads(ATP, engine=Engine.bigquery, project="p")


def test_spark_missing_extra(monkeypatch: pytest.MonkeyPatch, known_store: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(MissingExtra, match=r"pip install 'tariqa\[spark\]'"):
        dyads(ATP, store=known_store, engine=Engine.spark)


def test_empty_or_missing_store(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such store"):
        dyads(ATP, store=tmp_path / "none")


def same(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> None:
    assert len(a) == len(b) and a
    for x, y in zip(a, b, strict=True):
        assert x.keys() == y.keys()
        assert [type(v) for v in x.values()] == [type(v) for v in y.values()], (x, y)
        for key, value in x.items():
            if isinstance(value, float):
                assert math.isclose(value, y[key], rel_tol=1e-9, abs_tol=1e-12), (key, x, y)
            else:
                assert value == y[key], (key, x, y)


@pytest.mark.spark
# py4j leaves its gateway socket to the garbage collector; PySpark 4.0 and ibis pass pandas 3 a
# deprecated copy= keyword
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
def test_spark_gives_the_same_results_as_duckdb(tmp_path: Path, known_file: Path) -> None:
    pytest.importorskip("pyspark")
    synthetic = tmp_path / "synth.CSV"
    synthesize(synthetic, 20_000, seed=5, start=date(2020, 1, 1), per_day=200)
    store = tmp_path / "s"
    ingest([known_file, synthetic], store)
    local = dyads(ATP, store=store)
    spark = dyads(ATP, store=store, engine=Engine.spark, spark_master="local[2]")
    from tariqa.eventdata.engines import spark_session

    spark_session("local[2]").stop()
    assert len({r["month"] for r in local.rows}) >= 3
    same(local.rows, spark.rows)
    same(local.roots, spark.roots)
