"""Fetching the record's sources: which URLs (documents, events, or both; one group or
all), fetched politely, archived as WARC and logged.

:func:`source_targets` picks the URLs and checks every one before anything is fetched;
:func:`fetch_sources` fetches them, writes each response to the archive in the worker
that fetched it, and logs each fetch after its archive file is in place.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tariqa.errors import Problem, Problems, UsageError
from tariqa.fetch.archive import Archive, Archived
from tariqa.fetch.client import Fetched, Fetcher, FetchOptions, Prior, check_url
from tariqa.fetch.errors import ArchiveError
from tariqa.storage.fetchlog import FetchRow

if TYPE_CHECKING:
    from tariqa.storage import Store

Only = Literal["documents", "events", "all"]
ONLY: tuple[str, ...] = ("documents", "events", "all")
#: Outcomes after which a URL is not fetched again unless a refresh is asked for.
SETTLED = frozenset({"ok", "not-modified"})
#: Log rows are written in batches of this many (each after its archive file is in place).
LOG_BATCH = 50


@dataclass(frozen=True)
class Target:
    """One URL to fetch and the record field that cites it (for messages)."""

    url: str
    record: str  # e.g. documents/atp-baku-2017, events/atp-fm-2017-baku
    field: str  # url, sources.0


@dataclass(frozen=True)
class FetchReport:
    """What a run did: every fetch logged, and the URLs left alone as already fetched."""

    rows: tuple[FetchRow, ...]
    skipped: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    left: tuple[str, ...] = ()
    """URLs not fetched because the time limit was reached (fetched by the next run)."""


def group_documents(store: Store, group: str | None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The documents of ``group`` (adopted at its events or linked from them; None: every
    document), each as (document id, its (field, URL) pairs: ``url`` if it has one, else
    its ``sources``)."""
    documents = store.documents() if group is None else store.documents_by_id(store.group_document_ids(group))
    return [
        (d.id, [("url", d.url)] if d.url else [(f"sources.{i}", u) for i, u in enumerate(d.sources)]) for d in documents
    ]


def source_targets(store: Store, *, group: str | None = None, only: str = "all") -> list[Target]:
    """The URLs to fetch, each once, in record order; every URL checked first.

    Raises NotFound for an unknown group, UsageError for an unknown ``only`` and Problems
    (naming the record and field of each) for URLs that cannot be fetched.
    """
    if only not in ONLY:
        raise UsageError(f"what to fetch must be one of {', '.join(ONLY)}, not {only!r}")
    store.require(group=group)
    targets: list[Target] = []
    if only in ("documents", "all"):
        for doc_id, cited in group_documents(store, group):
            targets += [Target(url, f"documents/{doc_id}", where) for where, url in cited]
    if only in ("events", "all"):
        from tariqa.storage import EventFilter

        for event in store.event_records(EventFilter(group=group)):
            for i, url in enumerate(event.get("sources", [])):
                targets.append(Target(url, f"events/{event['id']}", f"sources.{i}"))
    problems = [
        Problem(t.record.split("/")[0], t.record.split("/", 1)[1], t.field, f"{t.url!r}: {why}")
        for t in targets
        if (why := check_url(t.url))
    ]
    if problems:
        raise Problems(problems)
    seen: set[str] = set()
    unique = [t for t in targets if not (t.url in seen or seen.add(t.url))]  # type: ignore[func-returns-value]
    return unique


def log_row(fetched: Fetched, archived: Archived | None) -> FetchRow:
    """The fetch log's row for one fetch."""
    error = fetched.error
    note = fetched.type_note
    if note:
        error = f"{error}; {note}" if error else note
    return FetchRow(
        url=fetched.url,
        outcome=fetched.outcome,
        at=fetched.started,
        elapsed_ms=fetched.elapsed_ms,
        bytes=len(fetched.body),
        final_url=fetched.final_url,
        status=fetched.status,
        declared_type=fetched.declared_type,
        type=fetched.kind,
        sha256=fetched.sha256,
        etag=fetched.header("etag"),
        last_modified=fetched.header("last-modified"),
        warc=archived.path if archived else None,
        error=error,
    )


def fetch_urls(
    store: Store,
    urls: list[str],
    *,
    options: FetchOptions | None = None,
    archive: Archive | None = None,
    refresh: bool = False,
    progress: Callable[[FetchRow], None] | None = None,
    planned: Callable[[int], None] | None = None,
    time_limit: float | None = None,
) -> FetchReport:
    """Fetch ``urls`` (those never fetched successfully; all with ``refresh``, asking the
    server whether each changed since its archived copy), archive and log each.
    ``planned`` is told how many will be fetched, ``progress`` of each fetch logged. After
    ``time_limit`` seconds no further fetch starts: those left are in the report's ``left``.

    Raises ArchiveError (the fetches logged so far are kept, each complete) when the
    archive cannot be written, e.g. the disk is full.
    """
    if time_limit is not None and time_limit <= 0:
        raise UsageError(f"the time limit must be a positive number of seconds, not {time_limit}")
    bad = [Problem("urls", str(i + 1), "url", f"{u!r}: {why}") for i, u in enumerate(urls) if (why := check_url(u))]
    if bad:
        raise Problems(bad)
    archive = archive or Archive.open()
    latest = store.latest_fetches()
    todo = [u for u in dict.fromkeys(urls) if refresh or latest.get(u) is None or latest[u].outcome not in SETTLED]
    skipped = tuple(u for u in dict.fromkeys(urls) if u not in set(todo))
    if planned is not None:
        planned(len(todo))
    deadline = None if time_limit is None else time.monotonic() + time_limit
    priors: dict[str, Prior] = {}
    if refresh:
        for url, row in store.latest_archived().items():
            if row.etag or row.last_modified:
                priors[url] = Prior(row.etag, row.last_modified)

    def keep(fetched: Fetched) -> Archived | ArchiveError | None:
        if not fetched.has_response:
            return None
        try:
            return archive.write(fetched)
        except ArchiveError as exc:
            return exc

    rows: list[FetchRow] = []
    pending: list[FetchRow] = []
    failure: ArchiveError | None = None
    with Fetcher(options) as fetcher:
        stop = None if deadline is None else (lambda: time.monotonic() > deadline)
        results = fetcher.fetch_all(todo, priors, then=keep, stop=stop)
        for fetched, archived in results:
            if isinstance(archived, ArchiveError):
                failure = failure or archived
                break
            row = log_row(fetched, archived if isinstance(archived, Archived) else None)
            pending.append(row)
            if progress is not None:
                progress(row)
            if len(pending) >= LOG_BATCH:
                store.log_fetches(pending)
                rows += pending
                pending = []
        results.close()  # a failure stops the run: no new fetch starts
    if pending:
        store.log_fetches(pending)
        rows += pending
    if failure is not None:
        raise failure
    counts = Counter(r.outcome for r in rows)
    done = {r.url for r in rows}
    left = tuple(u for u in todo if u not in done)
    return FetchReport(tuple(rows), skipped, dict(sorted(counts.items())), left)


def fetch_sources(
    store: Store,
    *,
    group: str | None = None,
    only: str = "all",
    refresh: bool = False,
    options: FetchOptions | None = None,
    archive_folder: Path | None = None,
    progress: Callable[[FetchRow], None] | None = None,
    planned: Callable[[int], None] | None = None,
    time_limit: float | None = None,
) -> FetchReport:
    """Fetch the record's sources (see :func:`source_targets` and :func:`fetch_urls`).
    Every URL and the archive folder are checked before the first request."""
    targets = source_targets(store, group=group, only=only)
    archive = Archive.open(archive_folder)
    return fetch_urls(
        store,
        [t.url for t in targets],
        options=options,
        archive=archive,
        refresh=refresh,
        progress=progress,
        planned=planned,
        time_limit=time_limit,
    )
