"""The place registry and an offline geocoder over it.

`Gazetteer()` resolves place names as news writes them (Boukamal, Deir Ezzor, "Hamdan air base",
"the western countryside of Idlib", منبج) with no network, answering like a geopy geocoder.
The registry's tables (`all_places`, `known_names`) are loaded on first use: the geocoder's own
path imports no pandas, so a cold `frontline geocode` stays quick.
"""

from __future__ import annotations

from typing import Any

from frontline.gazetteer.geocoder import Gazetteer

__all__ = ["Gazetteer", "all_places", "curated_places", "known_names", "with_added"]


def __getattr__(name: str) -> Any:
    if name in {"all_places", "curated_places", "known_names", "with_added"}:
        from frontline.gazetteer import places

        return getattr(places, name)
    raise AttributeError(name)
