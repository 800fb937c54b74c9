"""robots.txt, read once per site and obeyed (RFC 9309).

A site's rules are fetched the first time one of its URLs is asked for and kept for the
run. A missing robots.txt (any 4xx answer) allows everything; a site whose robots.txt
cannot be read (5xx, timeout, refused connection) is treated as disallowing everything
for this run, as the RFC asks, and the outcome says so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

#: At most this much of a robots.txt is read (the RFC's minimum is 500 KiB).
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(frozen=True)
class RobotsAnswer:
    """What a site's robots.txt said: its body (None when absent or unreadable) and why."""

    status: int | None
    body: bytes | None
    error: str | None = None
    outcome: str | None = None  # why nothing was read: timeout, tls, connection


@dataclass(frozen=True)
class Rules:
    """One site's rules for our user agent."""

    parser: RobotFileParser | None  # None: no robots.txt, everything allowed
    unreachable: str | None = None  # why the rules could not be read: everything refused
    crawl_delay: float | None = None
    outcome: str = "robots"  # the outcome of a refused URL

    def allows(self, url: str, agent: str) -> bool:
        if self.unreachable is not None:
            return False
        return True if self.parser is None else self.parser.can_fetch(agent, url)


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower-cased.

    >>> origin("HTTPS://Example.ORG:8443/a/b?c")
    'https://example.org:8443'
    """
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def parse(answer: RobotsAnswer, agent: str) -> Rules:
    """The rules from a robots.txt answer."""
    if answer.status is None or answer.status >= 500:
        why = answer.error or f"robots.txt answered {answer.status}"
        return Rules(None, unreachable=why, outcome=answer.outcome or "robots")
    if answer.status >= 400 or answer.body is None:
        return Rules(None)
    parser = RobotFileParser()
    parser.parse(answer.body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace").splitlines())
    delay = parser.crawl_delay(agent)
    return Rules(parser, crawl_delay=float(delay) if delay is not None else None)


class RobotsCache:
    """Rules per site, fetched once each (threads asking for one site wait for the first)."""

    def __init__(self, agent: str, fetch: Callable[[str], RobotsAnswer]) -> None:
        self.agent = agent
        self._fetch = fetch
        self._rules: dict[str, Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, url: str) -> Rules:
        site = origin(url)
        with self._guard:
            lock = self._locks.setdefault(site, threading.Lock())
        with lock:
            if site not in self._rules:
                self._rules[site] = parse(self._fetch(site + "/robots.txt"), self.agent)
            return self._rules[site]

    def refusal(self, url: str) -> tuple[str, str] | None:
        """None when ``url`` may be fetched, else the outcome and why not (``robots``, or
        the failure that kept the site's robots.txt from being read)."""
        rules = self.rules(url)
        if rules.allows(url, self.agent):
            return None
        if rules.unreachable is not None:
            return rules.outcome, f"the site's robots.txt could not be read ({rules.unreachable})"
        return "robots", "the site's robots.txt disallows it"
