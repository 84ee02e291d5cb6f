"""The Briefing page in real headless Chromium: the ← → keys step through the sections whether
the reader is on the page or inside the briefing (the briefing hands its arrow keys to the
page's buttons), the URL keeps the section, and the briefing fills the window below the bar.
Screenshots go to tests/artifacts/briefing_page_*.png for a person to look at."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from pagetools import ARTIFACTS

pytestmark = pytest.mark.browser
LINK = "/Briefing?date=2016-06-29&since=2016-06-01"  # inside the data: no note above
FRAME = "iframe[title^='Briefing']"


def _section(page) -> str:
    return parse_qs(urlparse(page.url).query).get("section", [""])[0]


def _shown(page, section: str) -> None:
    """Wait until the URL and the briefing both show `section`."""
    page.wait_for_function(f"() => location.search.includes('section={section}')", timeout=30000)
    page.frame_locator(FRAME).locator(f"#{section}.active").wait_for(timeout=30000)


@pytest.mark.parametrize("width,height", [(1366, 768), (1920, 1080)])
def test_arrow_keys_step_the_briefing_on_the_page_and_inside_it(server, browser, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(server + LINK)
        _shown(page, "situation")
        page.frame_locator(FRAME).locator("#situation h1").click()  # the reader is inside it
        page.keyboard.press("ArrowRight")
        _shown(page, "changes")
        page.frame_locator(FRAME).locator("#changes h1").click()
        page.keyboard.press("ArrowRight")
        _shown(page, "aid")
        page.get_by_role("button", name="Back").click()  # and the page's own button
        _shown(page, "changes")
        frame = page.locator(FRAME).bounding_box()
        assert frame["y"] + frame["height"] <= height + 1  # the whole briefing in the window
        assert frame["height"] >= height - 200 and frame["width"] >= width - 200
        page.screenshot(path=ARTIFACTS / f"briefing_page_{width}x{height}.png")
        assert _section(page) == "changes"
    finally:
        page.close()


def test_on_a_phone_the_page_opens_its_briefing_on_the_section_in_the_link(server, browser):
    """At 390 px the sections follow one another: the briefing scrolls to the one asked for."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(server + LINK + "&section=aid")
        frame = page.frame_locator(FRAME)
        frame.locator("#aid.active").wait_for(timeout=30000)
        top = frame.locator("#aid").evaluate("e => e.getBoundingClientRect().top")
        assert -5 <= top <= 60  # the Aid section starts at the top of the briefing's window
        page.screenshot(path=ARTIFACTS / "briefing_page_390_aid.png")
    finally:
        page.close()
