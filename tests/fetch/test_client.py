"""The client against real local servers: pages and every fault we know of, each an outcome."""

from __future__ import annotations

import ssl
import time
from pathlib import Path

import pytest
import trustme

from tariqa.errors import UsageError
from tariqa.fetch.client import Fetcher, FetchOptions, Prior
from tests.fetch.servers import Proxy, Reply, Site, gzip_bomb, html, sequence
from tests.io.test_extract import PDF_LINES, pdf_with_text

FAST = FetchOptions(delay=0, backoff=0.01, timeout=2, retries=2)


@pytest.fixture
def site() -> Site:
    with Site() as s:
        yield s  # type: ignore[misc]


def fetch(site: Site, path: str, options: FetchOptions = FAST, prior: Prior | None = None):  # type: ignore[no-untyped-def]
    with Fetcher(options) as fetcher:
        return fetcher.fetch(site.url(path), prior)


def test_a_page_and_a_pdf_are_fetched_with_an_identifying_agent(site: Site) -> None:
    site.routes["/page"] = Reply(200, html("Joint statement", "The ministers met."))
    site.routes["/doc.pdf"] = Reply(200, pdf_with_text(PDF_LINES), {"Content-Type": "application/pdf"})
    page, pdf = fetch(site, "/page"), fetch(site, "/doc.pdf")
    assert (page.outcome, page.status, page.kind) == ("ok", 200, "html")
    assert (pdf.outcome, pdf.kind, pdf.type_note) == ("ok", "pdf", None)
    agents = {h["User-Agent"] for p, h in site.hits if p in ("/page", "/doc.pdf")}
    assert (
        len(agents) == 1
        and agents.pop().startswith("tariqa/")
        and "+http" in page.request_headers[0][1] + str(page.request_headers)
    )


@pytest.mark.parametrize("status", [404, 410])
def test_missing_pages_are_outcomes(site: Site, status: int) -> None:
    site.routes["/gone"] = Reply(status, b"gone")
    result = fetch(site, "/gone")
    assert (result.outcome, result.status, result.attempts) == ("http-error", status, 1)


def test_a_server_error_is_retried_until_it_answers(site: Site) -> None:
    site.routes["/flaky"] = sequence(Reply(500, b"oops"), Reply(503, b"busy"), Reply(200, html("ok", "now")))
    result = fetch(site, "/flaky")
    assert (result.outcome, result.attempts) == ("ok", 3)


def test_429_waits_as_long_as_retry_after_says(site: Site) -> None:
    site.routes["/limited"] = sequence(Reply(429, b"slow down", {"Retry-After": "1"}), Reply(200, html("ok", "x")))
    started = time.monotonic()
    result = fetch(site, "/limited")
    assert result.outcome == "ok" and result.attempts == 2
    assert time.monotonic() - started >= 1.0


def test_a_retry_after_longer_than_we_wait_gives_up(site: Site) -> None:
    site.routes["/later"] = Reply(429, b"", {"Retry-After": "3600"})
    result = fetch(site, "/later")
    assert (result.outcome, result.status, result.attempts) == ("http-error", 429, 1)


def test_a_silent_server_times_out_and_a_slow_drip_is_cut_off(site: Site) -> None:
    site.routes["/silent"] = Reply(200, b"late", stall=3)
    site.routes["/drip"] = Reply(200, b"x" * 40, drip=0.1)
    options = FetchOptions(delay=0, timeout=1, deadline=1, retries=0)
    assert fetch(site, "/silent", options).outcome == "timeout"
    dripped = fetch(site, "/drip", options)
    assert dripped.outcome == "timeout" and "cut off" in (dripped.error or "")


def test_redirects_are_followed_and_loops_detected(site: Site) -> None:
    site.routes["/old"] = Reply(301, b"", {"Location": "/new"})
    site.routes["/new"] = Reply(200, html("New", "moved here"))
    site.routes["/a"] = Reply(302, b"", {"Location": "/b"})
    site.routes["/b"] = Reply(302, b"", {"Location": "/a"})
    moved = fetch(site, "/old")
    assert (moved.outcome, moved.final_url, moved.redirects) == ("ok", site.url("/new"), (site.url("/old"),))
    assert fetch(site, "/a").outcome == "redirect-loop"
    chain = {f"/r{i}": Reply(302, b"", {"Location": f"/r{i + 1}"}) for i in range(8)}
    site.routes.update(chain)
    assert fetch(site, "/r0").outcome == "too-many-redirects"


def test_oversized_bodies_and_gzip_bombs_are_cut_off(site: Site) -> None:
    small = FetchOptions(delay=0, max_bytes=100_000)
    site.routes["/big"] = Reply(200, b"x" * 200_000)
    site.routes["/unannounced"] = Reply(200, b"x" * 200_000, length=-1)
    site.routes["/bomb"] = Reply(200, gzip_bomb(60 << 20), {"Content-Encoding": "gzip"})
    assert fetch(site, "/big", small).outcome == "too-large"
    assert fetch(site, "/unannounced", small).outcome == "too-large"
    bomb = fetch(site, "/bomb")  # the default limit, 50 MB
    assert bomb.outcome == "too-large" and "expands" in (bomb.error or "") and bomb.body == b""


def test_gzip_is_decoded_and_the_raw_bytes_kept(site: Site) -> None:
    import gzip

    page = html("Zipped", "compressed text " * 50)
    site.routes["/z"] = Reply(200, gzip.compress(page), {"Content-Encoding": "gzip"})
    result = fetch(site, "/z")
    assert result.body == page and gzip.decompress(result.raw) == page


def test_a_wrong_content_type_is_noted(site: Site) -> None:
    site.routes["/fake.html"] = Reply(200, pdf_with_text(PDF_LINES), {"Content-Type": "text/html"})
    result = fetch(site, "/fake.html")
    assert result.kind == "pdf" and "declared 'text/html' but the body is pdf" in (result.type_note or "")


def test_robots_txt_is_obeyed_and_read_once(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private\n", {"Content-Type": "text/plain"})
    site.routes["/private/x"] = Reply(200, b"secret")
    site.routes["/public"] = Reply(200, html("ok", "x"))
    with Fetcher(FAST) as fetcher:
        blocked = fetcher.fetch(site.url("/private/x"))
        allowed = fetcher.fetch(site.url("/public"))
    assert blocked.outcome == "robots" and "disallows" in (blocked.error or "")
    assert allowed.outcome == "ok"
    assert site.paths().count("/robots.txt") == 1 and "/private/x" not in site.paths()


def test_an_unreadable_robots_txt_refuses_the_site(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(500, b"down")
    site.routes["/page"] = Reply(200, html("ok", "x"))
    result = fetch(site, "/page")
    assert result.outcome == "robots" and "could not be read" in (result.error or "")


def test_conditional_requests_on_refresh(site: Site) -> None:
    def route(handler):  # type: ignore[no-untyped-def]
        if handler.headers.get("If-None-Match") == '"v1"':
            return Reply(304, b"")
        return Reply(200, html("v1", "first"), {"ETag": '"v1"'})

    site.routes["/cond"] = route
    first = fetch(site, "/cond")
    again = fetch(site, "/cond", prior=Prior(etag=first.header("etag")))
    assert (first.outcome, again.outcome, again.status) == ("ok", "not-modified", 304)


def test_a_page_in_windows_1254_keeps_its_declared_charset(site: Site) -> None:
    text = "Türkiye ve Azərbaycan işbirliği"
    body = f"<html><body><p>{text.replace('ə', 'e')}</p></body></html>".encode("cp1254")
    site.routes["/tr"] = Reply(200, body, {"Content-Type": "text/html; charset=windows-1254"})
    result = fetch(site, "/tr")
    from tariqa.fetch.sniff import as_utf8

    assert result.kind == "html" and "işbirliği" in as_utf8(result.body, result.declared_type).decode()


def test_a_certificate_that_does_not_verify_is_refused(tmp_path: Path) -> None:
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with Site(tls=context) as secure:
        secure.routes["/page"] = Reply(200, html("secure", "x"))
        refused = fetch(secure, "/page")
        assert refused.outcome == "tls" and "certificate" in (refused.error or "")
        bundle = tmp_path / "ca.pem"
        ca.cert_pem.write_to_path(str(bundle))
        trusted = fetch(secure, "/page", FetchOptions(delay=0, verify=str(bundle)))
        assert trusted.outcome == "ok"


def test_a_proxy_reaches_names_this_machine_cannot_resolve(site: Site) -> None:
    site.routes["/press/1"] = Reply(200, html("Press", "via the proxy"))
    with Proxy(site) as proxy:
        options = FetchOptions(delay=0, proxy=proxy.url, retries=0)
        with Fetcher(options) as fetcher:
            result = fetcher.fetch("http://mfa.example.invalid/press/1")
    assert result.outcome == "ok" and b"via the proxy" in result.body
    assert "http://mfa.example.invalid/press/1" in proxy.requests
    assert "http://mfa.example.invalid/robots.txt" in proxy.requests


def test_connections_refused_are_outcomes() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Fetcher(FetchOptions(delay=0, retries=1, backoff=0.01)) as fetcher:
        result = fetcher.fetch(f"http://127.0.0.1:{port}/x")
    assert result.outcome == "connection" and "robots.txt could not be read" in (result.error or "")
    with Fetcher(FetchOptions(delay=0, retries=1, backoff=0.01, robots=False)) as fetcher:
        result = fetcher.fetch(f"http://127.0.0.1:{port}/x")
    assert result.outcome == "connection" and result.attempts == 1


@pytest.mark.parametrize("url", ["ftp://example.org/x", "https:///x", "https://example.org:99999/x", "mailto:a@b.org"])
def test_urls_that_cannot_be_fetched(url: str) -> None:
    with Fetcher(FAST) as fetcher:
        assert fetcher.fetch(url).outcome == "bad-url"


def test_per_site_limits_and_pauses(site: Site) -> None:
    site.routes["/slow"] = Reply(200, b"x", stall=0.3)
    active, peak = [0], [0]
    import threading

    lock = threading.Lock()

    def route(handler):  # type: ignore[no-untyped-def]
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.2)
        with lock:
            active[0] -= 1
        return Reply(200, b"x")

    for i in range(6):
        site.routes[f"/p{i}"] = route
    with Fetcher(FetchOptions(concurrency=6, delay=0)) as fetcher:
        results = list(fetcher.fetch_all([site.url(f"/p{i}") for i in range(6)]))
    assert len(results) == 6 and peak[0] == 2
    started = time.monotonic()
    with Fetcher(FetchOptions(concurrency=4, delay=0.2)) as fetcher:
        list(fetcher.fetch_all([site.url(f"/p{i}") for i in range(3)]))
    assert time.monotonic() - started >= 0.4  # three requests to one site, 0.2 s apart at least


@pytest.mark.parametrize("bad", [{"concurrency": 0}, {"per_host": 0}, {"delay": -1}, {"proxy": "not a url"}])
def test_bad_options_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        FetchOptions(**bad)  # type: ignore[arg-type]
