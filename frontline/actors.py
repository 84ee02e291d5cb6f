"""The actor registry: names as sources write them (IS, ISIL, Daesh …) resolved to actor ids."""

from __future__ import annotations

import pandas as pd

from frontline.names import matching


def resolve(actors: pd.DataFrame, name: str) -> str | None:
    """The id of the actor `name` stands for (its id, name or any alias, spelling folded), or
    None when no actor, or more than one, answers to it."""
    found = matching(actors, "actor_id", name)
    return found.pop() if len(found) == 1 else None
