"""Indicators computed from a record built here, each value worked out by hand."""

from __future__ import annotations

import copy
import statistics
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tariqa.cli import app
from tariqa.errors import UsageError
from tariqa.indicators import REGISTRY, Row, Scope, compare, compute
from tariqa.indicators.institution import composite, sensitivity, weight_schemes
from tariqa.storage import Store, open_store
from tests.conftest import URL_A, small_record, write_yaml

AS_OF = date(2024, 1, 1)
TEXT = "Terrorism is condemned. Karabakh is Azerbaijan.\n\nKashmir deserves a just solution. Brothers.\n"


def event(id: str, day: str, states: list[str], **extra: Any) -> dict[str, Any]:
    base = {
        "id": id,
        "date": day,
        "group": "ATP",
        "track": "political-diplomatic",
        "level": "minister",
        "kind": "meeting",
        "states": states,
        "summary": "An event.",
        "sources": [URL_A],
        "confidence": "high",
    }
    return base | extra


ALL = ["AZE", "TUR", "PAK"]


def record() -> dict[str, Any]:
    data = small_record()
    first = copy.deepcopy(data["events"][0])
    data["events"] = [
        first,  # 2017-11-30, round 1, AZE, adopts atp-baku-2017
        event("fm-2", "2018-12-01", ALL, format="atp-fm", ordinal=2, host="PAK"),
        event("fm-4", "2021-01-13", ALL, format="atp-fm", ordinal=4, host="TUR"),
        event("fm-planned", "2024-06-01", ALL, format="atp-fm", status="planned", host="AZE"),
        event("summit", "2022-05-01", ALL, track="leaders", level="head-of-state-or-government"),
        event("ex", "2021-09-12", ALL, track="defence-security", level="military", kind="exercise"),
        event("aze-tur-1", "2019-03-01", ["AZE", "TUR"]),
        event("aze-tur-2", "2020-03-01", ["AZE", "TUR"], level="officials"),
        event("tur-pak-1", "2020-05-01", ["TUR", "PAK"]),
        event("cancelled", "2020-06-01", ["AZE", "PAK"], status="cancelled"),
    ]
    data["documents"].append(
        {"id": "pak-statement", "title": "Statement", "date": "2019-02-05", "kind": "statement", "signatories": ["PAK"]}
    )
    data["document_texts"] = [{"id": "atp-baku-2017", "text": TEXT}, {"id": "pak-statement", "text": TEXT}]
    data["codings"] = [
        _coding("atp-baku-2017", "Terrorism is condemned.", "threat-terrorism"),
        _coding("atp-baku-2017", "Karabakh is Azerbaijan.", "support-karabakh"),
        _coding("atp-baku-2017", "Brothers.", "identity-brotherhood"),
        _coding("pak-statement", "Karabakh is Azerbaijan.", "support-karabakh"),
        _coding("pak-statement", "Terrorism is condemned.", "threat-extremism"),
        _coding("pak-statement", "Kashmir deserves a just solution.", "support-kashmir"),
    ]
    data["trade_flows"].append(
        {"reporter": "AZE", "partner": "TUR", "year": 2019, "value_usd": 3.5e9, "direction": "total", "source": URL_A}
    )
    return data


def _coding(doc: str, part: str, code: str) -> dict[str, Any]:
    start = TEXT.index(part)
    return {"document": doc, "start": start, "end": start + len(part), "code": code, "coder": "a", "status": "manual"}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    db = str(tmp_path / "i.db")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "codebook", "import"]).exit_code == 0
    result = runner.invoke(app, ["--db", db, "import", str(write_yaml(tmp_path / "r.yaml", record()))])
    assert result.exit_code == 0, result.stderr
    return open_store(db)


def values(rows: list[Row], indicator: str) -> dict[tuple[str, str], object]:
    return {(r.measure, r.subject): r.value for r in rows if r.indicator == indicator}


def test_every_indicator_is_registered_with_a_formula() -> None:
    assert set(REGISTRY) == {
        "intensity",
        "depth",
        "regularity",
        "institutionalisation",
        "spectrum",
        "support",
        "threats",
        "balance",
    }
    assert all(len(i.formula) > 40 and i.label for i in REGISTRY.values())


def test_intensity_counts_held_events_per_year(store: Store) -> None:
    rows = compute(store, Scope("ATP", until=date(2023, 12, 31)), ["intensity"], as_of=AS_OF)
    got = values(rows, "intensity")
    held = 8  # ten events, less the planned and the cancelled one
    assert got[("events", "all")] == held
    years = ((date(2023, 12, 31) - date(2017, 11, 30)).days + 1) / 365.2425  # the exact period, not 7 years touched
    assert got[("events per year", "all")] == round(held / years, 4)
    assert got[("events per year by kind", "exercise")] == round(1 / years, 4)
    assert got[("top-level share", "all")] == round(6 / 8, 4)  # minister or head level


def test_by_year_splits_the_period(store: Store) -> None:
    rows = compute(store, Scope("ATP", date(2020, 1, 1), date(2021, 12, 31)), ["intensity"], "year", AS_OF)
    per_year = {r.period: r.value for r in rows if r.measure == "events"}
    assert per_year == {"2020": 2, "2021": 2}


def test_depth_per_pair_and_weakest_link(store: Store) -> None:
    got = values(compute(store, Scope("ATP"), ["depth"], as_of=AS_OF), "depth")
    assert got[("trilateral events", "AZE-TUR")] == 5
    assert got[("bilateral events", "AZE-TUR")] == 2
    assert got[("bilateral events", "AZE-PAK")] == 0  # the cancelled meeting does not count
    assert got[("trilateral share", "TUR-PAK")] == round(5 / 6, 4)
    assert got[("trade", "AZE-TUR")] == (4.5e9 + 3.5e9) / 2  # two reporters: mean, not sum
    assert got[("trade", "TUR-PAK")] is None
    assert got[("weakest link", "pair")] == "AZE-PAK"


def test_regularity_of_a_format(store: Store) -> None:
    got = values(compute(store, Scope("ATP"), ["regularity"], as_of=AS_OF), "regularity")
    intervals = [
        (date(2018, 12, 1) - date(2017, 11, 30)).days / 30.4375,
        (date(2021, 1, 13) - date(2018, 12, 1)).days / 30.4375,
    ]
    assert got[("rounds held", "atp-fm")] == 3
    assert got[("median interval", "atp-fm")] == round(statistics.median(round(i, 1) for i in intervals), 1)
    assert got[("within cadence", "atp-fm")] == 0.5  # 12.0 months yes, 25.4 no (limit 15)
    assert got[("rotation adherence", "atp-fm")] == 1.0  # AZE → PAK → TUR
    assert got[("ordinal gaps", "atp-fm")] == 1
    assert got[("state", "atp-fm")] == "dormant"  # 35.6 months since the last round > 2 x 12


def test_institutionalisation_components(store: Store) -> None:
    got = values(compute(store, Scope("ATP"), ["institutionalisation"], as_of=AS_OF), "institutionalisation")
    assert got[("component: tracks", "group")] == round(3 / 6, 4)
    assert got[("component: summits", "group")] == 0.5  # one head-level event, no leaders' format
    assert got[("component: regular formats", "group")] == 0.0  # the only format has lapsed
    assert got[("component: documents", "group")] == 0.1
    assert got[("composite index", "group")] == round((0.5 + 0.5 + 0 + 0.1 + 0) / 5, 4)


def test_support_matrix_and_reciprocity(store: Store) -> None:
    got = values(compute(store, Scope("ATP"), ["support"], as_of=AS_OF), "support")
    assert got[("support", "TUR->AZE")] == 1  # the joint declaration
    assert got[("support", "PAK->AZE")] == 2  # the declaration and its own statement
    assert got[("support", "AZE->PAK")] == 0
    # ordered pairs among AZE, TUR, PAK: w = {TUR→AZE 1, PAK→AZE 2}; nothing returned
    assert got[("reciprocity", "group")] == 0.0


def test_threat_convergence(store: Store) -> None:
    got = values(compute(store, Scope("ATP"), ["threats"], as_of=AS_OF), "threats")
    # AZE, TUR: {terrorism}; PAK: {terrorism, extremism}
    assert got[("pair convergence", "AZE-TUR")] == 1.0
    assert got[("pair convergence", "AZE-PAK")] == 0.5
    assert got[("convergence", "group")] == round((1 + 0.5 + 0.5) / 3, 4)
    assert got[("common threats", "group")] == 0.5


def test_balance(store: Store) -> None:
    got = values(compute(store, Scope("ATP"), ["balance"], as_of=AS_OF), "balance")
    assert got[("symbolic codings", "group")] + got[("functional codings", "group")] > 0  # type: ignore[operator]
    assert got[("symbolic codings", "group")] >= 1  # type: ignore[operator]  # identity is symbolic


def test_spectrum_yes_no_unknown(store: Store) -> None:
    got = values(compute(store, Scope("ATP"), ["spectrum"], as_of=AS_OF), "spectrum")
    assert got[("joint exercises", "group")] == "yes"
    assert got[("regular summits", "group")] == "no"
    assert got[("regular ministerial meetings", "group")] == "yes"
    assert got[("mutual-assistance language", "group")] == "no"  # codings exist, none of this code


def test_weights_change_rankings() -> None:
    profiles = {
        "A": {"tracks": 1.0, "summits": 0.0, "regular formats": 0.0, "documents": 0.0, "follow-up bodies": 0.0},
        "B": {"tracks": 0.0, "summits": 0.6, "regular formats": 0.0, "documents": 0.0, "follow-up bodies": 0.0},
    }
    rankings = {r.scheme: r for r in sensitivity(profiles)}
    assert rankings["equal"].rank("A") == 1
    assert rankings["drop tracks"].rank("A") == 2
    assert composite(profiles["B"], weight_schemes()["double summits"]) == pytest.approx(1.2 / 6)


def test_compare_adds_rankings(store: Store) -> None:
    rows = compare(store, ["ATP"], names=["institutionalisation"], as_of=AS_OF)
    assert not [r for r in rows if r.indicator == "sensitivity"]  # one group: nothing to rank


def test_bad_scopes_are_refused(store: Store) -> None:
    with pytest.raises(UsageError, match="before"):
        compute(store, Scope("ATP", date(2020, 1, 1), date(2019, 1, 1)))
    with pytest.raises(UsageError, match="unknown indicator"):
        compute(store, Scope("ATP"), ["nope"])
    with pytest.raises(UsageError, match="unknown period"):
        compute(store, Scope("ATP"), by="month")


def test_a_group_with_one_member_is_refused(tmp_path: Path) -> None:
    data = small_record()
    data["groups"].append({"id": "SOLO", "name": "Solo", "members": ["AZE"]})
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db, "import", str(write_yaml(tmp_path / "r.yaml", data))])
    assert result.exit_code == 2 and "members" in result.stderr and "nothing was written" in result.stderr
    assert runner.invoke(app, ["--db", db, "indicators", "--group", "SOLO"]).exit_code == 2


def test_cli_outputs(store: Store, tmp_path: Path) -> None:
    db = store.url
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db, "indicators", "-g", "ATP", "-i", "depth", "--output", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "group,indicator,measure,subject,period,value,unit,note"
    listed = runner.invoke(app, ["--db", db, "indicators", "--list", "--output", "json"])
    assert '"regularity"' in listed.stdout
    bad = runner.invoke(app, ["--db", db, "indicators", "-g", "ATP", "--since", "2020-13-01"])
    assert bad.exit_code == 2 and "--since" in bad.stderr
