"""Places in the places schema: the GeoNames subset, governorates and the curated supplement.

GeoNames' populated places (CC BY 4.0) give towns; the curated CSV adds what GeoNames lacks (air
bases, crossings, suburbs) with a source on every row. Both come out in the places schema, so a
place id (`gn:<geonameid>` or `fl:<slug>`) means the same thing everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from frontline import model, validation
from frontline.errors import DataError
from frontline.names import fold, plain

GEONAMES_FILE = "gazetteer/geonames_sy_iq.csv"
ALIASES_FILE = "gazetteer/aliases.csv"  # spellings GeoNames lacks, each with its source
ADMIN1_FILE = "gazetteer/admin1.csv"  # governorates of Syria and Iraq
GEONAMES_SOURCE = "GeoNames cities15000 (CC BY 4.0), geonameid {id}"
_KINDS = {"PPLC": "town", "PPLA": "town", "PPLA2": "town", "PPLA3": "town", "PPL": "town"}


def geonames_places(data_dir: Path) -> pd.DataFrame:
    """GeoNames rows as places: ids `gn:<geonameid>`, display names without diacritics."""
    path = data_dir / GEONAMES_FILE
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = pd.DataFrame(
        {
            "place_id": "gn:" + raw["geonameid"],
            "name": raw["name"].map(plain),
            "kind": raw["feature_code"].map(_KINDS).fillna("town"),
            "lat": raw["lat"],
            "lon": raw["lon"],
            "country": raw["country"],
            "admin1": raw["country"] + "." + raw["admin1"],
            "population": raw["population"],
            "aliases": (
                raw["name"] + "," + raw["asciiname"] + "," + raw["alternatenames"]
            ).str.replace(",", model.LIST_SEPARATOR),
            "source": raw["geonameid"].map(lambda i: GEONAMES_SOURCE.format(id=i)),
        }
    )
    return validation.coerce(model.PLACES, rows, origin=str(path))


def curated_places(data_dir: Path, file: str = model.PLACES.file) -> pd.DataFrame:
    """A hand-curated or derived file in the places schema, each row with its source."""
    path = data_dir / file
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return validation.coerce(model.PLACES, raw, origin=str(path))


def all_places(data_dir: Path) -> pd.DataFrame:
    """Every place the offline gazetteer knows, curated rows first, with the extra aliases."""
    places = pd.concat(
        [
            curated_places(data_dir),
            curated_places(data_dir, ADMIN1_FILE),
            geonames_places(data_dir),
        ],
        ignore_index=True,
    )
    path = data_dir / ALIASES_FILE
    raw = pd.read_csv(path, dtype=str)
    unknown = ~raw["place_id"].isin(places["place_id"])
    if unknown.any():
        line = int(unknown.idxmax()) + 2
        raise DataError(
            f"unknown place id {raw['place_id'][line - 2]!r}",
            file=str(path),
            row=line,
            field="place_id",
        )
    extra = raw.groupby("place_id")["alias"].agg(list)
    places["aliases"] = [
        a + [x for x in extra.get(pid, []) if x not in a]
        for pid, a in zip(places["place_id"], places["aliases"], strict=True)
    ]
    return places


def known_names(place: pd.Series) -> set[str]:
    """Folded name and aliases of one place: what a source may call it."""
    return {fold(n) for n in [place["name"], *place["aliases"]] if n}
