"""scan -> candidates -> match on a few articles of the gold set, and scan's bad inputs."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from tariqa.errors import UsageError
from tariqa.vocab import EventStatus
from tariqa.watch import RecordIndex, Verdict, candidates_from, match, scan
from tests.watch.conftest import GOLD

FETCHED = datetime(2028, 1, 1)
FILES = [
    "001-atp-fm-baku-wire.html",  # the first ATP FM meeting, corroborates
    "004-atp-fm-baku-wednesday-error.html",  # the same meeting a day early: conflicts on the date
    "008-atp-fm-baku-fourth-announced.html",  # an announced fourth round: new, planned
    "009-atp-fm-baku-fourth-postponed.txt",  # the same round postponed: one candidate with 008
    "003-atp-fm-baku-mfa-tr.txt",  # Turkish: skipped and counted
    "045-anatolian-eagle-2021-multinational.html",  # a multinational exercise: no candidate
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "saved"
    out.mkdir()
    for name in FILES:
        shutil.copy(GOLD / "articles" / name, out / name)
    return out


def test_scan_candidates_match(folder: Path, record: RecordIndex) -> None:
    result = scan(folder, record=record, fetched_at=FETCHED)
    assert len(result.readings) == len(FILES) and result.skipped == 1 and result.problems == ()
    candidates = candidates_from(result.readings, record)
    by_event = {}
    for c in candidates:
        m = match(c, record)
        by_event[m.event] = (c, m)
    baku, m = by_event["atp-fm-2017-11-baku"]
    assert m.verdict is Verdict.CONFLICTS
    assert [(f.field, f.record, f.candidate) for f in m.conflicts] == [("date", "2017-11-30", "2017-11-29")]
    assert len(baku.mentions) == 2 and baku.when.day == date(2017, 11, 30) and baku.ordinal == 1
    verdicts = dict(m.by_source)
    assert sorted(verdicts.values()) == [Verdict.CONFLICTS, Verdict.CORROBORATES]
    fourth, m4 = by_event[None]
    assert m4.verdict is Verdict.NEW and len(fourth.mentions) == 2
    assert fourth.status is EventStatus.POSTPONED  # the latest report wins
    assert (fourth.when.day, fourth.city, fourth.host, fourth.ordinal) == (date(2027, 4, 21), "Baku", "AZE", 4)
    assert len(candidates) == 2


def test_candidate_key_is_stable(folder: Path, record: RecordIndex) -> None:
    result = scan(folder, record=record, fetched_at=FETCHED)
    keys = {c.key for c in candidates_from(result.readings, record)}
    fewer = [r for r in result.readings if "009" not in r.url]  # one report fewer: same occasions, same keys
    assert {c.key for c in candidates_from(fewer, record)} == keys
    again = scan(folder, record=record, fetched_at=FETCHED, workers=2)
    assert {c.key for c in candidates_from(again.readings, record)} == keys


def test_scan_bad_files_and_duplicates(tmp_path: Path, record: RecordIndex) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(GOLD / "articles" / FILES[0], folder / "a.html")
    shutil.copy(GOLD / "articles" / FILES[0], folder / "b.html")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a PDF")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "notes.csv").write_text("ignored", encoding="utf-8")
    urls = {"a.html": "https://caspianwire.example/x", "b.html": "https://caspianwire.example/x"}
    result = scan(folder, record=record, fetched_at=FETCHED, urls=urls)
    assert result.duplicates == ("https://caspianwire.example/x",)
    assert len(result.readings) == 1
    assert sorted(Path(p.file).name for p in result.problems) == ["binary.txt", "broken.pdf"]
    assert any("not a text file" in p.message for p in result.problems)


def test_scan_needs_a_folder(tmp_path: Path, record: RecordIndex) -> None:
    with pytest.raises(UsageError, match="not a folder"):
        scan(tmp_path / "missing", record=record, fetched_at=FETCHED)
