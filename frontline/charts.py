"""Altair charts built from pandas tables, with no Streamlit: testable by their spec."""

from __future__ import annotations

import altair as alt
import pandas as pd


def deliveries_timeline(deliveries: pd.DataFrame) -> alt.Chart:
    """One row per destination, one point per delivery, sized by people reached."""
    rows = deliveries.assign(
        organisations=deliveries["organisations"].map(", ".join),
        items=deliveries["items"].map(", ".join),
        people=deliveries["beneficiaries"].astype("float64"),
        size=deliveries["beneficiaries"].astype("float64").fillna(0),  # unknown: smallest dot
    )[["date", "destination", "organisations", "items", "trucks", "people", "size", "convoy_id"]]
    return (
        alt.Chart(rows)
        .mark_circle(opacity=0.8, stroke="#007a3d", strokeWidth=1.5, color="#7fc7a0")
        .encode(
            x=alt.X("date:T", title="Date"),
            y=alt.Y("destination:N", title=None),
            size=alt.Size("size:Q", title="People reached", scale=alt.Scale(range=[60, 600])),
            tooltip=["date:T", "destination:N", "organisations:N", "items:N", "trucks:Q",
                     "people:Q", "convoy_id:N"],
        )
        .properties(height=max(120, 40 * rows["destination"].nunique()))
    )  # fmt: skip
