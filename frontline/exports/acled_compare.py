"""Whether Frontline's record of an imported ACLED event still says what ACLED's row said.

The export writes ACLED's own row back wherever it can, so every column Frontline has no place
for survives; only the groups of cells (`GROUPS`) where our record now differs are replaced.
"Differs" is judged against the importer's own reading of the row (`parsed`), so a row that was
never edited compares equal whatever release wrote it; whole columns are compared at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from frontline.dataset import Dataset
from frontline.imports import acled as importer
from frontline.imports import acled_columns as columns
from frontline.names import fold
from frontline.vocabulary import Status

ACTORS = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction")
KINDS = ("disorder_type", "event_type", "sub_event_type")
# The groups of cells an edit here can change, each replaced whole from our record.
GROUPS = {
    "date": ("event_date", "year", "time_precision"),
    "place": ("location", "latitude", "longitude", "admin1", "admin2", "admin3", "country", "iso",
              "geo_precision"),
    "notes": ("notes",), "source": ("source",), "kinds": KINDS, "actors": ACTORS,
    "fatalities": ("fatalities",),
}  # fmt: skip


class Comparer:
    """Our records against ACLED's rows, for one Dataset's actors and places."""

    def __init__(self, ds: Dataset) -> None:
        self.names = {row.actor_id: {fold(n) for n in (row.actor_id, row.name, *row.aliases)}
                      for row in ds.actors.itertuples(index=False)}  # fmt: skip
        self.all_names = set().union(*self.names.values())
        self.lats = dict(zip(ds.places["place_id"], ds.places["lat"], strict=True))
        self.lons = dict(zip(ds.places["place_id"], ds.places["lon"], strict=True))
        self.folded: dict[str, str] = {}

    def same(self, ours: pd.DataFrame, was: pd.DataFrame, table: str) -> pd.DataFrame:
        """For each event and each group of cells (`GROUPS`), whether our record still says
        what ACLED's row said (the importer's reading of it, `was`), whole columns at once."""

        def text(values: pd.Series) -> np.ndarray:
            return values.astype(object).where(values.notna(), "").to_numpy()

        out = {
            "date": (ours["date"].to_numpy() == was["date"].to_numpy())
            & (text(ours["date_precision"]) == text(was["precision"])),
            "place": self._same_place(ours, was),
            "notes": text(ours["quote"]) == text(was["quote"]),
            "source": np.array([list(ids) == [s] for ids, s in zip(
                ours["source_ids"].tolist(), was["source_id"].tolist(), strict=True)]),
        }  # fmt: skip
        if table == "control_events":
            territory = was["sub_event_type"].map(
                {k: t.event_type.value for k, t in columns.TERRITORY.items()}
            )
            out["kinds"] = ((text(ours["event_type"]) == text(territory))
                            & (text(ours["status"]) == Status.REPORTED.value))  # fmt: skip
            pairs = (("actor_id", "gainer"), ("opponent_id", "loser"))
        else:
            out["kinds"] = (text(ours["event_type"]) == text(was["event_type"])) & (
                text(ours["sub_event_type"]) == text(was["sub_event_type"])
            )
            ours_dead, acled_dead = ours["fatalities"], was["fatalities"]
            both_missing = ours_dead.isna().to_numpy() & acled_dead.isna().to_numpy()
            equal = (ours_dead.astype("Float64") == acled_dead.astype("Float64")).fillna(False)
            out["fatalities"] = both_missing | equal.to_numpy(dtype=bool)
            pairs = (("actor_id", "actor1"), ("opponent_id", "actor2"))
        out["actors"] = np.array([all(self._is(a, n) for a, n in pair) for pair in zip(
            *(zip(ours[o].tolist(), was[w].tolist(), strict=True) for o, w in pairs),
            strict=True)], dtype=bool)  # fmt: skip
        return pd.DataFrame(out)

    def _is(self, actor_id: object, name: str) -> bool:
        """Whether our actor is the one ACLED names; no actor is, where ACLED names none or one
        the importer made no actor of (civilians, protesters, unidentified groups)."""
        folded = self.folded.get(name)
        if folded is None:
            folded = self.folded[name] = fold(name)
        if not isinstance(actor_id, str):
            return not name or folded not in self.all_names
        return folded in self.names.get(actor_id, set())

    def _same_place(self, ours: pd.DataFrame, was: pd.DataFrame) -> np.ndarray:
        """The record's place is the one ACLED's location was placed at: the name as written
        and a point within the geo precision's tolerance of ACLED's."""
        lat = ours["place_id"].map(self.lats).to_numpy(dtype=float, na_value=np.nan)
        lon = ours["place_id"].map(self.lons).to_numpy(dtype=float, na_value=np.nan)
        apart = _km(lat, lon, was["lat"].to_numpy(float), was["lon"].to_numpy(float))
        named = ours["place_name"].astype(object).to_numpy() == was["location"].to_numpy()
        return named & (apart <= was["tolerance_km"].to_numpy(float))


def parsed(raw: pd.DataFrame) -> pd.DataFrame:
    """What the importer makes of ACLED's rows: the values to compare our records with."""
    head = columns.header(raw.columns, "imported_rows")
    parsed = importer.checked(raw, head, "imported_rows")
    parsed["acled_day"] = columns.parse_dates(raw["event_date"])
    parsed["source_id"] = importer.source_ids(parsed["source"])
    parsed["quote"] = importer.quotes(parsed)
    (gainer, _), (loser, _) = importer.gainers(parsed)
    parsed["gainer"], parsed["loser"] = gainer, loser
    return parsed


def _km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle kilometres between points, elementwise (NaN where a point is missing)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = (np.sin((p2 - p1) / 2) ** 2
         + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2)  # fmt: skip
    return 12742 * np.arcsin(np.minimum(1.0, np.sqrt(a)))  # distance.km, elementwise
