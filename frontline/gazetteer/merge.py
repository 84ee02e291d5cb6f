"""One place, one row: merge a gazetteer into the registry without duplicating a place.

Two rows are the same place when one of their names meets under a matching key (the light,
vowel-folded or consonant-skeleton key of `keys`, or the same p-code) and they lie within a short
distance for their kind (a village's two spellings 5 km apart are one village; two air bases
named after it are not a village). The row already in the registry keeps its id, name and point;
it gains the other's names, the admin chain it lacked, its population if it had none, and its
source, so every name stays traceable.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from frontline import model
from frontline.gazetteer import keys
from frontline.gazetteer.distance import km
from frontline.names import split_tag

POPULATED = frozenset({"town", "village", "neighbourhood", "district", "outposts"})
RADIUS_KM = {"admin1": 60.0, "admin2": 30.0, "admin3": 25.0, "region": 60.0, "hill": 2.0}
POPULATED_KM, BIG_TOWN_KM, FACILITY_KM = 5.0, 10.0, 4.0
BIG_TOWN = 100_000


@dataclass(frozen=True)
class Outcome:
    """What became of one incoming row."""

    place_id: str
    action: str  # added | merged | unchanged | rejected
    into: str  # the registry place it merged into (its own id when added; the reason if refused)


def name_keys(names: list[str]) -> set[str]:
    """Every matching key of these names (p-codes as themselves)."""
    found = set()
    for alias in names:
        name, tag = split_tag(alias)
        if tag == "pcode":
            found.add("pcode:" + name.upper())
            continue
        found |= {k for k in (keys.light(name), keys.vowels(name)) if k}
        if skeleton := keys.skeleton(name):
            found.add("sk:" + skeleton)
    return found


def _radius(a: dict, b: dict) -> float | None:
    """How far apart two rows of these kinds may be and still be one place (None: never)."""
    kinds = {a["kind"], b["kind"]}
    if kinds <= POPULATED:
        big = max(_int(a["population"]), _int(b["population"])) >= BIG_TOWN
        return BIG_TOWN_KM if big else POPULATED_KM
    if len(kinds) > 1:
        return None
    return RADIUS_KM.get(a["kind"], FACILITY_KM)


def _family(place_id: str) -> str:
    """'pc:C1597' → 'pc': ids of one source family."""
    return place_id.partition(":")[0]


def _int(value) -> int:
    return 0 if value is None or pd.isna(value) or value == "" else int(value)


class Registry:
    """Places as records, found by name key; rows merge in one at a time."""

    def __init__(self, places: pd.DataFrame) -> None:
        self.rows: list[dict] = places.to_dict("records")
        self.by_id = {row["place_id"]: i for i, row in enumerate(self.rows)}
        self.by_key: dict[str, list[int]] = defaultdict(list)
        for i, row in enumerate(self.rows):
            self._index(i, row)

    def _index(self, i: int, names: dict | list[str]) -> None:
        """File record `i` under the keys of a row's names (or of the names it just gained)."""
        if isinstance(names, dict):
            names = [names["name"], *names["aliases"]]
        for key in name_keys(names):
            if i not in self.by_key[key]:
                self.by_key[key].append(i)

    def _moved(self, row: dict) -> str:
        i = self.by_id.get(row["place_id"])
        if i is None:
            return ""
        known = self.rows[i]
        apart = km((row["lat"], row["lon"]), (known["lat"], known["lon"]))
        limit = _radius(row, known) or FACILITY_KM
        if apart <= max(limit, POPULATED_KM):
            return ""
        return f"{row['place_id']} is {known['name']}, {apart:.0f} km from this row's point"

    def same_place(self, row: dict) -> int | None:
        """The registry row that is this row's place, the nearest when several qualify. Two
        ids of one family (two p-codes, two geonameids) are two places by their source's word."""
        if row["place_id"] in self.by_id:
            return self.by_id[row["place_id"]]
        point, family = (row["lat"], row["lon"]), _family(row["place_id"])
        best: tuple[float, int] | None = None
        for i in {i for k in name_keys([row["name"], *row["aliases"]]) for i in self.by_key[k]}:
            other = self.rows[i]
            if _family(other["place_id"]) == family or (
                row["country"] and other["country"] and row["country"] != other["country"]
            ):
                continue  # a border town and its twin across the border are two places
            radius = _radius(row, other)
            apart = km(point, (other["lat"], other["lon"])) if radius else math.inf
            if radius and apart <= radius and (best is None or apart < best[0]):
                best = (apart, i)
        return None if best is None else best[1]

    def add(self, row: dict) -> Outcome:
        """Merge `row` into its place, or add it as a new place; a row giving a known id far
        from that place's point is refused (`into` says why), not merged."""
        moved = self._moved(row)
        if moved:
            return Outcome(row["place_id"], "rejected", moved)
        i = self.same_place(row)
        if i is None:
            self.rows.append(dict(row))
            self.by_id[row["place_id"]] = len(self.rows) - 1
            self._index(len(self.rows) - 1, row)
            return Outcome(row["place_id"], "added", row["place_id"])
        target = self.rows[i]
        before = dict(target)
        _absorb(target, row)
        self._index(i, [a for a in [target["name"], *target["aliases"]]
                        if a not in {before["name"], *before["aliases"]}])  # fmt: skip
        action = "unchanged" if target == before else "merged"
        return Outcome(row["place_id"], action, target["place_id"])

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=model.PLACES.names)


def _absorb(target: dict, row: dict) -> None:
    names = [row["name"], *row["aliases"]]
    known = {split_tag(a)[0] for a in [target["name"], *target["aliases"]]}
    extra = [a for a in names if split_tag(a)[0] not in known]
    target["aliases"] = [*target["aliases"], *dict.fromkeys(extra)]
    for column in ("admin1", "admin2", "admin3", "population"):
        if _blank(target[column]) and not _blank(row[column]):
            target[column] = row[column]
    if target["kind"] == "village" and row["kind"] == "town":
        target["kind"] = "town"  # a seat or a city in another source
    if f"; {row['source']}; " not in f"; {target['source']}; ":  # a whole entry, not a part
        target["source"] = f"{target['source']}; {row['source']}"


def _blank(value) -> bool:
    return value is None or value is pd.NA or value == "" or (isinstance(value, float)
                                                             and math.isnan(value))  # fmt: skip


def merge(registry: pd.DataFrame, incoming: pd.DataFrame) -> tuple[pd.DataFrame, list[Outcome]]:
    """The registry with `incoming` merged in, and what became of each incoming row."""
    merged = Registry(registry)
    outcomes = [merged.add(row) for row in incoming.to_dict("records")]
    return merged.frame(), outcomes
