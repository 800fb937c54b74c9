"""The living record end to end on the command line: scan a folder into a SQLite record,
list, accept, merge, record a conflict, reject; bad inputs exit 2 and change nothing."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tariqa.cli import app
from tariqa.storage import open_store
from tests.conftest import small_record, write_yaml
from tests.watch.articles import ANKARA_URL, BAKU_EARLY_URL, BAKU_URL, COURIER_URL, ISLAMABAD_URL, write

runner = CliRunner()
SAVED = "2026-12-01"


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "record.db")
    code, _, err = run(path, "import", str(write_yaml(tmp_path / "r.yaml", small_record())))
    assert code == 0, err
    return path


def waiting(db: str) -> list[dict[str, object]]:
    code, out, err = run(db, "candidates", "list", "-o", "json")
    assert code == 0, err
    return list(json.loads(out))


def events(db: str) -> list[dict[str, object]]:
    code, out, err = run(db, "events", "-o", "json")
    assert code == 0, err
    return list(json.loads(out))


def tables(db: str) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as conn:
        names = ["events", "sources", "candidates", "candidate_actions", "event_sources"]
        return {n: conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}


def test_scan_list_accept_then_the_event_is_in_the_record(db: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "saved", "islamabad", "courier", "ankara", "turkish")
    code, out, err = run(db, "watch", "scan", str(folder), "--saved", SAVED, "-o", "json")
    assert code == 0, err
    assert "3 articles read, 1 skipped for their language (1 tr" in err
    found = waiting(db)
    islamabad = next(c for c in found if c["city"] == "Islamabad" and c["day"] == "2026-10-14")
    assert islamabad["verdict"] == "new" and islamabad["states"] == "AZE-PAK-TUR" and islamabad["articles"] == 2
    assert {c["key"] for c in json.loads(out)} == {c["key"] for c in found}

    claims = write_yaml(
        tmp_path / "claims.yaml",
        {
            "group": "ATP",
            "claims": [
                {
                    "id": "islamabad-2026",
                    "text": "The foreign ministers met in Islamabad in October 2026.",
                    "published": {"url": "https://example.org/claim"},
                    "check": {"type": "exists", "format": "atp-fm", "date": "2026-10", "city": "Islamabad"},
                }
            ],
        },
    )
    code, before, _ = run(db, "check", str(claims), "-o", "json")
    assert json.loads(before)[0]["verdict"] != "supported"

    code, _, err = run(db, "candidates", "accept", str(islamabad["key"]), "--by", "amina")
    assert code == 0, err
    [event] = [e for e in events(db) if e["city"] == "Islamabad"]
    assert event["format"] == "atp-fm" and event["date"] == "2026-10-14" and event["host"] == "PAK"
    assert sorted(event["sources"]) == sorted([ISLAMABAD_URL, COURIER_URL])  # type: ignore[arg-type]
    code, after, err = run(db, "check", str(claims), "-o", "json")
    assert code == 0, err
    assert json.loads(after)[0]["verdict"] == "supported" and json.loads(after)[0]["events"] == [event["id"]]
    assert islamabad["key"] not in {c["key"] for c in waiting(db)}
    code, out, _ = run(db, "candidates", "show", str(islamabad["key"]), "-o", "json")
    shown = json.loads(out)
    assert shown["state"] == "accepted" and [a["action"] for a in shown["actions"]] == ["proposed", "accepted"]
    assert shown["actions"][1]["by"] == "amina"


def test_reject_is_remembered_across_scans(db: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "saved", "ankara")
    assert run(db, "watch", "scan", str(folder), "--saved", SAVED)[0] == 0
    [ankara] = [c for c in waiting(db) if c["city"] == "Ankara"]
    code, _, err = run(db, "candidates", "reject", str(ankara["key"]), "--reason", "a bilateral visit")
    assert code == 0, err
    code, _, err = run(db, "watch", "scan", str(folder), "--saved", SAVED)
    assert code == 0 and "1 rejected, not proposed again" in err
    assert ankara["key"] not in {c["key"] for c in waiting(db)}
    code, out, _ = run(db, "candidates", "list", "--state", "rejected", "-o", "json")
    assert [c["key"] for c in json.loads(out)] == [ankara["key"]]
    assert run(db, "candidates", "accept", str(ankara["key"]))[0] == 2  # decided already


def test_merge_adds_the_article_to_the_known_event(db: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "saved", "baku")
    assert run(db, "watch", "scan", str(folder), "--saved", SAVED)[0] == 0
    [c] = waiting(db)
    assert c["verdict"] == "corroborates" and c["event"] == "atp-fm-2017-baku"
    code, _, err = run(db, "candidates", "merge", str(c["key"]))
    assert code == 0, err
    [baku] = [e for e in events(db) if e["id"] == "atp-fm-2017-baku"]
    assert BAKU_URL in baku["sources"]  # type: ignore[operator]


def test_conflict_is_recorded_on_the_event(db: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "saved", "baku-early")
    assert run(db, "watch", "scan", str(folder), "--saved", SAVED)[0] == 0
    [c] = waiting(db)
    assert c["verdict"] == "conflicts"
    code, _, err = run(db, "candidates", "conflict", str(c["key"]), "--note", "one outlet gives the day before")
    assert code == 0, err
    with open_store(db) as store:
        baku = store.event("atp-fm-2017-baku")
    recorded = [x.model_dump(mode="json") for x in baku.conflicts if BAKU_EARLY_URL in x.sources]
    note = "one outlet gives the day before"
    assert recorded == [{"field": "date", "values": ["2017-11-29"], "sources": [BAKU_EARLY_URL], "note": note}]
    assert BAKU_EARLY_URL not in baku.sources


def test_future_dated_article_is_refused_and_nothing_is_stored(db: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "saved", "islamabad", "ankara")
    write(folder, "courier", published="2027-03-01")
    before = tables(db)
    code, _, err = run(db, "watch", "scan", str(folder), "--saved", SAVED)
    assert code == 2
    assert "courier.html" in err and "published" in err and "2027-03-01" in err and "nothing was written" in err
    assert tables(db) == before


def test_accept_that_fails_validation_names_the_field_and_changes_nothing(db: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "saved", "ankara", canonical=False)  # no URL of its own: a file:// URI
    assert run(db, "watch", "scan", str(folder), "--saved", SAVED)[0] == 0
    [c] = waiting(db)
    before = tables(db)
    code, _, err = run(db, "candidates", "accept", str(c["key"]))
    assert code == 2 and "sources.0" in err and "http(s) URL" in err and "nothing was written" in err
    assert tables(db) == before and waiting(db) == [c]
    code, _, err = run(db, "candidates", "accept", str(c["key"]), "--set", "level=admiral")
    assert code == 2 and "level" in err and tables(db) == before
    code, _, err = run(db, "candidates", "accept", str(c["key"]), "--set", "colour=blue")
    assert code == 2 and "colour: not a field of an event" in err


def test_unknown_candidate_and_group(db: str, tmp_path: Path) -> None:
    code, _, err = run(db, "candidates", "show", "watch-nope")
    assert code == 2 and "unknown candidate 'watch-nope'" in err
    folder = write(tmp_path / "saved", "ankara", canonical=True)
    code, _, err = run(db, "watch", "scan", str(folder), "--group", "NOPE")
    assert code == 2 and "unknown group 'NOPE'" in err
    code, _, err = run(db, "candidates", "list", "--state", "maybe")
    assert code == 2 and "--state" in err


def test_rescan_adds_articles_to_the_waiting_candidate(db: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "saved", "islamabad")
    assert run(db, "watch", "scan", str(folder), "--saved", SAVED)[0] == 0
    [first] = [c for c in waiting(db) if c["city"] == "Islamabad"]
    write(folder, "courier")
    code, _, err = run(db, "watch", "scan", str(folder), "--saved", SAVED)
    assert code == 0 and "already waiting" in err
    [again] = [c for c in waiting(db) if c["city"] == "Islamabad"]
    assert again["key"] == first["key"] and (first["articles"], again["articles"]) == (1, 2)
    assert ANKARA_URL not in json.dumps(again)
