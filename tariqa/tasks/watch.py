"""Tasks of the living record that propose candidates: a folder of saved articles, the
feeds of a watch file, and a GDELT store.

Each reads with :mod:`tariqa.watch`, matches against the record held by the store, and
stores what it found as waiting candidates (:meth:`tariqa.storage.Store.propose_candidates`);
an occasion rejected before is not proposed again. Every input problem is found before
anything is stored: an article dated after the scan's day, an unknown group, a feed that
is not one. Only :func:`watch_run` uses the network (the feeds and their articles).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tariqa.errors import ImportProblems, Problem, UsageError

if TYPE_CHECKING:
    from tariqa.fetch.client import Fetcher, FetchOptions
    from tariqa.storage import Store
    from tariqa.storage.candidates import Proposal, ProposalCounts
    from tariqa.watch import ArticleReading, Candidate, Match, RecordIndex

#: How much of an article's text a candidate keeps as the context of its evidence.
CONTEXT_CHARS = 20_000
_CANONICAL = re.compile(
    r"<link\b[^>]*\brel=[\"']canonical[\"'][^>]*>|<meta\b[^>]*\bproperty=[\"']og:url[\"'][^>]*>", re.I
)
_HREF = re.compile(r"\b(?:href|content)=[\"']([^\"']+)[\"']", re.I)


class WatchInputProblems(ImportProblems):
    """Articles or feeds that cannot be proposed from: nothing was stored."""

    consequence = ", nothing stored"


@dataclass(frozen=True)
class WatchScanOptions:
    """``folder`` of saved articles (HTML, text, PDF); only candidates of ``group`` when
    given; ``urls`` maps a file name to the URL it was saved from (else the page's
    canonical link, else the file's ``file://`` URI); ``fetched_at`` is when the articles
    were saved (default: now), the day relative dates of undated pages count from."""

    folder: Path
    group: str | None = None
    urls: Mapping[str, str] = field(default_factory=dict)
    fetched_at: datetime | None = None
    workers: int = 1
    by: str = "watch"


@dataclass(frozen=True)
class WatchRunOptions:
    """The feeds of ``watch_file`` (a YAML watch file, see :mod:`tariqa.watch.feeds`)."""

    watch_file: Path
    group: str | None = None
    fetched_at: datetime | None = None
    timeout: float = 20.0
    by: str = "watch"
    fetch: FetchOptions | None = None
    """How to fetch (proxy, pause per site, ...); the size caps are the watch's own."""


@dataclass(frozen=True)
class GdeltWatchOptions:
    """Multilateral meetings of ``group``'s members in the GDELT store at ``store_path``."""

    store_path: Path
    group: str
    since: date | None = None
    until: date | None = None
    by: str = "gdelt"


@dataclass(frozen=True)
class WatchResult:
    """What a proposing task did: articles read, skipped for their language (by language),
    duplicate URLs, files that could not be read, the candidates found (key, verdict,
    event) and what storing them did."""

    read: int
    skipped: int
    languages: dict[str, int]
    duplicates: tuple[str, ...]
    problems: tuple[Problem, ...]
    candidates: tuple[dict[str, Any], ...]
    stored: ProposalCounts


def _now(value: datetime | None) -> datetime:
    return value or datetime.now(UTC)


def _record(store: Store, group: str | None, aliases: Mapping[str, Sequence[str]] | None = None) -> RecordIndex:
    from tariqa.watch import RecordIndex

    if group is not None:
        store.require(group=group)
    return RecordIndex.from_store(store, aliases=aliases)


def canonical_url(text: str) -> str | None:
    """The URL a saved page names as its own (``<link rel="canonical">`` or ``og:url``)."""
    from tariqa.watch.feeds import is_http_url

    for m in _CANONICAL.finditer(text[:65536]):
        href = _HREF.search(m.group(0))
        if href and is_http_url(href.group(1)):
            return href.group(1)
    return None


def _saved_urls(folder: Path, given: Mapping[str, str]) -> tuple[dict[str, str], dict[str, Path]]:
    """Each HTML file's URL (given, else its canonical link), and the files by URL."""
    from tariqa.watch.scan import SCANNED

    urls = dict(given)
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder of saved articles")
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in (".html", ".htm") and path.name not in urls and path.is_file():
            with path.open("rb") as fh:
                found = canonical_url(fh.read(65536).decode("utf-8", "replace"))
            if found:
                urls[path.name] = found
    files = {
        urls.get(p.name) or p.resolve().as_uri(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix.lower() in SCANNED
    }
    return urls, files


def _future(readings: Iterable[ArticleReading], where: Mapping[str, Path] | None = None) -> list[Problem]:
    out = []
    for r in readings:
        if r.future and r.published is not None:
            file = str((where or {}).get(r.url, r.url))
            message = f"{r.published.value} is after the day the article was read ({r.fetched_at.date()})"
            out.append(Problem(file, "", "published", message))
    return out


def _evidence(c: Candidate, texts: Mapping[str, tuple[str, date]]) -> list[dict[str, Any]]:
    """One mapping per article: its URL, title, day, the evidence sentence and where it
    lies in the kept context of the article's text."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for m in c.mentions:
        if m.url in seen:
            continue
        seen.add(m.url)
        text, read = texts.get(m.url, ("", m.published))
        span = m.event.evidence
        lo = max(0, min(span.start - CONTEXT_CHARS // 2, len(text) - CONTEXT_CHARS))
        context = text[lo : lo + CONTEXT_CHARS]
        out.append(
            {
                "url": m.url,
                "title": m.title,
                "published": m.published.isoformat(),
                "read": read.isoformat(),
                "quote": span.quote,
                "start": span.start - lo,
                "end": span.end - lo,
                "text": context,
                "confidence": round(m.event.confidence, 3),
            }
        )
    return out


def _fields(c: Candidate) -> dict[str, Any]:
    return {
        "format": c.format,
        "states": list(c.states),
        "level": c.level.value,
        "track": c.track.value,
        "kind": c.kind.value,
        "status": c.status.value,
        "date": c.when.day.isoformat(),
        "date_precision": c.when.precision.value,
        "end_date": c.when.end.isoformat() if c.when.end else None,
        "city": c.city,
        "host": c.host,
        "ordinal": c.ordinal,
    }


def _proposal(c: Candidate, m: Match, texts: Mapping[str, tuple[str, date]]) -> Proposal:
    from tariqa.storage.candidates import Proposal

    conflicts = [
        {"field": f.field, "record": f.record, "candidate": f.candidate, "urls": list(f.urls)} for f in m.conflicts
    ]
    return Proposal(
        key=c.key,
        group=c.group,
        origin="news",
        verdict=m.verdict.value,
        event=m.event,
        day=c.when.day,
        fields=_fields(c),
        evidence=_evidence(c, texts),
        conflicts=conflicts,
    )


def _propose(
    store: Store,
    readings: Sequence[ArticleReading],
    record: RecordIndex,
    group: str | None,
    by: str,
    **counts: Any,
) -> WatchResult:
    from tariqa.watch import candidates_from, match

    texts = {r.url: (r.text, r.fetched_at.date()) for r in readings}
    proposals = []
    for c in candidates_from(readings, record):
        if group is None or c.group == group:
            proposals.append(_proposal(c, match(c, record), texts))
    stored = store.propose_candidates(proposals, by=by)
    languages = Counter(r.language for r in readings if not r.handled)
    return WatchResult(
        read=sum(1 for r in readings if r.handled),
        skipped=sum(languages.values()),
        languages=dict(sorted(languages.items())),
        candidates=tuple({"key": p.key, "verdict": p.verdict, "event": p.event} for p in proposals),
        stored=stored,
        **counts,
    )


def watch_scan(store: Store, options: WatchScanOptions) -> WatchResult:
    """Read a folder of saved articles and store the candidates they give."""
    from tariqa.watch import scan

    record = _record(store, options.group)
    urls, files = _saved_urls(options.folder, options.urls)
    result = scan(
        options.folder, record=record, fetched_at=_now(options.fetched_at), workers=options.workers, urls=urls
    )
    future = _future(result.readings, files)
    if future:
        raise WatchInputProblems(future)
    return _propose(
        store,
        result.readings,
        record,
        options.group,
        options.by,
        duplicates=result.duplicates,
        problems=result.problems,
    )


def _fetched(fetcher: Fetcher, url: str, noun: str) -> bytes:
    """The body at ``url`` fetched politely (robots.txt, a pause per site, size cap), or a
    :class:`~tariqa.watch.feeds.FeedError` saying why not."""
    from tariqa.watch.feeds import FeedError

    got = fetcher.fetch(url)
    if got.outcome == "ok":
        return got.body
    if got.outcome == "too-large":
        raise FeedError(f"{url}: the {noun} is larger than the cap of {fetcher.options.max_bytes:,} bytes")
    raise FeedError(f"{url}: the {noun} could not be fetched ({got.error or got.outcome})")


def watch_run(store: Store, options: WatchRunOptions) -> WatchResult:
    """Fetch the feeds of a watch file and the articles they list; store the candidates.

    Fetching goes through :class:`tariqa.fetch.client.Fetcher` (robots.txt obeyed, one
    identifying user agent, a pause between two requests to one site); a feed is read
    only up to :data:`~tariqa.watch.feeds.FEED_MAX_BYTES`, an article page up to
    :data:`~tariqa.watch.feeds.PAGE_MAX_BYTES`."""
    from tariqa.fetch.client import Fetcher, FetchOptions
    from tariqa.watch import read_article
    from tariqa.watch.feeds import FEED_MAX_BYTES, PAGE_MAX_BYTES, FeedError, load_watch_file, read_feed

    groups = [g.id for g in store.groups()]
    watch = load_watch_file(options.watch_file, groups=groups)
    if options.group is not None and options.group != watch.group:
        raise UsageError(f"{options.watch_file} watches group {watch.group}, not {options.group}")
    record = _record(store, watch.group, {watch.group: watch.names})
    fetched_at = _now(options.fetched_at)
    readings: list[ArticleReading] = []
    duplicates: list[str] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    fetch = options.fetch or FetchOptions(timeout=options.timeout)
    with (
        Fetcher(replace(fetch, max_bytes=FEED_MAX_BYTES)) as feed_fetcher,
        Fetcher(replace(fetch, max_bytes=PAGE_MAX_BYTES)) as page_fetcher,
    ):
        feeds = [
            (spec, read_feed(_fetched(feed_fetcher, spec.url, "feed"), url=spec.url, fetched_at=fetched_at))
            for spec in watch.feeds
        ]
        future = [
            Problem(
                spec.url, e.url, "published", f"{e.published} is after the day the feed was read ({fetched_at.date()})"
            )
            for spec, feed in feeds
            for e in feed.entries
            if e.future
        ]
        if future:
            raise WatchInputProblems(future)
        for _spec, feed in feeds:
            duplicates += feed.duplicates
            for entry in feed.entries:
                if entry.url in seen:
                    duplicates.append(entry.url)
                    continue
                seen.add(entry.url)
                try:
                    text = _fetched(page_fetcher, entry.url, "page").decode("utf-8", "replace")
                except FeedError as exc:
                    problems.append(Problem(entry.url, "", "url", str(exc).removeprefix(f"{entry.url}: ")))
                    text = f"{entry.title}\n\n{entry.summary}"
                readings.append(read_article(text, url=entry.url, fetched_at=fetched_at, record=record))
    future = _future(readings)
    if future:
        raise WatchInputProblems(future)
    return _propose(
        store,
        readings,
        record,
        watch.group,
        options.by,
        duplicates=tuple(dict.fromkeys(duplicates)),
        problems=tuple(problems),
    )


def watch_gdelt(store: Store, options: GdeltWatchOptions) -> WatchResult:
    """Store the multilateral meetings of a group's members found in a GDELT store: each
    ``corroborates`` a record event of those states within a day, is a ``duplicate`` of a
    waiting news candidate of those states within a day, or is ``new``."""
    from tariqa.storage.candidates import Proposal
    from tariqa.watch.gdelt import gdelt_candidates
    from tariqa.watch.match import date_gap
    from tariqa.watch.types import When

    record = _record(store, options.group)
    found = gdelt_candidates(options.store_path, options.group, record=record, since=options.since, until=options.until)
    waiting = [c for c in store.candidates(state="waiting", group=options.group) if c.origin == "news"]
    proposals = []
    for g in found:
        when = When(g.first_day, end=g.last_day if g.last_day != g.first_day else None)
        states = frozenset(g.states)
        event = next(
            (e for e in record.events_of(options.group) if states <= e.states and date_gap(when, e.when) <= 1), None
        )
        twin = next(
            (c for c in waiting if set(c.fields.get("states", ())) >= states and abs((c.day - g.day).days) <= 1),
            None,
        )
        verdict = "corroborates" if event else "duplicate" if twin else "new"
        place = re.sub(r"[^A-Za-z0-9]+", "-", g.place).strip("-").lower()[:40]
        proposals.append(
            Proposal(
                key=f"gdelt-{options.group}-{g.day.isoformat()}-{place}",
                group=options.group,
                origin="gdelt",
                verdict=verdict,
                event=event.id if event else None,
                day=g.day,
                fields={
                    "states": list(g.states),
                    "kind": "meeting",
                    "status": "held",
                    "date": g.first_day.isoformat(),
                    "date_precision": "day",
                    "end_date": when.end.isoformat() if when.end else None,
                    "city": g.place_name.split(",")[0].strip() if "," in g.place_name else None,
                    "gdelt_pairs": ["-".join(p) for p in g.pairs],
                    "gdelt_events": g.events,
                    "duplicate_of": twin.key if twin and not event else None,
                },
                evidence=[{"url": u, "title": "", "published": g.day.isoformat(), "quote": ""} for u in g.urls],
            )
        )
    stored = store.propose_candidates(proposals, by=options.by)
    return WatchResult(
        read=0,
        skipped=0,
        languages={},
        duplicates=(),
        problems=(),
        candidates=tuple({"key": p.key, "verdict": p.verdict, "event": p.event} for p in proposals),
        stored=stored,
    )
