"""ACLED's actor names resolved to the registry's actors, and who gained a place.

ACLED's names meet the registry's names and aliases, spelling folded as everywhere
(`names.fold`); an unknown armed actor is added under a stable id, its side from ACLED's inter
code, and reported; rioters, protesters, civilians and unidentified groups are named in the
event's notes, never made actors that could hold a place.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd
from sqlalchemy.engine import Engine

from frontline import model, validation
from frontline.config import Settings
from frontline.gazetteer.formats import slug
from frontline.imports import acled_columns as columns
from frontline.imports.acled_rows import mapped
from frontline.io import csvfile
from frontline.names import fold
from frontline.store.reading import live_rows


def registry_actors(engine: Engine, settings: Settings) -> pd.DataFrame:
    """The actors an ACLED name may be: the store's, and data/actors.csv's the store lacks (a
    store filled some other way than from data/ still meets the curated aliases)."""
    stored = live_rows(engine, model.ACTORS)
    path = settings.data_dir / model.ACTORS.file
    curated = validation.coerce(model.ACTORS, csvfile.read_text_table(path, model.ACTORS.names),
                                origin=str(path))  # fmt: skip
    curated = curated[~curated["actor_id"].isin(stored["actor_id"])].assign(_curated=True)
    return pd.concat([stored.assign(_curated=False), curated], ignore_index=True)


class Actors:
    """ACLED's actor names resolved to registry ids, new armed actors made as they are met."""

    def __init__(self, known: pd.DataFrame, file: str) -> None:
        self.known, self.file = known, file
        self.by_name: dict[str, str] = {}
        for row in known.itertuples(index=False):
            for name in (row.actor_id, row.name, *row.aliases):
                self.by_name.setdefault(_actor_key(name), row.actor_id)
        self.taken = set(known["actor_id"])
        self.new: dict[str, dict] = {}  # actor_id → row
        self.used: set[str] = set()

    def ids(self, *columns_: tuple[pd.Series, pd.Series]) -> list[pd.Series]:
        """Each (names, inter codes) column's actor ids (None where the name is blank or the
        actor holds no ground); a name's inter code is the one ACLED gives it most often
        across all the columns, so one name is one actor."""
        given: dict[str, list[int]] = {}
        for names, inters in columns_:
            for name, code in zip(names.tolist(), inters.tolist(), strict=True):
                if name:
                    codes = given.setdefault(name, [])
                    if code is not None and code is not pd.NA:
                        codes.append(int(code))
        found = {name: self.resolve(name, _armed_mode(codes)) for name, codes in given.items()}
        return [mapped(names, lambda n: found.get(n) if n else None) for names, _ in columns_]

    def resolve(self, name: str, inter: int | None) -> str | None:
        key = _actor_key(name)
        actor_id = self.by_name.get(key)
        if actor_id is None:
            side = columns.side(inter, name)
            if side is None:
                return None
            actor_id = self._new_id(name)
            self.new[actor_id] = {
                "actor_id": actor_id, "name": name, "aliases": [], "side": side,
                "color": columns.colour(actor_id, side), "parent": None,
                "source": f"ACLED export {self.file}: the name as ACLED writes it; side from "
                          f"its actor type ({columns.INTER_NAMES[inter]})",
            }  # fmt: skip
            self.by_name[key] = actor_id
        self.used.add(actor_id)
        return actor_id

    def _new_id(self, name: str) -> str:
        """A slug of the name, stable from one import to the next; a suffix only where a
        different actor already has that slug."""
        base = slug(name) if slug(name) != "place" else "actor"
        actor_id, n = base, 1
        while actor_id in self.taken:
            n += 1
            actor_id = f"{base}-{n}"
        self.taken.add(actor_id)
        return actor_id

    def table(self) -> pd.DataFrame:
        """New actors, and the curated ones this file uses that the store does not hold yet."""
        curated = self.known[self.known["_curated"] & self.known["actor_id"].isin(self.used)]
        rows = [*curated.drop(columns="_curated").to_dict("records"), *self.new.values()]
        return model.typed(model.ACTORS, pd.DataFrame(rows, columns=model.ACTORS.names))

    def added_names(self) -> list[str]:
        return sorted(row["name"] for row in self.new.values())


def _actor_key(name: str) -> str:
    """A name's folded spelling with its numbers as written: folding makes doubled letters
    single, which would make "Brigade 11" the same group as "Brigade 1"."""
    return f"{fold(name)}#{','.join(re.findall(r'[0-9]+', name))}"


def _armed_mode(codes: list[int]) -> int | None:
    """The inter code an actor is given most often, armed ones first (a rebel group once coded
    as rioters is still a rebel group)."""
    pool = [c for c in codes if c in columns.ARMED] or codes
    return Counter(pool).most_common(1)[0][0] if pool else None


def gainers(rows: pd.DataFrame) -> tuple[tuple[pd.Series, pd.Series], tuple[pd.Series, pd.Series]]:
    """Who gained and who lost each territory event's place: actor1 and actor2, swapped where the
    sub-event says a government (or a non-state actor) gained it and actor1 is not one while
    actor2 is — ACLED's actor order carries no direction."""
    inter1, inter2 = rows["inter1"].fillna(0), rows["inter2"].fillna(0)
    rule = rows["sub_event_type"].map({k: t.gainer_is_state for k, t in
                                       columns.TERRITORY.items()})  # fmt: skip
    state1, state2 = inter1 == columns.STATE, inter2 == columns.STATE
    armed2 = inter2.isin(list(columns.ARMED))
    wants_state, wants_other = rule.eq(True), rule.eq(False)
    swap = (wants_state & ~state1 & state2) | (wants_other & state1 & armed2 & ~state2)
    first = (rows["actor1"].where(~swap, rows["actor2"]),
             rows["inter1"].where(~swap, rows["inter2"]))  # fmt: skip
    second = (rows["actor2"].where(~swap, rows["actor1"]),
              rows["inter2"].where(~swap, rows["inter1"]))  # fmt: skip
    return first, second
