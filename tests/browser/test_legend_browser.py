"""The situation map's legend in a real browser, at a laptop's, a wide screen's and a phone's size.

Only a browser knows the legend's box: it must take a small share of the map (at most
`SHARE_AT_MOST` of its area), hide none of the seed's places at the default view, list every
actor and every mark (a folded part saying what it holds, "Marks (7)", one click away), and,
once opened, push the place names it would cover out from under it.
"""

from __future__ import annotations

import re

import pytest
from pagetools import ARTIFACTS, MAP, drawn, open_map
from test_map_browser import _at

pytestmark = pytest.mark.browser

SHARE_AT_MOST = 0.12  # of the map's area, the open legend at 1366 and 1920 px (the aim)
MARGIN = 12  # px around a place's centre that its marker covers

# The legend's parts, as text (folded ones too) and as boxes in the map's container pixels.
LEGEND = """e => {
  const origin = e.getBoundingClientRect(), box = e.querySelector('.frontline-legend-box');
  const r = e.querySelector('.frontline-legend').getBoundingClientRect();
  const rows = sel => [...box.querySelectorAll(sel)].map(x => ({text: x.textContent.trim(),
                                                              shown: x.checkVisibility()}));
  return {box: [r.left - origin.left, r.top - origin.top, r.right - origin.left,
                r.bottom - origin.top],
          open: box.open, marksOpen: box.querySelector('.frontline-legend-marks').open,
          summary: box.querySelector(':scope > summary').textContent.trim(),
          marksSummary: box.querySelector('.frontline-legend-marks > summary').textContent.trim(),
          actors: rows('.frontline-legend-actors > div'),
          marks: rows('.frontline-legend-marks > div')};
}"""
# The place and base-map names shown, with their boxes in container pixels (a base-map name's
# box is its inner text's: the outer element is an empty anchor).
NAMES = """e => {
  const origin = e.getBoundingClientRect();
  return [...e.querySelectorAll('.frontline-place-label, .frontline-label')]
    .filter(x => x.checkVisibility())
    .map(x => { const r = (x.querySelector('.fl-in') || x).getBoundingClientRect();
                return {text: (x.querySelector('.fl-la') || x).textContent,
                        box: [r.left - origin.left, r.top - origin.top,
                              r.right - origin.left, r.bottom - origin.top]}; })
    .filter(n => n.box[2] > n.box[0] && n.box[3] > n.box[1]);
}"""


def _map_at(browser, url: str, width: int, height: int):
    """The page on `url` at `width` x `height`, once its places are drawn, and the map."""
    page, _, _ = open_map(browser, url)
    page.set_viewport_size({"width": width, "height": height})
    page.reload()
    container = page.frame_locator(MAP).first.locator(".leaflet-container")
    drawn(container)
    return page, container


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _area(box: list[float]) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _wait_for_names(frame, box: list[float], name: str | None) -> None:
    """Until the name `name` shows over `box` (in container pixels), or with None no name does."""
    frame.wait_for_function(
        f"""([box, name]) => {{
          const over = ({NAMES})(document.querySelector('.leaflet-container'))
            .filter(n => n.box[0] < box[2] && box[0] < n.box[2]
                         && n.box[1] < box[3] && box[1] < n.box[3]);
          return name === null ? over.length === 0 : over.some(n => n.text === name);
        }}""",
        arg=[box, name],
        timeout=30_000,
    )


def _check_lists(legend: dict, names: list[str]) -> None:
    """Every actor, then "holder not stated"; the marks counted in both summaries."""
    assert [a["text"] for a in legend["actors"]] == ["Held by", *names, "holder not stated"]
    count = len(legend["marks"])
    assert count >= 6 and legend["marksSummary"] == f"Marks ({count})"
    assert legend["summary"] == f"Legend ({len(names)} actors, {count} marks)"


@pytest.mark.parametrize(
    ("width", "height", "since"),
    [(1366, 768, ""), (1920, 1080, "&since=2016-06-27")],  # the 1920 legend, at its longest
)  # fmt: skip
def test_the_open_legend_takes_a_small_corner_and_hides_no_place(
    server, browser, seed_tables, width, height, since
):
    page, container = _map_at(browser, f"{server}/Map?date=2016-06-30{since}", width, height)
    legend = container.evaluate(LEGEND)
    assert legend["open"]
    area = container.bounding_box()
    assert _area(legend["box"]) <= SHARE_AT_MOST * area["width"] * area["height"]
    places = seed_tables["places"].query("kind != 'country'")
    for place in places.itertuples():
        at = _at(container, place.lat, place.lon)
        mark = [at["x"] - MARGIN, at["y"] - MARGIN, at["x"] + MARGIN, at["y"] + MARGIN]
        assert 0 <= at["x"] <= area["width"] and 0 <= at["y"] <= area["height"], place.name
        assert not _overlap(mark, legend["box"]), place.name
    _check_lists(legend, list(seed_tables["actors"]["name"]))
    assert all(a["shown"] for a in legend["actors"])
    tag = "changes" if since else "day"
    page.screenshot(path=ARTIFACTS / f"legend_{width}_{tag}.png")
    if not legend["marksOpen"]:  # folded: one click shows every mark
        container.get_by_text(legend["marksSummary"], exact=True).click()
        legend = container.evaluate(LEGEND)
        container.screenshot(path=ARTIFACTS / f"legend_{width}_{tag}_marks.png")
    assert legend["marksOpen"] and all(m["shown"] for m in legend["marks"])


def test_a_phone_shows_the_folded_legend_whole_with_one_click(server, browser, seed_tables):
    page, container = _map_at(browser, f"{server}/Map?date=2016-06-29", 390, 844)
    legend = container.evaluate(LEGEND)
    assert not legend["open"] and not any(a["shown"] for a in legend["actors"])
    _check_lists(legend, list(seed_tables["actors"]["name"]))  # folded, but in the page
    container.screenshot(path=ARTIFACTS / "legend_390_folded.png")
    container.get_by_text(re.compile(r"^Legend \(")).click()
    legend = container.evaluate(LEGEND)
    assert legend["open"] and all(row["shown"] for row in legend["actors"] + legend["marks"])
    assert legend["box"][3] <= container.bounding_box()["height"]  # it scrolls inside the map
    container.screenshot(path=ARTIFACTS / "legend_390_open.png")


def test_opening_the_marks_moves_the_names_from_under_them(server, browser, seed_tables):
    page, container = _map_at(browser, f"{server}/Map?date=2016-06-29", 1366, 768)
    assert not container.evaluate(LEGEND)["marksOpen"]  # at 1366 they start folded
    marks = container.get_by_text(re.compile(r"^Marks \(\d+\)$"))
    marks.click()
    opened = container.evaluate(LEGEND)["box"]
    marks.click()
    folded = container.evaluate(LEGEND)["box"]
    assert _area(opened) > 1.5 * _area(folded)
    manbij = seed_tables["places"].set_index("name").loc["Manbij"]
    # Manbij's name (east of its mark) where the marks will open, under no part of the legend yet
    target = [opened[0] + 40, folded[3] + (opened[3] - folded[3]) / 2]
    container.evaluate(
        "(e, a) => { var m = e.ownerDocument.defaultView.map;"
        " m.setView([a[0], a[1]], 9, {animate: false});"
        " var p = m.latLngToContainerPoint([a[0], a[1]]);"
        " m.panBy([p.x - a[2], p.y - a[3]], {animate: false}); }",
        [manbij["lat"], manbij["lon"], *target],
    )
    frame = next(f for f in page.frames if f.query_selector(".leaflet-container"))
    _wait_for_names(frame, opened, "Manbij")  # laid out for the new view: Manbij's, under it
    assert not any(_overlap(n["box"], folded) for n in container.evaluate(NAMES))
    marks.click()
    _wait_for_names(frame, opened, None)  # the names move aside, or hide, as the marks open
    legend = container.evaluate(LEGEND)
    assert legend["marksOpen"] and _area(legend["box"]) == pytest.approx(_area(opened))
    assert not any(_overlap(n["box"], legend["box"]) for n in container.evaluate(NAMES))
    container.screenshot(path=ARTIFACTS / "legend_1366_marks_over_manbij.png")
