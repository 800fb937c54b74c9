"""GDELT candidates on a synthetic store in which three members meet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tariqa.errors import UsageError
from tariqa.eventdata.ingest import ingest
from tariqa.eventdata.synth import synthesize
from tariqa.watch import RecordIndex
from tariqa.watch.gdelt import gdelt_candidates
from tests.eventdata.conftest import template

BAKU = ["4", "Baku, Baki, Azerbaijan", "AJ", "AJ09", "", "40.3953", "49.8822", "-2161292"]
ANKARA = ["4", "Ankara, Ankara, Turkey", "TU", "TU68", "", "39.9199", "32.8543", "-743374"]


def _row(event_id: int, day: int, a1: str, a2: str, code: str, geo: list[str], url: str) -> str:
    f = template()
    f[0], f[1], f[2], f[3] = str(event_id), str(day), str(day // 100), str(day // 10000)
    f[7], f[17] = a1, a2
    f[26], f[27], f[28], f[29], f[30] = code, code[:3], code[:2], "1", "1.9"
    f[51:59] = geo
    f[59] = str(day * 1_000_000 + 120000)
    f[60] = url
    return "\t".join(f)


def _store(tmp_path: Path, columns: str) -> Path:
    noise = tmp_path / "20200101000000.export.CSV"
    synthesize(noise, 5_000, seed=3, start=date(2020, 3, 1), per_day=1_000)
    planted = [
        # AZE, TUR and PAK meet in Baku: three pairs on 10-11 March
        _row(7_000_000_001, 20200310, "AZE", "TUR", "043", BAKU, "https://a.example/1"),
        _row(7_000_000_002, 20200310, "PAK", "AZE", "040", BAKU, "https://a.example/2"),
        _row(7_000_000_003, 20200311, "TUR", "PAK", "057", BAKU, "https://a.example/3"),
        _row(7_000_000_004, 20200310, "TUR", "AZE", "036", BAKU, "https://a.example/1"),
        # a lone pair in Ankara: bilateral, no candidate
        _row(7_000_000_005, 20200315, "TUR", "PAK", "042", ANKARA, "https://a.example/4"),
        # two pairs in Ankara but a week apart: no candidate
        _row(7_000_000_006, 20200320, "TUR", "AZE", "042", ANKARA, "https://a.example/5"),
        _row(7_000_000_007, 20200327, "AZE", "PAK", "042", ANKARA, "https://a.example/6"),
        # a fight is not a meeting
        _row(7_000_000_008, 20200315, "AZE", "PAK", "190", ANKARA, "https://a.example/7"),
    ]
    extra = tmp_path / "20200401000000.export.CSV"
    extra.write_text("\n".join(planted) + "\n", encoding="utf-8")
    store = tmp_path / f"store-{columns}"
    ingest([noise, extra], store, columns=columns)
    return store


@pytest.mark.parametrize("columns", ["extended", "all"])
def test_three_members_meet(tmp_path: Path, record: RecordIndex, columns: str) -> None:
    store = _store(tmp_path, columns)
    found = gdelt_candidates(store, "ATP", record=record, since=date(2020, 3, 1), until=date(2020, 4, 30))
    planted = [c for c in found if c.day == date(2020, 3, 10) and c.place_country == "AJ"]
    assert len(planted) == 1, found
    c = planted[0]
    assert c.states == ("AZE", "PAK", "TUR")
    assert c.pairs == (("AZE", "PAK"), ("AZE", "TUR"), ("PAK", "TUR"))
    assert (c.first_day, c.last_day) == (date(2020, 3, 10), date(2020, 3, 11))
    assert set(c.urls) >= {"https://a.example/1", "https://a.example/2", "https://a.example/3"}
    assert not [x for x in found if x.place_country == "TU" and x.day >= date(2020, 3, 15)]
    if columns == "all":
        assert c.place_name == "Baku, Baki, Azerbaijan"


def test_lean_store_is_refused(tmp_path: Path, record: RecordIndex) -> None:
    store = _store(tmp_path, "lean")
    with pytest.raises(UsageError, match="'extended' or 'all' column set"):
        gdelt_candidates(store, "ATP", record=record)


def test_unknown_group(tmp_path: Path, record: RecordIndex) -> None:
    with pytest.raises(UsageError, match="unknown group 'NOPE'"):
        gdelt_candidates(tmp_path, "NOPE", record=record)
