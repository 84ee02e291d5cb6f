"""Evidence a person can read, in real headless Chromium: the longest quote of the seed wraps in
full (never one cut line) on the Place page and in the Map's side panel, at laptop and phone
width, and the delivery form takes a source dated 2016. Screenshots go to
tests/artifacts/evidence_*.png for a person to look at."""

from __future__ import annotations

import harness
import pytest
from pagetools import ARTIFACTS

from frontline.config import PROJECT_ROOT

pytestmark = pytest.mark.browser
SEEDS = PROJECT_ROOT / "seeds"
WIDTHS = [(1366, 768), (390, 844)]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard served by `frontline run`, on a free port, with its own store."""
    env = {"FRONTLINE_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('srv')}/fl.sqlite"}
    with harness.dashboard(env, tmp_path_factory.mktemp("log") / "streamlit.log") as (url, _):
        yield url


@pytest.fixture(scope="module")
def longest(seed_tables):
    """The seed's longest event quote and its place."""
    events = seed_tables["control_events"]
    row = events.loc[events["quote"].str.len().idxmax()]
    return row["quote"], row["place_id"]


def _quote_box(page, quote: str) -> dict:
    """Where the element showing exactly `quote` sits, and whether its text is cut."""
    element = page.get_by_text(quote, exact=True).first
    element.wait_for(timeout=60_000)
    element.scroll_into_view_if_needed()
    return element.evaluate(
        "e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);"
        " return {left: r.left, right: r.right, height: r.height, line: parseFloat(s.lineHeight),"
        " cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,"
        " width: document.documentElement.clientWidth}; }"
    )


@pytest.mark.parametrize(("width", "height"), WIDTHS, ids=lambda v: str(v))
def test_the_place_page_shows_the_longest_quote_wrapped_in_full(server, browser, longest,
                                                                width, height):  # fmt: skip
    quote, place_id = longest
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{server}/Place?place={place_id}&date=2016-06-30")
    box = _quote_box(page, quote)
    assert not box["cut"] and 0 <= box["left"] and box["right"] <= box["width"], box
    assert box["height"] > 1.5 * box["line"], box  # wrapped over lines, not one cut line
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"evidence_place_{width}.png")
    page.close()


def test_the_side_panel_shows_the_longest_quote_wrapped_in_full(server, browser, longest):
    quote, place_id = longest
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/Map?place={place_id}&date=2016-06-30")
    box = _quote_box(page, quote)
    assert not box["cut"] and box["right"] <= box["width"], box
    assert box["height"] > 1.5 * box["line"], box
    page.screenshot(path=ARTIFACTS / "evidence_panel_1366.png")
    page.get_by_text("Source: Associated Press", exact=False).first.click()  # the full text
    full = page.get_by_text("Address:", exact=False).first
    full.wait_for(timeout=30_000)
    text = (SEEDS / "000_6aaf4593ca1a5acc.txt").read_text(encoding="utf-8")
    last = [line.strip() for line in text.splitlines() if line.strip()][-1]
    shown = page.locator("[data-testid='stExpanderDetails']").first.inner_text()
    assert "Associated Press" in shown and last in shown  # the text to its end
    page.close()


def test_the_delivery_form_takes_a_source_dated_2016(server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server}/Aid?date=2016-06-29")
    year = page.get_by_role("spinbutton", name="year, Source date")
    year.wait_for(timeout=60_000)
    year.scroll_into_view_if_needed()
    year.click()
    page.keyboard.type("2016")  # the widget moves on to the month, then the day
    page.keyboard.type("06")
    page.keyboard.type("29")
    page.keyboard.press("Tab")
    page.wait_for_timeout(1_000)  # the widget checks the date as it is committed
    group = page.get_by_role("group", name="Source date")
    parts = [page.get_by_role("spinbutton", name=f"{p}, Source date").text_content()
             for p in ("year", "month", "day")]  # fmt: skip
    assert parts == ["2016", "06", "29"], parts
    assert group.get_attribute("aria-invalid") != "true"
    assert page.get_by_text("allowed range").count() == 0
    page.screenshot(path=ARTIFACTS / "evidence_form_2016.png")
    page.close()
