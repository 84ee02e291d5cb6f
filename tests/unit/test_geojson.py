"""GeoJSON exports (issue 13) follow RFC 7946: FeatureCollections of Features, coordinates
[longitude, latitude] in WGS84 and in range, no `crs`, polygon rings by the right-hand rule,
dates as ISO text in the properties; text from the data stays plain text. Each point is checked
against the country its place lies in, so swapped coordinates fail."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import shapely
from click.testing import CliRunner
from shapely.geometry import Point, shape

from frontline.cli import main
from frontline.dataset import Dataset
from frontline.exports import geojson

DAY = "2016-06-30"


def _positions(geometry: dict) -> list[list[float]]:
    """Every [lon, lat] of a geometry, whatever its type."""
    coordinates = geometry["coordinates"]
    depth = {"Point": 0, "LineString": 1, "Polygon": 2, "MultiPolygon": 3}[geometry["type"]]
    items = [coordinates]
    for _ in range(depth):
        items = [p for item in items for p in item]
    return items


def _valid(collection: dict, types: set[str]) -> None:
    """The RFC 7946 rules every export keeps, checked on the JSON text as a GIS reads it."""
    parsed = json.loads(geojson.dumps(collection))
    assert parsed["type"] == "FeatureCollection" and "crs" not in parsed
    assert parsed["features"], "something to check"
    for feature in parsed["features"]:
        assert feature["type"] == "Feature" and "crs" not in feature
        assert isinstance(feature["properties"], dict)
        assert feature["geometry"]["type"] in types
        for lon, lat in _positions(feature["geometry"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def _country(shapes: dict, iso2: str):
    found = [shape(f["geometry"]) for f in shapes["countries"]["features"]
             if f["properties"]["iso_a2"] == iso2]  # fmt: skip
    return shapely.union_all(found)


def test_snapshot_points_are_lon_lat_inside_their_country(seed, shapes):
    collection = geojson.snapshot(seed, DAY)
    _valid(collection, {"Point"})
    places = seed.places_by_id
    for feature in collection["features"]:
        place = places.loc[feature["properties"]["place_id"]]
        lon, lat = feature["geometry"]["coordinates"]
        assert (lon, lat) == (pytest.approx(place["lon"]), pytest.approx(place["lat"]))
        country = _country(shapes, place["country"])
        assert country.buffer(0.05).contains(Point(lon, lat)), feature["properties"]["place"]


def test_snapshot_properties_hold_the_state_and_its_sources(seed):
    features = geojson.snapshot(seed, DAY)["features"]
    by_name = {f["properties"]["place"]: f["properties"] for f in features}
    assert not any(f["properties"]["kind"] == "country" for f in features), "no point for Syria"
    fallujah = next(p for n, p in by_name.items() if "Fallujah" in n)
    assert (fallujah["controller"], fallujah["state"]) == ("Iraqi forces", "held")
    assert fallujah["since"] == "2016-06-29" and fallujah["since_precision"] == "day"
    assert fallujah["source_ids"] == ["ap-2016-06-29-boukamal"]
    assert fallujah["sources"] == ["Associated Press, 2016-06-29"]
    assert geojson.snapshot(seed, DAY)["as_of"] == DAY


def test_deliveries_are_points_or_lines_from_their_origin(seed):
    deliveries = seed.aid_deliveries.copy()
    irbin = deliveries["destination_place_id"] == "gn:169372"
    deliveries.loc[irbin, "origin_place_id"] = "fl:zamalka"
    deliveries.loc[irbin, "quote"] = '<b>37 trucks</b> & "food"'
    ds = Dataset.from_tables({**seed.tables(), "aid_deliveries": deliveries})
    collection = geojson.deliveries(ds)
    _valid(collection, {"Point", "LineString"})
    by_id = {f["properties"]["delivery_id"]: f for f in collection["features"]}
    line = by_id["aid-2016-06-29-irbin"]
    places = seed.places_by_id
    ends = [[places.at[p, "lon"], places.at[p, "lat"]] for p in ("fl:zamalka", "gn:169372")]
    assert line["geometry"] == {"type": "LineString", "coordinates": ends}
    assert line["properties"]["quote"] == '<b>37 trucks</b> & "food"', "data, not HTML"
    zamalka = by_id["aid-2016-06-29-zamalka"]
    assert zamalka["geometry"]["type"] == "Point"
    assert zamalka["geometry"]["coordinates"] == ends[0]
    assert zamalka["properties"]["date"] == "2016-06-29"
    assert zamalka["properties"]["reported_first_since"] == "2012-01-01"
    assert zamalka["properties"]["reported_first_since_precision"] == "year"
    assert zamalka["properties"]["organisations"][0] == "International Committee of the Red Cross"


def test_areas_are_polygons_wound_by_the_right_hand_rule(seed, shapes):
    collection = geojson.areas(seed, DAY, shapes["countries"])
    _valid(collection, {"Polygon", "MultiPolygon"})
    land = shapely.union_all([_country(shapes, c) for c in ("SY", "IQ")]).buffer(0.01)
    holders = set()
    for feature in collection["features"]:
        area = shape(feature["geometry"])
        assert area.is_valid and land.contains(area), feature["properties"]["controller"]
        polygons = area.geoms if area.geom_type == "MultiPolygon" else [area]
        for polygon in polygons:
            assert polygon.exterior.is_ccw
            assert all(not ring.is_ccw for ring in polygon.interiors)
        assert feature["properties"]["newest"] == "2016-06-29"
        holders.add(feature["properties"]["controller_id"])
    assert {"is", "iraqi-forces", "rebels"} <= holders
    assert "never a fact" in collection["description"]


def test_areas_are_not_drawn_from_too_little_evidence(seed, shapes):
    collection = geojson.areas(seed, "2013-01-01", shapes["countries"])
    assert collection["features"] == [] and "not drawn" in collection["description"]


def test_dumps_refuses_nan_rather_than_write_what_no_parser_reads():
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [float("nan"), 1.0]},
         "properties": {}}]}  # fmt: skip
    with pytest.raises(ValueError):
        geojson.dumps(bad)


@pytest.mark.store
def test_cli_writes_each_kind(backend, tmp_path):
    for what in ("snapshot", "deliveries", "areas"):
        out = tmp_path / f"{what}.geojson"
        result = CliRunner().invoke(main, ["export", "geojson", "--what", what, "--as-of",
                                           "2016-06-30", "-o", str(out)])  # fmt: skip
        assert result.exit_code == 0, result.output
        parsed = json.loads(out.read_text(encoding="utf-8"))
        assert parsed["type"] == "FeatureCollection" and parsed["features"], what
    snapshot = json.loads((tmp_path / "snapshot.geojson").read_text(encoding="utf-8"))
    manbij = next(f for f in snapshot["features"] if f["properties"]["place"] == "Manbij")
    lon, lat = manbij["geometry"]["coordinates"]
    assert lon == pytest.approx(37.955, abs=0.01) and lat == pytest.approx(36.528, abs=0.01)
    assert pd.Timestamp(snapshot["as_of"]).date().isoformat() == "2016-06-30"
