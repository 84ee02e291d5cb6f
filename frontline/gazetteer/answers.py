"""What an answer holds (`MATCH_FIELDS`, the keys of its `raw`), and geopy's classes that carry
it, imported only when a `Location` is first asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=1)
def geopy_classes() -> tuple[type, Callable]:
    """geopy's Location, and its Point one per place (a Point normalises its coordinates:
    costly, and the same for every answer there), imported when first asked (geopy is slow to
    import). Points are shared between answers, as cached answers are: treat them as read-only."""
    from geopy.location import Location
    from geopy.point import Point

    return Location, lru_cache(maxsize=65536)(Point)


MATCH_FIELDS = ("name", "place_id", "lat", "lon", "country", "admin1", "kind", "score",
                "source", "low_confidence")  # fmt: skip
