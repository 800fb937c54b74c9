"""A polite, robust HTTP client: one identifying user agent, robots.txt obeyed, few
connections and a pause per site, retries with backoff, bounded sizes and times.

:class:`Fetcher` fetches one URL at a time per thread (:meth:`Fetcher.fetch`) or many in
parallel (:meth:`Fetcher.fetch_all`). Every URL gets a :class:`Fetched`, whatever
happened: a site that is gone, slow, refuses us or sends a decompression bomb is an
outcome, never an exception. Responses are streamed and decoded here (gzip and deflate,
each chunk decompressed to at most the room left), so neither the bytes received nor the
bytes they expand to can pass ``max_bytes``.
"""

from __future__ import annotations

import hashlib
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from tariqa.errors import UsageError
from tariqa.fetch.robots import ROBOTS_MAX_BYTES, RobotsAnswer, RobotsCache, origin
from tariqa.fetch.sniff import declared_kind, sniff
from tariqa.version import __version__

if TYPE_CHECKING:
    import httpx

#: Where the people running a fetch can be found (put in the User-Agent).
PROJECT_URL = "https://github.com/tariqa/tariqa"
USER_AGENT = f"tariqa/{__version__} (+{PROJECT_URL})"
MAX_BYTES = 50 * 1024 * 1024
#: Answers worth asking again after a pause: too many requests and server trouble.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: The longest pause a site's robots.txt Crawl-delay may impose between requests.
MAX_CRAWL_DELAY = 30.0
CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchOptions:
    """How to fetch. Every number is checked when the options are made."""

    concurrency: int = 4  # fetches in flight at once, over all sites
    per_host: int = 2  # connections to one site at once
    delay: float = 1.0  # seconds between two requests to one site (a robots Crawl-delay may raise it)
    timeout: float = 30.0  # seconds to connect, and between two reads
    deadline: float = 300.0  # seconds for one whole response (a slow drip is cut off)
    retries: int = 3  # further tries after a 429, a 5xx or a dropped connection
    backoff: float = 1.0  # the first pause before a retry; it doubles each time
    max_wait: float = 120.0  # the longest Retry-After honoured; beyond it the URL is given up
    max_redirects: int = 5
    max_bytes: int = MAX_BYTES  # a response larger than this (received or decompressed) is cut off
    proxy: str | None = None  # e.g. http://proxy.example.org:3128
    verify: bool | str = True  # check TLS certificates (True: the system's CAs; a path: that bundle)
    robots: bool = True
    user_agent: str = USER_AGENT
    contact: str | None = None  # an e-mail address added to the user agent

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise UsageError(f"the number of fetches at once must be at least 1, not {self.concurrency}")
        if self.per_host < 1:
            raise UsageError(f"the number of connections to one site must be at least 1, not {self.per_host}")
        for name in ("delay", "backoff", "max_wait"):
            if getattr(self, name) < 0:
                raise UsageError(f"{name} must not be negative")
        if self.timeout <= 0 or self.deadline <= 0:
            raise UsageError("timeouts must be positive")
        if self.retries < 0 or self.max_redirects < 0 or self.max_bytes < 1:
            raise UsageError("retries, redirects and the size limit must not be negative")
        if self.proxy is not None and urlsplit(self.proxy).scheme not in ("http", "https", "socks5", "socks5h"):
            raise UsageError(f"the proxy {self.proxy!r} is not a URL such as http://proxy.example.org:3128")

    @property
    def agent(self) -> str:
        return f"{self.user_agent[:-1]}; {self.contact})" if self.contact else self.user_agent


@dataclass(frozen=True)
class Prior:
    """What an earlier fetch of a URL returned, for a conditional request on refresh."""

    etag: str | None = None
    last_modified: str | None = None


#: Outcomes. ``ok``: a 2xx answer with its body; ``not-modified``: unchanged since the prior
#: fetch; ``http-error``: a 4xx or 5xx answer (after retries); the rest: no usable answer.
OUTCOMES = (
    "ok",
    "not-modified",
    "http-error",
    "robots",
    "bad-url",
    "timeout",
    "too-large",
    "tls",
    "connection",
    "redirect-loop",
    "too-many-redirects",
    "bad-encoding",
)


@dataclass(frozen=True)
class Fetched:
    """The outcome of fetching one URL."""

    url: str
    outcome: str
    started: str
    elapsed_ms: int
    final_url: str | None = None
    status: int | None = None
    error: str | None = None
    redirects: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    http_version: str = "HTTP/1.1"
    request_headers: tuple[tuple[str, str], ...] = ()
    raw: bytes = b""  # the body as received (still compressed if it was sent so)
    body: bytes = b""  # the body decoded
    attempts: int = 1
    sha256: str | None = field(default=None)

    @property
    def has_response(self) -> bool:
        """Whether a complete answer with a body was received (and so can be archived)."""
        return self.outcome in ("ok", "http-error") and self.status is not None

    def header(self, name: str) -> str | None:
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)

    @property
    def declared_type(self) -> str | None:
        return self.header("content-type")

    @property
    def kind(self) -> str | None:
        """What the body is, by its bytes (html, pdf, docx, text, binary)."""
        return sniff(self.body) if self.has_response and self.body else None

    @property
    def type_note(self) -> str | None:
        """A note when the declared type and the body disagree."""
        declared, actual = declared_kind(self.declared_type), self.kind
        if declared and actual and declared != actual and not {declared, actual} <= {"text", "html"}:
            return f"declared {self.declared_type!r} but the body is {actual}"
        return None


class _Stop(Exception):
    """Ends one attempt with an outcome."""

    def __init__(self, outcome: str, error: str, retry: bool = False) -> None:
        super().__init__(error)
        self.outcome, self.error, self.retry = outcome, error, retry


class _Decoder:
    """Content-Encoding decoding that never produces more than ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.parts: list[bytes] = []
        coding = encoding.strip().lower()
        if coding in ("", "identity"):
            self.zlib = None
        elif coding in ("gzip", "x-gzip"):
            self.zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self.zlib = zlib.decompressobj()
        else:
            raise _Stop("bad-encoding", f"the server used the content encoding {encoding!r}, which was not asked for")
        self.first = coding == "deflate"

    def feed(self, chunk: bytes) -> None:
        if self.zlib is None:
            self._add(chunk)
            return
        data = chunk
        while data:
            try:
                out = self.zlib.decompress(data, self.limit - self.size + 1)
            except zlib.error as exc:
                if self.first:  # some servers send raw deflate without the zlib header
                    self.first = False
                    self.zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise _Stop("bad-encoding", f"the compressed body is damaged ({exc})") from None
            self.first = False
            self._add(out)
            data = self.zlib.unconsumed_tail

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise _Stop("too-large", f"the body expands to more than {self.limit:,} bytes; it was cut off")
        self.parts.append(data)

    def body(self) -> bytes:
        if self.zlib is not None:
            self._add(self.zlib.flush())
        return b"".join(self.parts)


class _Gate:
    """One site's share: at most ``slots`` requests at once, ``delay`` seconds apart."""

    def __init__(self, slots: int, delay: float) -> None:
        self.slots = threading.BoundedSemaphore(slots)
        self.lock = threading.Lock()
        self.delay = delay
        self.next = 0.0

    def enter(self) -> None:
        self.slots.acquire()
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next)
            self.next = start + self.delay
        if start > now:
            time.sleep(start - now)

    def leave(self) -> None:
        self.slots.release()


def check_url(url: str) -> str | None:
    """Why ``url`` cannot be fetched (not http/https, no host, spaces), or None.

    >>> check_url("ftp://example.org/x"), check_url("https:///x"), check_url("https://example.org/a b")
    ("the scheme 'ftp' is not http or https", 'no host', 'contains white space')
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as exc:
        return f"not a URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"the scheme {parts.scheme!r} is not http or https" if parts.scheme else "not an absolute URL"
    if not parts.hostname:
        return "no host"
    if any(c.isspace() for c in url):
        return "contains white space"
    return None


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date).

    >>> retry_after("7"), retry_after(None), retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0)
    (7.0, None, 10.0)
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _is_tls(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class Fetcher:
    """Fetches URLs politely; one instance per run (it keeps robots.txt rules and the
    per-site pauses). Use as a context manager, or call :meth:`close`."""

    def __init__(self, options: FetchOptions | None = None, *, sleep: Callable[[float], None] = time.sleep) -> None:
        import httpx

        self.options = options or FetchOptions()
        self._sleep = sleep
        self._client = httpx.Client(
            proxy=self.options.proxy,
            verify=self._verify(),
            timeout=httpx.Timeout(self.options.timeout),
            follow_redirects=False,
            limits=httpx.Limits(
                max_connections=self.options.concurrency * self.options.per_host + 2,
                max_keepalive_connections=self.options.concurrency * self.options.per_host,
            ),
            headers={"User-Agent": self.options.agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=self.options.proxy is None,
        )
        self._gates: dict[str, _Gate] = {}
        self._guard = threading.Lock()
        self.robots = RobotsCache(self.options.agent, self._robots_txt)

    def _verify(self) -> bool | ssl.SSLContext:
        verify = self.options.verify
        if isinstance(verify, str):
            return ssl.create_default_context(cafile=verify)
        return verify

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # politeness ------------------------------------------------------------------
    def _gate(self, url: str) -> _Gate:
        site = origin(url)
        with self._guard:
            gate = self._gates.get(site)
            if gate is None:
                gate = self._gates[site] = _Gate(self.options.per_host, self.options.delay)
            return gate

    def _robots_txt(self, url: str) -> RobotsAnswer:
        gate = self._gate(url)
        gate.enter()
        try:
            with self._client.stream("GET", url, follow_redirects=True) as response:
                decoder = _Decoder(response.headers.get("content-encoding", ""), 2 * ROBOTS_MAX_BYTES)
                for chunk in response.iter_raw(CHUNK):
                    decoder.feed(chunk)
                    if decoder.size > ROBOTS_MAX_BYTES:
                        break
                return RobotsAnswer(response.status_code, b"".join(decoder.parts)[:ROBOTS_MAX_BYTES])
        except _Stop as stop:
            return RobotsAnswer(None, None, stop.error)
        except Exception as exc:  # noqa: BLE001 - any transport failure: the site's rules are unknown
            return RobotsAnswer(None, None, _describe(exc), _transport_outcome(exc))
        finally:
            gate.leave()

    def _refusal(self, url: str) -> tuple[str, str] | None:
        if not self.options.robots:
            return None
        rules = self.robots.rules(url)
        if rules.crawl_delay is not None:
            gate = self._gate(url)
            gate.delay = max(gate.delay, min(rules.crawl_delay, MAX_CRAWL_DELAY))
        return self.robots.refusal(url)

    # fetching -------------------------------------------------------------------
    def fetch(self, url: str, prior: Prior | None = None) -> Fetched:
        """Fetch one URL (following redirects); never raises for what a site does."""
        started, clock = now_text(), time.monotonic()

        def done(outcome: str, **kw: object) -> Fetched:
            elapsed = int((time.monotonic() - clock) * 1000)
            return Fetched(url=url, outcome=outcome, started=started, elapsed_ms=elapsed, **kw)  # type: ignore[arg-type]

        problem = check_url(url)
        if problem:
            return done("bad-url", error=f"the URL cannot be fetched: {problem}")
        current, seen, attempts = url, {url}, 0
        chain: list[str] = []
        while True:
            refused = self._refusal(current)
            if refused:
                return done(refused[0], error=refused[1], final_url=current, redirects=tuple(chain))
            try:
                result, tries = self._with_retries(current, prior if current == url else None)
            except _Stop as stop:
                return done(stop.outcome, error=stop.error, final_url=current, redirects=tuple(chain))
            attempts += tries
            status, headers = result[0], result[1]
            location = dict((k.lower(), v) for k, v in headers).get("location")
            if status in _REDIRECTS and location:
                target = urljoin(current, location.strip())
                chain.append(current)
                if target in seen:
                    return done("redirect-loop", error=f"redirects lead back to {target}", redirects=tuple(chain))
                if len(chain) > self.options.max_redirects:
                    return done(
                        "too-many-redirects",
                        error=f"more than {self.options.max_redirects} redirects",
                        redirects=tuple(chain),
                    )
                problem = check_url(target)
                if problem:
                    return done("bad-url", error=f"redirected to {target!r}: {problem}", redirects=tuple(chain))
                seen.add(target)
                current = target
                continue
            return self._finish(done, current, chain, attempts, result)

    def _finish(
        self,
        done: Callable[..., Fetched],
        current: str,
        chain: list[str],
        attempts: int,
        result: tuple[int, list[tuple[str, str]], str, list[tuple[str, str]], bytes, bytes],
    ) -> Fetched:
        status, headers, version, sent, raw, body = result
        if status == 304:
            outcome, error = "not-modified", None
        elif 200 <= status < 300:
            outcome, error = "ok", None
        else:
            outcome, error = "http-error", f"the server answered {status}"
        return done(
            outcome,
            final_url=current,
            status=status,
            error=error,
            redirects=tuple(chain),
            headers=tuple(headers),
            http_version=version,
            request_headers=tuple(sent),
            raw=raw,
            body=body,
            attempts=attempts,
            sha256=hashlib.sha256(body).hexdigest() if outcome in ("ok", "http-error") else None,
        )

    def _with_retries(
        self, url: str, prior: Prior | None
    ) -> tuple[tuple[int, list[tuple[str, str]], str, list[tuple[str, str]], bytes, bytes], int]:
        options = self.options
        for attempt in range(options.retries + 1):
            try:
                result = self._once(url, prior)
            except _Stop as stop:
                if not stop.retry or attempt == options.retries:
                    raise
                self._sleep(options.backoff * 2**attempt)
                continue
            status, headers = result[0], result[1]
            if status not in RETRY_STATUSES or attempt == options.retries:
                return result, attempt + 1
            wait = retry_after(dict((k.lower(), v) for k, v in headers).get("retry-after"))
            if wait is None:
                wait = options.backoff * 2**attempt
            elif wait > options.max_wait:
                return result, attempt + 1  # the site asks for a longer pause than we wait: give up for now
            self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(
        self, url: str, prior: Prior | None
    ) -> tuple[int, list[tuple[str, str]], str, list[tuple[str, str]], bytes, bytes]:
        import httpx

        options = self.options
        headers = {}
        if prior is not None and prior.etag:
            headers["If-None-Match"] = prior.etag
        if prior is not None and prior.last_modified:
            headers["If-Modified-Since"] = prior.last_modified
        gate = self._gate(url)
        gate.enter()
        try:
            request = self._client.build_request("GET", url, headers=headers)
            response = self._client.send(request, stream=True)
            try:
                return self._read(request, response, time.monotonic() + options.deadline)
            finally:
                response.close()
        except _Stop:
            raise
        except httpx.TimeoutException as exc:
            raise _Stop("timeout", f"no answer in time ({_describe(exc)})", retry=True) from None
        except httpx.TransportError as exc:
            if _is_tls(exc):
                raise _Stop("tls", f"the site's TLS certificate could not be verified ({_describe(exc)})") from None
            raise _Stop("connection", f"the connection failed ({_describe(exc)})", retry=True) from None
        finally:
            gate.leave()

    def _read(
        self, request: httpx.Request, response: httpx.Response, deadline: float
    ) -> tuple[int, list[tuple[str, str]], str, list[tuple[str, str]], bytes, bytes]:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _Stop("too-large", f"the body is {int(declared):,} bytes, over the limit of {limit:,}")
        decoder = _Decoder(response.headers.get("content-encoding", ""), limit)
        raw: list[bytes] = []
        size = 0
        for chunk in response.iter_raw(CHUNK):
            size += len(chunk)
            if size > limit:
                raise _Stop("too-large", f"the body is over the limit of {limit:,} bytes; it was cut off")
            raw.append(chunk)
            decoder.feed(chunk)
            if time.monotonic() > deadline:
                raise _Stop("timeout", f"the body took longer than {self.options.deadline:g} s to arrive; cut off")
        body = decoder.body()
        sent = [(k, v) for k, v in request.headers.multi_items()]
        return (
            response.status_code,
            list(response.headers.multi_items()),
            response.http_version,
            sent,
            b"".join(raw),
            body,
        )

    def fetch_all(
        self,
        urls: Iterable[str],
        priors: dict[str, Prior] | None = None,
        *,
        then: Callable[[Fetched], object] = id,
        stop: Callable[[], bool] | None = None,
    ) -> Generator[tuple[Fetched, object], None, None]:
        """Fetch every URL, ``concurrency`` at a time; yield each result as it completes,
        with what ``then`` (run in the worker thread, e.g. archiving) made of it. Once
        ``stop()`` is true no further fetch starts (those under way finish and are yielded)."""
        priors = priors or {}

        def work(url: str) -> tuple[Fetched, object] | None:
            if stop is not None and stop():
                return None
            fetched = self.fetch(url, priors.get(url))
            return fetched, then(fetched)

        pool = ThreadPoolExecutor(max_workers=self.options.concurrency, thread_name_prefix="fetch")
        try:
            futures = [pool.submit(work, u) for u in dict.fromkeys(urls)]
            for future in as_completed(futures):
                result = future.result()
                if result is not None:
                    yield result
        finally:  # also when the caller stops early: fetches not yet started never start
            pool.shutdown(wait=True, cancel_futures=True)


def _transport_outcome(exc: BaseException) -> str:
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    return "tls" if _is_tls(exc) else "connection"


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
