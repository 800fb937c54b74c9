"""Watch files and feeds: good input read, every bad input refused with a clear message."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tariqa.watch.feeds import FeedError, WatchFileProblems, load_watch_file, read_feed

FETCHED = datetime(2026, 6, 1)
GROUPS = ["ATP", "TAG", "QUAD", "AUKUS"]

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example wire</title>
<item><title>Ministers meet</title><link>https://news.example/a</link><pubDate>Tue, 12 May 2026 10:00:00 GMT</pubDate></item>
<item><title>Ministers meet (again)</title><link>https://news.example/a</link><pubDate>Tue, 12 May 2026 11:00:00 GMT</pubDate></item>
<item><title>From the future</title><link>https://news.example/b</link><pubDate>Fri, 01 Jan 2027 10:00:00 GMT</pubDate></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<entry><title>Summit</title><link href="https://news.example/c"/><updated>2026-05-20T08:00:00Z</updated></entry>
</feed>"""


def test_watch_file(tmp_path: Path) -> None:
    path = tmp_path / "atp.yaml"
    path.write_text(
        "group: ATP\nnames: [Three Brothers]\nkeywords: [trilateral]\nlanguages: [en, tr]\n"
        "feeds:\n  - url: https://news.example/rss\n    name: Example\n  - https://other.example/atom\n",
        encoding="utf-8",
    )
    w = load_watch_file(path, groups=GROUPS)
    assert w.group == "ATP" and [f.url for f in w.feeds] == ["https://news.example/rss", "https://other.example/atom"]
    assert w.unread_languages == ("tr",)


def test_watch_file_problems_are_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "group: NOPE\nfeeds:\n  - url: ftp://news.example/rss\n  - url: https://a.example/rss\n"
        "  - url: https://a.example/rss\nlanguages: [english]\ncolour: red\n",
        encoding="utf-8",
    )
    with pytest.raises(WatchFileProblems) as info:
        load_watch_file(path, groups=GROUPS)
    messages = [str(p) for p in info.value.problems]
    assert any("group: unknown group 'NOPE'" in m and ":1:" in m for m in messages)
    assert any("feeds.0.url" in m and "not an http(s) URL" in m and ":3:" in m for m in messages)
    assert any("feeds.2.url" in m and "listed twice" in m for m in messages)
    assert any("'english' is not an ISO 639-1" in m for m in messages)
    assert any("colour: unknown field" in m for m in messages)


def test_watch_file_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("group: ATP\nfeeds: [\n", encoding="utf-8")
    with pytest.raises(WatchFileProblems, match="not valid YAML"):
        load_watch_file(path, groups=GROUPS)


def test_rss_duplicates_and_future() -> None:
    feed = read_feed(RSS, url="https://news.example/rss", fetched_at=FETCHED)
    assert feed.title == "Example wire"
    assert [e.url for e in feed.entries] == ["https://news.example/a", "https://news.example/b"]
    assert feed.duplicates == ("https://news.example/a",)
    assert feed.entries[0].published == date(2026, 5, 12) and not feed.entries[0].future
    assert feed.entries[1].future


def test_atom() -> None:
    feed = read_feed(ATOM, url="https://news.example/atom", fetched_at=FETCHED)
    assert [(e.url, e.published) for e in feed.entries] == [("https://news.example/c", date(2026, 5, 20))]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<!DOCTYPE html><html><body><p>News</p></body></html>", "HTML page, not an RSS or Atom feed"),
        (b"<?xml version='1.0'?><rss><channel><item><title>x</item></channel></rss>", "malformed XML at line 1"),
        (b"<?xml version='1.0'?><catalog><book/></catalog>", "root is <catalog>"),
        (b"   ", "empty"),
    ],
)
def test_bad_feeds(data: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        read_feed(data, url="https://news.example/rss", fetched_at=FETCHED)


def test_feed_over_the_cap() -> None:
    with pytest.raises(FeedError, match="more than the cap"):
        read_feed(RSS + b" " * 2000, url="https://news.example/rss", fetched_at=FETCHED, max_bytes=1000)
