"""Estimated areas: Voronoi cells by holder, inside the countries, labelled as estimates."""

import pandas as pd
from shapely.geometry import Point, shape

from frontline import areas, maps, report
from frontline.config import PROJECT_ROOT

COUNTRIES = maps.boundaries(PROJECT_ROOT / "data")["countries"]


def _land(*codes: str):
    return [
        shape(f["geometry"]) for f in COUNTRIES["features"] if f["properties"]["iso_a2"] in codes
    ]


def test_one_area_per_holder_containing_its_places(seed):
    snap = report.snapshot(seed, "2016-06-29")
    found = areas.estimated_areas(snap, COUNTRIES).set_index("controller_id")
    assert set(found.index) == {"is", "iraqi-forces", "rebels"}  # unknown holders left out
    assert found.loc["is"].geometry.contains(Point(40.91854, 34.45226))  # Boukamal
    assert found.loc["rebels"].geometry.contains(Point(36.35278, 33.52528))  # Zamalka
    assert "fl:hamdan-air-base" in found.loc["is", "places"]
    syria, iraq = _land("SY"), _land("IQ")
    land = syria[0].union(iraq[0])
    assert all(land.buffer(1e-6).contains(g) for g in found.geometry)


def test_no_known_holder_no_area():
    snap = pd.DataFrame({"place_id": ["p"], "lat": [35.0], "lon": [38.0], "kind": ["town"],
                         "controller_id": [None]})  # fmt: skip
    assert areas.estimated_areas(snap, COUNTRIES).empty


def test_one_holder_gets_its_whole_country():
    snap = pd.DataFrame({"place_id": ["p"], "lat": [35.0], "lon": [38.0], "kind": ["town"],
                         "controller_id": ["a"]})  # fmt: skip
    found = areas.estimated_areas(snap, COUNTRIES)
    assert found.geometry.iloc[0].symmetric_difference(_land("SY")[0]).area < 1e-9


def test_map_layer_is_labelled_an_estimate(seed):
    snap = report.snapshot(seed, "2016-06-29")
    shapes = maps.boundaries(PROJECT_ROOT / "data")
    places = report.map_places(seed, snap, "2016-06-29")
    html = maps.situation_map(places, seed, report.deliveries(seed), shapes,
                              areas=areas.estimated_areas(snap, shapes["countries"])
                              ).get_root().render()  # fmt: skip
    assert "Estimated area: Islamic State" in html and "an estimate from" in html
