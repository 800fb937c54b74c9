"""Comparison at class scale: the group within the whole registry gives the same numbers
from the task, the command line (JSON), the web API and the report's tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tariqa.errors import NotFound, UsageError
from tariqa.indicators.distribution import percentile, quartiles, rank
from tariqa.reference import load_reference
from tariqa.reports import ReportOptions, build_report
from tariqa.storage import open_store
from tariqa.tasks.class_scale import ClassComparison, ClassOptions, class_members, compare_class
from tests.cli.test_cli import run
from tests.web.conftest import client_for


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("class") / "ref.db")
    with open_store(path) as store:
        load_reference(store)
    return path


@pytest.fixture(scope="module")
def found(db: str) -> ClassComparison:
    with open_store(db) as store:
        return compare_class(store, ClassOptions(group="ATP"))


@pytest.fixture(scope="module")
def report_tables(db: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    with open_store(db) as store:
        build_report(store, ReportOptions(group="ATP", out=out, compare=class_members(store, ["ALL"])))
    return out / "tables"


def test_the_class_is_the_whole_registry(found: ClassComparison) -> None:
    assert found.group == "ATP" and found.groups[0] == "ATP"
    assert len(found.groups) == 16 and len(set(found.groups)) == 16
    composite = found.row("institutionalisation", "composite index")
    assert composite["of"] == 16
    assert composite["min"] <= composite["q1"] <= composite["median"] <= composite["q3"] <= composite["max"]
    assert composite["min"] <= composite["value"] <= composite["max"]
    assert 1 <= composite["rank"] <= 16 and 0 < composite["percentile"] < 100


def test_ranks_agree_with_the_indicator_values_of_every_group(db: str, found: ClassComparison) -> None:
    """The rank is recomputed from the indicators of each group, read one by one."""
    from tariqa.tasks import IndicatorOptions, compute_indicators

    with open_store(db) as store:
        table = compute_indicators(store, IndicatorOptions(groups=found.groups, names=("intensity",)))
    per_year = {g: table.value(g, "intensity", "events per year") for g in found.groups}
    row = found.row("intensity", "events per year")
    assert row["value"] == per_year["ATP"]
    assert row["rank"] == 1 + sum(v > per_year["ATP"] for v in per_year.values())
    assert (row["min"], row["max"]) == (min(per_year.values()), max(per_year.values()))


def test_rank_sensitivity_over_the_weight_schemes(found: ClassComparison) -> None:
    assert [s["scheme"] for s in found.schemes][:2] == ["equal", "double tracks"]
    assert len(found.schemes) == 11
    equal = found.schemes[0]
    composite = found.row("institutionalisation", "composite index")
    assert (equal["score"], equal["rank"]) == (composite["value"], composite["rank"])
    ranks = [s["rank"] for s in found.schemes]
    assert found.rank_range == (min(ranks), max(ranks))
    assert found.to_arrow().column_names == list(found.COLUMNS)
    assert found.schemes_to_arrow().num_rows == 11


def test_cli_json_equals_the_task(db: str, found: ClassComparison) -> None:
    code, out, err = run(db, "indicators", "--group", "ATP", "--compare", "ALL", "-o", "json")
    assert code == 0, err
    assert json.loads(out) == [json.loads(json.dumps(found.to_document()))]
    code, out, _ = run(db, "indicators", "--group", "ATP", "--compare", "ALL")
    assert code == 0 and "ATP among 16 groups" in out and "rank of ATP on the composite" in out


def test_api_equals_the_task(db: str, found: ClassComparison) -> None:
    with client_for(db, anonymous_read=True) as client:
        data = client.get("/api/compare", params={"group": "ATP"}).json()
        page = client.get("/compare", params={"group": "ATP"}).text
    assert data["class"] == json.loads(json.dumps(found.to_document()))
    assert "ATP among 16 groups" in page


def test_report_tables_equal_the_task(report_tables: Path, found: ClassComparison) -> None:
    with (report_tables / "class-scale.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = ("value", "rank", "of", "percentile", "min", "q1", "median", "q3", "max")
    assert [r["Indicator"] for r in rows] == [f"{t['indicator']}: {t['measure']}" for t in found.rows]
    for shown, task in zip(rows, found.rows, strict=True):
        for key in keys:
            expected = task[key]
            cell = shown[key.capitalize() if key not in ("q1", "q3") else key.upper()]
            assert (float(cell) if cell else None) == (None if expected is None else float(expected)), key
    with (report_tables / "class-schemes.csv").open(encoding="utf-8") as f:
        schemes = list(csv.DictReader(f))
    assert [(s["Weight scheme"], float(s["Score"]), int(s["Rank"])) for s in schemes] == [
        (s["scheme"], s["score"], s["rank"]) for s in found.schemes
    ]


def test_a_smaller_class(db: str) -> None:
    with open_store(db) as store:
        pair = compare_class(store, ClassOptions(group="ATP", among=("TAG",)))
    assert pair.groups == ("ATP", "TAG")
    assert all(r["of"] <= 2 and (r["rank"] is None or r["rank"] <= 2) for r in pair.rows)


def test_unknown_groups_and_one_group_only(db: str) -> None:
    with open_store(db) as store, pytest.raises(NotFound):
        compare_class(store, ClassOptions(group="NOPE"))
    with open_store(db) as store, pytest.raises(NotFound):
        compare_class(store, ClassOptions(group="ATP", among=("NOPE",)))
    code, _, err = run(db, "indicators", "--group", "ATP,TAG", "--compare", "ALL")
    assert code == 2 and "give one --group" in err
    code, _, err = run(db, "indicators", "--group", "ATP", "--compare", "ALL", "--by", "year")
    assert code == 2 and "leave out --by year" in err


def test_distribution_functions() -> None:
    assert quartiles([4, 1, 3, 2]) == (1, 1.75, 2.5, 3.25, 4)
    assert rank(3, [3, 3, 1]) == 1 and rank(1, [3, 3, 1]) == 3
    assert percentile(3, [3, 3, 1]) == pytest.approx(66.7)
    with pytest.raises(ValueError, match="no values"):
        quartiles([])
    with pytest.raises(ValueError, match="no values"):
        percentile(1, [])


def test_a_row_that_is_not_there(found: ClassComparison) -> None:
    with pytest.raises(UsageError, match="no measure"):
        found.row("intensity", "no such measure")
