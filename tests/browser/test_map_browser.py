"""The pages in real headless Chromium, with every non-local request refused.

Only a browser shows that Leaflet actually loads (from the app, not a CDN), that the places are
drawn, that a click opens the side panel and that a copied URL restores the view; screenshots
are kept in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from pagetools import ARTIFACTS, MAP, drawn, open_map

from frontline import report

pytestmark = pytest.mark.browser


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
    page.get_by_text("Syrian Democratic Forces").first.wait_for(timeout=30_000)  # the besieger
    assert "place=gn%3A167357" in page.url or "place=gn:167357" in page.url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "map.png")
    assert outside == [] and errors == []


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["laptop", "phone"])
def test_a_mouse_click_on_a_short_screen_opens_the_place(server, browser, seed_tables, size):
    """A reader on a screen too short for the page scrolls the map into view and clicks where
    Manbij is drawn: the panel opens. (Playwright's own element click, which scrolls the page
    while aiming inside the map's frame, misses by the scroll; a mouse at the drawn point is
    what a person does.)"""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{server}/Map?date=2016-06-29")
    container = page.frame_locator(MAP).first.locator(".leaflet-container")
    drawn(container)
    frame = page.locator(MAP).first
    frame.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    manbij = seed_tables["places"].set_index("name").loc["Manbij"]
    at = container.evaluate(
        "(e, at) => { var p = e.ownerDocument.defaultView.map.latLngToContainerPoint(at);"
        " var r = e.getBoundingClientRect(); return {x: p.x + r.left, y: p.y + r.top}; }",
        [manbij["lat"], manbij["lon"]],
    )
    box = frame.bounding_box()
    x, y = box["x"] + at["x"], box["y"] + at["y"]
    assert 0 <= x <= size[0] and 0 <= y <= size[1]  # where the reader sees it
    page.mouse.click(x, y)
    page.get_by_role("heading", name="Manbij").wait_for(timeout=30_000)
    assert "place=gn" in page.url
    page.close()


# The colours in a 9 x 9 px square of the situation layer's canvas around a place's point.
PIXELS = """(e, at) => { const w = e.ownerDocument.defaultView, m = w.map;
  const p = m.latLngToContainerPoint(at), c = m.getPane('frontline').querySelector('canvas');
  const box = c.getBoundingClientRect(), r = e.getBoundingClientRect(), k = c.width / box.width;
  const x = (p.x + r.left - box.left) * k, y = (p.y + r.top - box.top) * k;
  const d = c.getContext('2d').getImageData(Math.round(x - 4 * k), Math.round(y - 4 * k),
                                            Math.round(9 * k), Math.round(9 * k)).data;
  const out = new Set();
  for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200)
    out.add('#' + [d[i], d[i + 1], d[i + 2]].map(v => v.toString(16).padStart(2, '0')).join(''));
  return Array.from(out); }"""


def test_a_holding_dated_only_to_the_year_is_striped_in_the_holders_colour(server, browser,
                                                                           seed_tables):
    """The Qaim crossing, held by IS since "2014": its fill is IS's black in stripes with white
    (known only roughly), never the grey of "holder not stated"."""
    page, container, _ = open_map(browser, f"{server}/Map?date=2016-06-28")
    drawn(container)
    qaim = seed_tables["places"].set_index("place_id").loc["fl:qaim-border-crossing"]
    container.evaluate("(e, at) => { e.ownerDocument.defaultView.map.setView(at, 11, "
                       "{animate: false}); }", [qaim["lat"], qaim["lon"]])  # fmt: skip
    page.wait_for_timeout(800)  # the canvas redraws on the next frame
    colours = set(container.evaluate(PIXELS, [qaim["lat"], qaim["lon"]]))
    assert "#000000" in colours and "#ffffff" in colours, colours  # IS's stripes, and white
    assert "#bbbbbb" not in colours  # maps.UNKNOWN_COLOR
    page.close()


def test_map_marks_first_reports_apart_from_changes(server, browser):
    page, container, _ = open_map(browser, f"{server}/Map?date=2016-06-30&since=2016-06-27")
    counts = drawn(container)
    # Manbij, Fallujah, west Harasta and the outposts first appear in the 29 June report: first
    # reported, not changed (Hamdan's round trip is listed apart, and ends where it began)
    assert counts["frontlineFirst"] == "4" and counts["frontlineChanged"] == "0"
    page.get_by_text("First reported", exact=True).wait_for(timeout=30_000)
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
    page.wait_for_timeout(2_000)  # the rerun with the filter starts …
    # … and must end first: a rerun while the file downloads cancels it (seen under load)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)
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
    def pending(day: str) -> int:  # places not reported yet by `day`: drawn faded, not dropped
        return int(report.map_places(seed, report.snapshot(seed, day), day)["pending"].sum())

    page, container, _ = open_map(browser, f"{server}/Map?date=2016-06-29")
    before = drawn(container, pending=pending("2016-06-29"))
    earlier = pending("2016-05-29")  # a month back: Fallujah, Manbij … not yet reported
    assert earlier > int(before["frontlinePending"])
    manbij = seed_tables["places"].set_index("name").loc["Manbij"]
    container.evaluate("(e, at) => e.ownerDocument.defaultView.map.setView(at, 10, "
                       "{animate: false}) && 1", [manbij["lat"], manbij["lon"]])  # fmt: skip
    page.get_by_role("button", name="◀").click()
    page.get_by_role("heading", name=re.compile("end of 2016-05-29")).wait_for(timeout=30_000)
    # the zoom above redraws the old day too: wait for the new day's places, by their count
    after = drawn(container, timeout=30, pending=earlier)
    assert after["frontlineDrawn"] != before["frontlineDrawn"]
    assert after["frontlineTotal"] == before["frontlineTotal"]  # the same places, none dropped
    view = container.evaluate(
        "e => { var m = e.ownerDocument.defaultView.map; "
        "return [m.getZoom(), m.getCenter().lat, m.getCenter().lng]; }"
    )
    assert view[0] == 10 and abs(view[1] - manbij["lat"]) < 0.01
    assert abs(view[2] - manbij["lon"]) < 0.01


def _at(container, lat: float, lon: float, zoom: int | None = None) -> dict:
    """The container point of (lat, lon), after moving the map there when `zoom` is given."""
    return container.evaluate(
        "(e, a) => { var m = e.ownerDocument.defaultView.map;"
        " if (a[2] !== null) m.setView([a[0], a[1]], a[2], {animate: false});"
        " var p = m.latLngToContainerPoint([a[0], a[1]]); return {x: p.x, y: p.y}; }",
        [lat, lon, zoom],
    )


def _shown_labels(container) -> list[str]:
    return container.evaluate(
        "e => [...e.querySelectorAll('.frontline-place-label')]"
        ".filter(x => x.style.display !== 'none').map(x => x.textContent)"
    )


def test_place_names_are_dom_text_and_decluttered(server, browser):
    page, container, _ = open_map(browser, f"{server}/Map?date=2016-06-29")
    drawn(container)
    page.wait_for_timeout(500)
    assert {"Manbij", "Al Fallujah"} <= set(_shown_labels(container))  # at the default zoom
    _at(container, 34.45, 40.93, 10)  # the four places around Boukamal, alone
    page.wait_for_timeout(800)
    near = {"Albu Kamal", "Hamdan air base", "Outposts south of Boukamal",
            "Al-Qa'im border crossing"}  # fmt: skip
    assert near <= set(_shown_labels(container))
    boxes = container.evaluate(
        "e => [...e.querySelectorAll('.frontline-place-label')]"
        ".filter(x => x.style.display !== 'none').map(x => { var r = x.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })"
    )
    for i, a in enumerate(boxes):  # decluttered: no two names overlap
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    style = container.locator(".frontline-place-label").first.evaluate(
        "e => getComputedStyle(e).pointerEvents"
    )
    assert style == "none"  # clicks go through to the markers
    container.screenshot(path=ARTIFACTS / "map_labels_boukamal.png")


def test_the_estimated_areas_have_a_legend_entry_and_a_hover_label(server, browser):
    page, container, _ = open_map(
        browser, f"{server}/Map?date=2016-06-29&layers=aid,provinces,areas"
    )
    drawn(container)
    entry = container.locator(".frontline-legend-areas")
    entry.wait_for(timeout=30_000)
    assert entry.inner_text().startswith("estimated area (from 7 places)")
    point = _at(container, 33.60, 40.0, None)  # no area in the empty desert
    point = _at(container, 33.349, 43.90, 11)  # 10 km east of Fallujah: inside its area only
    page.wait_for_timeout(800)
    container.hover(position=point)
    tip = container.locator(".leaflet-tooltip", has_text="Estimated area: Iraqi forces")
    tip.wait_for(timeout=10_000)
    assert "from 1 place, newest evidence 2016-06-29" in tip.inner_text()
    container.screenshot(path=ARTIFACTS / "map_areas_fallujah.png")
