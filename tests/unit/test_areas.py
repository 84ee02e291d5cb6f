"""Estimated areas claim no more than the evidence: a radius around places with a known holder,
shrinking with the evidence's age, never reaching a place of another holder, labelled."""

import math
from pathlib import Path

import harness  # tests/harness.py
import pandas as pd
import pytest
from shapely.geometry import Point, shape

from frontline import areas, maps, report
from frontline.config import PROJECT_ROOT
from frontline.dataset import Dataset
from frontline.io.dataset import read_dataset

COUNTRIES = maps.boundaries(PROJECT_ROOT / "data")["countries"]
DAMASCUS, MOSUL = Point(36.29, 33.51), Point(43.13, 36.34)


def _land(*codes: str):
    return [
        shape(f["geometry"]) for f in COUNTRIES["features"] if f["properties"]["iso_a2"] in codes
    ]


def _areas(ds: Dataset, day: str):
    places = report.map_places(ds, report.snapshot(ds, day), day)
    newest = areas.newest_evidence(ds.control_events, day)
    return areas.estimated_areas(places, COUNTRIES, newest, day).set_index("controller_id")


def _km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine) between two lon/lat points."""
    la1, la2 = math.radians(a.y), math.radians(b.y)
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin(math.radians(b.x - a.x) / 2) ** 2)  # fmt: skip
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _town(place_id, lat, lon, holder, state="held", kind="town"):
    return {"place_id": place_id, "lat": lat, "lon": lon, "kind": kind,
            "controller_id": holder, "state": state}  # fmt: skip


def test_seed_areas_stay_around_their_places(seed):
    for day in ("2016-06-29", "2016-06-30"):
        found = _areas(seed, day)
        assert set(found.index) == {"is", "iraqi-forces", "rebels"}
        assert found.loc["is"].geometry.contains(Point(40.91854, 34.45226))  # Boukamal
        assert found.loc["rebels"].geometry.contains(Point(36.35278, 33.52528))  # Zamalka
        assert not any(g.contains(DAMASCUS) for g in found.geometry)  # not rebel-held
        assert not found.loc["iraqi-forces"].geometry.contains(MOSUL)
        land = _land("SY")[0].union(_land("IQ")[0])
        assert all(land.buffer(1e-6).contains(g) for g in found.geometry)
    assert str(found.loc["is", "newest"].date()) == "2016-06-29"


def test_evidence_older_than_a_year_claims_nothing(seed):
    found = _areas(seed, "2016-06-29")
    assert "fl:hamdan-air-base" in found.loc["is", "places"]
    # the Al-Qa'im crossing: captured "in 2014", nothing since
    assert "fl:qaim-border-crossing" not in found.loc["is", "places"]
    assert areas.radius_km("held", 0) == areas.HELD_RADIUS_KM
    assert 0 < areas.radius_km("held", 200) < areas.HELD_RADIUS_KM
    assert areas.radius_km("held", areas.STALE_DAYS) == 0
    assert areas.radius_km("besieged", 0) == areas.POCKET_RADIUS_KM < areas.HELD_RADIUS_KM


def test_an_area_shrinks_as_its_evidence_ages():
    places = pd.DataFrame([_town("a", 35.0, 38.0, "x")])
    sizes = []
    for day in ("2016-01-10", "2016-08-01", "2016-12-01", "2017-02-01"):
        found = areas.estimated_areas(
            places, COUNTRIES, pd.Series({"a": pd.Timestamp("2016-01-01")}), day
        )
        sizes.append(found.geometry.iloc[0].area if len(found) else 0.0)
    assert sizes[0] > sizes[1] > sizes[2] > 0 == sizes[3]


def test_no_area_reaches_a_place_of_another_or_an_unknown_holder():
    places = pd.DataFrame([_town("a", 35.0, 38.0, "x"), _town("b", 35.0, 38.1, "y"),
                           _town("c", 35.08, 38.0, None, state="besieged")])  # fmt: skip
    newest = pd.Series(pd.Timestamp("2016-01-01"), index=["a", "b", "c"])
    found = areas.estimated_areas(places, COUNTRIES, newest, "2016-01-02").set_index(
        "controller_id"
    )
    assert set(found.index) == {"x", "y"}  # the unknown holder gets no area
    x, y = found.loc["x"].geometry, found.loc["y"].geometry
    assert not x.contains(Point(38.1, 35.0)) and not y.contains(Point(38.0, 35.0))
    assert not x.contains(Point(38.0, 35.08)) and not y.contains(Point(38.0, 35.08))
    assert x.intersection(y).area < 1e-9


def test_no_known_holder_no_area_and_too_thin_is_said():
    places = pd.DataFrame([_town("p", 35.0, 38.0, None)])
    newest = pd.Series({"p": pd.Timestamp("2016-01-01")})
    assert areas.estimated_areas(places, COUNTRIES, newest, "2016-01-02").empty
    note = areas.too_thin(places, newest, "2016-01-02")
    assert note and "only 0 place(s)" in note


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    env = harness.synthetic_dataset(3000, tmp_path_factory.mktemp("synthetic"))
    folders = Path(env["FRONTLINE_DATA_DIR"]), Path(env["FRONTLINE_SEEDS_DIR"])
    return Dataset.from_tables(read_dataset(*folders))


def test_synthetic_war_every_area_point_is_near_a_place_of_its_holder(synthetic):
    day = str(synthetic.span[1])
    places = report.map_places(synthetic, report.snapshot(synthetic, day), day)
    newest = areas.newest_evidence(synthetic.control_events, day)
    found = areas.estimated_areas(places, COUNTRIES, newest, day)
    assert len(found) >= 3 and areas.too_thin(places, newest, day) is None
    held = places[places["controller_id"].notna()]
    for row in found.itertuples():
        own = [
            Point(p.lon, p.lat)
            for p in held[held["controller_id"] == row.controller_id].itertuples()
        ]
        others = held[held["controller_id"] != row.controller_id]
        edge = list(row.geometry.boundary.coords) if row.geometry.geom_type == "Polygon" else [
            c for g in row.geometry.geoms for c in g.exterior.coords]  # fmt: skip
        for lon, lat in edge[::7]:
            nearest = min(_km(Point(lon, lat), p) for p in own)
            assert nearest <= areas.HELD_RADIUS_KM * 1.01 + 0.05
        inside = [Point(p.lon, p.lat) for p in others.itertuples()
                  if row.geometry.contains(Point(p.lon, p.lat))]  # fmt: skip
        assert inside == []  # never across a place another actor holds


def test_map_layer_is_labelled_an_estimate_with_its_evidence(seed):
    shapes = maps.boundaries(PROJECT_ROOT / "data")
    places = report.map_places(seed, report.snapshot(seed, "2016-06-29"), "2016-06-29")
    found = areas.estimated_areas(places, shapes["countries"],
                                  areas.newest_evidence(seed.control_events, "2016-06-29"),
                                  "2016-06-29")  # fmt: skip
    html = maps.situation_map(places, seed, report.deliveries(seed), shapes,
                              areas=found).get_root().render()  # fmt: skip
    labels = [f["properties"]["label"] for f in maps.areas_layer(found, seed.actors)["features"]]
    assert "Estimated area: Islamic State — from 4 places, newest evidence 2016-06-29" in labels
    assert "Estimated area: Islamic State — from 4 places" in html  # the hover label
    assert "estimated area (from 7 places)" in html  # the legend's entry
