"""Aid deliveries: one row per convoy destination, grouped by convoy."""

from __future__ import annotations

import pandas as pd

from frontline.names import fold


def for_place(deliveries: pd.DataFrame, place_ids: set[str]) -> pd.DataFrame:
    """Deliveries that reached any of `place_ids`, oldest first."""
    chosen = deliveries[deliveries["destination_place_id"].isin(place_ids)]
    return chosen.sort_values(["date", "delivery_id"]).reset_index(drop=True)


def match_places(places: pd.DataFrame, query: str) -> set[str]:
    """Place ids whose id, name or alias matches `query` (folded, so spellings may differ)."""
    key = fold(query)
    return {
        row.place_id
        for row in places.itertuples()
        if query == row.place_id or key in {fold(n) for n in [row.name, *row.aliases]}
    }
