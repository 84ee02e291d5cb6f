"""The pages in real headless Chromium, with every non-local request refused.

Only a browser shows that Leaflet actually loads (from the app, not a CDN), that the places are
drawn, that a click opens the side panel and that a copied URL restores the view; screenshots
are kept in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import harness
import pytest
from pagetools import ARTIFACTS, drawn, open_map

from frontline import report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard served by `frontline run`, on a free port, with its own store."""
    env = {"FRONTLINE_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('srv')}/fl.sqlite"}
    with harness.dashboard(env, tmp_path_factory.mktemp("log") / "streamlit.log") as (url, _):
        yield url


def test_map_draws_places_and_a_click_opens_the_side_panel(server, browser, seed_tables):
    page, container, outside = open_map(browser, f"{server}/Map?date=2016-06-29")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    counts = drawn(container)
    assert int(counts["frontlineTotal"]) == (seed_tables["places"]["kind"] != "country").sum()
    assert int(counts["frontlinePlaces"]) + int(counts["frontlineClusters"]) >= 2
    assert container.locator(".frontline-legend").is_visible()
    manbij = seed_tables["places"].set_index("name").loc["Manbij"]
    point = container.evaluate(
        "(e, at) => { var m = e.ownerDocument.defaultView.map; m.setView(at, 10, {animate: false});"
        " var p = m.latLngToContainerPoint(at); return {x: p.x, y: p.y}; }",
        [manbij["lat"], manbij["lon"]],
    )
    page.wait_for_timeout(500)  # the canvas redraws on the next frame
    container.click(position=point)
    page.get_by_role("heading", name="Manbij").wait_for(timeout=30_000)
    assert page.get_by_text("Syrian Democratic Forces").first.is_visible()
    assert "place=gn%3A167357" in page.url or "place=gn:167357" in page.url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "map.png")
    assert outside == [] and errors == []


def test_map_rings_what_changed_since_a_second_date(server, browser):
    page, container, _ = open_map(browser, f"{server}/Map?date=2016-06-30&since=2016-06-27")
    assert drawn(container)["frontlineChanged"] == "4"  # Manbij, Fallujah, west Harasta, outposts
    page.screenshot(path=ARTIFACTS / "map-changes.png")


def _view(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_a_copied_url_restores_the_view(server, browser, seed):
    link = f"{server}/Map?date=2016-06-28&layers=aid&actors=is&types=captured&place=gn:99454"
    page, container, _ = open_map(browser, link)
    counts = drawn(container)
    expected = report.map_places(seed, report.snapshot(seed, "2016-06-28"),
                                 "2016-06-28", actors=frozenset({"is"}),
                                 types=frozenset({"captured"}))  # fmt: skip
    assert int(counts["frontlineTotal"]) == len(expected) > 0
    page.get_by_role("heading", name="Fallujah").wait_for(timeout=30_000)  # the side panel
    assert page.get_by_role("heading", name=re.compile("end of 2016-06-28")).is_visible()
    page.get_by_role("button", name="▶").click()  # a month on, but no later than the data
    page.get_by_role("heading", name=re.compile("end of 2016-06-29")).wait_for(timeout=30_000)
    page.wait_for_timeout(1_000)
    params = _view(page)
    assert params["date"] == ["2016-06-29"] and params["actors"] == ["is"]
    assert params["types"] == ["captured"] and params["place"] == ["gn:99454"]
    again, container, _ = open_map(browser, page.url)
    again.get_by_role("heading", name=re.compile("end of 2016-06-29")).wait_for(timeout=30_000)
    assert _view(again) == params
    assert drawn(container)["frontlineTotal"] == str(len(report.map_places(
        seed, report.snapshot(seed, "2016-06-29"), "2016-06-29",
        actors=frozenset({"is"}), types=frozenset({"captured"}))))  # fmt: skip
    again.screenshot(path=ARTIFACTS / "map-from-url.png")


def test_aid_filter_by_place_then_download_csv(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(f"{server}/Aid?date=2016-07-15")
    places = page.get_by_role("combobox", name="Places")  # stable: the widget's label
    places.wait_for(timeout=60_000)
    places.click()
    page.keyboard.type("Irbin")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_timeout(2_000)  # the rerun with the filter
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download CSV").click()
    path = tmp_path / "aid.csv"
    info.value.save_as(path)
    rows = path.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("delivery_id,convoy_id,date")
    assert [r.split(",")[0] for r in rows[1:]] == ["aid-2016-06-29-irbin"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "aid.png")


def test_play_steps_through_the_days_and_stops_at_the_last(server, browser):
    page, container, _ = open_map(browser, f"{server}/Map?date=2016-04-29")
    drawn(container)
    page.get_by_text("Play", exact=True).click()  # a month a tick
    page.get_by_role("heading", name=re.compile("end of 2016-05-29")).wait_for(timeout=30_000)
    page.get_by_role("heading", name=re.compile("end of 2016-06-29")).wait_for(timeout=30_000)
    page.wait_for_timeout(4_000)  # a tick at the last day switches play off
    assert not page.get_by_role("switch", name="Play").is_checked()
    assert page.locator("[data-testid='stException']").count() == 0
    assert _view(page)["date"] == ["2016-06-29"]


def test_a_new_day_swaps_the_places_and_keeps_pan_and_zoom(server, browser, seed_tables, seed):
    def total(day: str) -> int:
        return len(report.map_places(seed, report.snapshot(seed, day), day))

    page, container, _ = open_map(browser, f"{server}/Map?date=2016-06-29")
    before = drawn(container, total=total("2016-06-29"))
    earlier = total("2016-05-29")  # a month back: Fallujah not yet captured
    assert earlier < int(before["frontlineTotal"])
    manbij = seed_tables["places"].set_index("name").loc["Manbij"]
    container.evaluate("(e, at) => e.ownerDocument.defaultView.map.setView(at, 10, "
                       "{animate: false})", [manbij["lat"], manbij["lon"]])  # fmt: skip
    page.get_by_role("button", name="◀").click()
    page.get_by_role("heading", name=re.compile("end of 2016-05-29")).wait_for(timeout=30_000)
    # the zoom above redraws the old day too: wait for the new day's places, by their count
    after = drawn(container, timeout=30, total=earlier)
    assert after["frontlineDrawn"] != before["frontlineDrawn"]
    view = container.evaluate(
        "e => { var m = e.ownerDocument.defaultView.map; "
        "return [m.getZoom(), m.getCenter().lat, m.getCenter().lng]; }"
    )
    assert view[0] == 10 and abs(view[1] - manbij["lat"]) < 0.01
    assert abs(view[2] - manbij["lon"]) < 0.01
    assert int(drawn(container)["frontlineTotal"]) == earlier < int(before["frontlineTotal"])
