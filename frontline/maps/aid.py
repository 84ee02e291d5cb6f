"""Aid on a map: ✚ badges at destinations with their popups, routes from known origins, and
the Aid page's map of deliveries alone. Popups and the badge come from Jinja2 templates
(`aid_popup.html.j2`, `aid_icon.html.j2`), which escape every text from a source once."""

from __future__ import annotations

from html import escape

import folium
import pandas as pd
from branca.element import MacroElement, Template

from frontline.dates import format_partial
from frontline.maps.base import base_map, bounds
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
        "organisations": ", ".join(d.organisations) or "organisations not stated",
        "origin": "origin not recorded" if pd.isna(d.origin) else f"from {d.origin}",
        "supplies": ", ".join(d.items),
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


FAN_PX = 26  # badges closer than this on screen are fanned out side by side


class AidBadges(MacroElement):
    """✚ badges at destinations with their popups, from one list of [lat, lon, html, name] (one
    template for all, however many places). Destinations that fall on the same spot at the
    zoom shown (Zamalka, Irbin and west Harasta at zoom 6) are fanned out in a row, each with
    its name on hover, so every one can be clicked; the fan is redone on every zoom."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var layer = {{ this._parent.get_name() }}, html = {{ this.icon|tojson }};
            var FAN = {{ this.fan }}, badges = [];
            function icon(dx) {
                return L.divIcon({html: html, className: "", iconSize: [22, 20],
                                  iconAnchor: dx === null ? [-6, 24] : [11 - dx, 30]});
            }
            {{ this.rows|tojson }}.forEach(function (r) {
                var m = L.marker([r[0], r[1]], {icon: icon(null), title: "Aid to " + r[3],
                                                alt: "Aid to " + r[3]});
                m.bindPopup(r[2], {maxWidth: 340}).addTo(layer);
                badges.push(m);
            });
            function fan() {
                var map = layer._map, groups = [];
                if (!map) return;
                badges.forEach(function (m) {
                    var at = map.latLngToLayerPoint(m.getLatLng());
                    var g = groups.find(function (g) { return g.at.distanceTo(at) < FAN; });
                    if (g) g.members.push(m); else groups.push({at: at, members: [m]});
                });
                groups.forEach(function (g) {
                    var k = g.members.length;
                    g.members.forEach(function (m, t) {
                        m.setIcon(icon(k === 1 ? null : (t - (k - 1) / 2) * FAN));
                    });
                });
            }
            function attach() { layer._map.on("zoomend", fan); fan(); }
            layer.on("add", attach);
            if (layer._map) attach();
        })();
        {% endmacro %}
    """)

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "AidBadges"
        self.rows = rows
        self.icon = aid_icon()
        self.fan = FAN_PX


def add_aid(m: folium.Map, deliveries: pd.DataFrame) -> None:
    """Aid as ✚ badges at destinations, and lines from origin where the origin is known."""
    layer = folium.FeatureGroup(name="Aid deliveries").add_to(m)
    places = deliveries.drop_duplicates("destination_id").set_index("destination_id")
    popups = aid_popups(deliveries)
    AidBadges([[places.at[p, "lat"], places.at[p, "lon"], html, places.at[p, "destination"]]
               for p, html in popups.items()]).add_to(layer)  # fmt: skip
    routes = deliveries.dropna(subset=["origin_lat"]).drop_duplicates(
        ["origin_id", "destination_id"]
    )
    for row in routes.itertuples():  # one line per route, however many convoys took it
        folium.PolyLine(
            [(row.origin_lat, row.origin_lon), (row.lat, row.lon)], color="#007a3d", weight=2,
            dash_array="6 4", tooltip=escape(f"{row.origin} → {row.destination}"),
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
