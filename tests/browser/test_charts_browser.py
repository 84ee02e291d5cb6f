"""The charts as drawn by Chromium: every actor and row label present, whole, visible, inside
the chart and apart from each other; the NSA's part of 29 June at the Hamdan air base a mark at
least MIN_WIDTH_PX wide; weekly axes labelled by week. At 1366x768, 1920x1080 and 390 px wide,
with screenshots kept in tests/artifacts/charts_*.png.

The charts are SVG (`charts.SVG`), so their labels are text in the page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pagetools import ARTIFACTS

from frontline import charts, control, timeline

pytestmark = pytest.mark.browser

VIEWPORTS = [(1366, 768), (1920, 1080), (390, 844)]
HAMDAN, DAY = "fl:hamdan-air-base", dt.date(2016, 6, 29)
CHART = ".vega-embed"

# Each text of a chart's SVG: its words, whether it shows (not faded out by Vega's overlap
# removal) and its box in page pixels; and the chart's own box.
TEXTS = """e => ({box: e.getBoundingClientRect().toJSON(),
  texts: [...e.querySelectorAll('svg text')].map(t => {
    let shown = true;
    for (let n = t; n && n !== e; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.opacity === '0' || s.visibility === 'hidden' || s.display === 'none') shown = false;
    }
    return {text: t.textContent, shown, box: t.getBoundingClientRect().toJSON()};
  })})"""
# The widest mark of a fill colour (Vega draws bars and ticks as SVG paths).
WIDEST = """(e, fill) => Math.max(0, ...[...e.querySelectorAll('svg path')]
  .filter(p => (p.getAttribute('fill') || '').toLowerCase() === fill.toLowerCase())
  .map(p => p.getBoundingClientRect().width))"""


def open_charts(browser, url: str, size: tuple[int, int], count: int):
    """The page at `size`, once its `count` charts are drawn, and their locators."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.locator(f"{CHART} svg").nth(count - 1).wait_for(timeout=60_000)
    page.wait_for_timeout(500)  # Vega draws the marks after the first layout
    return page, page.locator(CHART), errors


SLACK = 3  # px: a text's box is its font's line box, a little beyond the letters drawn


def shown_texts(chart) -> list[dict]:
    """The texts a person sees in a chart, each checked to lie inside the chart."""
    drawn = chart.evaluate(TEXTS)
    box = drawn["box"]
    shown = [t for t in drawn["texts"] if t["shown"] and t["text"].strip()]
    for t in shown:
        b = t["box"]
        assert box["left"] - SLACK <= b["left"] and b["right"] <= box["right"] + SLACK, t
        assert box["top"] - SLACK <= b["top"] and b["bottom"] <= box["bottom"] + SLACK, t
    return shown


def assert_whole_and_apart(shown: list[dict], names: list[str]) -> None:
    """Each name is one shown text, whole (not cut with an ellipsis), none overlapping."""
    found = {t["text"]: t["box"] for t in shown}
    missing = [n for n in names if n not in found]
    assert not missing, f"not shown: {missing}; shown: {sorted(found)}"
    boxes = [found[n] for n in names]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (a["bottom"] <= b["top"] + 1 or b["bottom"] <= a["top"] + 1
                     or a["right"] <= b["left"] + 1 or b["right"] <= a["left"] + 1)  # fmt: skip
            assert apart, (a, b)
    assert not [t["text"] for t in shown if t["text"].endswith("…")]


def shoot(page, chart, name: str, size: tuple[int, int]) -> None:
    chart.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"charts_{name}_{size[0]}.png")


@pytest.mark.parametrize("size", VIEWPORTS, ids=lambda s: f"{s[0]}px")
def test_place_chart_shows_every_holder_and_the_nsa_hours(server, browser, seed, size):
    history = control.history(seed.events_at(HAMDAN), HAMDAN)
    names = dict(zip(seed.actors["actor_id"], seed.actors["name"], strict=True))
    holders = [names[a] for a in dict.fromkeys(history["controller_id"])]
    assert "New Syrian Army" in holders  # the seed's curated morning of 29 June
    page, found, errors = open_charts(browser, f"{server}/Place?place={HAMDAN}&date={DAY}",
                                      size, count=1)  # fmt: skip
    chart = found.first
    assert_whole_and_apart(shown_texts(chart), [*holders, *dict.fromkeys(history["state"])])
    nsa = seed.actors.set_index("actor_id").loc["nsa", "color"]
    assert chart.evaluate(WIDEST, nsa) >= charts.MIN_WIDTH_PX - 0.5  # not a sliver
    shoot(page, chart, "place", size)
    assert errors == []
    page.close()


@pytest.mark.parametrize("size", VIEWPORTS, ids=lambda s: f"{s[0]}px")
def test_timeline_gantt_labels_every_row_and_weeks_are_weeks(server, browser, seed, size):
    as_of = dt.date(2016, 6, 30)
    events = timeline.select(seed.control_events, until=as_of)
    rows = list(timeline.labels(seed, timeline.busiest_places(events)).values())
    page, found, errors = open_charts(browser, f"{server}/Timeline?date={as_of}", size, count=3)
    weekly, gantt, aid = found.nth(0), found.nth(1), found.nth(2)
    gantt_texts = shown_texts(gantt)
    assert_whole_and_apart(gantt_texts, rows)
    names = dict(zip(seed.actors["actor_id"], seed.actors["name"], strict=True))
    drawn = timeline.gantt(seed, timeline.busiest_places(events), as_of)
    assert_whole_and_apart(gantt_texts, sorted(set(drawn["controller_id"].map(names).dropna())))
    for chart in (weekly, aid):
        texts = [t["text"] for t in shown_texts(chart)]
        weeks = [t for t in texts if re.fullmatch(r"week of\d{1,2} \w{3} 2016", t)]  # 2 lines
        assert weeks, texts
        assert not [t for t in texts if re.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+", t)]
    shoot(page, gantt, "timeline", size)
    assert errors == []
    page.close()


@pytest.mark.parametrize("size", VIEWPORTS, ids=lambda s: f"{s[0]}px")
def test_aid_chart_shows_every_destination(server, browser, seed, size):
    destinations = sorted(set(seed.aid_deliveries["destination_place_id"].map(seed.place_names)))
    assert "Zamalka" in destinations
    page, found, errors = open_charts(browser, f"{server}/Aid?date=2016-06-30", size, count=1)
    chart = next(c for c in found.all() if "People reached" in c.evaluate("e => e.textContent"))
    assert_whole_and_apart(shown_texts(chart), destinations)
    shoot(page, chart, "aid", size)
    assert errors == []
    page.close()
