"""Every page of the web application in real headless Chromium, at a phone's width (390 px)
and a desktop's (1280 px): nothing scrolls sideways, charts are legible, dates show at their
precision, the reader works from the keyboard and without colour, format hints are tied to
their fields, the focus ring stands out, and axe-core finds no accessibility problem.

Screenshots go to build/screenshots/ (phone-NAME.png, desktop-NAME.png)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tariqa.storage import open_store
from tariqa.web import Settings, create_app
from tests.indicators.test_indicators import TEXT
from tests.reports.test_browser import browser  # noqa: F401  (fixture)
from tests.web.live import running
from tests.web.site import PAGES, PASSWORD, build, gdelt_store, unga
from tests.web.test_analysis import claim_file

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).parents[2] / "build" / "screenshots"
VENDOR = Path(__file__).parent / "vendor"
PHONE, DESKTOP = 390, 1280
CLAIM = {
    "id": "two-rounds",
    "text": "The foreign ministers met at least twice.",
    "published": {"url": "https://example.org/a"},
    "check": {"type": "count", "format": "atp-fm", "at_least": 2},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("site")
    db = build(tmp)
    settings = Settings(database=db, unga_folder=unga(), gdelt_folder=gdelt_store(tmp))
    with open_store(db) as store, running(create_app(settings, store)) as url:
        yield url


def session(browser: Any, url: str, width: int, name: str = "ada") -> Any:  # noqa: F811
    """A page of a new browser context of ``width``, logged in as ``name``."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url + "/login")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(url + "/")
    return page


def visit(page: Any, url: str) -> None:
    page.goto(url)  # waits for the load event: images and scripts are in
    if "/api/docs" in url:
        page.wait_for_selector(".opblock")


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def overflow(page: Any) -> str:
    """'' if the page is no wider than its window, else what sticks out."""
    return str(
        page.evaluate(
            """() => {
                const width = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth <= width) return "";
                const out = [...document.body.querySelectorAll("*")]
                    .filter((e) => e.getBoundingClientRect().right > width + 0.5)
                    .slice(0, 4).map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
                return document.documentElement.scrollWidth + " px: " + out.join(", ");
            }"""
        )
    )


def check_claims(page: Any, url: str, folder: Path) -> None:
    """Upload a claims file in the form: the page then shows the verdicts."""
    path = folder / "claims.yaml"
    path.write_bytes(claim_file([CLAIM]))
    page.goto(url + "/claims")
    page.get_by_label("Claims file").set_input_files(str(path))
    page.get_by_role("button", name="Check").click()
    page.wait_for_load_state()
    assert page.locator("main table tbody tr").count() == 1


def test_no_page_scrolls_sideways_on_a_phone(browser: Any, site: str, tmp_path: Path) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": PHONE, "height": 900})
    visit(page, site + "/login")
    shot(page, "phone-login")
    wide = {"login": overflow(page)}
    page.close()
    page = session(browser, site, PHONE)
    for name, path in PAGES.items():
        visit(page, site + path)
        assert page.evaluate("window.innerWidth") == PHONE
        wide[name] = overflow(page)
        shot(page, f"phone-{name}")
    check_claims(page, site, tmp_path)
    wide["claims-checked"] = overflow(page)
    shot(page, "phone-claims-checked")
    assert {k: v for k, v in wide.items() if v} == {}
    page.context.close()


def test_wide_tables_scroll_in_their_own_box(browser: Any, site: str) -> None:  # noqa: F811
    page = session(browser, site, PHONE)
    for name in ("home", "dashboard", "events", "documents", "codebook", "themes", "calendar", "admin"):
        visit(page, site + PAGES[name])
        bare = page.evaluate("[...document.querySelectorAll('main table')].filter(t => !t.closest('.scroll')).length")
        assert bare == 0, name
        boxes = page.locator(".scroll[role=region]")  # the ones that do scroll: named, reachable by keyboard
        for i in range(boxes.count()):
            assert boxes.nth(i).get_attribute("tabindex") == "0" and boxes.nth(i).get_attribute("aria-label"), name
    page.context.close()


def test_the_desktop_pages(browser: Any, site: str) -> None:  # noqa: F811
    page = session(browser, site, DESKTOP)
    wide = {}
    for name, path in PAGES.items():
        visit(page, site + path)
        wide[name] = overflow(page)
        shot(page, f"desktop-{name}")
    assert {k: v for k, v in wide.items() if v} == {}
    page.context.close()


def smallest_text(page: Any, image: Any) -> float:
    """The size in screen pixels of the smallest text of an SVG ``image`` as shown."""
    return float(
        image.evaluate(
            """async (img) => {
                const text = await (await fetch(img.currentSrc)).text();
                const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
                const drawn = parseFloat(svg.getAttribute("width"));
                const sizes = [...svg.querySelectorAll("text")].map((t) => parseFloat(t.getAttribute("font-size")));
                return Math.min(...sizes) * img.getBoundingClientRect().width / drawn;
            }"""
        )
    )


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_charts_fit_the_screen_with_legible_text(browser: Any, site: str, width: int) -> None:  # noqa: F811
    page = session(browser, site, width)
    charts = [("dashboard", "Timeline of the group's held events"), ("event-data", "Monthly net cooperation")]
    if unga():
        charts.append(("alignment", "Share of joint votes"))
    for name, alt in charts:
        visit(page, site + PAGES[name])
        image = page.get_by_role("img", name=alt)
        assert image.evaluate("img => img.complete && img.naturalWidth > 100"), name
        box = image.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, name
        assert ("width=" in image.evaluate("img => img.currentSrc")) == (width == PHONE), name
        assert smallest_text(page, image) >= 11, name
    page.context.close()


def test_the_chart_width_parameter_is_checked(browser: Any, site: str) -> None:  # noqa: F811
    page = session(browser, site, DESKTOP)
    narrow = page.request.get(site + "/groups/ATP/timeline.svg?width=340")
    assert narrow.ok and 'width="340"' in narrow.text()
    assert page.request.get(site + "/groups/ATP/timeline.svg?width=20").status == 422
    assert page.request.get(site + "/api/groups/ATP/timeline.svg?width=99999").status == 422
    page.context.close()


def test_dates_show_at_their_precision(browser: Any, site: str) -> None:  # noqa: F811
    page = session(browser, site, DESKTOP)

    def seen(path: str) -> str:
        visit(page, site + path)
        return str(page.title()) + "\n" + str(page.inner_text("main"))

    year = seen("/events/year-1")
    assert page.title().startswith("2019: meeting of ATP") and "2019-01-01" not in year
    assert page.get_by_role("heading", level=1).inner_text().startswith("2019:")
    month = seen("/events/month-1")
    assert page.title().startswith("2021-03: ") and "2021-03-01" not in month
    assert "2022-09-12 – 2022-09-20" in seen("/events/span-1")
    listed = seen("/events?group=ATP")
    assert re.search(r"^2019\t", listed, re.M) and "2019-01-01" not in listed and "2021-03\t" in listed
    assert "2017-11-30\tATP" in listed and "2022-09-12 – 2022-09-20\tATP" in listed  # a day; a span
    documents = seen("/documents")
    assert "2020-10\t" in documents and "2020-10-01" not in documents
    reader = seen("/documents/month-doc")
    assert "(2020-10)" in page.title() and "2020-10-01" not in reader
    quotes = seen("/themes?code=identity-brotherhood")
    assert "Joint statement, 2020-10 " in quotes and "2020-10-01" not in quotes
    dashboard = seen("/groups/ATP")
    assert re.search(r"Foreign ministers\t4\t2022-01\t", dashboard) and "2022-01-01" not in dashboard
    calendar = seen("/groups/ATP/calendar?year=2024")
    assert "2024-09" in calendar and "2024-09-01" not in calendar and "2024-06-01" in calendar
    assert "(2019)" in seen("/events/atp-fm-2017-baku")  # a source published in a year
    dates = page.locator("main .date")
    assert dates.count() > 0 and all(
        dates.nth(i).evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap" for i in range(dates.count())
    )
    page.context.close()


def reader_state(page: Any) -> tuple[str, str, str]:
    return page.input_value("#start"), page.input_value("#end"), page.inner_text("#selection")


def test_a_passage_is_selected_and_coded_with_the_keyboard(browser: Any, site: str) -> None:  # noqa: F811
    page = session(browser, site, DESKTOP, "cora")
    visit(page, site + "/documents/atp-baku-2017")
    for _ in range(60):  # Tab from the top of the page to the text
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "reader":
            break
    else:
        pytest.fail("the document's text cannot be reached with Tab")
    wanted = TEXT.index("Karabakh")
    for _ in range(60):
        if f"cursor at character {wanted})" in page.inner_text("#selection"):
            break
        page.keyboard.press("ArrowRight")
    else:
        pytest.fail(f"the arrow keys do not move the cursor to {wanted}: {page.inner_text('#selection')}")
    part = "Karabakh is Azerbaijan."
    for _ in range(80):
        page.keyboard.press("Shift+ArrowRight")
        if page.input_value("#end") == str(wanted + len(part)):
            break
    assert reader_state(page) == (str(wanted), str(wanted + len(part)), f"characters {wanted}–{wanted + 23}: {part}")
    page.keyboard.press("Shift+ArrowLeft")  # and back by one
    assert page.input_value("#end") == str(wanted + len(part) - 1)
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Tab")  # on to the form: the numbers stay
    assert page.evaluate("document.activeElement.id") == "start" and page.input_value("#start") == str(wanted)
    page.get_by_label("Code", exact=True).select_option("threat-extremism")
    page.get_by_role("button", name="Code", exact=True).press("Enter")
    page.wait_for_load_state()
    made = page.locator(".codings li", has_text="threat-extremism")
    assert made.count() == 1 and f"[{wanted}–{wanted + len(part)}]" in made.inner_text() and "cora" in made.inner_text()
    page.context.close()


def test_a_mouse_selection_counts_the_text_without_the_code_labels(browser: Any, site: str) -> None:  # noqa: F811
    page = session(browser, site, DESKTOP, "cora")
    visit(page, site + "/documents/atp-baku-2017")
    target = page.locator(".reader mark", has_text="Brothers.")
    box = target.bounding_box()
    page.mouse.move(box["x"] + 1, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 0.5, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    start = TEXT.index("Brothers.")
    assert reader_state(page)[:2] == (str(start), str(start + len("Brothers.")))
    page.context.close()


def test_codes_are_named_in_text_and_suggestions_differ_by_more_than_colour(browser: Any, site: str) -> None:  # noqa: F811
    page = session(browser, site, DESKTOP, "cora")
    visit(page, site + "/documents/atp-baku-2017")
    reader = page.locator(".reader")
    for code in ("threat-terrorism", "support-karabakh", "identity-brotherhood"):
        assert reader.locator(".tag.coded", has_text=f"[{code}").count() == 1, code
    assert reader.locator(".tag.suggested").first.inner_text() == "[suggested: support-kashmir"
    style = "e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).textDecorationStyle]"
    assert reader.locator("mark.coded").first.evaluate(style) == ["underline", "solid"]
    assert reader.locator("mark.suggested").first.evaluate(style) == ["underline", "dashed"]
    assert reader.locator(".tag.suggested").first.evaluate("e => getComputedStyle(e).borderStyle") == "dashed"
    which = "suggestion support-kashmir on ‘Kashmir deserves a just solution.’"
    assert page.get_by_role("button", name=f"Accept {which}", exact=True).count() == 1
    assert page.get_by_role("button", name=f"Reject {which}", exact=True).count() == 1
    page.context.close()


def luminance(colour: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", colour)[:3])
    return sum(
        k * (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        for k, c in zip((0.2126, 0.7152, 0.0722), (r, g, b), strict=True)
    )


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


FOCUS = """() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    let behind = e.parentElement, background = "rgb(255, 255, 255)";
    for (; behind; behind = behind.parentElement) {
        const b = getComputedStyle(behind).backgroundColor;
        if (b && b !== "transparent" && !b.endsWith(", 0)")) { background = b; break; }
    }
    return {what: e.tagName + "#" + e.id + " " + (e.textContent || "").trim().slice(0, 30),
            style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor, background, focused: e.matches(":focus")};
}"""


def test_the_focus_ring_contrasts_with_the_page(browser: Any, site: str) -> None:  # noqa: F811
    page = session(browser, site, DESKTOP, "cora")
    seen = 0
    for name in ("home", "events", "reader"):
        visit(page, site + PAGES[name])
        for _ in range(25):
            page.keyboard.press("Tab")
            ring = page.evaluate(FOCUS)
            if ring["what"].startswith("BODY") or not ring["focused"]:
                continue  # past the last element, or on a date field's own calendar button
            assert ring["style"] != "none" and ring["width"] >= 2, ring
            assert contrast(ring["colour"], ring["background"]) >= 3, ring
            seen += 1
    assert seen > 40
    page.context.close()


def test_format_hints_are_tied_to_their_fields(browser: Any, site: str) -> None:  # noqa: F811
    page = session(browser, site, DESKTOP)
    pages = ["events", "compare", "reliability", "calendar", "admin", "reader"]
    pages += ["edit-event", "new-event", "edit-source", "edit-document", "edit-code"]
    for name in pages:
        visit(page, site + PAGES[name])
        loose = page.evaluate(
            """() => [...document.querySelectorAll("main .hint")].filter((h) => !h.id ||
                !document.querySelector(`[aria-describedby~="${h.id}"]`)).map((h) => h.textContent)"""
        )
        assert loose == [], name
    visit(page, site + PAGES["edit-event"])
    assert "YYYY-MM-DD" in page.get_by_label("Date", exact=True).evaluate(DESCRIPTION)
    assert "ISO3" in page.get_by_label("States taking part").evaluate(DESCRIPTION)
    visit(page, site + PAGES["events"])
    assert page.get_by_label("Since").evaluate(DESCRIPTION) == "events on or after this day"
    assert "ISO3" in page.get_by_label("State").evaluate(DESCRIPTION)
    page.context.close()
    page = browser.new_page()
    visit(page, site + "/login")
    assert page.get_by_label("Password").evaluate(DESCRIPTION) == "10 characters or more"
    page.get_by_label("Name").fill("ada")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert "Wrong name or password." in page.get_by_label("Password").evaluate(DESCRIPTION)
    page.close()


DESCRIPTION = """(e) => (e.getAttribute("aria-describedby") || "").split(" ").filter(Boolean)
    .map((id) => document.getElementById(id).textContent.trim()).join(" ")"""


def axe(page: Any) -> list[str]:
    """What axe-core finds wrong on the page (any impact), one line per rule and element.
    The page's Content-Security-Policy refuses a script added to it, so the script's text
    is run through the DevTools protocol (page.evaluate), which the policy does not govern."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE)
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {n['target']} {n['failureSummary'].splitlines()[-1].strip()}"
        for v in found["violations"]
        for n in v["nodes"]
    ]


AXE = (VENDOR / "axe.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_axe_finds_no_problem_on_any_page(browser: Any, site: str, width: int, tmp_path: Path) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900})
    visit(page, site + "/login")
    problems = {"login": axe(page)}
    page.get_by_label("Name").fill("ada")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    problems["login-failed"] = axe(page)
    page.close()
    page = session(browser, site, width)
    for name, path in PAGES.items():
        visit(page, site + path)
        problems[name] = axe(page)
    page.locator(".opblock-summary", has_text="/api/events").first.click()  # the API's page, at work
    page.get_by_role("button", name="Try it out").click()
    problems["api-docs-try"] = axe(page)
    page.get_by_role("button", name="Execute").click()
    page.wait_for_selector(".live-responses-table")
    problems["api-docs-answer"] = axe(page)
    check_claims(page, site, tmp_path)
    problems["claims-checked"] = axe(page)
    assert {k: v for k, v in problems.items() if v} == {}
    page.context.close()


def test_vendored_axe_is_the_recorded_npm_file() -> None:
    rows = re.findall(
        r"^\| `([^`]+)` \| (\S+) (\d+\.\d+\.\d+) \| .*? \| `([0-9a-f]{64})` \|$",
        (VENDOR / "README.md").read_text(),
        re.M,
    )
    recorded = {name: digest for name, _, _, digest in rows}
    present = {p.name for p in VENDOR.iterdir() if p.is_file() and p.name != "README.md"}
    assert set(recorded) == present
    for name, digest in recorded.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
