"""The report opened in real headless Chromium (Debian's, driven by Playwright): every
figure renders, nothing is broken, no console error, and it prints."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reports.test_report import build, store  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("TARIQA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium must be installed in CI (apt-get install chromium); not found at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def test_every_figure_renders_without_errors(browser: Any, store: Any, tmp_path: Path) -> None:  # noqa: F811
    index = build(store, tmp_path / "out")
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(index.as_uri())
    figures = page.locator("figure .chart svg")
    assert figures.count() >= 6
    for i in range(figures.count()):
        box = figures.nth(i).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 50, i
        assert figures.nth(i).locator("path, rect, text").count() > 5, i
    broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
    assert broken == 0
    assert errors == [] and failed == []
    assert len(page.pdf()) > 10_000  # the print stylesheet lays it out on paper
    page.screenshot(path=str(tmp_path / "report.png"), full_page=False)


def test_linked_figure_and_table_files_open(browser: Any, store: Any, tmp_path: Path) -> None:  # noqa: F811
    index = build(store, tmp_path / "out")
    page = browser.new_page()
    page.goto(index.as_uri())
    links = page.locator("figcaption a[href$='.svg']")
    href = links.first.get_attribute("href")
    svg = browser.new_page()
    svg.goto((index.parent / href).as_uri())
    assert svg.locator("svg").count() >= 1
