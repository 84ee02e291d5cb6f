"""GeoJSON (RFC 7946) for GIS: the places on a day, the aid deliveries, the estimated areas.

RFC 7946's rules, each kept here: coordinates are WGS84 longitude then latitude (the order
GIS tools read, the reverse of how the rest of Frontline writes a point); no `crs` member;
polygon rings wind counter-clockwise outside and clockwise inside (the right-hand rule). Dates
go in the properties as ISO text with their precision beside them, as the JSON exports write
them (`frontline.io.export.records`), because GeoJSON has no date type. Text from the data stays
plain text, never escaped for HTML: it is data for another tool, which escapes it where it
shows it.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import shapely
from shapely.geometry import mapping

from frontline import areas as area_estimates
from frontline import report
from frontline.config import load_settings
from frontline.dataset import Dataset
from frontline.io.export import records
from frontline.maps import boundaries
from frontline.model import CONTEXT_KINDS

DIGITS = 6  # decimal places of a coordinate: about 10 cm, RFC 7946's advice against more
SNAPSHOT_PROPERTIES = [
    "place_id", "place", "kind", "controller", "controller_id", "state", "besieged_by",
    "besieged_by_id", "contested_by", "contested_by_id", "since", "since_precision",
    "since_basis", "last_event_id", "last_event_type", "confidence", "source_ids",
    "open_claims",
]  # fmt: skip
DELIVERY_PROPERTIES = [
    "delivery_id", "convoy_id", "date", "date_precision", "destination", "destination_id",
    "origin", "origin_id", "organisations", "trucks", "beneficiaries", "figures_scope", "items",
    "reported_first_since", "reported_first_since_precision", "status", "source_ids", "quote",
    "notes",
]  # fmt: skip


def _collection(features: list[dict], **members: object) -> dict:
    return {"type": "FeatureCollection", **members, "features": features}


def _point(lon: object, lat: object) -> list[float] | None:
    """[lon, lat] rounded, or None when either is missing."""
    if pd.isna(lon) or pd.isna(lat):
        return None
    return [round(float(lon), DIGITS), round(float(lat), DIGITS)]


def _feature(geometry: dict | None, properties: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _labels(ds: Dataset) -> dict[str, str]:
    """Source id → 'Associated Press, 2016-06-29', as plain text."""
    return {s.source_id: f"{s.publisher}, {s.published_at.date().isoformat()}"
            for s in ds.sources.itertuples() if not pd.isna(s.published_at)}  # fmt: skip


def _cited(labels: dict[str, str], ids: list[str]) -> list[str]:
    return [labels[i] for i in ids if i in labels]


def snapshot(ds: Dataset, as_of: dt.date | str) -> dict:
    """One Point feature per place (countries left out: a point is no country) with its state
    at the end of `as_of` (`report.snapshot`): holder, besieger, contester, since when, the
    events and sources that say so."""
    rows = report.snapshot(ds, as_of)
    rows = rows[~rows["kind"].isin(CONTEXT_KINDS)]
    labels = _labels(ds)
    features = []
    points = zip(rows["lon"], rows["lat"], strict=True)
    for row, (lon, lat) in zip(records(rows[SNAPSHOT_PROPERTIES]), points, strict=True):
        point = _point(lon, lat)
        row["sources"] = _cited(labels, row["source_ids"])
        features.append(_feature({"type": "Point", "coordinates": point} if point else None, row))
    return _collection(features, as_of=pd.Timestamp(as_of).date().isoformat())


def deliveries(ds: Dataset) -> dict:
    """One feature per delivery: a LineString from its origin to its destination where the
    origin is known, else a Point at the destination."""
    rows = report.deliveries(ds)
    labels = _labels(ds)
    features = []
    ends = zip(rows["origin_lon"], rows["origin_lat"], rows["lon"], rows["lat"], strict=True)
    for row, (olon, olat, lon, lat) in zip(records(rows[DELIVERY_PROPERTIES]), ends,
                                           strict=True):  # fmt: skip
        to, start = _point(lon, lat), _point(olon, olat)
        row["sources"] = _cited(labels, row["source_ids"])
        if to and start:
            geometry: dict | None = {"type": "LineString", "coordinates": [start, to]}
        else:
            geometry = {"type": "Point", "coordinates": to} if to else None
        features.append(_feature(geometry, row))
    return _collection(features)


def areas(ds: Dataset, as_of: dt.date | str, countries: dict | None = None) -> dict:
    """The estimated areas of control at the end of `as_of`, one (Multi)Polygon per holder,
    exactly as the Map draws them (`frontline.areas.estimated_areas` over the map's places):
    with the places each rests on and its newest evidence; no features when the evidence is
    too thin to draw any (`areas.too_thin`). `description` says which, and what an area
    claims.
    `countries`: the borders (default: the bundled ones of the settings' data folder)."""
    day = pd.Timestamp(as_of).date()
    shapes = countries or boundaries(load_settings().data_dir)["countries"]
    places = report.map_places(ds, report.snapshot(ds, day), day)
    newest = area_estimates.newest_evidence(ds.control_events, day)
    thin = area_estimates.too_thin(places, newest, day)
    if thin:
        return _collection([], as_of=day.isoformat(), description=thin)
    found = area_estimates.estimated_areas(places, shapes, newest, day)
    names = ds.actor_names
    features = [
        _feature(_polygon(row.geometry), {
            "controller_id": row.controller_id, "controller": names.get(row.controller_id),
            "places": list(row.places), "newest": pd.Timestamp(row.newest).date().isoformat(),
        })
        for row in found.itertuples()
    ]  # fmt: skip
    return _collection(features, as_of=day.isoformat(), description=AREAS_NOTE)


AREAS_NOTE = (
    f"Estimated areas: up to {area_estimates.HELD_RADIUS_KM:g} km around a place held "
    f"({area_estimates.POCKET_RADIUS_KM:g} km when besieged or contested), cut between places "
    f"of different holders, shrinking for evidence older than {area_estimates.FRESH_DAYS} days, "
    f"none past {area_estimates.STALE_DAYS}: a guess for the eye, never a fact."
)


def _polygon(geometry: shapely.Geometry) -> dict:
    """A shapely (Multi)Polygon as RFC 7946 geometry: rings wound by the right-hand rule,
    coordinates rounded (a rounded ring that folds onto itself is dropped by `make_valid`)."""
    rounded = shapely.make_valid(shapely.set_precision(geometry, 10**-DIGITS))
    parts = [p for p in shapely.get_parts(rounded) if p.geom_type in ("Polygon", "MultiPolygon")]
    polygonal = shapely.union_all(parts) if len(parts) > 1 else parts[0]
    wound = shapely.orient_polygons(polygonal, exterior_cw=False)
    return json.loads(json.dumps(mapping(wound)))  # tuples → lists, as json.loads gives them


def dumps(collection: dict) -> str:
    """The collection as GeoJSON text: UTF-8 letters as they are, and no NaN or Infinity
    (not JSON; an error here rather than a file a GIS cannot open)."""
    return json.dumps(collection, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
