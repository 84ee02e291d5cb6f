"""The Map's context layer in real headless Chromium (issue 13, points 1 and 6): on a store whose
place name and context event types are hostile (tests/hostile.py), the violet density disc is
drawn on the situation canvas under the place, its tooltip reads the hostile text literally (no
element made from it, no script run), the place's own mark keeps its tooltip on top, and the
legend says what the discs are. Screenshots go to tests/artifacts/context_*.png."""

from __future__ import annotations

import harness
import hostile
import pandas as pd
import pytest
from pagetools import ARTIFACTS, MAP, drawn, refuse_the_internet

from frontline import model, store
from frontline.maps import context as context_map

pytestmark = pytest.mark.browser
EVENTS = 30  # at the hostile town, in the 30 days to hostile.DAY: a disc at its widest
OFFSET = 22  # px below the town: inside its disc, clear of its own mark (9 px) and badges

# The situation canvas's colour and opacity at a point `OFFSET` px below a place.
PIXEL = """(e, at) => { const m = e.ownerDocument.defaultView.map;
  const p = m.latLngToContainerPoint(at), c = m.getPane('frontline').querySelector('canvas');
  const box = c.getBoundingClientRect(), r = e.getBoundingClientRect(), k = c.width / box.width;
  const x = (p.x + r.left - box.left) * k, y = (p.y + at[2] + r.top - box.top) * k;
  return Array.from(c.getContext('2d').getImageData(Math.round(x), Math.round(y), 1, 1).data); }"""
# Where a point `at[2]` px below a place is on the page (the map's frame, then the place).
ON_PAGE = """(e, at) => { const m = e.ownerDocument.defaultView.map;
  const p = m.latLngToContainerPoint(at), r = e.getBoundingClientRect();
  return {x: p.x + r.left, y: p.y + at[2] + r.top}; }"""


@pytest.fixture(scope="module")
def context_server(tmp_path_factory):
    """The hostile store with EVENTS context events at the hostile town, their type hostile."""
    env = hostile.build(tmp_path_factory.mktemp("context"))
    rows = [{"event_id": f"ctx-{i}", "date": pd.Timestamp(hostile.DAY) - pd.Timedelta(days=i % 20),
             "date_precision": "day", "place_id": hostile.PLACE_ID,
             "event_type": hostile.hostile("context-type"), "fatalities": 1,
             "source_ids": [hostile.SOURCE_ID], "notes": hostile.hostile("context-notes")}
            for i in range(EVENTS)]  # fmt: skip
    engine = store.connect(env["FRONTLINE_DATABASE_URL"])
    store.load(engine, {"context_events": model.typed(model.CONTEXT_EVENTS, pd.DataFrame(rows))},
               actor="tester")  # fmt: skip
    engine.dispose()
    log = tmp_path_factory.mktemp("context-log") / "streamlit.log"
    with harness.dashboard(env, log) as (url, _):
        yield url


def _town(container, page) -> list[float]:
    """Zoom onto the hostile town, alone at that zoom; its [lat, lon]."""
    at = [36.30, 37.60]  # tests/hostile.py
    container.evaluate("(e, at) => { e.ownerDocument.defaultView.map.setView(at, 10, "
                       "{animate: false}); }", at)  # fmt: skip
    page.wait_for_timeout(800)  # the canvas redraws on the next frame
    return at


def _hover(page, container, at: list[float], below: int):
    """Move the mouse onto the point `below` px under the town; the tooltip shown."""
    point = container.evaluate(ON_PAGE, [*at, below])
    frame = page.locator(MAP).first.bounding_box()
    x, y = frame["x"] + point["x"], frame["y"] + point["y"]
    page.mouse.move(x - 4, y - 4)
    page.mouse.move(x, y)
    tip = page.frame_locator(MAP).first.locator(".leaflet-tooltip").last
    tip.wait_for(state="visible", timeout=10_000)
    return tip


def test_the_density_disc_is_drawn_under_the_place_and_its_tooltip_is_text(context_server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    refused = refuse_the_internet(page)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{context_server}/Map?date={hostile.DAY}&layers=aid,provinces,context")
    container = page.frame_locator(MAP).first.locator(".leaflet-container")
    counts = drawn(container)
    assert (counts["frontlineContext"], counts["frontlineContextEvents"]) == ("1", str(EVENTS))
    legend = container.locator(".frontline-legend-context")
    assert "did not change control, last 30 days" in legend.text_content()
    at = _town(container, page)
    page.locator(MAP).first.scroll_into_view_if_needed()
    r, g, b, alpha = container.evaluate(PIXEL, [*at, OFFSET])
    colour = [int(context_map.COLOR[i : i + 2], 16) for i in (1, 3, 5)]
    assert alpha > 20 and max(abs(u - v) for u, v in zip((r, g, b), colour, strict=True)) < 40
    tip = _hover(page, container, at, OFFSET)
    text = tip.text_content()
    assert f"{EVENTS} events that did not change control" in text
    assert hostile.IMG in text and hostile.hostile("context-type") in text  # literal
    assert tip.locator("img, script, svg").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "context_tooltip.png")
    on_place = _hover(page, container, at, 0).text_content()  # the place's own mark, on top
    assert "click for its history" in on_place and "did not change control" not in on_place
    page.mouse.move(5, 5)
    container.evaluate("e => { delete e.dataset.frontlineContextEvents; }")  # until redrawn
    page.get_by_role("button", name="▶").click()  # the day swaps the layer: 06-29, same view
    page.get_by_role("heading", name="Control and aid at the end of 2016-06-29").wait_for()
    drawn(container, **{"context-events": EVENTS})
    page.wait_for_timeout(800)
    assert "did not change control" in _hover(page, container, at, OFFSET).text_content()
    assert "click for its history" in _hover(page, container, at, 0).text_content()  # on top
    assert container.locator(".frontline-legend-context").count() == 1
    frame = page.frame_locator(MAP).first.locator("body")
    assert frame.evaluate("() => typeof window.__pwned") == "undefined"
    assert frame.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert errors == [] and refused == []
    page.close()
