"""Who each HXL row's armed groups are: the store's actors, matched by id or by name and alias
(spelling folded), or new actors the file adds.

A side cannot be guessed, so an unknown group is added only when the file gives its side
(`#group+type`); without it the row is refused, saying how to fix it. Ambiguous names (two
actors answer to one) are refused too, rather than picking one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from frontline import model
from frontline.errors import DataError
from frontline.gazetteer.formats import slug
from frontline.imports.acled_inter import colour  # one colour rule for new actors
from frontline.imports.hxl_sheet import Sheet
from frontline.names import matching
from frontline.store.reading import live_rows

SIDE_HINT = ", ".join(model.SIDES)


@dataclass
class Actors:
    """Each row's actor and opponent ids (None where the row names none), and the actors the
    store lacks that the file adds."""

    ids: dict[str, list[str | None]] = dataclasses.field(default_factory=dict)
    added: pd.DataFrame = dataclasses.field(default_factory=lambda: model.empty(model.ACTORS))


def armed_groups(sheet: Sheet, engine: Engine, errors: list[DataError]) -> Actors:
    """Each row's armed groups: the store's actor of that id (`#group+code`) or of that name
    or alias, spelling folded; else a new actor, when the file gives its side
    (`#group+type`) — without one an unknown group is an error, as a side cannot be guessed."""
    held = live_rows(engine, model.ACTORS)
    new: dict[str, dict] = {}
    memo: dict[tuple[str, str, str], str | DataError | None] = {}
    out: dict[str, list[str | None]] = {}
    for role in ("actor", "opponent"):
        names, codes = sheet.text(role), sheet.text(f"{role}_id")
        sides = sheet.text(f"{role}_side")
        out[role] = []
        for position, key in enumerate(zip(names, codes, sides, strict=True)):
            if key not in memo:
                memo[key] = _actor(*key, held, new, sheet.origin)
            found = memo[key]
            if isinstance(found, DataError):
                errors.append(sheet.error(position, role if key[0] else f"{role}_id",
                                          found.reason))  # fmt: skip
                found = None
            out[role].append(found)
    added = model.typed(model.ACTORS, pd.DataFrame(list(new.values())))
    return Actors(out, added)


def _actor(name: str, code: str, side: str, held: pd.DataFrame, new: dict[str, dict],
           origin: str) -> str | DataError | None:  # fmt: skip
    """One armed group's actor id (see `_actors`), or the DataError that says why not."""
    if not name and not code:
        return None
    if code and (code in set(held["actor_id"]) or code in new):
        return code
    for rows in (held, model.typed(model.ACTORS, pd.DataFrame(list(new.values())))):
        found = matching(rows, "actor_id", name) if name and not rows.empty else set()
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            return DataError(f"{name!r} could be any of {', '.join(sorted(found))}: give the "
                             "actor's id in #group+code")  # fmt: skip
    if side not in model.SIDES:
        return DataError(f"unknown armed group {name or code!r}: this store has no actor of "
                         f"that name or alias; give its side in #group+type ({SIDE_HINT}) to "
                         "add it, or add the actor first")  # fmt: skip
    actor_id = code or slug(name)
    if actor_id in set(held["actor_id"]):
        return DataError(
            f"armed group {name!r} is not known by that name, and its id "
            f"{actor_id!r} is another actor's: give its id in #group+code"
        )
    new[actor_id] = {"actor_id": actor_id, "name": name or code, "aliases": [name] if name
                     else [], "color": colour(actor_id, side), "side": side,
                     "parent": None, "source": f"HXL file {Path(origin).name}"}  # fmt: skip
    return actor_id
