"""``tariqa watch run`` against feeds served on 127.0.0.1, and ``tariqa watch gdelt`` on a
synthetic store in which three members meet; bad feeds and watch files exit 2 and
change nothing."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.watch.articles import page, write
from tests.watch.test_gdelt import _store
from tests.watch.test_workflow import SAVED, db, run, tables, waiting  # noqa: F401  (db is a fixture)


def rss(base: str, *names: str) -> str:
    items = "".join(
        f"<item><title>{n}</title><link>{base}/a/{n}</link><pubDate>Wed, 14 Oct 2026 09:00:00 GMT</pubDate></item>"
        for n in names
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>{items}</channel></rss>'


@pytest.fixture
def server() -> Iterator[str]:
    pages: dict[str, tuple[str, str]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = pages.get(self.path)
            if found is None:
                self.send_error(404)
                return
            kind, body = found
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client stops reading past its cap
                pass

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    pages["/feed.xml"] = ("application/rss+xml", rss(base, "islamabad", "courier", "islamabad"))
    pages["/a/islamabad"] = ("text/html", page("islamabad"))
    pages["/a/courier"] = ("text/html", page("courier"))
    pages["/html"] = ("text/html", "<!DOCTYPE html><html><body><p>Not a feed</p></body></html>")
    pages["/broken.xml"] = ("application/rss+xml", '<?xml version="1.0"?><rss><channel><item></channel></rss>')
    pages["/huge.xml"] = ("application/rss+xml", '<?xml version="1.0"?><rss><channel>' + " " * (11 << 20))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        httpd.shutdown()
        httpd.server_close()


def watch_file(tmp_path: Path, *feeds: str, group: str = "ATP") -> Path:
    path = tmp_path / "atp.watch.yaml"
    lines = [f"group: {group}", "languages: [en]", "feeds:"] + [f"  - url: {f}" for f in feeds]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_run_reads_the_feed_and_its_articles(db: str, server: str, tmp_path: Path) -> None:  # noqa: F811
    path = watch_file(tmp_path, f"{server}/feed.xml")
    code, _, err = run(db, "watch", "run", "--watch-file", str(path), "--group", "ATP", "--saved", SAVED)
    assert code == 0, err
    assert "2 articles read" in err and "1 duplicate URLs read once" in err
    [c] = [c for c in waiting(db) if c["city"] == "Islamabad"]
    assert c["articles"] == 2 and c["verdict"] == "new"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/html", "an HTML page, not an RSS or Atom feed"),
        ("/broken.xml", "malformed XML at line 1"),
        ("/huge.xml", "larger than the cap of 10,485,760 bytes"),
    ],
)
def test_bad_feeds_exit_2_and_change_nothing(
    db: str,  # noqa: F811
    server: str,
    tmp_path: Path,
    path: str,
    message: str,
) -> None:
    before = tables(db)
    code, _, err = run(
        db, "watch", "run", "--watch-file", str(watch_file(tmp_path, f"{server}/feed.xml", server + path))
    )
    assert code == 2 and message in err and server + path in err
    assert tables(db) == before


def test_bad_watch_files(db: str, tmp_path: Path) -> None:  # noqa: F811
    before = tables(db)
    code, _, err = run(db, "watch", "run", "--watch-file", str(watch_file(tmp_path, "https://x.example/f", group="QQ")))
    assert code == 2 and "atp.watch.yaml:1: group: unknown group 'QQ'" in err
    code, _, err = run(db, "watch", "run", "--watch-file", str(watch_file(tmp_path, "ftp://x.example/feed")))
    assert code == 2 and "feeds.0.url" in err and "not an http(s) URL" in err
    code, _, err = run(db, "watch", "run", "--watch-file", str(watch_file(tmp_path)), "--group", "TAG")
    assert code == 2 and "watches group ATP, not TAG" in err
    assert tables(db) == before


def test_gdelt_three_members_meet(db: str, tmp_path: Path) -> None:  # noqa: F811
    store = _store(tmp_path, "extended")
    args = ["watch", "gdelt", "--store", str(store), "--group", "ATP", "--since", "2020-03-01", "--until", "2020-04-30"]
    code, out, err = run(db, *args, "-o", "json")
    assert code == 0, err
    found = [c for c in waiting(db) if c["origin"] == "gdelt"]
    [baku] = [c for c in found if c["day"] == "2020-03-10"]
    assert baku["states"] == "AZE-PAK-TUR" and baku["verdict"] == "new" and baku["articles"] >= 3
    assert not [c for c in found if str(c["day"]) >= "2020-03-15"]
    assert {c["key"] for c in json.loads(out)} >= {baku["key"]}
    code, _, err = run(db, "candidates", "accept", str(baku["key"]))
    assert code == 2 and "level" in err  # GDELT does not say at which level: the editor must
    code, _, err = run(
        db,
        "candidates",
        "accept",
        str(baku["key"]),
        *("--set", "level=minister", "--set", "track=political-diplomatic", "--set", "confidence=low"),
    )
    assert code == 0, err
    code, out, _ = run(db, "events", "-o", "json")
    [event] = [e for e in json.loads(out) if str(e["date"]).startswith(date(2020, 3, 10).isoformat())]
    assert event["states"] == ["AZE", "PAK", "TUR"] and "https://a.example/1" in event["sources"]
    code, _, err = run(db, *args)
    assert code == 0 and "1 decided before" in err


def test_gdelt_meeting_that_a_waiting_news_candidate_reports_is_a_duplicate(db: str, tmp_path: Path) -> None:  # noqa: F811
    assert run(db, "watch", "scan", str(write(tmp_path / "saved", "baku-2020")), "--saved", SAVED)[0] == 0
    [news] = waiting(db)
    assert news["day"] == "2020-03-10" and news["origin"] == "news"
    store = _store(tmp_path, "extended")
    code, _, err = run(db, "watch", "gdelt", "--store", str(store), "--group", "ATP", "--until", "2020-03-12")
    assert code == 0, err
    [gdelt] = [c for c in waiting(db) if c["origin"] == "gdelt"]
    assert gdelt["verdict"] == "duplicate" and gdelt["day"] == "2020-03-10"
    code, out, _ = run(db, "candidates", "show", str(gdelt["key"]), "-o", "json")
    assert json.loads(out)["fields"]["duplicate_of"] == news["key"]
