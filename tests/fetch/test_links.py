"""Link health and documents' texts where users look: the task functions, the web source
list, an event's page, the archived copy served as plain text, the dashboard and the
report; all read from the fetch log and the archive, never from the network."""

from __future__ import annotations

import csv
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tariqa.errors import NotFound, UsageError
from tariqa.fetch.client import FetchOptions
from tariqa.fetch.sources import fetch_sources
from tariqa.fetch.texts import update_texts
from tariqa.storage import Store
from tariqa.tasks.sources import (
    DocumentTextsOptions,
    SourceHealthOptions,
    archived_text,
    document_texts,
    source_health,
)
from tests.fetch.servers import Reply, Site, html
from tests.fetch.test_sources import load

FAST = FetchOptions(delay=0, backoff=0.01, timeout=2, retries=0)
SCRIPT = "<script>document.title='ran'</script>"
DECLARATION = "The foreign ministers met in Baku and condemned terrorism in all its forms."


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        page = html("Baku Declaration", DECLARATION).replace(b"</body>", SCRIPT.encode() + b"</body>")
        s.routes["/declaration"] = Reply(200, page, {"Content-Type": "text/html; charset=utf-8"})
        s.routes["/news"] = Reply(410, b"removed")
        yield s


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own data folder: the default archive that the web app reads is in it."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TARIQA_DATA_DIR", str(folder))
    return folder


def fetched(store: Store, tmp_path: Path, site: Site, only: str = "all") -> None:
    """The small record pointing at the site (its document's source is /declaration, the
    other source /news is gone), fetched into the default archive, texts extracted."""
    if not store.groups():
        load(store, tmp_path, site)
    fetch_sources(store, only=only, options=FAST)
    update_texts(store)


def test_health_and_texts_follow_the_fetch_log(store: Store, tmp_path: Path, site: Site, data_folder: Path) -> None:
    load(store, tmp_path, site)
    a, b = site.url("/declaration"), site.url("/news")
    before = source_health(store)
    assert [(r["url"], r["state"]) for r in before.rows] == [(a, "never-fetched"), (b, "never-fetched")]
    texts = document_texts(store, DocumentTextsOptions("ATP"))
    assert (texts.with_text, texts.total, texts.fetchable) == (0, 1, 1)
    assert texts.advice is not None and "`tariqa sources fetch --group ATP --only documents`" in texts.advice
    assert texts.missing[0]["link"] == "never-fetched"

    fetched(store, tmp_path, site, only="documents")
    health = source_health(store, SourceHealthOptions(group="ATP"))
    assert health.counts == {"alive": 1, "moved": 0, "gone": 0, "blocked": 0, "failed": 0, "never-fetched": 1}
    alive = health.by_url()[a]
    assert alive["archived"] and alive["sha256"] == store.latest_fetches()[a].sha256
    texts = document_texts(store, DocumentTextsOptions("ATP"))
    assert (texts.with_text, texts.fetchable, texts.advice) == (1, 0, None)
    assert texts.rows[0]["characters"] == len(store.document_text("atp-baku-2017"))

    fetched(store, tmp_path, site)
    health = source_health(store, SourceHealthOptions(state="gone"))
    assert [(r["url"], r["status"], r["archived"]) for r in health.rows] == [(b, 410, None)]
    assert health.summary == "1 alive, 1 gone"
    with pytest.raises(UsageError, match="one of alive, moved"):
        source_health(store, SourceHealthOptions(state="dead"))
    with pytest.raises(NotFound, match="NOPE"):
        document_texts(store, DocumentTextsOptions("NOPE"))


def test_archived_copy_is_plain_text_of_what_was_received(
    sqlite_store: Store, tmp_path: Path, site: Site, data_folder: Path
) -> None:
    fetched(sqlite_store, tmp_path, site)
    copy = archived_text(sqlite_store, url=site.url("/declaration"))
    assert SCRIPT in copy.text and copy.type == "html"  # the markup as received, to be shown as text
    assert copy.as_document().startswith(f"Archived copy of {site.url('/declaration')}\nfetched ")
    with pytest.raises(NotFound, match="never fetched successfully"):
        archived_text(sqlite_store, url=site.url("/news"))  # gone: its 410 answer is no copy of the page
    with pytest.raises(NotFound, match="not in the archive folder"):
        archived_text(sqlite_store, url=site.url("/declaration"), archive_folder=tmp_path / "elsewhere")


def offline(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Refuse and record every outbound connection from now on."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_web_pages_show_link_health_and_serve_the_copy_as_text(
    sqlite_store: Store, tmp_path: Path, site: Site, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tariqa.web import Settings, create_app

    client = TestClient(create_app(Settings(anonymous_read=True), store=sqlite_store))
    load(sqlite_store, tmp_path, site)
    a, b = site.url("/declaration"), site.url("/news")
    dashboard = client.get("/groups/ATP").text
    assert "0 of the group's 1 documents have their text" in dashboard
    assert "tariqa sources fetch --group ATP --only documents" in dashboard
    fetched(sqlite_store, tmp_path, site)
    hits = len(site.hits)
    attempts = offline(monkeypatch)

    listing = client.get("/api/sources").json()
    assert listing["counts"]["alive"] == 1 and listing["counts"]["gone"] == 1
    rows = {r["url"]: r for r in listing["rows"]}
    assert rows[a]["archived_copy"].startswith("/archived?url=") and rows[b]["archived_copy"] is None
    assert rows[b]["why"] and rows[b]["status"] == 410
    page = client.get("/sources", params={"group": "ATP"}).text
    assert "1 alive, 1 gone" in page and rows[a]["archived_copy"].replace("&", "&amp;") in page
    assert client.get("/sources", params={"state": "dead"}).status_code == 400
    monkeypatch.setattr("tariqa.web.links.PAGE_SIZE", 1)
    first, second = (client.get("/api/sources", params={"page": n}).json() for n in (1, 2))
    assert (first["pages"], first["total"], first["links"]["next"]) == (2, 2, "/sources?page=2")
    assert [first["rows"][0]["url"], second["rows"][0]["url"]] == [a, b] and second["links"]["next"] is None

    event = client.get("/events/atp-aze-tur-2021").text
    assert 'Link: <span class="link-state">alive</span>' in event
    assert 'Link: <span class="link-state">gone</span>' in event and "archived copy</a>" in event
    data = client.get("/api/events/atp-aze-tur-2021").json()
    assert [s["health"]["state"] for s in data["sources"]] == ["alive", "gone"]
    source = client.get("/api/sources/" + sqlite_store.sources_by_url([a])[a].key).json()
    assert source["health"]["state"] == "alive"

    copy = client.get(rows[a]["archived_copy"])
    assert copy.status_code == 200 and copy.headers["content-type"] == "text/plain; charset=utf-8"
    assert copy.headers["x-content-type-options"] == "nosniff"
    assert copy.headers["content-security-policy"].startswith("sandbox")
    assert SCRIPT in copy.text and DECLARATION in copy.text
    assert client.get("/archived", params={"url": b}).status_code == 404
    assert client.get("/api/archived", params={"url": a}).text == copy.text

    dashboard = client.get("/groups/ATP").text
    assert "1 of the group's 1 documents have their text" in dashboard and "To get the others" not in dashboard
    assert attempts == [] and len(site.hits) == hits  # nothing above asked the network


def test_report_lists_link_states_and_documents_texts(
    sqlite_store: Store, tmp_path: Path, site: Site, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lxml import html as lhtml

    from tariqa.reports import ReportOptions, build_report

    load(sqlite_store, tmp_path, site)
    before = build_report(sqlite_store, ReportOptions(group="ATP", out=tmp_path / "before"))
    text = lhtml.fromstring(before.read_bytes()).text_content()
    assert "0 of the group's 1 documents have their text" in text
    assert "run `tariqa sources fetch --group ATP --only documents`" in text

    fetched(sqlite_store, tmp_path, site)
    attempts = offline(monkeypatch)
    index = build_report(sqlite_store, ReportOptions(group="ATP", out=tmp_path / "after"))
    assert attempts == []
    with (index.parent / "tables" / "sources.csv").open() as handle:
        rows = {r["URL"]: r for r in csv.DictReader(handle)}
    a, b = site.url("/declaration"), site.url("/news")
    assert rows[a]["Link"] == "alive" and rows[a]["Copy"].startswith("archived 20")
    assert rows[b]["Link"] == "gone" and rows[b]["Copy"] == ""
    with (index.parent / "tables" / "document-texts.csv").open() as handle:
        (document,) = list(csv.DictReader(handle))
    assert document["Id"] == "atp-baku-2017" and int(document["Characters"]) > 0
    text = lhtml.fromstring(index.read_bytes()).text_content()
    assert "1 alive, 1 gone" in text and "1 of the group's 1 documents have their text" in text
