"""An event in ACLED's columns, written from Frontline's record of it.

For an event that did not come from ACLED (typed in, from a report, from HXL), and for the cells
of an imported one that an editor has changed since. ACLED's vocabulary has no siege and no
claim: such an event becomes ACLED's nearest kind (`acled_columns.DERIVED_TYPES`), and our own
words go in `tags`, so that the importer reads the file back as the same events.
"""

from __future__ import annotations

import pandas as pd

from frontline.dataset import Dataset
from frontline.imports import acled as importer
from frontline.imports import acled_columns as columns
from frontline.vocabulary import EventType, Precision, Status

REGION = "Middle East"
AREA_KINDS = frozenset({"admin1", "admin2", "admin3", "region", "country"})  # geo precision 3


class Deriver:
    """Rows in ACLED's columns from one Dataset's records."""

    def __init__(self, ds: Dataset, admin1: dict[str, str]) -> None:
        self.ds, self.admin1 = ds, admin1
        self.places = ds.places_by_id
        self.actors = ds.actors.set_index("actor_id")
        self.publishers = dict(zip(ds.sources["source_id"], ds.sources["publisher"], strict=True))

    def row(self, record: dict, table: str) -> dict:
        """The event in ACLED's columns, from what Frontline holds."""
        if table == "control_events":
            kind, sub = self._control_types(record)
            first, second = record["actor_id"], record["opponent_id"]
            if record["event_type"] in (EventType.LOST, EventType.WITHDREW):
                first, second = second, first  # ACLED's actor1 is who gains the place
            deaths = ""
        else:
            kind, sub = record["event_type"], cell(record["sub_event_type"])
            first, second = record["actor_id"], record["opponent_id"]
            deaths = "" if pd.isna(record["fatalities"]) else str(int(record["fatalities"]))
        inter1, inter2 = self._inter(first), self._inter(second)
        date = pd.Timestamp(record["date"])
        return {
            "event_id_cnty": str(record["event_id"]).removeprefix(importer.ID_PREFIX),
            "event_date": date.strftime("%Y-%m-%d"), "year": str(date.year),
            "time_precision": str(columns.TIME_PRECISION.get(record["date_precision"], 1)),
            "disorder_type": columns.DISORDER.get(kind, ""), "event_type": kind,
            "sub_event_type": sub, "actor1": self._name(first), "assoc_actor_1": "",
            "inter1": inter1, "actor2": self._name(second), "assoc_actor_2": "",
            "inter2": inter2,
            "interaction": f"{inter1}-{inter2}" if inter2 else f"{inter1} only" if inter1 else "",
            "civilian_targeting": "", "region": REGION, **self._where(record),
            "source": "; ".join(self.publishers.get(s, s) for s in record["source_ids"]),
            "source_scale": "", "notes": record["quote"] or "", "fatalities": deaths,
            "tags": "; ".join(self._tags(record, table)), "timestamp": "",
        }  # fmt: skip

    def _tags(self, record: dict, table: str) -> list[str]:
        """What ACLED's columns cannot say, for the importer (`acled_columns.TAG_TYPE` …)."""
        found = []
        if table == "control_events":
            found.append(f"{columns.TAG_TYPE}={record['event_type']}")
            if record["status"] != Status.REPORTED:
                found.append(f"{columns.TAG_STATUS}={record['status']}")
        if record["date_precision"] == Precision.YEAR:
            found.append(f"{columns.TAG_PRECISION}={record['date_precision']}")
        return found

    def _control_types(self, record: dict) -> tuple[str, str]:
        kind, sub = columns.DERIVED_TYPES[EventType(record["event_type"])]
        gainer = (record["opponent_id"] if record["event_type"] in (EventType.LOST,
                  EventType.WITHDREW) else record["actor_id"])  # fmt: skip
        if record["event_type"] == EventType.CAPTURED and self._side(gainer) == "government":
            sub = "Government regains territory"
        return kind, sub

    def _side(self, actor_id: object) -> str | None:
        if not isinstance(actor_id, str) or actor_id not in self.actors.index:
            return None
        return self.actors.at[actor_id, "side"]

    def _name(self, actor_id: object) -> str:
        if not isinstance(actor_id, str):
            return ""
        return self.ds.actor_names.get(actor_id, actor_id)

    def _inter(self, actor_id: object) -> str:
        side = self._side(actor_id)
        return columns.INTER_NAMES[columns.SIDE_INTER[side]] if side else ""

    def _where(self, record: dict) -> dict:
        """Location cells from the record's place."""
        place = self.places.loc[record["place_id"]]
        found = columns.BY_ISO2.get(place["country"])
        return {
            "iso": str(found.iso) if found else "", "country": found.name if found else "",
            "admin1": self.admin1.get(place["admin1"], "") if isinstance(place["admin1"], str)
            else "", "admin2": cell(place["admin2"]), "admin3": cell(place["admin3"]),
            "location": place["name"], "latitude": f"{place['lat']:.4f}",
            "longitude": f"{place['lon']:.4f}",
            "geo_precision": "3" if place["kind"] in AREA_KINDS else "1",
        }  # fmt: skip


def cell(value: object) -> str:
    """A cell's text: "" for a missing value."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)
