"""Link health: what the fetch log says of each source, and archived copies of dead links.

Each source URL is ``alive`` (its last fetch got the page at that URL), ``moved`` (got it
after redirects elsewhere), ``gone`` (the site says it no longer exists: 404 or 410),
``blocked`` (robots.txt forbids fetching it), ``failed`` (any other failure, with why) or
``never-fetched``. Computing this reads only the database: no request is made.

:func:`find_snapshots` asks the Internet Archive's availability API (its address is an
argument, so tests use a local server) for the closest snapshot of each dead link, and
the answers are kept in the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from tariqa.fetch.client import Fetcher, FetchOptions, now_text
from tariqa.storage.fetchlog import FetchRow, Snapshot

if TYPE_CHECKING:
    from tariqa.storage import Store

#: The Internet Archive's availability API.
WAYBACK_API = "https://archive.org/wayback/available"
STATES = ("alive", "moved", "gone", "blocked", "failed", "never-fetched")
DEAD = frozenset({"gone", "failed"})


@dataclass(frozen=True)
class LinkHealth:
    """One source URL's state, from its latest fetch."""

    url: str
    state: str
    checked: str | None = None  # when it was last fetched
    status: int | None = None
    final_url: str | None = None
    why: str | None = None
    snapshot: str | None = None  # an archived copy, when one was looked up and found


def state_of(row: FetchRow | None) -> tuple[str, str | None]:
    """The state of a URL from its latest fetch, and why (for failures)."""
    if row is None:
        return "never-fetched", None
    if row.outcome in ("ok", "not-modified"):
        moved = row.final_url is not None and row.final_url != row.url
        return ("moved", f"now at {row.final_url}") if moved else ("alive", None)
    if row.outcome == "http-error" and row.status in (404, 410):
        return "gone", row.error
    if row.outcome == "robots":
        return "blocked", row.error
    return "failed", row.error or row.outcome


def link_health(store: Store, urls: Iterable[str] | None = None) -> list[LinkHealth]:
    """The health of ``urls`` (default: every source of the record), sorted by URL."""
    wanted = sorted(set(urls)) if urls is not None else [u.source.url for u in store.source_uses()]
    latest = store.latest_fetches()
    snapshots = store.snapshots()
    rows = []
    for url in wanted:
        row = latest.get(url)
        state, why = state_of(row)
        snap = snapshots.get(url)
        rows.append(
            LinkHealth(
                url=url,
                state=state,
                checked=row.at if row else None,
                status=row.status if row else None,
                final_url=row.final_url if row else None,
                why=why,
                snapshot=snap.snapshot if snap and state in DEAD else None,
            )
        )
    return rows


def _closest(body: bytes) -> tuple[str | None, str | None]:
    try:
        closest = json.loads(body.decode("utf-8")).get("archived_snapshots", {}).get("closest") or {}
    except (UnicodeDecodeError, ValueError, AttributeError):
        return None, None
    if not isinstance(closest, dict) or not closest.get("available") or not closest.get("url"):
        return None, None
    stamp = str(closest.get("timestamp") or "")
    when = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[8:10]}:{stamp[10:12]}:{stamp[12:14]}+00:00" if stamp else None
    return str(closest["url"]), when


def find_snapshots(
    store: Store,
    health: Iterable[LinkHealth],
    *,
    api: str = WAYBACK_API,
    options: FetchOptions | None = None,
    accessed: dict[str, str] | None = None,
) -> list[Snapshot]:
    """Look up an archived snapshot for every dead link (closest to the day it was
    accessed, when known) and keep the answers; return them. A lookup that fails is not
    kept (the link is looked up again next time)."""
    dead = [h.url for h in health if h.state in DEAD]
    accessed = accessed or {}
    queries = {}
    for url in dead:
        params = {"url": url}
        if url in accessed:
            params["timestamp"] = accessed[url].replace("-", "")
        queries[f"{api}?{urlencode(params)}"] = url
    found: list[Snapshot] = []
    with Fetcher(options) as fetcher:
        for fetched, _ in fetcher.fetch_all(list(queries)):
            if fetched.outcome != "ok":
                continue
            snapshot, when = _closest(fetched.body)
            found.append(Snapshot(queries[fetched.url], snapshot, when, now_text()))
    store.save_snapshots(found)
    return sorted(found, key=lambda s: s.url)


def accessed_days(store: Store) -> dict[str, str]:
    """The day each source was accessed, where the record says (for snapshot lookups)."""
    return {u.source.url: u.source.accessed.isoformat() for u in store.source_uses() if u.source.accessed}
