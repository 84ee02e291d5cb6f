"""The offline gazetteer: places from GeoNames and curated files, and a geocoder over them.

`Gazetteer()` resolves place names as news writes them (Boukamal, Deir Ezzor, "Hamdan air base")
with no network, answering like a geopy geocoder.
"""

from frontline.gazetteer.geocoder import Gazetteer
from frontline.gazetteer.places import all_places, curated_places, geonames_places, known_names

__all__ = ["Gazetteer", "all_places", "curated_places", "geonames_places", "known_names"]
