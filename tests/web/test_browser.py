"""The web application in real headless Chromium: log in, filter events, open an event,
code a passage in the reader, accept a suggestion, see the theme prevalence change and
download the calendar. Screenshots of the main pages go to build/screenshots/."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tariqa.model import Coding, Parsed
from tariqa.storage import open_store
from tariqa.web import Settings, create_app
from tests.reports.test_browser import browser  # noqa: F401  (fixture)
from tests.web.test_accounts import PASSWORD

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).parents[2] / "build" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(db: str) -> Iterator[str]:
    store = open_store(db)
    store.add_user("cora", PASSWORD, "coder")
    suggestion = Coding(
        document="atp-baku-2017", start=50, end=83, code="support", coder="rules", status="suggested", score=0.8
    )
    store.import_items([Parsed(suggestion, "test", "1")])
    port = _free_port()
    config = uvicorn.Config(create_app(Settings(database=db), store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)


def test_a_coder_session_in_the_browser(browser: Any, server: str, tmp_path: Path) -> None:  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(server + "/")
    assert "/login" in page.url
    page.get_by_label("Name").fill("cora")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(server + "/")
    page.screenshot(path=str(SHOTS / "home.png"))

    page.goto(server + "/groups/ATP")
    timeline = page.get_by_role("img", name="Timeline of the group's held events")
    assert timeline.evaluate("img => img.complete && img.naturalWidth > 100")
    page.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)

    page.goto(server + "/events")
    page.get_by_label("Track").select_option("leaders")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("#events tbody tr")
    assert rows.count() == 1
    page.screenshot(path=str(SHOTS / "events.png"))
    rows.first.locator("a").click()
    assert "/events/summit" in page.url
    page.screenshot(path=str(SHOTS / "event.png"))

    page.goto(server + "/themes")
    before = _count(page, "identity")
    page.goto(server + "/documents/atp-baku-2017")
    _select(page, "Brothers.")
    assert page.locator("#start").input_value() != ""
    page.get_by_label("Code", exact=True).select_option("identity-brotherhood")
    page.get_by_role("button", name="Code", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".error").count() == 0
    page.screenshot(path=str(SHOTS / "reader.png"), full_page=True)
    page.get_by_role("button", name="Accept").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Accept").count() == 0
    page.goto(server + "/themes")
    assert _count(page, "identity") == before + 1
    assert _count(page, "support") >= 1

    page.goto(server + "/groups/ATP/calendar?year=2024")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download (.ics)").click()
    assert download.value.suggested_filename == "atp-2024.ics"
    assert Path(download.value.path()).read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert problems == [], "\n".join(problems)
    context.close()


def _count(page: Any, theme: str) -> int:
    cells = page.locator("#prevalence tbody tr", has_text=theme).locator("td:nth-child(3)")
    return sum(int(cells.nth(i).inner_text()) for i in range(cells.count()))


def _select(page: Any, text: str) -> None:
    """Select ``text`` in the reader as a user dragging the mouse would."""
    page.evaluate(
        """(needle) => {
            const root = document.querySelector('.reader');
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.textContent.indexOf(needle);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + needle.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    root.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                    return;
                }
            }
            throw new Error('text not found: ' + needle);
        }""",
        text,
    )
