"""Distances between points, for merging places and ranking namesakes (no geopy: a cold
geocoder must not import it, and its exact ellipsoid is not needed at these scales)."""

from __future__ import annotations

import math

Point = tuple[float, float]  # (lat, lon) in degrees


def km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def near_km(a: Point, b: Point) -> float:
    """Distance on a flat map around `a`: within a few per cent of the great circle at the
    tens of kilometres that tell namesakes apart, and a fraction of its cost."""
    dy = (b[0] - a[0]) * 110.6
    dx = (b[1] - a[1]) * 111.3 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)
