"""Each ACLED row placed on the registry, with ACLED's point.

Every distinct location is looked up once (`frontline.imports.locate`) within the tolerance its
`geo_precision` sets; what the registry lacks is added under an `acled:` id with the file named
as its source. A row that cannot be placed stops the import like any other bad row.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from frontline.config import Settings
from frontline.errors import DataError, ValidationError
from frontline.gazetteer import Gazetteer
from frontline.imports.acled_checks import MAX_ERRORS
from frontline.imports.acled_events import ID_PREFIX
from frontline.imports.locate import Located, locate


def placed(rows: pd.DataFrame, path: Path, settings: Settings, engine: Engine,
           gazetteer: Gazetteer) -> Located:  # fmt: skip
    """Each row's place (`locate`, once per distinct location); a row that cannot be placed
    is a DataError naming it."""
    where = pd.DataFrame({"name": rows["location"], "lat": rows["lat"], "lon": rows["lon"],
                          "country": rows["country"], "admin1": rows["admin1"],
                          "tolerance_km": rows["tolerance_km"]})  # fmt: skip
    key = ["name", "lat", "lon", "country", "admin1"]
    distinct = where.groupby(key, sort=False, as_index=False)["tolerance_km"].max()
    distinct["pcode"], distinct["kind"] = "", "town"
    located = locate(distinct, settings, engine, gazetteer, source=f"ACLED export {path.name}",
                     id_prefix=ID_PREFIX)  # fmt: skip
    distinct["place_id"] = located.place_ids
    ids = where[key].merge(distinct[[*key, "place_id"]], on=key, how="left")["place_id"]
    ids.index = rows.index
    unplaced = ids.fillna("") == ""
    if unplaced.any():
        errors = [DataError(f"cannot place {rows.at[i, 'location']!r} at "
                            f"{rows.at[i, 'lat']}, {rows.at[i, 'lon']}", file=str(path),
                            row=int(i) + 2, field="location")
                  for i in unplaced.index[unplaced.to_numpy()][:MAX_ERRORS]]  # fmt: skip
        raise errors[0] if len(errors) == 1 else ValidationError(errors)
    located.place_ids = ids
    return located
