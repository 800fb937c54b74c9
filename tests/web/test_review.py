"""The editors' review queue: the waiting candidates, a candidate with its evidence
highlighted, and the decisions (create the event, add sources, record a conflict,
reject), each in the audit trail; the dashboard counts what waits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tariqa.storage import open_store
from tariqa.tasks.watch import WatchScanOptions, watch_scan
from tests.conftest import small_record, write_yaml
from tests.watch.articles import ANKARA_URL, BAKU_EARLY_URL, COURIER_URL, ISLAMABAD_URL, write
from tests.web.conftest import client_for
from tests.web.test_accounts import PASSWORD, csrf_of, log_in

SAVED = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> str:
    from tariqa.io import plan, read_inputs

    path = str(tmp_path / "review.db")
    write_yaml(tmp_path / "r.yaml", small_record())
    folder = write(tmp_path / "saved", "islamabad", "courier", "ankara", "baku-early")
    with open_store(path) as store:
        store.import_items(read_inputs(plan([str(tmp_path / "r.yaml")])))
        store.add_user("ed", PASSWORD, "editor")
        store.add_user("vera", PASSWORD, "viewer")
        watch_scan(store, WatchScanOptions(folder=folder, fetched_at=SAVED))
    return path


def client(db: str, name: str) -> Iterator[TestClient]:
    with client_for(db) as c:
        c.follow_redirects = False
        log_in(c, name)
        yield c


@pytest.fixture
def ed(db: str) -> Iterator[TestClient]:
    yield from client(db, "ed")


@pytest.fixture
def vera(db: str) -> Iterator[TestClient]:
    yield from client(db, "vera")


def key_of(ed: TestClient, city: str) -> str:
    rows = ed.get("/api/candidates").json()["candidates"]
    return str(next(r["key"] for r in rows if r["city"] == city))


def test_queue_lists_waiting_candidates_and_the_dashboard_counts_them(ed: TestClient, vera: TestClient) -> None:
    data = ed.get("/api/candidates").json()
    cities = sorted(str(r["city"]) for r in data["candidates"])
    assert "Islamabad" in cities and "Ankara" in cities and "Baku" in cities
    page = ed.get("/candidates")
    assert page.status_code == 200 and "/candidates/watch-ATP-" in page.text
    dashboard = ed.get("/api/groups/ATP").json()
    assert dashboard["candidates_waiting"] == len(data["candidates"])
    assert f"{len(data['candidates'])} candidate events wait for review" in ed.get("/groups/ATP").text
    assert "candidates_waiting" not in vera.get("/api/groups/ATP").json()  # editors only
    assert vera.get("/candidates").status_code == 403


def test_candidate_page_highlights_the_evidence(ed: TestClient) -> None:
    key = key_of(ed, "Islamabad")
    data = ed.get(f"/api/candidates/{key}").json()
    assert {e["url"] for e in data["evidence"]} == {ISLAMABAD_URL, COURIER_URL}
    page = ed.get(f"/candidates/{key}").text
    marked = re.findall(r'<mark class="coded" id="evidence-\d">([^<]*)</mark>', page)
    assert len(marked) == 2 and any("held a trilateral meeting in Islamabad" in m for m in marked)
    assert ed.get("/candidates/watch-nope").status_code == 404


def test_accept_creates_the_event_with_its_sources(ed: TestClient) -> None:
    key = key_of(ed, "Islamabad")
    page = ed.get(f"/candidates/{key}").text
    events_before = ed.get("/api/groups/ATP").json()["counts"]["events"]
    form = {"csrf": csrf_of(page), "summary": "The three foreign ministers met in Islamabad.", "confidence": "high"}
    done = ed.post(f"/candidates/{key}/accept", data=form)
    assert done.status_code == 303 and done.headers["location"].startswith("/events/atp-fm-2026-10-islamabad")
    event = ed.get("/api" + done.headers["location"]).json()
    assert sorted(event["event"]["sources"]) == sorted([ISLAMABAD_URL, COURIER_URL])
    assert event["event"]["summary"] == "The three foreign ministers met in Islamabad."
    assert event["history"][0]["user"] == "ed"  # the record's audit trail
    shown = ed.get(f"/api/candidates/{key}").json()
    assert shown["state"] == "accepted" and shown["actions"][-1]["by"] == "ed"
    assert key not in {r["key"] for r in ed.get("/api/candidates").json()["candidates"]}
    assert ed.get("/api/groups/ATP").json()["counts"]["events"] == events_before + 1  # the dashboard counts it


def test_merge_adds_the_articles_to_an_event(ed: TestClient, db: str) -> None:
    key = key_of(ed, "Ankara")
    page = ed.get(f"/candidates/{key}").text
    done = ed.post(f"/candidates/{key}/merge", data={"csrf": csrf_of(page), "event": "atp-aze-tur-2021"})
    assert done.status_code == 303 and done.headers["location"] == "/events/atp-aze-tur-2021"
    with open_store(db) as store:
        assert ANKARA_URL in store.event("atp-aze-tur-2021").sources
        assert store.history("events", "atp-aze-tur-2021")[0].user == "ed"
    missing = key_of(ed, "Islamabad")  # a new candidate matched no event: one must be named
    page = ed.get(f"/candidates/{missing}").text
    refused = ed.post(f"/candidates/{missing}/merge", data={"csrf": csrf_of(page), "event": ""})
    assert refused.status_code == 422 and "matches no event of the record" in refused.text


def test_accept_that_fails_validation_says_why_and_changes_nothing(ed: TestClient, db: str) -> None:
    key = key_of(ed, "Islamabad")
    page = ed.get(f"/candidates/{key}").text
    with open_store(db) as store:
        before = (store.count("events"), store.count("sources"), store.revision())
    refused = ed.post(f"/candidates/{key}/accept", data={"csrf": csrf_of(page), "host": "PAKISTAN"})
    assert refused.status_code == 422 and "Nothing was changed" in refused.text and 'id="e-host"' in refused.text
    with open_store(db) as store:
        assert (store.count("events"), store.count("sources"), store.revision()) == before
        assert store.candidate(key).state == "waiting"
    assert ed.post(f"/candidates/{key}/accept", data={"host": "PAK"}).status_code == 403  # no CSRF token


def test_conflict_and_reject(ed: TestClient, db: str) -> None:
    key = key_of(ed, "Baku")
    page = ed.get(f"/candidates/{key}").text
    assert "the record has <strong>2017-11-30</strong>" in page
    done = ed.post(f"/candidates/{key}/conflict", data={"csrf": csrf_of(page), "event": "", "note": "a day early"})
    assert done.status_code == 303 and done.headers["location"] == "/events/atp-fm-2017-baku"
    with open_store(db) as store:
        conflicts = store.event("atp-fm-2017-baku").conflicts
    assert any(c.sources == [BAKU_EARLY_URL] and c.note == "a day early" for c in conflicts)
    ankara = key_of(ed, "Ankara")
    page = ed.get(f"/candidates/{ankara}").text
    done = ed.post(f"/candidates/{ankara}/reject", data={"csrf": csrf_of(page), "note": "not a group event"})
    assert done.status_code == 303 and done.headers["location"] == "/candidates"
    again = ed.post(f"/candidates/{ankara}/reject", data={"csrf": csrf_of(page)})
    assert again.status_code == 422 and "rejected already" in again.text
    actions = ed.get(f"/api/candidates/{ankara}").json()["actions"]
    assert [(a["action"], a["by"], a["note"]) for a in actions][-1] == ("rejected", "ed", "not a group event")
