"""The situation map's context layer: the events that did not change control (an import's
battles, strikes, protests …) in the days up to the map's day, as a density, drawn in the
browser by templates/context.js under the places, on their canvas.

One soft violet disc per place, its size growing with the number of events there: at a war's
scale (a million events, 20,000 places) the discs merge into a density where the fighting is,
never one mark per event. No control mark looks like it: those are solid discs in a holder's
colour with a dark outline, rings and stars; this is blurred, outline-free and of a colour no
actor uses. Its legend entry ("other events …, last 30 days") is added to the map's legend by the
layer itself, so the map's fixed part stays the same whether the layer is on or off.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import pandas as pd
from branca.element import MacroElement, Template

from frontline import context
from frontline.html_text import bidi_closed
from frontline.maps.rendering import script_json
from frontline.model import CONTEXT_KINDS

CONTEXT_JS = (Path(__file__).resolve().parent.parent / "templates" / "context.js").read_text(
    encoding="utf-8"
)
# a deep violet: at least 22 ΔE from every actor's colour and the map's marks, with normal,
# deuteranope and protanope vision (tests/unit/test_context_map.py); seen translucent, lavender
COLOR = "#3f007d"
FIELDS = ("lat", "lon", "name", "events", "fatalities", "unstated", "approximate", "newest",
          "types")  # fmt: skip
RADIUS_PX = (7.0, 3.5, 30.0)  # a disc's radius: the first + the second x √events, at most the third
# the opacity at a disc's centre: strong for a few places, fainter for many, where discs overlap
# and add up (at 20,000 places a lone disc would otherwise be as dark as the densest front)
ALPHA = (0.65, 0.3, 300)  # at most, at least, and the number of places up to which it is most


def centre_alpha(places: int) -> float:
    """How opaque a disc's centre is when `places` discs are drawn (see ALPHA)."""
    most, least, up_to = ALPHA
    return round(max(least, min(most, most * (up_to / max(places, 1)) ** 0.5)), 3)


def legend_text(days: int = context.WINDOW_DAYS) -> str:
    """What the legend says the layer is."""
    return f"other events: did not change control, last {days} days (size: number at a place)"


def context_data(
    summary: pd.DataFrame,
    places: pd.DataFrame,
    day: dt.date | str,
    days: int = context.WINDOW_DAYS,
) -> dict:
    """What the context layer draws: the rows of `context.per_place` (for the window of `days`
    ending with `day`) at their places (`places` indexed by place id), fewest events first so
    that the browser stacks a small disc above a big one. A place without coordinates, or one
    that is a country (drawn as a border, never as a point), is left out and counted in
    `left_out`. Names and types are escaped here (`_html`): the browser inserts tooltips as
    HTML."""
    where = summary.join(places[["name", "lat", "lon", "kind"]], on="place_id")
    drawn = where["lat"].notna() & where["lon"].notna() & ~where["kind"].isin(CONTEXT_KINDS)
    rows = where[drawn].sort_values(["events", "place_id"], kind="stable")
    columns = {
        "lat": rows["lat"].round(5), "lon": rows["lon"].round(5),
        "name": rows["name"].astype(object).fillna(rows["place_id"]).map(_html),
        "events": rows["events"], "fatalities": rows["fatalities"],
        "unstated": rows["fatalities_unstated"], "approximate": rows["approximate"],
        "newest": pd.Series(context.newest_text(rows), index=rows.index),
        "types": rows["types"].map(_html),
    }  # fmt: skip
    plain = [columns[f].tolist() for f in FIELDS]
    return {
        "fields": {name: i for i, name in enumerate(FIELDS)},
        "places": [list(r) for r in zip(*plain, strict=True)],
        "day": str(pd.Timestamp(day).date()),
        "days": days,
        "legend": escape(legend_text(days)),
        "radius": list(RADIUS_PX),
        "alpha": centre_alpha(len(rows)),
        "left_out": int(where.loc[~drawn, "events"].sum()),
    }


def _html(text: str) -> str:
    """Text for the tooltip's HTML: escaped, its direction marks closed (an override in a name
    never reverses the tooltip's own words after it)."""
    return escape(bidi_closed(text))


def summary_line(data: dict) -> str:
    """One plain sentence on what the layer shows (for a caption under the map)."""
    rows, f = data["places"], data["fields"]
    count = sum(r[f["events"]] for r in rows)
    if not count and not data["left_out"]:
        return (f"Other events (context): none recorded in the {data['days']} days to "
                f"{data['day']} (events that did not change who holds a place).")
    text = (f"Other events (context): {count:,} event{'s' * (count != 1)} at {len(rows):,} "
            f"place{'s' * (len(rows) != 1)} in the {data['days']} days to {data['day']}, none "
            "of which changed who holds a place; a violet disc grows with the number at a "
            "place.")  # fmt: skip
    if data["left_out"]:
        text += f" {data['left_out']:,} more at places with no point on the map are not drawn."
    return text


class ContextLayer(MacroElement):
    """The context events of `context_data`, drawn by templates/context.js in the situation
    layer's feature group (so it is swapped with the day, keeping pan and zoom)."""

    _template = Template(CONTEXT_JS)

    def __init__(self, data: dict):
        super().__init__()
        self._name = "ContextLayer"
        self.payload = script_json(data)
        self.color = COLOR
