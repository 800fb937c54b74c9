"""/api/docs: Swagger UI served from the application's own vendored files, started by a
local script, under the application's unchanged Content-Security-Policy; it and the
schema follow --anonymous-read like every other page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tariqa.web import Settings, create_app
from tariqa.web.app import CSP
from tests.reports.test_browser import browser  # noqa: F401  (fixture)
from tests.web.live import running

VENDOR = "/static/vendor/swagger-ui/"


def test_docs_page_uses_only_local_files_and_no_inline_script(public: TestClient) -> None:
    page = public.get("/api/docs")
    assert page.status_code == 200 and page.headers["content-security-policy"] == CSP
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, re.S)
    assert scripts and all('src="/' in attrs and not body.strip() for attrs, body in scripts)
    assert "cdn" not in page.text.lower() and "//" not in re.sub(r"<!--.*?-->", "", page.text).replace("://", "")
    for path in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert public.get(path).status_code == 200, path
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"):
        assert public.get(VENDOR + name).status_code == 200, name


def test_docs_and_schema_follow_anonymous_reading(private: TestClient, public: TestClient) -> None:
    private.follow_redirects = False
    try:
        docs = private.get("/api/docs")
        assert docs.status_code == 303 and docs.headers["location"] == "/login?next=/api/docs"
        schema = private.get("/api/openapi.json")
        assert schema.status_code == 401 and schema.json() == {"error": "log in first"}
    finally:
        private.follow_redirects = True
    assert public.get("/api/openapi.json").json()["paths"]


@pytest.fixture(scope="module")
def open_server(db: str) -> Iterator[str]:
    with running(create_app(Settings(database=db, anonymous_read=True))) as url:
        yield url


@pytest.mark.browser
def test_docs_render_in_chromium_without_csp_violations(browser: Any, open_server: str, public: TestClient) -> None:  # noqa: F811
    operations = sum(len(methods) for methods in public.get("/api/openapi.json").json()["paths"].values())
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(open_server + "/api/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() == operations
    assert page.get_by_text("/api/events/{event_id}", exact=True).count() == 1
    page.locator(".opblock-summary", has_text="/api/groups/{group_id}").first.click()
    page.wait_for_selector(".opblock.is-open .parameters", timeout=10_000)
    assert page.evaluate("window.__violations") == []
    assert problems == [], "\n".join(problems)
    page.close()


def test_vendored_files_are_the_recorded_npm_files() -> None:
    import hashlib
    from pathlib import Path

    vendor = Path(__file__).parents[2] / "tariqa" / "web" / "static" / "vendor"
    rows = re.findall(
        r"^\| `([^`]+)` \| (\S+) (\d+\.\d+\.\d+) \| .*? \| `([0-9a-f]{64})` \|$",
        (vendor / "README.md").read_text(),
        re.M,
    )
    recorded = {name: digest for name, _, _, digest in rows}
    present = {p.relative_to(vendor).as_posix() for p in vendor.rglob("*") if p.is_file() and p.name != "README.md"}
    assert set(recorded) == present
    for name, digest in recorded.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name
