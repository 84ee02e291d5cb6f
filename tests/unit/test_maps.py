"""Map builders rendered to HTML, no browser: offline assets, markers, escaping, legend."""

import json
import re

import pytest

from frontline import maps, report
from frontline.config import PROJECT_ROOT


@pytest.fixture(scope="module")
def shapes():
    return maps.boundaries(PROJECT_ROOT / "data")


def render(tables, shapes, as_of="2016-06-29", **options) -> str:
    snap = report.snapshot(tables, as_of)
    m = maps.control_map(snap, tables, report.deliveries(tables), shapes, **options)
    return m.get_root().render()


def test_local_assets_reference_no_internet_address(seed_tables, shapes):
    html = render(seed_tables, shapes)
    assert re.findall(r"https?://", html) == []
    assert "/app/static/vendor/leaflet-1.9.3/leaflet.js" in html


def test_cdn_assets_are_an_option(seed_tables, shapes):
    assert "cdn.jsdelivr.net/npm/leaflet@" in render(seed_tables, shapes, assets="cdn")


def test_one_marker_per_place_and_rings_for_sieges(seed_tables, shapes):
    html = render(seed_tables, shapes)
    places = seed_tables["places"]
    assert html.count('"className": "frontline-place"') == (places["kind"] != "country").sum()
    assert html.count("frontline-ring frontline-besieged") == 4  # Manbij, Zamalka, Irbin, Harasta
    assert html.count("frontline-aid") == 3
    assert "frontline-legend" in html and "Syrian Democratic Forces" in html


def test_borders_come_from_data(seed_tables, shapes):
    assert len(shapes["countries"]["features"]) >= 9
    assert {"Syria", "Iraq"} <= {f["properties"]["name"] for f in shapes["countries"]["features"]}
    assert "Dayr Az Zawr" in render(seed_tables, shapes)


def test_source_text_is_escaped(seed_tables, shapes):
    tables = dict(seed_tables)
    events = tables["control_events"].copy()
    row = events.index[events["event_id"] == "hamdan-2016-06-29-is-recaptured"][0]
    events.loc[row, "quote"] = '<img src=x onerror="alert(1)">'
    events.loc[row, "claimed_by"] = "<script>alert(2)</script>"
    tables["control_events"] = events
    html = render(tables, shapes)
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x" in html and "&lt;script&gt;alert(2)" in html


def test_popup_tells_controller_since_and_quote(seed_tables):
    snap = report.snapshot(seed_tables, "2016-06-29").set_index("place_id", drop=False)
    popup = maps.place_popup(
        snap.loc["gn:167357"],
        seed_tables["control_events"].set_index("event_id"),
        seed_tables["sources"],
    )
    assert "Held by <b>Islamic State</b>" in popup
    assert "Besieged by <b>Syrian Democratic Forces</b>" in popup
    assert "have besieged Manbij" in popup and "Associated Press" in popup


def test_layers_can_be_switched_off(seed_tables, shapes):
    html = render(seed_tables, shapes, aid=False, provinces=False)
    assert "frontline-aid" not in html and "Dayr Az Zawr" not in html


def test_aid_map_marks_unknown_origins(seed_tables, shapes):
    html = maps.aid_map(report.deliveries(seed_tables), shapes).get_root().render()
    assert html.count("frontline-aid") == 3 and "origin not recorded" in html
    assert "frontline-route" not in html  # no origin is known in the seed


def test_aid_map_draws_a_route_from_a_known_origin(seed_tables, shapes):
    rows = report.deliveries(seed_tables).assign(
        origin="Damascus", origin_lat=33.51, origin_lon=36.29
    )
    html = maps.aid_map(rows, shapes).get_root().render()
    assert html.count("frontline-route") == 3


def test_aid_popup_is_html_once_not_escaped_twice(seed_tables, shapes):
    html = maps.aid_map(report.deliveries(seed_tables), shapes).get_root().render()
    assert "<b style='font-size:14px'>Aid to Zamalka</b>" in html
    assert "&lt;b style" not in html and "&amp;lt;" not in html


def test_boundary_names_are_escaped(tmp_path):
    folder = tmp_path / "boundaries"
    folder.mkdir()
    feature = {"type": "Feature", "properties": {"name": "<img src=x onerror=alert(1)>"},
               "geometry": {"type": "Point", "coordinates": [38, 35]}}  # fmt: skip
    for name in ("countries", "provinces"):
        (folder / f"{name}.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8"
        )
    shapes = maps.boundaries(tmp_path)
    assert shapes["provinces"]["features"][0]["properties"]["name"].startswith("&lt;img")
