"""Which country and governorate a point lies in, from the bundled Natural Earth boundaries.

Places from sources that give no GeoNames admin-1 code (OCHA's p-codes, Wikipedia's map points,
a user's CSV) get one here, so the admin chain of every place reads the same way.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

PROVINCES = "boundaries/provinces.geojson"
COUNTRIES = "boundaries/countries.geojson"


@cache
def _layer(path: Path, key: str) -> tuple[shapely.STRtree, list[str]]:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    shapes = [shape(f["geometry"]) for f in features]
    return shapely.STRtree(shapes), [f["properties"][key] for f in features]


def locate(data_dir: Path, lat: np.ndarray, lon: np.ndarray) -> tuple[list[str], list[str]]:
    """(country codes, GeoNames admin-1 codes) of each point; '' where it lies in none (a border
    village the 1:10m outline cuts off takes the nearest governorate within 10 km). The country
    is the governorate's where there is one: the 1:10m provinces follow the border far closer
    than the 1:110m countries, which put Harem and Azaz in Turkey."""
    points = shapely.points(np.asarray(lon, float), np.asarray(lat, float))
    provinces = _within(data_dir / PROVINCES, "gn_a1_code", points, 0.1)
    countries = _within(data_dir / COUNTRIES, "iso_a2", points, 0.05)
    return [p[:2] if p else c for p, c in zip(provinces, countries, strict=True)], provinces


def _within(path: Path, key: str, points: np.ndarray, slack: float) -> list[str]:
    tree, values = _layer(path, key)
    out = [""] * len(points)
    inside, shapes = tree.query(points, predicate="within")
    for p, s in zip(inside, shapes, strict=True):
        out[p] = values[s]
    missing = [i for i, v in enumerate(out) if not v]
    if missing:
        near, shapes = tree.query_nearest(points[missing], max_distance=slack)
        for p, s in zip(near, shapes, strict=True):
            out[missing[p]] = out[missing[p]] or values[s]
    return out
