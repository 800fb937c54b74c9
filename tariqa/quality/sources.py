"""``tariqa sources check``: uncited, unused, duplicate and unreachable-looking sources."""

from __future__ import annotations

import ipaddress
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tariqa.storage import Store

_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "ref_src")
_PROXY_HOSTS = ("webcache.googleusercontent.com", "translate.goog", "l.facebook.com", "t.co")


@dataclass(frozen=True, order=True)
class Finding:
    """One thing to look at: its kind, the record it concerns and an explanation."""

    kind: str
    subject: str
    message: str


def normalise_url(url: str) -> str:
    """A comparison key: scheme, ``www.``, fragment, tracking parameters and a trailing
    slash do not make two URLs different sources.

    >>> normalise_url("http://www.Example.org/a/?utm_source=x#top")
    'example.org/a'
    """
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)])
    path = parts.path.rstrip("/")
    return urlunsplit(("", host, path, query, "")).removeprefix("//")


def unreachable_reason(url: str) -> str | None:
    """Why a URL looks like it cannot be opened by a reader, or None.

    >>> unreachable_reason("http://localhost:8000/x")
    'points to this computer'
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        return "has no host"
    if host in ("localhost",) or host.endswith(".local"):
        return "points to this computer"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None and (ip.is_private or ip.is_loopback or ip.is_link_local):
        return "points to a private network address"
    if "." not in host:
        return "has a host without a domain"
    if host.endswith((".test", ".invalid", ".example")) or host in ("example.com", "example.org"):
        return "uses a reserved example domain"
    if any(host == p or host.endswith("." + p) for p in _PROXY_HOSTS):
        return "is a cache, translation or redirect link, not the original"
    if len(url) > 2000:
        return "is longer than browsers accept"
    return None


_URL_IN_TEXT = re.compile(r"https?://[^\s\"')]+")


def _named_in_notes(store: Store) -> set[str]:
    """URLs written in the record's text (a note citing a second figure, say): used too."""
    found: set[str] = set()
    for collection in ("events", "trade_flows", "documents", "formats", "groups"):
        for body in store.iter_bodies(collection):
            found.update(u.rstrip(".,;:") for u in _URL_IN_TEXT.findall(body))
    return found


def check_sources(store: Store) -> list[Finding]:
    """Every source problem in the record, sorted."""
    findings: list[Finding] = []
    by_key: dict[str, list[str]] = defaultdict(list)
    uses = store.source_uses()
    named = _named_in_notes(store) if any(u.events == 0 and u.documents == 0 for u in uses) else set()
    for use in uses:
        url = use.source.url
        by_key[normalise_url(url)].append(url)
        if use.events == 0 and use.documents == 0 and url not in named:
            findings.append(Finding("unused", url, "no event, document, trade flow, group or note cites it"))
        reason = unreachable_reason(url)
        if reason:
            findings.append(Finding("unreachable", url, f"the URL {reason}"))
    for urls in by_key.values():
        if len(urls) > 1:
            for url in urls[1:]:
                findings.append(Finding("duplicate", url, f"the same page as {urls[0]}"))
    for event_id in store.events_without_sources():
        findings.append(Finding("unsourced", event_id, "the event cites no source"))
    return sorted(findings)
