"""One question, one answer: for ATP and every comparator of the reference record, the
command line (``--output json``), the web app's JSON twin (``/api/...``) and the report's
CSV tables give identical numbers for the indicators, the formats, the calendar and UN
voting alignment."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tariqa.cli import app as cli
from tariqa.reports import ReportOptions, report
from tariqa.settings import Settings
from tariqa.storage import open_store
from tariqa.web import create_app
from tests.io.test_unvotes import UNGA, needs_data

pytestmark = pytest.mark.slow

GROUPS = ("ATP", "TAG", "QUAD", "AUKUS")
HEADLINE = (
    ("intensity", "events per year", "all"),
    ("intensity", "top-level share", "all"),
    ("institutionalisation", "composite index", "group"),
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("one") / "ref.db")
    result = CliRunner().invoke(cli, ["--db", path, "init"])
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def api(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database=db, anonymous_read=True, unga_folder=UNGA))) as client:
        yield client


@pytest.fixture(scope="module")
def reports(db: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each group's report, with the others as comparators and the shared UN votes."""
    out = {}
    with open_store(db) as store:
        for group in GROUPS:
            folder = tmp_path_factory.mktemp(f"report-{group}")
            others = tuple(g for g in GROUPS if g != group)
            votes = UNGA if UNGA.is_dir() else None
            report(store, ReportOptions(group, folder, compare=others, votes=votes))
            out[group] = folder / "tables"
    return out


def cli_json(db: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", db, *args, "--output", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def table(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def number(text: str | None) -> float | None:
    return None if text in (None, "") else float(text)


@pytest.mark.parametrize("group", GROUPS)
def test_indicators(db: str, api: TestClient, reports: dict[str, Path], group: str) -> None:
    others = ",".join(g for g in GROUPS if g != group)
    rows = cli_json(db, "indicators", "--group", group, "--compare", others)
    by_cli = {(r["group"], r["indicator"], r["measure"], r["subject"]): r["value"] for r in rows}
    compared = api.get("/api/compare", params={"groups": ",".join(GROUPS)}).json()
    by_api = {(r["indicator"], r["measure"]): r["values"] for r in compared["rows"]}
    in_report = {r["Indicator"]: r for r in table(reports[group], "indicators")}
    for indicator, measure, subject in HEADLINE:
        for g in GROUPS:
            value = by_cli[(g, indicator, measure, subject)]
            assert by_api[(indicator, measure)][g] == value, (g, indicator, measure)
            assert number(in_report[f"{indicator}: {measure}"][g]) == value, (g, indicator, measure)


@pytest.mark.parametrize("group", GROUPS)
def test_formats(db: str, api: TestClient, reports: dict[str, Path], group: str) -> None:
    rows = cli_json(db, "formats", "--group", group)
    dashboard = api.get(f"/api/groups/{group}").json()["formats"]
    in_report = table(reports[group], "formats")
    assert [r["format"] for r in rows] == [r["format"] for r in dashboard]
    assert len(in_report) == len(rows)
    for mine, web, paper in zip(rows, dashboard, in_report, strict=True):
        assert mine == web
        assert paper["Format"] == mine["name"] and int(paper["Rounds"]) == mine["rounds"]
        assert paper["State"] == mine["state"] and paper["Why"] == mine["why"]
        assert number(paper["Median interval (months)"]) == mine["median_interval"]
        assert number(paper["Cadence (months)"]) == mine["cadence"]
        assert (paper["Last"] or None) == mine["last"]


@pytest.mark.parametrize("group", GROUPS)
def test_calendar(db: str, api: TestClient, reports: dict[str, Path], group: str) -> None:
    (mine,) = cli_json(db, "calendar", "--group", group)
    web = api.get(f"/api/groups/{group}/calendar").json()
    assert (web["year"], web["as_of"]) == (mine["year"], mine["as_of"])  # one rule for the default year
    assert web["entries"] == mine["entries"] and web["flags"] == mine["flags"]
    dashboard = api.get(f"/api/groups/{group}").json()["calendar"]
    assert dashboard["year"] == mine["year"] and dashboard["entries"] == mine["entries"]
    entries = table(reports[group], "calendar")
    assert [(e["Format"] or None, int(e["Round"]) if e["Round"] else None) for e in entries] == [
        (e["format"], e["ordinal"]) for e in mine["entries"]
    ]
    flags = table(reports[group], "calendar-flags") if mine["flags"] else []
    assert [(f["Format"], f["Status"], f["Why"]) for f in flags] == [
        (f["format"], f["status"], f["reason"]) for f in mine["flags"]
    ]


@needs_data
@pytest.mark.parametrize("group", GROUPS)
def test_un_voting_alignment(db: str, api: TestClient, reports: dict[str, Path], group: str) -> None:
    rows = cli_json(db, "alignment", "--group", group, "--by", "year", "--votes", str(UNGA))
    web = api.get(f"/api/groups/{group}/alignment", params={"by": "year"}).json()
    assert web["rows"] == rows
    pairs = {(r["period"], r["states"]): r for r in rows if r["kind"] == "pair"}
    in_report = table(reports[group], "un-voting")
    assert in_report
    for paper in in_report:
        mine = pairs[(int(paper["Year"]), paper["Pair"])]
        assert int(paper["Joint votes"]) == mine["n"]
        assert number(paper["Agreement"]) == mine["agree"] and number(paper["Kappa"]) == mine["kappa"]
