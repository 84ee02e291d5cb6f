"""The Map and Timeline pages on 10,000 synthetic events, in headless Chromium.

The synthetic dataset comes from benchmarks/make_synthetic.py (the same the map benchmark uses);
the test checks the map draws every place the engine says it should, clustered where they crowd,
with one script run's worth of data. Timings are the benchmark's business, not the test's.
"""

from __future__ import annotations

import datetime as dt
import re

import harness
import pytest
from pagetools import ARTIFACTS, drawn, open_map
from playwright.sync_api import expect

from frontline import report
from frontline.config import load_settings
from frontline.dataset import Dataset
from frontline.seeding import open_store

EVENTS = 10_000
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A 10,000-event dataset: its settings (environment) and its Dataset."""
    env = harness.synthetic_dataset(EVENTS, tmp_path_factory.mktemp("synthetic"))
    return env, Dataset.read(open_store(load_settings(env)))


@pytest.fixture(scope="module")
def server(synthetic, tmp_path_factory):
    env, _ = synthetic
    with harness.dashboard(env, tmp_path_factory.mktemp("log") / "streamlit.log") as (url, _):
        yield url


def test_the_map_draws_every_place_of_10000_events_clustered(server, synthetic, browser):
    _, ds = synthetic
    assert len(ds.control_events) + len(ds.aid_deliveries) == EVENTS
    last = ds.span[1]
    expected = report.map_places(ds, report.snapshot(ds, last), last)
    page, container, outside = open_map(browser, f"{server}/Map")
    counts = drawn(container, timeout=120)
    assert int(counts["frontlineTotal"]) == len(expected) > 100
    assert int(counts["frontlineClusters"]) > 0  # crowded places drawn as clusters
    assert int(counts["frontlinePlaces"]) < len(expected)
    page.wait_for_timeout(1_000)  # the map may settle on another zoom: compare in one look
    now = container.evaluate("e => [e.dataset.frontlineClusters, "
                             "e.querySelectorAll('.frontline-cluster').length]")  # fmt: skip
    assert int(now[0]) == now[1] > 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "map-10000-events.png")
    assert outside == []


def test_the_timeline_charts_10000_events(server, browser):
    page, _, _ = open_map(browser, f"{server}/Timeline")
    page.get_by_role("heading", name="Events per week").wait_for(timeout=120_000)
    expect(page.locator(".vega-embed")).to_have_count(3, timeout=60_000)  # week, Gantt, aid
    expect(page.get_by_text(re.compile(r"^[\d,]+ events, all dates$"))).to_be_visible()
    box = page.locator(".vega-embed").first.bounding_box()  # drag across some weeks
    page.mouse.move(box["x"] + 300, box["y"] + 80)
    page.mouse.down()
    page.mouse.move(box["x"] + 360, box["y"] + 80, steps=5)
    page.mouse.up()
    chosen = page.get_by_text(re.compile(r"^[\d,]+ events, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d$"))
    chosen.wait_for(timeout=60_000)
    count, start, end = re.match(r"([\d,]+) events, (\S+) to (\S+)", chosen.inner_text()).groups()
    assert 0 < int(count.replace(",", "")) < 8_500  # the control events (85 % of 10,000)
    assert dt.date.fromisoformat(start).weekday() == 0 and dt.date.fromisoformat(end).weekday() == 6
    page.screenshot(path=ARTIFACTS / "timeline-10000-events.png", full_page=True)
