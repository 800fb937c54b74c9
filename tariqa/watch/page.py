"""A page as the reader sees it: its title, main text, declared language and publication day.

HTML goes through trafilatura's fast path (about 3 ms a page: no fallback extractors)
for the main text, without navigation, related-story lists, share bars and cookie
banners. The publication day is looked for from the cheapest to the dearest evidence:
metadata (``article:published_time``, ``datePublished``, ``<time datetime>``), a date in
the page's first lines, the URL, and only then htmldate's search of the page. Plain text
is taken as it is, without "Related" lists and share lines at its end.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from datetime import date, datetime

from tariqa.io.extract import normalise
from tariqa.watch.dates import date_in_url, first_full_date, labelled_date

_META_DATE = re.compile(
    r"""<meta\s[^>]*?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|"""
    r"""datePublished|date|dcterms\.date|DC\.date\.issued|pubdate|publishdate|sailthru\.date|"""
    r"""parsely-pub-date)["'][^>]*>""",
    re.I,
)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.I)
_JSONLD_DATE = re.compile(r""""datePublished"\s*:\s*"([^"]+)\"""")
_TIME = re.compile(r"""<time\b[^>]*\bdatetime\s*=\s*["']([^"']+)["']""", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_OG_TITLE = re.compile(r"""<meta\s[^>]*property\s*=\s*["']og:title["'][^>]*>""", re.I)
_LANG = re.compile(r"""<html\b[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)
_TAGS = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"<(script|style|nav|aside|footer)\b.*?</\1>", re.I | re.S)
_ISO_START = re.compile(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)")
_OPINION_PATH = re.compile(
    r"/(?:opinion|opinions|op-ed|oped|op-eds|editorials?|commentary|columns?|columnists?)/", re.I
)
_OPINION_TITLE = re.compile(r"^\s*(?:opinion|op-ed|editorial|commentary|comment|column)\s*[:|]", re.I)
_OPINION_META = re.compile(
    r"""<meta\s[^>]*?(?:property|name)\s*=\s*["'](?:article:section|section|category)["'][^>]*?content\s*=\s*["']"""
    r"""(?:opinion|op-ed|editorials?|commentary|comment)["']""",
    re.I,
)


def is_opinion(url: str, title: str, html: str = "") -> bool:
    """Whether a page is an opinion piece (its URL, title or section says so): it argues
    about events, it does not report them.

    >>> is_opinion("https://n.example/opinion/2024/06/10/x", ""), is_opinion("https://n.example/world/x", "Talks")
    (True, False)
    """
    path = url.split("://", 1)[-1].partition("/")[2]
    return bool(_OPINION_PATH.search("/" + path) or _OPINION_TITLE.match(title) or _OPINION_META.search(html[:8192]))


_TAIL = re.compile(
    r"^\s*(?:related(?: news| stories| articles)?|read more|read also|see also|more news|share this|share|tags)"
    r"\s*:?.*$",
    re.I | re.M,
)


@dataclass(frozen=True)
class Page:
    """The parts of a page the reader uses: ``text`` is the main text, paragraphs
    separated by blank lines, title first."""

    title: str
    text: str
    lang: str
    published: date | None
    published_from: str
    opinion: bool = False


def looks_like_html(data: str) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head


def _iso_day(value: str) -> date | None:
    m = _ISO_START.search(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _clean(fragment: str) -> str:
    return " ".join(html_lib.unescape(_TAGS.sub(" ", fragment)).split())


def _title(html: str) -> str:
    m = _OG_TITLE.search(html)
    if m:
        c = _CONTENT.search(m.group(0))
        if c:
            return _clean(c.group(1))
    m = _H1.search(html) or _TITLE.search(html)
    return _clean(m.group(1)) if m else ""


def _meta_date(html: str) -> tuple[date | None, str]:
    for m in _META_DATE.finditer(html):
        c = _CONTENT.search(m.group(0))
        if c:
            d = _iso_day(c.group(1))
            if d:
                return d, "metadata"
    ld = _JSONLD_DATE.search(html)
    if ld:
        d = _iso_day(ld.group(1))
        if d:
            return d, "metadata"
    tm = _TIME.search(html)
    if tm:
        d = _iso_day(tm.group(1))
        if d:
            return d, "time element"
    return None, ""


def _main_text(html: str) -> str:
    import trafilatura

    text = trafilatura.extract(
        html, fast=True, include_comments=False, include_tables=False, include_links=False, deduplicate=False
    )
    return text or ""


def _strip_tail(text: str) -> str:
    """The text without a trailing "Related news" list or share line."""
    m = _TAIL.search(text)
    if m and m.start() > len(text) // 3:
        return text[: m.start()]
    return text


def _paragraphed(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines()]
    return normalise("\n\n".join(ln for ln in lines if ln))


def read_page(data: str, *, url: str, fetched_at: datetime) -> Page:
    """Title, main text, declared language and publication day of an HTML page or a text."""
    if looks_like_html(data):
        title = _title(data)
        body = _main_text(data)
        m = _LANG.search(data[:4096])
        lang = m.group(1).lower() if m else ""
        published: date | None
        published, how = _meta_date(data)
        if published is None:
            visible = _clean(_SCRIPT.sub(" ", data[data.lower().find("<body") :])) if "<body" in data.lower() else ""
            published = labelled_date(visible)
            how = "page text" if published else ""
            if published is None:
                published = date_in_url(url)
                how = "URL" if published else ""
            if published is None:
                found = first_full_date(visible[:400])
                if found:
                    published, how = found[0], "page text"
        if published is None:
            published = _htmldate(data, fetched_at)
            how = "htmldate" if published else ""
        body = _strip_tail(body)
        if title:
            lines = body.splitlines()
            head = [i for i, ln in enumerate(lines[:8]) if ln.strip() == title]
            if head:  # the headline inside the main text, maybe after a section label
                lines = lines[head[0] + 1 :]
            body = title + "\n\n" + "\n".join(lines)
        return Page(title, _paragraphed(body), lang, published, how, is_opinion(url, title, data))
    text = _strip_tail(data)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = next((ln for ln in lines if not ln.lower().startswith(("source:", "date:"))), "")
    found = first_full_date("\n".join(lines[:4]))
    published = labelled_date(data)
    how = "page text" if published else ""
    if published is None and found:
        published, how = found[0], "page text"
    if published is None:
        published = date_in_url(url)
        how = "URL" if published else ""
    return Page(title, _paragraphed(text), "", published, how, is_opinion(url, title))


def _htmldate(html: str, fetched_at: datetime) -> date | None:
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=True, original_date=True, max_date=fetched_at.strftime("%Y-%m-%d"))
    except (ValueError, TypeError):
        return None
    return _iso_day(found) if found else None
