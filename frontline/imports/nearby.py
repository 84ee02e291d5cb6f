"""The registry rows a new location could be: what `frontline.imports.locate` hands the merge.

The merge (`gazetteer.merge`) indexes every name of every row it is given, and most of an
import's time placing locations went there: the whole registry around 300 scattered villages
is most of Syria. Yet a row can only be one of the incoming places if its kind can pair with
the incoming one's (two populated places, or two of one kind: `merge._radius`) and it lies
within that pairing's radius, so only those rows — and any row holding an incoming id — are
given to it, and the merge decides exactly as it would over the whole registry.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from frontline.gazetteer import merge
from frontline.gazetteer.places import with_added

MARGIN_KM = 1.0  # a row a little farther is given too: one too many changes nothing
KM_PER_DEGREE = 110.0  # of latitude, rounded down: the window below is never too short


def points(bundled: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """Id, point and kind of every place the store can use (`with_added`'s rows: a bundled
    place keeps its bundled point and kind, a place users added its own)."""
    own = stored[~stored["place_id"].isin(bundled["place_id"])]
    columns = ["place_id", "lat", "lon", "kind"]
    return pd.concat([bundled[columns], own[columns]], ignore_index=True)


def candidates(bundled: pd.DataFrame, stored: pd.DataFrame,
               incoming: pd.DataFrame) -> pd.DataFrame:  # fmt: skip
    """`with_added(bundled, stored)` cut down to the rows that could merge with an incoming
    row (see the module's docstring)."""
    known = points(bundled, stored)
    wanted = set(known["place_id"][reachable(known, incoming)])
    return with_added(bundled[bundled["place_id"].isin(wanted)].reset_index(drop=True),
                      stored[stored["place_id"].isin(wanted)])  # fmt: skip


def reachable(known: pd.DataFrame, incoming: pd.DataFrame) -> np.ndarray:
    """For each known row: can it be one of the incoming rows (a kind that pairs with one's,
    within the pairing's radius and a margin), or does it hold an incoming id?"""
    keep = known["place_id"].isin(incoming["place_id"]).to_numpy(dtype=bool, copy=True)
    populated = incoming["kind"].isin(merge.POPULATED).to_numpy(dtype=bool)
    groups = [(known["kind"].isin(merge.POPULATED), populated, merge.BIG_TOWN_KM)]
    for kind in set(incoming["kind"][~populated]):
        radius = merge.RADIUS_KM.get(kind, merge.FACILITY_KM)
        groups.append((known["kind"] == kind, (incoming["kind"] == kind).to_numpy(), radius))
    for same_kind, mine, radius in groups:
        rows = np.flatnonzero(same_kind.to_numpy(dtype=bool))
        reach = max(radius, merge.POPULATED_KM) + MARGIN_KM
        near = _within(known["lat"].to_numpy(float)[rows], known["lon"].to_numpy(float)[rows],
                       incoming["lat"].to_numpy(float)[mine],
                       incoming["lon"].to_numpy(float)[mine], reach)  # fmt: skip
        keep[rows[near]] = True
    return keep


def _within(lat: np.ndarray, lon: np.ndarray, to_lat: np.ndarray, to_lon: np.ndarray,
            reach_km: float) -> np.ndarray:  # fmt: skip
    """For each point (lat, lon): is one of the `to` points within `reach_km` (haversine, as
    `gazetteer.distance.km`)? Each `to` point measures only the points in its band of
    latitude, found by bisection."""
    out = np.zeros(len(lat), dtype=bool)
    if not len(lat) or not len(to_lat):
        return out
    order = np.argsort(lat, kind="stable")
    sorted_lat = lat[order]
    band = reach_km / KM_PER_DEGREE
    starts = np.searchsorted(sorted_lat, to_lat - band, side="left")
    ends = np.searchsorted(sorted_lat, to_lat + band, side="right")
    for start, end, y, x in zip(starts, ends, to_lat, to_lon, strict=True):
        if start < end:
            rows = order[start:end]
            out[rows[_haversine_km(lat[rows], lon[rows], y, x) <= reach_km]] = True
    return out


def _haversine_km(lat: np.ndarray, lon: np.ndarray, to_lat: float, to_lon: float) -> np.ndarray:
    lat1, lon1 = np.radians(lat), np.radians(lon)
    lat2, lon2 = np.radians(to_lat), np.radians(to_lon)
    across = np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    h = np.sin((lat2 - lat1) / 2) ** 2 + across
    return 12742 * np.arcsin(np.minimum(1.0, np.sqrt(h)))
