"""Estimated areas of control that claim no more than the evidence: a disc around each place
whose holder is known, cut by the Voronoi cells of every place with evidence (so an area never
reaches a place someone else holds, or one whose holder is unknown), shrunk by the age of the
place's newest evidence, clipped to the countries, and merged by holder.

Why these limits: a report that a town is held says something about the town and the roads just
out of it, not about the desert between it and the next town 80 km away; a besieged or
contested place is, by definition, surrounded by someone else, so only its pocket is claimed;
a report a year old says little about today. Places without a known holder are never guessed.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape

from frontline.model import CONTEXT_KINDS
from frontline.vocabulary import State

HELD_RADIUS_KM = 15.0  # a town held: the town and the ground just around it
POCKET_RADIUS_KM = 3.0  # besieged or contested: the pocket, never the besieger's ring
FRESH_DAYS = 90  # evidence this recent (by the map's day) keeps the whole radius …
STALE_DAYS = 365  # … which shrinks to nothing for evidence this old
MIN_PLACES = 3  # fewer places with recent enough evidence: too thin to draw areas
COLUMNS = ["controller_id", "places", "newest", "geometry"]


def newest_evidence(events: pd.DataFrame, as_of: dt.date | str) -> pd.Series:
    """The date of each place's newest control event by the end of `as_of` (place_id → date).
    A date known only to the month or year counts from its first day: older, so smaller."""
    known = events[events["date"] <= pd.Timestamp(as_of)]
    return known.groupby("place_id")["date"].max()


def radius_km(state: str, age_days: float) -> float:
    """How far from a place its holder is claimed: the radius for its state, whole up to
    FRESH_DAYS of age, shrinking linearly to 0 at STALE_DAYS."""
    full = HELD_RADIUS_KM if state == State.HELD else POCKET_RADIUS_KM
    if age_days <= FRESH_DAYS:
        return full
    return max(0.0, full * (STALE_DAYS - age_days) / (STALE_DAYS - FRESH_DAYS))


def evidence_places(
    places: pd.DataFrame, newest: pd.Series, as_of: dt.date | str
) -> gpd.GeoDataFrame:
    """The places with evidence by `as_of` (not countries, not pending), one per point, with
    the date of their newest evidence and the radius their holder is claimed to (0: none)."""
    keep = ~places["kind"].isin(CONTEXT_KINDS) & places["place_id"].isin(newest.index)
    if "pending" in places:
        keep &= ~places["pending"].fillna(False).astype(bool)
    chosen = places[keep].drop_duplicates(subset=["lat", "lon"]).copy()
    chosen["newest"] = chosen["place_id"].map(newest)
    age = (pd.Timestamp(as_of) - chosen["newest"]).dt.days
    radius = [radius_km(s, a) for s, a in zip(chosen["state"], age, strict=True)]
    holders = chosen["controller_id"]
    chosen["radius_km"] = [
        r if isinstance(c, str) else 0.0 for r, c in zip(radius, holders, strict=True)
    ]
    return gpd.GeoDataFrame(
        chosen, geometry=gpd.points_from_xy(chosen["lon"], chosen["lat"]), crs="EPSG:4326"
    )


def estimated_areas(
    places: pd.DataFrame, countries: dict, newest: pd.Series, as_of: dt.date | str
) -> gpd.GeoDataFrame:
    """One area per holder: the union of its places' discs (`radius_km`) cut by their Voronoi
    cells among all places with evidence and clipped to the countries, with the place ids it
    rests on and its newest evidence. `places` needs place_id, kind, lat, lon, state and
    controller_id (a report snapshot or `report.map_places` has them)."""
    points = evidence_places(places, newest, as_of)
    claimed = points[points["radius_km"] > 0]
    if claimed.empty:
        return gpd.GeoDataFrame(columns=COLUMNS, geometry="geometry", crs="EPSG:4326")
    metric = points.estimate_utm_crs()
    projected = points.to_crs(metric)
    land = _land(countries, claimed).to_crs(metric).union_all()
    cells = _cells(projected.geometry)
    discs = projected.geometry.buffer(projected["radius_km"] * 1000, quad_segs=16)
    shapes = [c.intersection(d).intersection(land) for c, d in zip(cells, discs, strict=True)]
    found = projected.set_geometry(shapes)[projected["radius_km"] > 0]
    found = found[~found.geometry.is_empty]
    if found.empty:
        return gpd.GeoDataFrame(columns=COLUMNS, geometry="geometry", crs="EPSG:4326")
    merged = found.dissolve(by="controller_id", aggfunc={"place_id": list, "newest": "max"})
    merged = merged.reset_index().rename(columns={"place_id": "places"})
    return merged[COLUMNS].to_crs("EPSG:4326")


def _land(countries: dict, points: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The countries that hold any of `points`: an area never spills into the sea or abroad."""
    land = gpd.GeoDataFrame(geometry=[shape(f["geometry"]) for f in countries["features"]],
                            crs="EPSG:4326")  # fmt: skip
    return land[land.intersects(points.union_all())]


def _cells(points: gpd.GeoSeries) -> list:
    """Each point's Voronoi cell, in the order of `points` (the whole plane for one point)."""
    if len(points) == 1:
        return [points.iloc[0].buffer(1e9)]
    box = points.union_all().envelope.buffer(1e6)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(list(points)), extend_to=box, ordered=True)
    return list(cells.geoms)


def too_thin(places: pd.DataFrame, newest: pd.Series, as_of: dt.date | str) -> str | None:
    """Why areas would mislead here, or None: fewer than MIN_PLACES places whose holder is known
    from evidence recent enough to claim any ground around them."""
    claimed = (evidence_places(places, newest, as_of)["radius_km"] > 0).sum()
    if claimed >= MIN_PLACES:
        return None
    return (
        f"Estimated areas are not drawn: only {claimed} place(s) have a known holder and "
        f"evidence from the last {STALE_DAYS} days (at least {MIN_PLACES} are needed)."
    )
