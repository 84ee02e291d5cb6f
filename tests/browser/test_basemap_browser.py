"""The offline base map in real headless Chromium: the map every page starts from, fitted to the
seed's places, saved as one HTML page and served with Leaflet from the installed package (every
other request refused), shows the names an analyst looks for as DOM text, visible, never
overlapping one another; on the seed's situation map the names overlap neither one another nor
the places' names, sit in a pane that lets clicks through, and make way for the boxes the
situation layer publishes; a hostile name stays text.

Screenshots are kept in tests/artifacts/basemap_*.png for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pagetools import ARTIFACTS

from frontline import assets, maps, report
from frontline.maps import basemap

pytestmark = pytest.mark.browser
ORIGIN = "http://frontline.test"  # answered by the test itself: nothing reaches a network
SIZES = {"1366": (1366, 768), "1920": (1920, 1080), "390": (390, 844)}
EXPECTED = ("Damascus", "Aleppo", "Baghdad", "Mosul", "Syria", "Iraq")
HOSTILE = "<img src=x onerror=window.pwned=1>"

# Every shown base-map label: its text, its kind and its box on screen.
SHOWN = """e => Array.from(e.querySelectorAll('.frontline-label')).filter(l =>
    getComputedStyle(l).display !== 'none' && getComputedStyle(l).visibility === 'visible')
  .map(l => { const r = l.querySelector('.fl-in').getBoundingClientRect();
    return {name: l.querySelector('.fl-la').textContent, kind: l.dataset.kind,
            box: [r.left, r.top, r.right, r.bottom]}; })"""
# The situation layer's place names, shown.
PLACE_NAMES = """e => Array.from(e.querySelectorAll('.frontline-place-label'))
  .filter(l => getComputedStyle(l).display !== 'none')
  .map(l => { const r = l.getBoundingClientRect();
    return {name: 'place: ' + l.textContent, kind: 'place',
            box: [r.left, r.top, r.right, r.bottom]}; })"""
MAP_JS = "Object.values(window).find(v => v instanceof L.Map)"


def _serve(page, html: str) -> list[str]:
    """Answer the map page and Leaflet's files from here; refuse and record anything else."""
    files = {a.local_url: Path(a.package.BASE_DIR) / a.file for a in (*assets.JS, *assets.CSS)}
    refused: list[str] = []

    def answer(route):
        url = route.request.url
        path = url[len(ORIGIN) :] if url.startswith(ORIGIN) else None
        if path == "/map.html":
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
        elif path in files:
            route.fulfill(path=str(files[path]))
        else:
            refused.append(url)
            route.abort()

    page.route("**/*", answer)
    return refused


def _open(browser, html: str, size: tuple[int, int]):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    refused = _serve(page, html)
    page.goto(f"{ORIGIN}/map.html")
    container = page.locator(".leaflet-container[data-frontline-labels]")
    container.wait_for(timeout=60_000)
    page.wait_for_timeout(300)  # let the last moveend settle before one look
    return page, container, refused


def _overlapping(shown: list[dict]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            x, y = a["box"], b["box"]
            if x[0] < y[2] and y[0] < x[2] and x[1] < y[3] and y[1] < x[3]:
                found.append((a["name"], b["name"]))
    return found


@pytest.fixture(scope="module")
def seed_places(seed):
    day = "2016-06-29"
    return report.map_places(seed, report.snapshot(seed, day), day)


@pytest.fixture(scope="module")
def seed_map(seed, seed_places, shapes) -> str:
    """The seed's situation map on its last day, as one HTML page."""
    deliveries = report.deliveries(seed)
    return maps.situation_map(seed_places, seed, deliveries, shapes).get_root().render()


@pytest.fixture(scope="module")
def plain_map(seed_places, shapes) -> str:
    """The map every page starts from, fitted to the seed's places as the Map page fits it."""
    m = maps.base_map(shapes, "local")
    m.fit_bounds(maps.bounds(seed_places), padding=(30, 30))
    return m.get_root().render()


@pytest.mark.parametrize("label", SIZES)
def test_names_show_as_text_visible_and_never_overlapping(browser, plain_map, label):
    width, height = SIZES[label]
    page, container, refused = _open(browser, plain_map, (width, height))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"basemap_{label}.png")
    shown = container.evaluate(SHOWN)
    names = {s["name"] for s in shown}
    assert set(EXPECTED) <= names, sorted(names)
    for s in shown:
        left, top, right, bottom = s["box"]
        assert 0 <= left < right <= width and 0 <= top < bottom <= height, s
    assert _overlapping(shown) == []
    assert int(container.get_attribute("data-frontline-labels")) == len(shown)
    kinds = {s["kind"] for s in shown}
    assert {"country", "capital"} <= kinds
    assert refused == []


def test_zooming_in_names_more_places_still_without_overlap(browser, plain_map):
    page, container, refused = _open(browser, plain_map, SIZES["1366"])
    before = {s["name"] for s in container.evaluate(SHOWN)}
    zoom = int(container.get_attribute("data-frontline-labels-zoom")) + 2
    page.evaluate(f"() => {{ const m = {MAP_JS};"
                  " m.setView([35.0, 40.5], m.getZoom() + 2, {animate: false}); }")  # fmt: skip
    page.wait_for_function(
        "z => document.querySelector('.leaflet-container').dataset.frontlineLabelsZoom === z",
        arg=str(zoom),
    )
    page.wait_for_timeout(300)
    shown = container.evaluate(SHOWN)
    after = {s["name"] for s in shown}
    assert after - before  # towns not named at the default zoom
    assert "Deir ez-Zor" in after
    assert _overlapping(shown) == []
    page.screenshot(path=ARTIFACTS / "basemap_1366_zoomed.png")
    assert refused == []


# The base map as drawn: Arabic names beside Latin ones, governorates' names, the line layers'
# paths on their canvas (the pane just above the country fill).
DRAWN = """e => { const w = e.ownerDocument.defaultView;
  const m = Object.values(w).find(v => v instanceof L.Map);
  const shown = Array.from(e.querySelectorAll('.frontline-label'))
    .filter(l => getComputedStyle(l).display !== 'none');
  const lines = []; m.eachLayer(l => { const r = l.options.renderer;
    if (r && r.options.pane === 'frontlineBase' && l._parts && l._parts.length && l.feature)
      lines.push(l.feature.properties.c); });
  return {arabic: shown.map(l => l.querySelector('.fl-ar')).filter(a => a)
                      .map(a => [a.textContent, a.lang, a.dir]),
          kinds: shown.map(l => l.dataset.kind), lines: lines,
          canvas: !!m.getPane('frontlineBase').querySelector('canvas')}; }"""


def test_the_base_map_draws_arabic_names_governorates_rivers_and_roads(browser, plain_map):
    page, container, refused = _open(browser, plain_map, SIZES["1920"])
    drawn = container.evaluate(DRAWN)
    assert ["دمشق", "ar", "rtl"] in drawn["arabic"] and ["بغداد", "ar", "rtl"] in drawn["arabic"]
    assert "admin1" in drawn["kinds"]  # governorates named at the default zoom
    assert drawn["canvas"] and {"river", "motorway"} <= set(drawn["lines"])  # paths drawn
    assert refused == []


@pytest.mark.parametrize("label", SIZES)
def test_on_the_situation_map_names_clash_with_no_place_name(browser, seed_map, label):
    page, container, refused = _open(browser, seed_map, SIZES[label])
    # the situation layer lays its names out after the base map's first placement; the base
    # map places again once the situation's markers are added
    page.wait_for_function(
        "() => +document.querySelector('.leaflet-container').dataset.frontlineLabelsPlaced >= 2"
    )
    page.wait_for_timeout(300)
    page.screenshot(path=ARTIFACTS / f"basemap_situation_{label}.png")
    shown = container.evaluate(SHOWN)
    assert {"Syria", "Iraq"} <= {s["name"] for s in shown}
    assert _overlapping(shown + container.evaluate(PLACE_NAMES)) == []
    assert refused == []


def test_a_name_makes_way_for_what_the_situation_layer_publishes(browser, plain_map):
    page, container, _ = _open(browser, plain_map, SIZES["1366"])
    find = (
        "e => { const l = Array.from(e.querySelectorAll('.frontline-label .fl-la'))"
        ".find(s => s.textContent === 'Damascus'); if (!l || getComputedStyle("
        "l.closest('.frontline-label')).display === 'none') return null;"
        " const r = l.getBoundingClientRect(), o = e.getBoundingClientRect();"
        " return [r.left - o.left, r.top - o.top, r.right - o.left, r.bottom - o.top]; }"
    )
    before = container.evaluate(find)
    assert before is not None
    publish = f"b => {{ const m = {MAP_JS}; m._frontlineTaken = [b]; m.fire('frontlineplaced'); }}"
    placed = int(container.get_attribute("data-frontline-labels-placed"))
    page.evaluate(publish, before)
    page.wait_for_function(
        "n => +document.querySelector('.leaflet-container').dataset.frontlineLabelsPlaced > n",
        arg=placed,
    )
    after = container.evaluate(find)
    assert after is not None and after != before  # moved aside, not dropped
    assert not (after[0] < before[2] and before[0] < after[2]
                and after[1] < before[3] and before[1] < after[3])  # fmt: skip


def test_labels_sit_between_the_borders_and_the_places_and_let_clicks_through(browser, seed_map):
    page, container, _ = _open(browser, seed_map, SIZES["1366"])
    panes = container.evaluate(
        "e => ['overlayPane', 'frontlineBase', 'frontlineLabels', 'frontline'].map(n => {"
        " const p = e.querySelector('.leaflet-' + n.replace(/Pane$/, '') + '-pane');"
        " return p && [+getComputedStyle(p).zIndex, getComputedStyle(p).pointerEvents]; })"
    )
    (overlay, _), (lines, lines_events), (labels, label_events), (places, _) = panes
    assert overlay < lines < labels < places == 450
    assert lines_events == label_events == "none"
    hit = container.evaluate(
        "e => { const l = Array.from(e.querySelectorAll('.frontline-label .fl-la'))"
        ".find(s => s.textContent === 'Damascus').getBoundingClientRect();"
        " const at = document.elementFromPoint(l.left + l.width / 2, l.top + l.height / 2);"
        " return !!at.closest('.frontline-label'); }"
    )
    assert hit is False  # a click on a name reaches what lies under it


def test_a_hostile_name_is_shown_as_text(browser, shapes):
    data = dict(basemap.layers())
    fields = data["fields"]
    row = next(r for r in data["labels"] if r[fields["name"]] == "Damascus")
    data["labels"] = [[HOSTILE if i == fields["name"] else v for i, v in enumerate(row)]]
    html = maps.base_map({**shapes, "basemap": data}, "local")
    html.fit_bounds([[32.5, 35.5], [37.0, 42.0]])
    page, container, refused = _open(browser, html.get_root().render(), SIZES["1366"])
    shown = container.evaluate(SHOWN)
    assert [s["name"] for s in shown] == [HOSTILE]
    assert container.locator("img").count() == 0 and page.evaluate("window.pwned") is None
    assert refused == []
