"""Watch files (what to watch for a group) and RSS/Atom feeds.

A watch file is YAML, one per group::

    group: ATP
    names: ["Azerbaijan-Türkiye-Pakistan", "Three Brothers"]   # other names of the group
    keywords: [trilateral, "three brothers"]                    # words that flag an article
    languages: [en]                                             # ISO 639-1 codes
    feeds:
      - url: https://news.example/rss
        name: Example News                                      # optional

:func:`load_watch_file` checks it whole and raises :class:`WatchFileProblems` naming
the file, line and field of every problem (unknown keys, an unknown group, a feed URL
that is not http(s), a language code that is not one). :func:`read_feed` turns the bytes
of a feed into entries (feedparser, after a well-formedness check with lxml that
resolves no entities), refusing an HTML page, malformed XML and a feed over the size
cap with a :class:`FeedError`; an entry URL met twice is kept once, and an entry dated
after the fetch time is flagged. Nothing here touches the network: ``tariqa watch run``
fetches feeds and pages through :mod:`tariqa.fetch` (robots.txt, a pause per site, the caps
below).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from tariqa.errors import Problem, Problems, TariqaError
from tariqa.watch.types import HANDLED_LANGUAGES

#: The largest feed read (bytes): feeds are small; a bigger one is a mistake or an attack.
FEED_MAX_BYTES = 10 * 1024 * 1024
#: The largest article page read (bytes).
PAGE_MAX_BYTES = 20 * 1024 * 1024
_LANG = re.compile(r"^[a-z]{2}$")
_KEYS = {"group", "names", "keywords", "languages", "feeds"}
_FEED_KEYS = {"url", "name"}


class FeedError(TariqaError):
    """A feed that cannot be read: not a feed, malformed, too large or unreachable."""


class WatchFileProblems(Problems):
    """A watch file with problems: nothing of it is used."""


@dataclass(frozen=True)
class FeedSpec:
    url: str
    name: str = ""


@dataclass(frozen=True)
class WatchFile:
    """What to watch for one group."""

    group: str
    names: tuple[str, ...]
    keywords: tuple[str, ...]
    languages: tuple[str, ...]
    feeds: tuple[FeedSpec, ...]

    @property
    def unread_languages(self) -> tuple[str, ...]:
        """Languages asked for that the reader does not handle (their articles are counted, not read)."""
        return tuple(lang for lang in self.languages if lang not in HANDLED_LANGUAGES)


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    published: date | None
    summary: str
    future: bool


@dataclass(frozen=True)
class Feed:
    """A feed's entries (one per URL), the URLs met more than once, and its title."""

    title: str
    entries: tuple[FeedEntry, ...]
    duplicates: tuple[str, ...]


def is_http_url(value: object) -> bool:
    if not isinstance(value, str) or " " in value:
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping (``__line__``) for located problems."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strings(value: object, where: str, field: str, out: list[Problem], file: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        out.append(Problem(file, where, field, "must be a list of non-empty texts"))
        return ()
    return tuple(v.strip() for v in value)


def load_watch_file(path: Path, *, groups: Iterable[str]) -> WatchFile:
    """The watch file at ``path``, checked against the record's ``groups`` (their ids)."""
    file = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506  (safe loader subclass)
    except (OSError, UnicodeDecodeError) as exc:
        raise WatchFileProblems([Problem(file, "", "", f"cannot be read: {exc}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = str(mark.line + 1) if mark is not None else ""
        raise WatchFileProblems([Problem(file, line, "", f"not valid YAML: {getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(data, dict):
        raise WatchFileProblems([Problem(file, "1", "", "a watch file is a mapping with group, feeds, ...")])
    problems: list[Problem] = []
    line = str(data.get("__line__", 1))
    for key in sorted(set(data) - _KEYS - {"__line__"}):
        problems.append(Problem(file, line, key, f"unknown field (expected one of {', '.join(sorted(_KEYS))})"))
    known = sorted(groups)
    group = data.get("group")
    if not isinstance(group, str) or not group:
        problems.append(Problem(file, line, "group", "missing: the id of the group to watch"))
        group = ""
    elif group not in known:
        problems.append(Problem(file, line, "group", f"unknown group {group!r} (the record has {', '.join(known)})"))
    names = _strings(data.get("names"), line, "names", problems, file)
    keywords = _strings(data.get("keywords"), line, "keywords", problems, file)
    languages = _strings(data.get("languages", ["en"]), line, "languages", problems, file)
    for lang in languages:
        if not _LANG.match(lang):
            problems.append(Problem(file, line, "languages", f"{lang!r} is not an ISO 639-1 language code"))
    feeds: list[FeedSpec] = []
    raw_feeds = data.get("feeds") or []
    if not isinstance(raw_feeds, list):
        problems.append(Problem(file, line, "feeds", "must be a list of {url, name}"))
        raw_feeds = []
    seen: set[str] = set()
    for i, item in enumerate(raw_feeds):
        where = str(item.get("__line__", line)) if isinstance(item, dict) else line
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict):
            problems.append(Problem(file, where, f"feeds.{i}", "must be a URL or a mapping with url and name"))
            continue
        for key in sorted(set(item) - _FEED_KEYS - {"__line__"}):
            problems.append(Problem(file, where, f"feeds.{i}.{key}", "unknown field (expected url, name)"))
        url = item.get("url")
        if not is_http_url(url):
            problems.append(Problem(file, where, f"feeds.{i}.url", f"{url!r} is not an http(s) URL"))
            continue
        assert isinstance(url, str)
        if url in seen:
            problems.append(Problem(file, where, f"feeds.{i}.url", f"{url} is listed twice"))
            continue
        seen.add(url)
        feeds.append(FeedSpec(url, str(item.get("name") or "")))
    if problems:
        raise WatchFileProblems(problems)
    return WatchFile(group, names, keywords, languages, tuple(feeds))


# --------------------------------------------------------------------------- feeds


def _check_xml(data: bytes, source: str) -> None:
    from lxml import etree

    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or (b"<html" in head and b"<rss" not in head):
        raise FeedError(f"{source}: this is an HTML page, not an RSS or Atom feed")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        raise FeedError(f"{source}: malformed XML at line {line}: {exc.msg}") from None
    tag = etree.QName(root).localname.lower()
    if tag == "html":
        raise FeedError(f"{source}: this is an HTML page, not an RSS or Atom feed")
    if tag not in ("rss", "feed", "rdf"):
        raise FeedError(f"{source}: an XML document whose root is <{tag}>, not an RSS or Atom feed")


def read_feed(data: bytes, *, url: str, fetched_at: datetime, max_bytes: int = FEED_MAX_BYTES) -> Feed:
    """The entries of an RSS or Atom feed."""
    if len(data) > max_bytes:
        raise FeedError(f"{url}: the feed has {len(data):,} bytes, more than the cap of {max_bytes:,}")
    if not data.strip():
        raise FeedError(f"{url}: the feed is empty")
    _check_xml(data, url)
    import feedparser

    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    duplicates: list[str] = []
    today = fetched_at.date()
    for item in parsed.entries:
        link = str(item.get("link") or "")
        if not is_http_url(link):
            continue
        if link in seen:
            duplicates.append(link)
            continue
        seen.add(link)
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        day = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        entries.append(
            FeedEntry(
                link, str(item.get("title") or ""), day, str(item.get("summary") or ""), bool(day and day > today)
            )
        )
    return Feed(str(parsed.feed.get("title") or ""), tuple(entries), tuple(duplicates))


def now() -> datetime:
    """The current time in UTC (for callers that have no fetch time of their own)."""
    return datetime.now(UTC)
