"""Reading pages and their JSON twins; errors answered as pages; security headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import icalendar
from fastapi.testclient import TestClient
from lxml import html
from typer.testing import CliRunner

from tariqa.cli import app as cli
from tests.conftest import write_yaml
from tests.indicators.test_indicators import record
from tests.web.conftest import client_for


def test_every_page_has_a_json_twin_with_the_same_data(public: TestClient) -> None:
    for path in ("/", "/groups/ATP", "/events?group=ATP", "/events/fm-2", "/groups/ATP/calendar?year=2024"):
        page, twin = public.get(path), public.get("/api" + (path if path != "/" else ""))
        assert page.status_code == twin.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        assert twin.headers["content-type"].startswith("application/json")
        assert f'href="/api{path if path != "/" else ""}' in page.text.replace("&amp;", "&"), path


def test_home_lists_groups_with_counts(public: TestClient) -> None:
    groups = public.get("/api").json()["groups"]
    assert [(g["id"], g["events"]) for g in groups] == [("ATP", 10)]


def test_events_filter_and_page(public: TestClient) -> None:
    data = public.get("/api/events", params={"group": "ATP", "track": "leaders"}).json()
    assert data["total"] == 1 and [e["id"] for e in data["events"]] == ["summit"]
    data = public.get("/api/events", params={"state": "pak", "since": "2020-01-01"}).json()
    assert {e["id"] for e in data["events"]} == {"fm-4", "fm-planned", "summit", "ex", "tur-pak-1", "cancelled"}
    assert data["links"] == {"prev": None, "next": None}
    rounds = public.get("/api/events", params={"format": "atp-fm"}).json()
    assert [e["id"] for e in rounds["events"]] == ["atp-fm-2017-baku", "fm-2", "fm-4", "fm-planned"]
    assert public.get("/api/events", params={"format": "nope"}).status_code == 404


def test_event_page_shows_sources_documents_and_conflicts(public: TestClient) -> None:
    page = html.fromstring(public.get("/events/atp-fm-2017-baku").text)
    text = page.text_content()
    assert "Baku Declaration" in text and "MFA of Azerbaijan" in text
    conflict = public.get("/api/events/atp-aze-tur-2021")
    assert conflict.status_code == 404  # not in this record: answered, not crashed


def test_dashboard_shows_indicators_formats_and_calendar(public: TestClient) -> None:
    data = public.get("/api/groups/ATP").json()
    assert data["counts"]["held"] == 8 and data["counts"]["joint"] + data["counts"]["member_pairs"] <= 8
    assert data["headline"][0]["label"] == "Events per year (held, with every member or two)"
    assert [f["format"] for f in data["formats"]] == ["atp-fm"]
    assert data["formats"][0]["state"] in ("active", "dormant", "never met")
    assert data["period"]["first"] <= data["period"]["last"]
    svg = public.get(data["timeline"])
    assert svg.headers["content-type"].startswith("image/svg+xml") and svg.text.startswith("<svg")
    assert public.get(data["timeline"], headers={"If-None-Match": svg.headers["etag"]}).status_code == 304
    page = public.get("/groups/ATP").text
    assert f'src="{data["timeline"]}"' in page and "calendar.ics" in page
    assert "Held, with every member" in page and "two members only" in page  # what each count counts
    share = next(h for h in data["headline"] if h["unit"] == "share")
    assert f"{share['value'] * 100:.0f} %" in page  # shares as percentages


def test_calendar_download_is_valid_icalendar(public: TestClient) -> None:
    response = public.get("/groups/ATP/calendar.ics", params={"year": 2024})
    assert response.headers["content-type"].startswith("text/calendar")
    assert 'filename="atp-2024.ics"' in response.headers["content-disposition"]
    items = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert any(str(i["uid"]) == "fm-planned@tariqa" for i in items)


def test_errors_are_pages_not_tracebacks(public: TestClient) -> None:
    cases: list[tuple[str, int]] = [
        ("/events/no-such-event", 404),
        ("/groups/NOPE", 404),
        ("/events?page=0", 422),
        ("/events?since=2020-13-40", 422),
        ("/events?group=NOPE", 404),
        ("/groups/ATP/calendar?year=3000", 422),
        ("/no/such/page", 404),
    ]
    for path, status in cases:
        page, twin = public.get(path), public.get("/api" + path)
        assert page.status_code == twin.status_code == status, path
        assert "Traceback" not in page.text and "<h1>" in page.text
        assert "error" in twin.json()


def test_security_headers(public: TestClient) -> None:
    headers = public.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script(public: TestClient) -> None:
    for path in ("/", "/groups/ATP", "/events", "/events/fm-2", "/login"):
        tree = html.fromstring(public.get(path).text)
        assert all(s.get("src") for s in tree.iter("script")), path
        assert not [e for e in tree.iter() if any(a.startswith("on") for a in e.attrib)], path


def test_forms_are_labelled(public: TestClient) -> None:
    for path in ("/events", "/login", "/groups/ATP/calendar"):
        tree = html.fromstring(public.get(path).text)
        ids = {label.get("for") for label in tree.iter("label")}
        fields = [e for e in tree.iter("input", "select", "textarea") if e.get("type") not in ("hidden", "submit")]
        assert fields and all(f.get("id") in ids for f in fields), path


def test_without_anonymous_reading_everything_needs_a_login(private: TestClient) -> None:
    assert private.get("/api/openapi.json").status_code == 401  # the schema too
    openapi: dict[str, Any] = private.app.openapi()  # type: ignore[attr-defined]
    params = {"{group_id}": "ATP", "{event_id}": "fm-2", "{document_id}": "atp-baku-2017", "{key}": "x"}
    checked = 0
    for path, methods in openapi["paths"].items():
        concrete = path
        for name, value in params.items():
            concrete = concrete.replace(name, value)
        for method in methods:
            response = private.request(method.upper(), concrete, follow_redirects=False, json={})
            assert response.status_code == 401, (method, path)
            checked += 1
        page = private.get(concrete.removeprefix("/api") or "/", follow_redirects=False)
        if "get" in methods:
            assert page.status_code in (303, 401), path
            if page.status_code == 303:
                assert page.headers["location"].startswith("/login?next=")
    assert checked >= 10


def test_static_files_are_vendored(public: TestClient) -> None:
    htmx = public.get("/static/vendor/htmx.min.js")
    assert htmx.status_code == 200 and len(htmx.content) > 10_000
    assert public.get("/static/app.js").status_code == 200
    assert public.get("/static/../app.py").status_code == 404


def test_themes_show_cooccurrence_and_quotes(public: TestClient) -> None:
    data = public.get("/api/themes", params={"code": "support"}).json()
    assert {q["quote"] for q in data["quotes"]} >= {"Karabakh is Azerbaijan."}
    assert public.get("/api/themes", params={"by": "month"}).status_code == 422
    assert public.get("/api/themes", params={"code": "no-such-code"}).status_code == 404


def test_page_titles_are_plain_text(public: TestClient) -> None:
    for path in ("/", "/groups/ATP", "/events", "/themes", "/codebook", "/documents", "/compare", "/reliability"):
        head = public.get(path).text.split("</title>")[0].split("<title>")[1]
        assert "<" not in head and head.endswith("· tariqa") and len(head) < 80, (path, head[:100])


def test_home_counts_follow_a_change_to_the_record(tmp_path: Path) -> None:
    """The home page's counts are kept between requests, until the record changes."""
    path = str(tmp_path / "home.db")
    data = record()
    first, later = data["events"][:-1], data["events"][-1:]
    runner = CliRunner()

    def run(*args: str) -> None:
        result = runner.invoke(cli, ["--db", path, *args])
        assert result.exit_code == 0, result.stderr

    run("codebook", "import")
    run("import", str(write_yaml(tmp_path / "a.yaml", {**data, "events": first})))
    with client_for(path, anonymous_read=True) as client:
        assert [g["events"] for g in client.get("/api").json()["groups"]] == [len(first)]
        assert [g["events"] for g in client.get("/api").json()["groups"]] == [len(first)]
        run("import", str(write_yaml(tmp_path / "b.yaml", {"events": later})))
        assert [g["events"] for g in client.get("/api").json()["groups"]] == [len(first) + 1]
