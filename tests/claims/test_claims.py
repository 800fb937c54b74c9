"""Claims checked against the record: the verdict rules, the shipped ATP claims, and the
located errors for bad claims files."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tariqa.claims.check import Result, Verdict, check_file, load_claims
from tariqa.claims.model import span
from tariqa.errors import InputError, Problems
from tariqa.io import plan, read_inputs
from tariqa.reference import reference_paths
from tariqa.storage import Store, open_store
from tests.conftest import URL_A, URL_B, small_record, write_yaml

EXAMPLE = Path(__file__).parents[2] / "tariqa" / "data" / "claims" / "atp.yaml"
PUBLISHED = {"url": "https://example.org/article", "publisher": "Example"}


def _event(eid: str, day: str, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": eid,
        "date": day,
        "group": "ATP",
        "format": "atp-fm",
        "track": "political-diplomatic",
        "level": "minister",
        "kind": "meeting",
        "host": "PAK",
        "city": "Islamabad",
        "states": ["AZE", "TUR", "PAK"],
        "summary": "A round.",
        "sources": [URL_B],
        "confidence": "high",
    }
    return base | extra


def record() -> dict[str, Any]:
    """The small record plus: a held round 2 (2021-01-13, Islamabad), a planned round 3 in
    2100, and an unconfirmed and a low-confidence meeting; sources accessed 2026-11-28."""
    data = copy.deepcopy(small_record())
    for source in data["sources"]:
        source["accessed"] = "2026-11-28"
    data["events"] += [
        _event("atp-fm-2021-islamabad", "2021-01-13", ordinal=2),
        _event("atp-fm-2100-ankara", "2100-03-01", ordinal=3, status="planned", host="TUR", city="Ankara"),
        _event("atp-unconfirmed", "2019-05-01", date_precision="month", status="unconfirmed", confidence="medium"),
        _event("atp-low", "2019-09-10", confidence="low", host="AZE", city="Baku"),
    ]
    return data


@pytest.fixture
def small(sqlite_store: Store, tmp_path: Path) -> Store:
    sqlite_store.import_items(read_inputs(plan([write_yaml(tmp_path / "r.yaml", record())])))
    return sqlite_store


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(str(tmp_path_factory.mktemp("ref") / "ref.db")) as store:
        store.import_items(read_inputs(plan(reference_paths())))
        yield store


def claims_file(tmp_path: Path, *checks: dict[str, Any], group: str | None = "ATP") -> Path:
    claims = [{"id": f"c{i}", "text": "A claim.", "published": PUBLISHED, "check": c} for i, c in enumerate(checks)]
    data: dict[str, Any] = {"claims": claims} if group is None else {"group": group, "claims": claims}
    return write_yaml(tmp_path / "claims.yaml", data)


def verdicts(store: Store, tmp_path: Path, *checks: dict[str, Any]) -> list[Result]:
    return check_file(store, claims_file(tmp_path, *checks))


def one(store: Store, tmp_path: Path, check: dict[str, Any]) -> Result:
    return verdicts(store, tmp_path, check)[0]


# counts --------------------------------------------------------------------------------
COUNT = {"type": "count", "format": "atp-fm", "until": "2025"}


@pytest.mark.parametrize(
    ("bound", "verdict"),
    [
        ({"at_least": 2}, Verdict.SUPPORTED),
        ({"exactly": 2}, Verdict.SUPPORTED),
        ({"between": [1, 2]}, Verdict.SUPPORTED),
        ({"exactly": 4}, Verdict.IMPRECISE),  # only with the unconfirmed and the low-confidence one
        ({"exactly": 1}, Verdict.CONTRADICTED),
        ({"exactly": 7}, Verdict.CONTRADICTED),
        ({"at_least": 9}, Verdict.CONTRADICTED),
    ],
)
def test_count_rules(small: Store, tmp_path: Path, bound: dict[str, Any], verdict: Verdict) -> None:
    # Up to 2025 format atp-fm has 2 firm events (rounds 1 and 2) and 2 uncertain ones.
    result = one(small, tmp_path, COUNT | bound)
    assert result.verdict is verdict, result.explanation
    assert result.explanation.endswith(".")


def test_a_count_that_fits_only_with_uncertain_events_is_imprecise(small: Store, tmp_path: Path) -> None:
    # firm: rounds 1 and 2; soft: the unconfirmed and the low-confidence meeting
    result = one(small, tmp_path, COUNT | {"exactly": 3})
    assert result.verdict is Verdict.IMPRECISE
    assert "only if 2 planned, unconfirmed or low-confidence events count" in result.explanation
    assert set(result.events) == {"atp-fm-2017-baku", "atp-fm-2021-islamabad", "atp-unconfirmed", "atp-low"}
    assert URL_A in result.sources and URL_B in result.sources


def test_counts_beyond_the_record(small: Store, tmp_path: Path) -> None:
    upper = one(small, tmp_path, COUNT | {"until": "2100", "exactly": 2})
    assert upper.verdict is Verdict.UNVERIFIABLE and "2026-11-28" in upper.explanation
    lower = one(small, tmp_path, COUNT | {"until": "2100", "at_least": 2})
    assert lower.verdict is Verdict.SUPPORTED  # more events later can only add to the count
    above = one(small, tmp_path, COUNT | {"until": "2100", "at_least": 9})
    assert above.verdict is Verdict.UNVERIFIABLE


# one event: round, first -----------------------------------------------------------------
ROUND2 = {"type": "round", "format": "atp-fm", "ordinal": 2}


@pytest.mark.parametrize(
    ("claimed", "verdict"),
    [
        ({"date": "2021-01-13", "city": "Islamabad", "host": "PAK"}, Verdict.SUPPORTED),
        ({"date": "2021-01"}, Verdict.SUPPORTED),  # right at the precision the claim states
        ({"date": "2021"}, Verdict.SUPPORTED),
        ({"date": "2021-03"}, Verdict.IMPRECISE),  # right year, wrong month
        ({"date": "2021-01-14"}, Verdict.IMPRECISE),  # right month, wrong day
        ({"date": "2018"}, Verdict.CONTRADICTED),
        ({"host": "TUR"}, Verdict.CONTRADICTED),
        ({"city": "islamabad"}, Verdict.SUPPORTED),
        ({"date": "2021-01-13", "city": "Lahore"}, Verdict.CONTRADICTED),
    ],
)
def test_round_rules(small: Store, tmp_path: Path, claimed: dict[str, Any], verdict: Verdict) -> None:
    result = one(small, tmp_path, ROUND2 | claimed)
    assert result.verdict is verdict, result.explanation
    assert result.events == ("atp-fm-2021-islamabad",)
    assert result.sources == (URL_B,)


def test_a_round_the_record_lacks_is_unverifiable(small: Store, tmp_path: Path) -> None:
    result = one(small, tmp_path, ROUND2 | {"ordinal": 4, "host": "AZE"})
    assert result.verdict is Verdict.UNVERIFIABLE
    assert result.events == ()


def test_a_planned_round_at_best_imprecise(small: Store, tmp_path: Path) -> None:
    result = one(small, tmp_path, ROUND2 | {"ordinal": 3, "city": "Ankara"})
    assert result.verdict is Verdict.IMPRECISE
    assert "status planned" in result.explanation


def test_low_confidence_turns_a_contradiction_into_imprecise(small: Store, tmp_path: Path) -> None:
    result = one(small, tmp_path, {"type": "first", "format": "atp-fm", "since": "2019-06", "city": "Ganja"})
    assert result.events == ("atp-low",)
    assert result.verdict is Verdict.IMPRECISE
    assert "confidence in this event is low" in result.explanation


def test_a_claim_finer_than_the_record_is_supported_with_a_note(small: Store, tmp_path: Path) -> None:
    result = one(small, tmp_path, {"type": "first", "track": "leaders", "date": "2021-06-15"})
    assert result.verdict is Verdict.SUPPORTED
    assert "only as 2021-06" in result.explanation


def test_first_with_all_members_skips_bilateral_events(small: Store, tmp_path: Path) -> None:
    both = one(small, tmp_path, {"type": "first", "since": "2021-02", "date": "2021-06"})
    assert both.events == ("atp-aze-tur-2021",)
    trilateral = one(small, tmp_path, {"type": "first", "since": "2021-02", "all_members": True, "date": "2100"})
    assert trilateral.events == ("atp-fm-2100-ankara",)  # later, but only planned
    assert trilateral.verdict is Verdict.UNVERIFIABLE


# existence ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("check", "verdict"),
    [
        ({"format": "atp-fm", "date": "2017", "city": "Baku"}, Verdict.SUPPORTED),
        ({"format": "atp-fm", "date": "2018"}, Verdict.CONTRADICTED),
        ({"format": "atp-fm", "date": "2018", "exists": False}, Verdict.SUPPORTED),
        ({"format": "atp-fm", "date": "2017", "exists": False}, Verdict.CONTRADICTED),
        ({"format": "atp-fm", "date": "2019-05"}, Verdict.IMPRECISE),  # only the unconfirmed one
        ({"format": "atp-fm", "host": "TUR", "since": "2027"}, Verdict.IMPRECISE),  # planned only
        ({"kind": "exercise", "since": "2026", "until": "2100"}, Verdict.UNVERIFIABLE),
    ],
)
def test_exists_rules(small: Store, tmp_path: Path, check: dict[str, Any], verdict: Verdict) -> None:
    result = one(small, tmp_path, {"type": "exists"} | check)
    assert result.verdict is verdict, result.explanation


# trade ---------------------------------------------------------------------------------------
TRADE = {"type": "trade", "pair": ["AZE", "TUR"], "year": 2019}


@pytest.mark.parametrize(
    ("bounds", "verdict"),
    [
        ({"min_usd": 4e9, "max_usd": 5e9}, Verdict.SUPPORTED),
        ({"min_usd": 4e9}, Verdict.SUPPORTED),
        ({"max_usd": 4.2e9}, Verdict.IMPRECISE),  # within 10 %
        ({"min_usd": 6e9, "max_usd": 7e9}, Verdict.CONTRADICTED),
    ],
)
def test_trade_rules(small: Store, tmp_path: Path, bounds: dict[str, Any], verdict: Verdict) -> None:
    result = one(small, tmp_path, TRADE | bounds)
    assert result.verdict is verdict, result.explanation
    assert result.sources == (URL_B,) and result.events == ()


def test_trade_pair_in_either_order_and_missing_years(small: Store, tmp_path: Path) -> None:
    assert one(small, tmp_path, TRADE | {"pair": ["TUR", "AZE"], "min_usd": 1}).verdict is Verdict.SUPPORTED
    missing = one(small, tmp_path, TRADE | {"year": 2020, "min_usd": 1})
    assert missing.verdict is Verdict.UNVERIFIABLE and missing.sources == ()


# the shipped example -------------------------------------------------------------------------
SHIPPED = {
    "report-az-2017-first-fm-meeting": Verdict.SUPPORTED,
    "prpchannel-2017-next-fm-in-pakistan-2018": Verdict.CONTRADICTED,
    "nation-2021-second-fm-meeting-islamabad": Verdict.SUPPORTED,
    "exbulletin-2021-second-speakers-meeting-islamabad": Verdict.CONTRADICTED,
    "today-az-2021-speakers-baku-declaration": Verdict.SUPPORTED,
    "dailysabah-2024-speakers-baku-declaration-2022": Verdict.CONTRADICTED,
    "tdi-2022-third-speakers-meeting-pakistan-2023": Verdict.CONTRADICTED,
    "trend-2025-third-speakers-meeting-islamabad": Verdict.SUPPORTED,
    "dailypakistan-2021-first-exercise-12-20-september": Verdict.SUPPORTED,  # official dates, not the ceremony
    "dailysabah-2024-joint-drills-held": Verdict.SUPPORTED,
    "news-az-2024-first-leaders-summit-astana": Verdict.SUPPORTED,
    "news-az-2025-lachin-second-summit": Verdict.SUPPORTED,
    "pakistantoday-2023-aze-pak-trade-30-million": Verdict.SUPPORTED,
    "nation-2023-aze-tur-trade-6-billion": Verdict.SUPPORTED,
    "nation-2021-tur-pak-trade-800-million": Verdict.UNVERIFIABLE,
}


def test_shipped_atp_claims(reference: Store) -> None:
    results = check_file(reference, EXAMPLE)
    assert {r.claim.id: r.verdict for r in results} == SHIPPED
    for r in results:
        assert r.explanation.count(". ") == 0 and r.explanation.endswith("."), r.claim.id
        if r.claim.check.type != "trade" and r.verdict is not Verdict.UNVERIFIABLE:
            assert r.events and r.sources, r.claim.id
    sabah = next(r for r in results if r.claim.id == "dailysabah-2024-speakers-baku-declaration-2022")
    assert sabah.events == ("atp-speakers-2021-baku",)
    assert "date 2021-07-27, not 2022-07" in sabah.explanation


def test_hundred_claims_take_under_a_second(reference: Store, tmp_path: Path) -> None:
    import time

    data = load_claims(EXAMPLE)
    many = claims_file(tmp_path, *([c.check.model_dump(mode="json", exclude_none=True) for c in data.claims] * 7))
    start = time.perf_counter()
    assert len(check_file(reference, many)) == 105
    assert time.perf_counter() - start < 1.0


# bad input --------------------------------------------------------------------------------------
def problems(store: Store, path: Path) -> list[str]:
    with pytest.raises(Problems) as info:
        check_file(store, path)
    return [str(p) for p in info.value.problems]


def test_unknown_group_format_and_fields_are_located(small: Store, tmp_path: Path) -> None:
    path = claims_file(
        tmp_path,
        {"type": "count", "group": "NOPE", "at_least": 1},
        {"type": "round", "format": "atp-xx", "ordinal": 1, "host": "AZE"},
        {"type": "exists", "colour": "red"},
    )
    name, lines = str(path), path.read_text().splitlines()

    def line_of(text: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if text in line)

    assert problems(small, path) == [
        f"{name}:{line_of('colour')}: claims[2].check.colour: unknown field",
    ]
    path.write_text(path.read_text().replace("    colour: red\n", ""))
    assert problems(small, path) == [
        f"{name}:{line_of('NOPE')}: claims[0].check.group: unknown group 'NOPE' (known: ATP)",
        f"{name}:{line_of('atp-xx')}: claims[1].check.format: unknown format 'atp-xx' (formats of ATP: atp-fm)",
    ]


@pytest.mark.parametrize(
    ("check", "field", "message"),
    [
        ({"type": "count", "between": [5, 2]}, "claims[0].check", "the low end is above the high end"),
        ({"type": "count", "at_least": 1, "exactly": 1}, "claims[0].check", "give exactly one of"),
        ({"type": "count", "at_least": -1}, "claims[0].check.at_least", "greater than or equal to 0"),
        ({"type": "count", "at_least": 1, "since": "2021", "until": "2020"}, "claims[0].check", "ends (2020)"),
        ({"type": "count", "at_least": 1, "since": "2021-13"}, "claims[0].check.since", "not a valid date"),
        (
            {"type": "trade", "pair": ["AZE", "TUR"], "year": 2020, "min_usd": 9, "max_usd": 1},
            "claims[0].check",
            "above",
        ),
        ({"type": "trade", "pair": ["AZE", "XYZ"], "year": 2020, "min_usd": 1}, "claims[0].check.pair[1]", "ISO"),
        ({"type": "round", "format": "atp-fm", "ordinal": 1}, "claims[0].check", "at least one of date, host, city"),
        ({"type": "guess"}, "claims[0].check.type", "unknown kind of check 'guess'"),
        ({"format": "atp-fm"}, "claims[0].check.type", "is required: the kind of check"),
    ],
)
def test_malformed_checks_are_located(
    small: Store, tmp_path: Path, check: dict[str, Any], field: str, message: str
) -> None:
    found = problems(small, claims_file(tmp_path, check))
    assert len(found) == 1, found
    assert f": {field}: " in found[0] and message in found[0], found[0]
    assert found[0].split(":")[1].isdigit()


def test_group_from_the_file_or_required(small: Store, tmp_path: Path) -> None:
    path = claims_file(tmp_path, {"type": "count", "at_least": 1}, group=None)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text.strip() == "check:")
    assert problems(small, path) == [
        f"{path}:{line}: claims[0].check.group: is required (here or at the top of the file)"
    ]
    other = claims_file(tmp_path, {"type": "count", "format": "atp-fm", "at_least": 1}, group="QUAD")
    assert [p.split(": ", 1)[1] for p in problems(small, other)] == [
        "group: unknown group 'QUAD' (known: ATP)",
        "claims[0].check.format: format 'atp-fm' belongs to group ATP, not QUAD",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("claims: [a, b\n", "not YAML"),
        ("- just\n- a list\n", "a claims file is a mapping with a list under 'claims'"),
        ("claims:\n  - id: x\n    text: t\n", "claims[0].published: is required"),
        ("\tclaims: []\n", "not YAML"),
    ],
)
def test_files_that_are_not_claims(small: Store, tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    found = problems(small, path)
    assert any(message in p for p in found), found
    assert all(p.startswith(f"{path}:") for p in found)


def test_duplicate_claim_ids(small: Store, tmp_path: Path) -> None:
    path = claims_file(tmp_path, {"type": "exists"}, {"type": "exists"})
    path.write_text(path.read_text().replace("id: c1", "id: c0"))
    assert [p.split(": ", 1)[1] for p in problems(small, path)] == ["claims[1].id: claim id 'c0' is used twice"]


def test_missing_file(small: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        check_file(small, tmp_path / "none.yaml")


def test_the_example_loads_without_a_store() -> None:
    data = load_claims(EXAMPLE)
    assert data.group == "ATP" and 10 <= len(data.claims) <= 15
    assert len({c.id for c in data.claims}) == len(data.claims)


def test_span() -> None:
    assert span("2024-02")[1].day == 29
    assert span("2021")[2].value == "year"
