"""Editing events in forms: validation next to the fields, the audit trail, and two
editors who never silently overwrite each other."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tariqa.storage import open_store
from tests.conftest import URL_A
from tests.web.conftest import client_for
from tests.web.test_accounts import PASSWORD, csrf_of, log_in


@pytest.fixture(scope="module")
def editors(db: str) -> None:
    store = open_store(db)
    store.add_user("ed", PASSWORD, "editor")
    store.add_user("eda", PASSWORD, "editor")


def editor_client(db: str, name: str) -> TestClient:
    client = client_for(db)
    client.follow_redirects = False
    log_in(client, name)
    return client


@pytest.fixture
def ed(db: str, editors: None) -> Iterator[TestClient]:
    with editor_client(db, "ed") as client:
        yield client


def form_of(page: str) -> dict[str, str]:
    """The values of a rendered record form, as a browser would submit them."""
    values = dict(re.findall(r'<input id="f-(\w+)" name="\w+" type="\w+" value="([^"]*)"', page))
    values |= {
        k: v.strip()
        for k, v in re.findall(r'<textarea id="f-(\w+)" name="\w+" rows="\d+"[^>]*>([^<]*)</textarea>', page)
    }
    for name, options in re.findall(r'<select id="f-(\w+)" name="\w+"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r"<option selected>([^<]*)</option>", options)
        values[name] = chosen.group(1) if chosen else ""
    values["csrf"] = csrf_of(page)
    values["version"] = re.search(r'name="version" value="([^"]*)"', page).group(1)  # type: ignore[union-attr]
    return values


def test_edit_saves_and_records_the_change(ed: TestClient) -> None:
    form = form_of(ed.get("/edit/events?key=fm-2").text)
    assert form["city"] == "" and form["host"] == "PAK"
    saved = ed.post("/edit/events?key=fm-2", data=form | {"city": "Islamabad"})
    assert saved.status_code == 303 and saved.headers["location"] == "/events/fm-2"
    data = ed.get("/api/events/fm-2").json()
    assert data["event"]["city"] == "Islamabad"
    assert data["history"][0]["user"] == "ed"
    assert '"city"' not in (data["history"][0]["before"] or "") and "Islamabad" in data["history"][0]["after"]


def test_invalid_values_are_shown_next_to_the_field_and_nothing_is_saved(ed: TestClient) -> None:
    before = ed.get("/api/events/fm-2").json()["event"]
    form = form_of(ed.get("/edit/events?key=fm-2").text)
    for change, field in (
        ({"date": "2021-02-30"}, "date"),
        ({"host": "XYZ"}, "host"),
        ({"sources": "https://nowhere.example/x"}, "sources"),
    ):
        page = ed.post("/edit/events?key=fm-2", data=form | change)
        assert page.status_code == 422, change
        assert f'id="e-{field}"' in page.text, (change, page.text[:2000])
    assert ed.get("/api/events/fm-2").json()["event"] == before


def test_the_second_of_two_concurrent_edits_is_refused(db: str, ed: TestClient) -> None:
    with editor_client(db, "eda") as eda:
        mine, theirs = form_of(ed.get("/edit/events?key=fm-4").text), form_of(eda.get("/edit/events?key=fm-4").text)
        assert eda.post("/edit/events?key=fm-4", data=theirs | {"city": "Ankara"}).status_code == 303
        refused = ed.post("/edit/events?key=fm-4", data=mine | {"city": "Istanbul"})
        assert refused.status_code == 409
        assert "Someone else saved this event" in refused.text and "Ankara" in refused.text
        assert ed.get("/api/events/fm-4").json()["event"]["city"] == "Ankara"
        again = ed.post("/edit/events?key=fm-4", data=form_of(refused.text) | {"city": "Istanbul"})
        assert again.status_code == 303  # saved on top of the version now shown


def test_create_an_event(ed: TestClient) -> None:
    form = form_of(ed.get("/new/events?group=ATP").text)
    new = form | {
        "id": "atp-new-meeting",
        "date": "2024-02-01",
        "track": "political-diplomatic",
        "level": "officials",
        "kind": "meeting",
        "states": "aze, tur",
        "summary": "Officials met.",
        "sources": URL_A,
        "confidence": "medium",
    }
    assert ed.post("/new/events", data=new).status_code == 303
    assert ed.get("/api/events/atp-new-meeting").json()["event"]["states"] == ["AZE", "TUR"]
    twice = ed.post("/new/events", data=new)
    assert twice.status_code in (409, 422)


def test_edit_a_source_and_see_its_history(ed: TestClient) -> None:
    from tariqa.model import source_id

    key = source_id(URL_A)
    form = form_of(ed.get(f"/edit/sources?key={key}").text)
    assert form["url"] == URL_A
    saved = ed.post(f"/edit/sources?key={key}", data=form | {"publisher": "Ministry of Foreign Affairs of Azerbaijan"})
    assert saved.status_code == 303 and saved.headers["location"] == f"/sources/{key}"
    page = ed.get(f"/api/sources/{key}").json()
    assert page["source"]["publisher"] == "Ministry of Foreign Affairs of Azerbaijan"
    assert page["history"][0]["user"] == "ed" and "fm-2" in page["events"]
    bad = ed.post(
        f"/edit/sources?key={key}", data=form_of(ed.get(f"/edit/sources?key={key}").text) | {"accessed": "soon"}
    )
    assert bad.status_code == 422 and 'id="e-accessed"' in bad.text


def test_create_a_document(ed: TestClient) -> None:
    form = form_of(ed.get("/new/documents").text)
    new = form | {"id": "pak-briefing-2024", "title": "Weekly briefing", "kind": "briefing", "signatories": "pak"}
    bad = ed.post("/new/documents", data=new | {"language": "English"})
    assert bad.status_code == 422 and 'id="e-language"' in bad.text
    assert ed.post("/new/documents", data=new | {"language": "en"}).status_code == 303
    documents = {d["id"]: d for d in ed.get("/api/documents").json()["documents"]}
    assert documents["pak-briefing-2024"]["signatories"] == ["PAK"]


def test_edit_the_codebook_keeps_versions_and_refuses_cycles(db: str, ed: TestClient) -> None:
    store = open_store(db)
    versions = len(store.codebook_versions())
    form = form_of(ed.get("/edit/codes?key=threat-terrorism").text)
    saved = ed.post("/edit/codes?key=threat-terrorism", data=form | {"keywords": "terror*\nterrorist attack"})
    assert saved.status_code == 303 and saved.headers["location"] == "/codebook"
    assert len(store.codebook_versions()) == versions + 1
    assert next(c for c in store.codes() if c.id == "threat-terrorism").keywords == ["terror*", "terrorist attack"]
    top = form_of(ed.get("/edit/codes?key=threat").text)
    cycle = ed.post("/edit/codes?key=threat", data=top | {"parent": "threat-terrorism"})
    assert cycle.status_code == 422 and "Nothing was saved" in cycle.text
    assert next(c for c in store.codes() if c.id == "threat").parent is None
