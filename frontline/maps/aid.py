"""Aid on a map: ✚ badges at destinations with their popups, routes from known origins, and
the Aid page's map of deliveries alone. Popups and the badge come from Jinja2 templates
(`aid_popup.html.j2`, `aid_icon.html.j2`), which escape every text from a source once."""

from __future__ import annotations

from pathlib import Path

import folium
import pandas as pd
from branca.element import MacroElement, Template

from frontline.dates import format_partial
from frontline.html_text import bidi_closed
from frontline.maps.base import base_map, bounds
from frontline.maps.rendering import template_text
from frontline.maps.templating import render, template

AID_POPUP_ROWS = 5  # a place's newest deliveries in its popup; the table below has them all


def aid_icon() -> str:
    """The badge's HTML, one for every destination."""
    return render("aid_icon.html.j2")


def _figures(d) -> str:  # d: a row of report.deliveries, from itertuples
    """The figures a source gave, e.g. "12 trucks, 5,000 people"."""
    trucks = "" if pd.isna(d.trucks) else f"{d.trucks} trucks"
    people = "" if pd.isna(d.beneficiaries) else f"{d.beneficiaries:,} people"
    return ", ".join(f for f in (trucks, people) if f)


def _delivery(d) -> dict[str, object]:
    """One delivery's line of a popup, as plain text for the template to escape."""
    first = d.reported_first_since
    return {
        "when": format_partial(d.date.date(), str(d.date_precision)),
        "organisations": ", ".join(map(bidi_closed, d.organisations)) or "organisations not stated",
        "origin": "origin not recorded" if pd.isna(d.origin) else f"from {d.origin}",
        "supplies": ", ".join(map(bidi_closed, d.items)),  # an RTL mark stays in its item
        "figures": _figures(d),
        "whole_convoy": str(d.figures_scope) == "convoy",
        "first_since": "" if pd.isna(first)
        else format_partial(first.date(), d.reported_first_since_precision),
    }  # fmt: skip


def aid_popups(deliveries: pd.DataFrame) -> dict[str, str]:
    """Each destination's popup: its newest AID_POPUP_ROWS deliveries, newest first, and how
    many earlier ones the table holds (the frame is sorted and cut once, not per place)."""
    newest = deliveries.sort_values(["date", "delivery_id"], ascending=False)
    shown = newest.groupby("destination_id", sort=False).head(AID_POPUP_ROWS)
    items: dict[str, list[dict]] = {}
    for d in shown.itertuples():
        items.setdefault(d.destination_id, []).append(_delivery(d))
    total = deliveries["destination_id"].value_counts()
    names = deliveries.drop_duplicates("destination_id").set_index("destination_id")["destination"]
    popup = template("aid_popup.html.j2")
    return {
        place: popup.render(place=names[place], deliveries=lines,
                            earlier=int(total[place]) - len(lines))
        for place, lines in items.items()
    }  # fmt: skip


AID_BADGES_JS = (Path(__file__).resolve().parent.parent / "templates" / "aid_badges.js").read_text(
    encoding="utf-8"
)
FAN_PX = 26  # badges closer than this on screen share a fan, whose rows are this far apart
BADGE_PX = (22, 20)  # the badge's width and height (aid_icon.html.j2: 18 px wide, 2 px border)


class AidBadges(MacroElement):
    """✚ badges at destinations, each with its name and popup, from one list of
    [lat, lon, popup html, name] most deliveries first (one template for all places), drawn by
    templates/aid_badges.js.

    - A badge alone sits up and right of its place. Destinations that fall on the same spot
      at the zoom shown (Zamalka, Irbin and west Harasta at zoom 6) form a fan: columns of up
      to five badges on a stem to the middle of their places (a dot), southernmost lowest,
      so every one can be clicked; fans that would overlap become one, and a fan of over ten
      places is one badge with their count that zooms in when clicked. Redone on every zoom.
    - Every badge's name is DOM text (textContent) in a pane of its own, decluttered on every
      move: beside, then above or below its badge, never over another name, a badge or a
      control; a name that fits nowhere is left out (its badge keeps it on hover), most
      deliveries first. The base map's names give way to them (map._frontlineTaken).
    - A popup opens above its badge and, when it would cover badges or names near it (a
      fan's others, close neighbours), above those too, then pans into view: the others stay
      visible and clickable. The badge whose popup is open is filled green, and a lifted
      popup has no tip (it would point at another badge).
    The map's container carries data-frontline-aid-names (names shown), -aid-clusters and
    -aid-placed (layouts so far), for tests."""

    _template = Template(AID_BADGES_JS)

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "AidBadges"
        self.rows = rows
        self.icon = aid_icon()
        self.fan = FAN_PX
        self.size = BADGE_PX


ROUTE_COLUMNS = ["origin_id", "destination_id", "origin", "destination", "origin_lat",
                 "origin_lon", "lat", "lon"]  # fmt: skip


def routes(deliveries: pd.DataFrame) -> pd.DataFrame:
    """One row per origin and destination of the deliveries whose origin is known: a route is
    drawn once, however many convoys took it (both the Aid map and the situation layer)."""
    chosen = deliveries[[c for c in ROUTE_COLUMNS if c in deliveries]]
    chosen = chosen[chosen["origin_lat"].notna()]
    return chosen.drop_duplicates(["origin_id", "destination_id"])


def add_aid(m: folium.Map, deliveries: pd.DataFrame) -> None:
    """Aid as ✚ badges at destinations, most deliveries first (their names are placed first),
    and lines from origin where the origin is known."""
    layer = folium.FeatureGroup(name="Aid deliveries").add_to(m)
    places = deliveries.drop_duplicates("destination_id").set_index("destination_id")
    popups = aid_popups(deliveries)
    count = deliveries["destination_id"].value_counts()
    order = sorted(popups, key=lambda p: (-count[p], places.at[p, "destination"], p))
    AidBadges([[places.at[p, "lat"], places.at[p, "lon"], popups[p], places.at[p, "destination"]]
               for p in order]).add_to(layer)  # fmt: skip
    for row in routes(deliveries).itertuples():  # one line per route, however many convoys took it
        folium.PolyLine(
            [(row.origin_lat, row.origin_lon), (row.lat, row.lon)], color="#007a3d", weight=2,
            dash_array="6 4", tooltip=template_text(f"{row.origin} → {row.destination}"),
            className="frontline-route",
        ).add_to(layer)  # fmt: skip


def aid_map(
    deliveries: pd.DataFrame, shapes: dict[str, dict], *, assets: str = "local"
) -> folium.Map:
    """The deliveries alone, for NGO staff: destinations, routes where known, borders."""
    m = base_map(shapes, assets)
    if not deliveries.empty:
        add_aid(m, deliveries)
        m.fit_bounds(bounds(deliveries), padding=(40, 40), max_zoom=9)
    return m
