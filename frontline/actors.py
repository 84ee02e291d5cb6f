"""The actor registry: names as sources write them (IS, ISIL, Daesh …) resolved to actor ids."""

from __future__ import annotations

import pandas as pd

from frontline.names import fold


def resolve(actors: pd.DataFrame, name: str) -> str | None:
    """The id of the actor `name` stands for (its id, name or any alias, spelling folded), or
    None when no actor, or more than one, answers to it."""
    key = fold(name)
    found = {
        row.actor_id
        for row in actors.itertuples()
        if key in {fold(n) for n in [row.actor_id, row.name, *row.aliases]}
    }
    return found.pop() if len(found) == 1 else None
