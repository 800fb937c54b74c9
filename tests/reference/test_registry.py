"""The registry of minilateral groups in the shipped reference record (issue 22): every
group file loads and validates on its own, fits the class, and meets the sourcing rules."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tariqa.errors import Problem
from tariqa.io import plan, read_inputs, read_prepared
from tariqa.model import Event, EventStatus
from tariqa.quality import check_record
from tariqa.quality.record import outlet
from tariqa.reference import REFERENCE_DIR, reference_paths
from tariqa.storage import EventFilter, Store, open_store

SOURCES = REFERENCE_DIR / "sources.yaml"


def _group_files() -> list[Path]:
    return [p for p in reference_paths() if "groups" in (yaml.safe_load(p.read_text(encoding="utf-8")) or {})]


GROUP_FILES = _group_files()


@pytest.fixture(scope="module")
def ref(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(str(tmp_path_factory.mktemp("registry") / "ref.db")) as store:
        store.import_items(read_inputs(plan(reference_paths())))
        yield store


@pytest.fixture(scope="module")
def publishers() -> dict[str, str]:
    return {s["url"]: s["publisher"] for s in yaml.safe_load(SOURCES.read_text(encoding="utf-8"))["sources"]}


def test_sixteen_groups_with_their_members(ref: Store) -> None:
    assert {g.id: g.members for g in ref.groups()} == {
        "ASTANA": ["RUS", "IRN", "TUR"],
        "ATI": ["AZE", "TUR", "IRN"],
        "ATP": ["AZE", "TUR", "PAK"],
        "ATT": ["AZE", "TUR", "TKM"],
        "AUKUS": ["AUS", "GBR", "USA"],
        "CPA": ["CHN", "PAK", "AFG"],
        "I2U2": ["IND", "ISR", "ARE", "USA"],
        "IFU": ["IND", "FRA", "ARE"],
        "LUBLIN": ["POL", "LTU", "UKR"],
        "QUAD": ["AUS", "IND", "JPN", "USA"],
        "SLAVKOV": ["AUT", "CZE", "SVK"],
        "TAG": ["TUR", "AZE", "GEO"],
        "TPA": ["TUR", "PAK", "AFG"],
        "TSD": ["AUS", "JPN", "USA"],
        "USJP": ["USA", "JPN", "PHL"],
        "WEIMAR": ["FRA", "DEU", "POL"],
    }


@pytest.mark.parametrize("path", GROUP_FILES, ids=lambda p: p.stem)
def test_each_group_file_loads_and_validates_on_its_own(path: Path, tmp_path: Path) -> None:
    """A group file with the sources registry imports without a problem, and its formats
    pass every record check (ordinals, duplicates, cadence and status, planned rounds)."""
    items = list(read_prepared(plan([path, SOURCES])))
    assert [i for i in items if isinstance(i, Problem)] == []
    with open_store(str(tmp_path / "one.db")) as store:
        store.import_items(read_inputs(plan([path, SOURCES])))
        (group,) = store.groups()
        assert check_record(store) == [], group.id


@pytest.mark.parametrize("path", GROUP_FILES, ids=lambda p: p.stem)
def test_group_files_cite_the_sources_registry(path: Path) -> None:
    """Sources live in one registry (sources.yaml), cited by URL, as the ATP files do."""
    assert "sources" not in yaml.safe_load(path.read_text(encoding="utf-8"))


def test_every_group_fits_the_class(ref: Store) -> None:
    """Three or four states, a declared checked_through, at least three rounds held."""
    for group in ref.groups():
        assert 3 <= len(group.members) <= 4, group.id
        assert group.checked_through is not None, group.id
        held = [
            e
            for e in ref.events(EventFilter(group=group.id))
            if e.format and e.status is EventStatus.HELD and e.kind.value in {"meeting", "exercise"}
        ]
        assert len(held) >= 3, group.id
        assert max(e.date for e in held) <= group.checked_through, group.id


def _rounds(ref: Store) -> dict[str, list[Event]]:
    rounds: dict[str, list[Event]] = {}
    for e in ref.events():
        if e.format:
            rounds.setdefault(e.format, []).append(e)
    return {f: sorted(evs, key=lambda e: (e.date, e.id)) for f, evs in rounds.items()}


def test_each_formats_rounds_are_in_date_order_with_consistent_ordinals(ref: Store) -> None:
    formats = {f.id: f for f in ref.formats()}
    rounds = _rounds(ref)
    assert len(rounds) >= 50
    for fid, evs in rounds.items():
        assert all(e.group == formats[fid].group for e in evs), fid
        ordinals = [e.ordinal for e in evs if e.ordinal is not None]
        assert ordinals == sorted(ordinals), fid
        assert len(ordinals) == len(set(ordinals)), fid
        for a, b in itertools.pairwise(e for e in evs if e.ordinal is not None):
            assert a.ordinal is not None and b.ordinal is not None
            assert b.date > a.date, (fid, a.id, b.id)


def test_announcements_and_decisions_are_not_rounds(ref: Store) -> None:
    formats = {f.id for f in ref.formats()}
    for e in ref.events():
        if e.kind.value in {"announcement", "decision"}:
            assert e.format is None and e.ordinal is None, e.id
            assert e.concerns is None or e.concerns in formats, e.id


def test_every_event_has_a_source_in_the_registry(ref: Store, publishers: dict[str, str]) -> None:
    for e in ref.events():
        assert e.sources, e.id
        assert set(e.sources) <= set(publishers), e.id


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return host


def test_high_confidence_needs_two_independent_outlets(ref: Store, publishers: dict[str, str]) -> None:
    """Two sources from different publishers on different sites; one outlet is medium at best."""
    high = [e for e in ref.events() if e.confidence.value == "high"]
    assert len(high) >= 200
    for e in high:
        assert len({outlet(publishers[u]) for u in e.sources}) >= 2, e.id
        assert len({_host(u) for u in e.sources}) >= 2, e.id


def test_the_independence_rule_catches_one_outlet_twice(publishers: dict[str, str]) -> None:
    """The rule used above is not vacuous: two pages of one agency count as one outlet."""
    trend = [u for u, p in publishers.items() if outlet(p) == "trend"][:2]
    assert len(trend) == 2
    assert len({outlet(publishers[u]) for u in trend}) == 1
    assert len({_host(u) for u in trend}) == 1


def test_the_group_list_counts_what_the_files_hold(ref: Store) -> None:
    """``tariqa groups``: events by confidence, formats and coverage, as the files say."""
    from tariqa.tasks import groups

    expected: dict[str, dict[str, object]] = {}
    for path in reference_paths():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for g in data.get("groups", []):
            expected.setdefault(g["id"], {"high": 0, "medium": 0, "low": 0, "formats": 0})
            expected[g["id"]]["checked_through"] = str(g["checked_through"])
        for f in data.get("formats", []):
            expected.setdefault(f["group"], {"high": 0, "medium": 0, "low": 0, "formats": 0})
            expected[f["group"]]["formats"] += 1  # type: ignore[operator]
        for e in data.get("events", []):
            expected.setdefault(e["group"], {"high": 0, "medium": 0, "low": 0, "formats": 0})
            expected[e["group"]][e["confidence"]] += 1  # type: ignore[operator]
    rows = {r["id"]: r for r in groups(ref).to_dicts()}
    assert set(rows) == set(expected)
    for gid, counts in expected.items():
        assert {k: rows[gid][k] for k in counts} == counts, gid
        assert rows[gid]["events"] == sum(counts[k] for k in ("high", "medium", "low")), gid  # type: ignore[misc]


def test_the_registry_table_in_the_docs_is_current() -> None:
    from tariqa.reference_docs import rewrite

    doc = Path(__file__).parents[2] / "docs" / "reference-data.md"
    text = doc.read_text(encoding="utf-8")
    assert rewrite(text) == text, "run: python -m tariqa.reference_docs docs/reference-data.md"


def test_the_registry_table_counts_gaps_and_confidence(tmp_path: Path) -> None:
    """The generated table follows the files: a new gap bullet and a new event show."""
    from tariqa.reference_docs import summaries

    before = {s.id: s for s in summaries()}["I2U2"]
    path = REFERENCE_DIR / "i2u2.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "# GAPS (looked for, not confirmed):\n", "# GAPS:\n# - a new gap\n", 1
    )
    data = yaml.safe_load(text)
    data["events"].append(dict(data["events"][0], id="i2u2-extra", confidence="low"))
    copy = tmp_path / "i2u2.yaml"
    copy.write_text(text.split("groups:")[0] + yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    after = {s.id: s for s in summaries([copy])}["I2U2"]
    assert after.gaps == before.gaps + 1
    assert after.confidence["low"] == before.confidence["low"] + 1
