"""What issue 21 added to the claims: declared coverage (``checked_through``) makes claims
about later times unverifiable; money values, trade year by year, documents adopted and
venue relations are checked."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tariqa.claims.check import Verdict, check_file
from tariqa.io import plan, read_inputs
from tariqa.storage import Store, open_store
from tests.claims.test_claims import URL_A, URL_B, _event, claims_file, one, record
from tests.conftest import write_yaml

COVERED = "2022-06-30"


def covered_record() -> dict[str, Any]:
    """The claims test record, checked through mid-2022, with a contract value, a trade
    series, and a round held alongside a summit."""
    data = copy.deepcopy(record())
    data["groups"][0]["checked_through"] = COVERED
    data["events"].append(
        _event(
            "atp-jf17-contract",
            "2021-02-01",
            date_precision="month",
            format=None,
            kind="agreement",
            states=["AZE", "PAK"],
            values=[
                {"what": "contract value", "amount": 1.6e9, "year": 2024, "sources": [URL_A]},
                {"what": "contract value", "amount": 4.6e9, "year": 2024, "sources": [URL_B]},
            ],
        )
    )
    data["events"][0]["alongside"] = "Heart of Asia–Istanbul Process ministerial conference, Baku"
    first = data["trade_flows"][0]  # TUR-AZE 2019, replaced by a series
    series = ((2019, 6.2e9), (2020, 6.4e9), (2021, 5.9e9), (2022, 6.8e9))
    data["trade_flows"] = [first | {"year": year, "value_usd": value} for year, value in series]
    return data


@pytest.fixture
def covered(sqlite_store: Store, tmp_path: Path) -> Store:
    sqlite_store.import_items(read_inputs(plan([write_yaml(tmp_path / "r.yaml", covered_record())])))
    return sqlite_store


def test_a_claim_about_time_after_the_coverage_is_unverifiable(covered: Store, tmp_path: Path) -> None:
    """Before issue 21 the record spoke for its sources' access date (2026-11-28): a claim
    that nothing happened in 2023 was 'supported', a claim of a 2023 round 'contradicted'."""
    nothing = one(
        covered, tmp_path, {"type": "exists", "format": "atp-fm", "since": "2023", "until": "2023"} | {"exists": False}
    )
    assert nothing.verdict is Verdict.UNVERIFIABLE and COVERED in nothing.explanation
    held = one(covered, tmp_path, {"type": "exists", "format": "atp-fm", "date": "2023-05"})
    assert held.verdict is Verdict.UNVERIFIABLE
    inside = one(covered, tmp_path, {"type": "exists", "format": "atp-fm", "date": "2020"} | {"exists": False})
    assert inside.verdict is Verdict.SUPPORTED  # within the coverage the record speaks


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    day=st.dates(
        min_value=__import__("datetime").date(2022, 7, 1), max_value=__import__("datetime").date(2030, 12, 31)
    ),
    kind=st.sampled_from(["meeting", "exercise"]),
)
def test_an_event_after_the_coverage_never_decides_an_unverifiable_claim(
    tmp_path_factory: pytest.TempPathFactory, day: Any, kind: str
) -> None:
    """Property: adding an event dated after ``checked_through`` never turns a verdict
    from unverifiable into anything else."""
    tmp = tmp_path_factory.mktemp("prop")
    checks = [
        {"type": "exists", "format": "atp-fm", "since": "2022-07", "until": "2031"},
        {"type": "exists", "format": "atp-fm", "since": "2022-07", "until": "2031", "exists": False},
        {"type": "count", "format": "atp-fm", "until": "2031", "exactly": 3},
        {"type": "round", "format": "atp-fm", "ordinal": 3, "date": "2023"},
        {"type": "first", "kind": kind, "all_members": True, "since": "2022-07", "date": "2023"},
    ]
    path = claims_file(tmp, *checks)
    with open_store(str(tmp / "a.db")) as store:
        store.import_items(read_inputs(plan([write_yaml(tmp / "a.yaml", covered_record())])))
        before = [r.verdict for r in check_file(store, path)]
        later = _event(
            "atp-later", day.isoformat(), ordinal=None, kind=kind, format="atp-fm" if kind == "meeting" else None
        )
        store.import_items(read_inputs(plan([write_yaml(tmp / "b.yaml", {"events": [later]})])))
        after = [r.verdict for r in check_file(store, path)]
    for old, new in zip(before, after, strict=True):
        if old is Verdict.UNVERIFIABLE:
            assert new is Verdict.UNVERIFIABLE


@pytest.mark.parametrize(
    ("claimed", "verdict"),
    [
        ({"amount": 1.6e9}, Verdict.IMPRECISE),  # one of two recorded values fits: the sources disagree
        ({"amount": 1.55e9, "tolerance": 0.05}, Verdict.IMPRECISE),
        ({"amount": 3e9}, Verdict.CONTRADICTED),
        ({"amount": 1.6e9, "currency": "EUR"}, Verdict.UNVERIFIABLE),
        ({"amount": 1.6e9, "what": "investment"}, Verdict.UNVERIFIABLE),
    ],
)
def test_value_claims(covered: Store, tmp_path: Path, claimed: dict[str, Any], verdict: Verdict) -> None:
    check = {"type": "value", "kind": "agreement", "what": "contract value", "year": 2024} | claimed  # 2024 prices
    found = one(covered, tmp_path, check)
    assert found.verdict is verdict, found.explanation
    if verdict is not Verdict.UNVERIFIABLE:
        assert "atp-jf17-contract" in found.events and URL_A in found.sources


def test_a_value_every_source_agrees_on_is_supported(covered: Store, tmp_path: Path) -> None:
    data = covered_record()
    data["events"][-1]["values"] = data["events"][-1]["values"][:1]
    covered.import_items(read_inputs(plan([write_yaml(tmp_path / "r2.yaml", data)])), replace=True)
    check = {"type": "value", "kind": "agreement", "what": "contract", "amount": 1.65e9}
    assert one(covered, tmp_path, check).verdict is Verdict.SUPPORTED


@pytest.mark.parametrize(
    ("bounds", "verdict", "said"),
    [
        ({"min_usd": 5.5e9}, Verdict.SUPPORTED, "supported: 2019, 2020, 2021, 2022"),
        ({"min_usd": 6e9}, Verdict.IMPRECISE, "imprecise: 2021"),  # 5.9bn is within 10 %
        ({"min_usd": 7e9}, Verdict.CONTRADICTED, "contradicted: 2019, 2021"),
        ({"min_usd": 1.3e9, "max_usd": 1.5e9}, Verdict.CONTRADICTED, "contradicted"),
    ],
)
def test_trade_year_by_year(
    covered: Store, tmp_path: Path, bounds: dict[str, Any], verdict: Verdict, said: str
) -> None:
    found = one(covered, tmp_path, {"type": "trade", "pair": ["AZE", "TUR"], "years": [2019, 2022]} | bounds)
    assert found.verdict is verdict and said in found.explanation, found.explanation


def test_trade_years_the_record_lacks(covered: Store, tmp_path: Path) -> None:
    found = one(covered, tmp_path, {"type": "trade", "pair": ["AZE", "TUR"], "years": [2021, 2024], "min_usd": 5e9})
    assert found.verdict is Verdict.UNVERIFIABLE and "unverifiable: 2023, 2024" in found.explanation


def test_adopted_documents(covered: Store, tmp_path: Path) -> None:
    yes = one(
        covered, tmp_path, {"type": "adopted", "format": "atp-fm", "date": "2017-11", "title": "the Baku Declaration"}
    )
    assert yes.verdict is Verdict.SUPPORTED, yes.explanation
    no = one(
        covered, tmp_path, {"type": "adopted", "format": "atp-fm", "date": "2017-11", "title": "Islamabad Declaration"}
    )
    assert no.verdict is Verdict.CONTRADICTED and "Baku" in no.explanation
    elsewhere = one(
        covered, tmp_path, {"type": "adopted", "format": "atp-fm", "date": "2019", "title": "Baku Declaration"}
    )
    assert elsewhere.verdict is Verdict.CONTRADICTED and "adopted at atp-fm-2017-baku" in elsewhere.explanation
    none = one(covered, tmp_path, {"type": "adopted", "format": "atp-fm", "date": "2019", "title": "Ganja Communiqué"})
    assert none.verdict is Verdict.UNVERIFIABLE


def test_alongside(covered: Store, tmp_path: Path) -> None:
    yes = one(
        covered,
        tmp_path,
        {"type": "alongside", "format": "atp-fm", "date": "2017-11", "host_event": "the Heart of Asia conference"},
    )
    assert yes.verdict is Verdict.SUPPORTED, yes.explanation
    no = one(
        covered, tmp_path, {"type": "alongside", "format": "atp-fm", "date": "2017-11", "host_event": "SCO summit"}
    )
    assert no.verdict is Verdict.CONTRADICTED
    unknown = one(
        covered, tmp_path, {"type": "alongside", "format": "atp-fm", "date": "2021-01", "host_event": "SCO summit"}
    )
    assert unknown.verdict is Verdict.UNVERIFIABLE


def test_new_checks_are_validated_with_their_place(covered: Store, tmp_path: Path) -> None:
    from tariqa.errors import Problems

    bad = claims_file(
        tmp_path, {"type": "trade", "pair": ["AZE", "TUR"], "year": 2019, "years": [2019, 2020], "min_usd": 1}
    )
    with pytest.raises(Problems, match="give year"):
        check_file(covered, bad)
    bad = claims_file(tmp_path, {"type": "value", "what": "contract", "amount": -1})
    with pytest.raises(Problems, match=r"claims\.yaml:"):
        check_file(covered, bad)
