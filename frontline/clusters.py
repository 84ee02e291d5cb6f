"""Server-side clustering of map points, per zoom level, so the browser never draws thousands of
overlapping markers: at each zoom, points closer than about one marker's width share a cell of a
grid and are drawn as one cluster. Computed in numpy once per map, shipped as compact indices.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CELL_PX = 40  # a cluster's reach on screen, about two markers wide
FIRST_ZOOM, LAST_ZOOM = 3, 8  # from zoom LAST_ZOOM + 1 on, every point is drawn on its own
TILE_PX = 256


def cell_degrees(zoom: int, px: int = CELL_PX) -> float:
    """Degrees of longitude that `px` screen pixels span at `zoom` (Web Mercator)."""
    return px * 360.0 / (TILE_PX * 2**zoom)


def grid(lat: np.ndarray, lon: np.ndarray, zoom: int) -> np.ndarray:
    """Each point's cluster number at `zoom`, or -1 when it is alone in its cell.

    Latitude cells shrink by the cosine of the points' mean latitude, so cells are about square
    on screen in the region the map shows."""
    if lat.size == 0:
        return np.empty(0, dtype=np.int64)
    size = cell_degrees(zoom)
    squeeze = max(np.cos(np.radians(np.nanmean(lat))), 0.2)
    x = np.floor(lon / size).astype(np.int64)
    y = np.floor(lat / (size * squeeze)).astype(np.int64)
    y -= y.min()
    codes, _ = pd.factorize((x - x.min()) * (int(y.max()) + 1) + y)  # one number per cell
    sizes = np.bincount(codes)
    crowded = sizes[codes] > 1
    out = np.full(lat.size, -1, dtype=np.int64)
    out[crowded], _ = pd.factorize(codes[crowded])
    return out


def levels(lat: np.ndarray, lon: np.ndarray) -> list[dict]:
    """For each zoom from FIRST_ZOOM to LAST_ZOOM: the clusters, each its members' indices (the
    points in no cluster are drawn alone). Positions and counts are derived in the browser."""
    out = []
    for zoom in range(FIRST_ZOOM, LAST_ZOOM + 1):
        cluster = grid(lat, lon, zoom)
        members = np.flatnonzero(cluster >= 0)  # in index order, as each cluster lists them
        ordered = members[np.argsort(cluster[members], kind="stable")].tolist()
        ends = np.cumsum(np.bincount(cluster[members])).tolist() if members.size else []
        starts = [0, *ends][: len(ends)]
        out.append(
            {"zoom": zoom, "clusters": [ordered[a:b] for a, b in zip(starts, ends, strict=True)]}
        )
    return out
