"""Estimated areas of control: Voronoi cells around the places whose holder is known, clipped to
the countries they lie in and merged by holder. An estimate for the eye, never a fact: each area
is labelled as such, and places without a known holder are left out rather than guessed.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape

from frontline.model import CONTEXT_KINDS


def estimated_areas(snapshot: pd.DataFrame, countries: dict) -> gpd.GeoDataFrame:
    """One polygon per controller: the union of the Voronoi cells of its places, clipped to the
    countries that hold any of the places. `snapshot` needs place_id, lat, lon, kind and
    controller_id (a report snapshot has them)."""
    held = snapshot[snapshot["controller_id"].notna() & ~snapshot["kind"].isin(CONTEXT_KINDS)]
    held = held.drop_duplicates(subset=["lat", "lon"])
    columns = ["controller_id", "places", "geometry"]
    if held.empty:
        return gpd.GeoDataFrame(columns=columns, geometry="geometry", crs="EPSG:4326")
    points = gpd.GeoDataFrame(held, geometry=gpd.points_from_xy(held["lon"], held["lat"]),
                              crs="EPSG:4326")  # fmt: skip
    land = gpd.GeoDataFrame(geometry=[shape(f["geometry"]) for f in countries["features"]],
                            crs="EPSG:4326")  # fmt: skip
    land = land[land.intersects(points.union_all())].union_all()
    if len(points) == 1:
        cells = [land]
    else:
        cells = list(shapely.voronoi_polygons(points.union_all(), extend_to=land).geoms)
    cells = gpd.GeoDataFrame(geometry=cells, crs="EPSG:4326")
    joined = gpd.sjoin(cells, points[["controller_id", "place_id", "geometry"]],
                       predicate="contains")  # fmt: skip
    joined["geometry"] = joined.geometry.intersection(land)
    areas = joined.dissolve(by="controller_id", aggfunc={"place_id": list}).reset_index()
    return areas.rename(columns={"place_id": "places"})[columns]
