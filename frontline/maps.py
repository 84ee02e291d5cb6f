"""Folium maps built from pandas tables, with no Streamlit: testable by rendering to HTML.

Borders come from data/boundaries so the map reads with no tiles; Leaflet itself is loaded from
the app (see `frontline.assets`). Every text from a source is escaped before it becomes HTML.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement, Template

from frontline import clusters
from frontline.assets import links
from frontline.control import STATES
from frontline.dates import format_partial

UNKNOWN_COLOR = "#999999"
LEGEND_OPEN_UP_TO = 8  # actors; a longer legend starts folded, so it does not hide the map
SITUATION_JS = (Path(__file__).parent / "templates" / "situation.js").read_text(encoding="utf-8")
TILES = {  # optional, online: only when FRONTLINE_TILES asks for them
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
            "contributors"),
    "carto": ("https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
              '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
              'contributors &copy; <a href="https://carto.com/attributions">CARTO</a>'),
}  # fmt: skip
AID_ICON = (
    '<div class="frontline-aid" title="aid delivered" style="background:#fff;'
    "border:2px solid #007a3d;color:#007a3d;border-radius:4px;"
    'font:bold 13px/16px sans-serif;width:18px;text-align:center">✚</div>'
)


@cache
def _geojson(path: str) -> dict:
    """A boundaries file, its names escaped: Leaflet's tooltips insert them as HTML."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    for feature in data["features"]:
        props = feature["properties"]
        props.update({k: escape(v) for k, v in props.items() if isinstance(v, str)})
    return data


def boundaries(data_dir: Path) -> dict[str, dict]:
    """The bundled country and province outlines (Natural Earth, public domain)."""
    return {
        name: _geojson(str(data_dir / "boundaries" / f"{name}.geojson"))
        for name in ("countries", "provinces")
    }


class Sea(MacroElement):
    """Tints the map's background as sea: with no tiles, land is what the borders draw."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.getContainer().style.background = "#dde8f0";
        {% endmacro %}
    """)


class Legend(MacroElement):
    """A Leaflet control with ready-made (already escaped) HTML."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var legend = L.control({position: "topright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "frontline-legend");
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo(map);
        })();
        {% endmacro %}
    """)

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html = html


def legend_html(actors: pd.DataFrame, changed: bool = False) -> str:
    """Colours of the actors, then the symbols for sieges, contests, aid, clusters and (when
    comparing two dates) changes. Every actor is listed, so the legend stays put as the day
    and the filters change."""
    swatch = (
        '<div><span style="display:inline-block;width:12px;height:12px;border-radius:6px;'
        'background:{c};border:1px solid #333;margin-right:6px"></span>{n}</div>'
    )
    rows = [swatch.format(c=escape(a.color), n=escape(a.name)) for a in actors.itertuples()]
    rows.append(swatch.format(c=UNKNOWN_COLOR, n="unknown / not stated"))
    rows += [
        '<div><span style="display:inline-block;width:12px;height:12px;border-radius:8px;'
        'border:2px dashed #333;margin-right:6px"></span>besieged (ring: besieger)</div>',
        '<div><span style="display:inline-block;width:12px;height:12px;border-radius:8px;'
        'border:2px dotted #333;margin-right:6px"></span>contested</div>',
        '<div><span style="display:inline-block;width:12px;height:12px;border-radius:8px;'
        "background:radial-gradient(#007a3d 35%,#fff 36% 48%,#bbb 49%);border:1px solid #333;"
        'margin-right:6px"></span>aid delivered (green centre)</div>',
        '<div><span style="display:inline-block;width:14px;height:14px;border-radius:8px;'
        "background:conic-gradient(#000 0 40%,#E69F00 0 75%,#999 0);border:1px solid #333;"
        'margin-right:6px;vertical-align:middle"></span>several places: number, share by holder'
        "</div>",
    ]
    if changed:
        rows.append(
            '<div><span style="display:inline-block;width:12px;height:12px;'
            'border-radius:8px;border:3px solid #000;margin-right:6px"></span>'
            "changed since the comparison date</div>"
        )
    folded = "" if len(actors) <= LEGEND_OPEN_UP_TO else " (click to open)"
    return (
        '<details style="background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;'
        "font:12px/1.5 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-height:60vh;"
        f'overflow:auto"{" open" if not folded else ""}>'
        f'<summary style="cursor:pointer"><b>Legend</b>{folded}</summary>'
        + "".join(rows)
        + "</details>"
    )


AID_POPUP_ROWS = 5  # a place's newest deliveries in its popup; the table below has them all


def _delivery_html(d) -> str:  # d: a row of report.deliveries, from itertuples
    figures = ", ".join(
        f
        for f in (
            f"{d.trucks} trucks" if not pd.isna(d.trucks) else "",
            f"{d.beneficiaries:,} people" if not pd.isna(d.beneficiaries) else "",
        )
        if f
    )
    scope = " (whole convoy)" if str(d.figures_scope) == "convoy" else ""
    first = ""
    if not pd.isna(d.reported_first_since):
        since = format_partial(d.reported_first_since.date(), d.reported_first_since_precision)
        first = f"<br>First since {since} (reported)"
    orgs = ", ".join(d.organisations) or "organisations not stated"
    origin = "origin not recorded" if pd.isna(d.origin) else f"from {d.origin}"
    when = format_partial(d.date.date(), str(d.date_precision))
    return (
        f"<b>{when}</b> · {escape(orgs)} · {escape(origin)}<br>"
        f"{escape(', '.join(d.items))}{' · ' if figures else ''}{escape(figures)}{scope}{first}"
    )


def aid_popups(deliveries: pd.DataFrame) -> dict[str, str]:
    """Each destination's popup: its newest AID_POPUP_ROWS deliveries, newest first, and how
    many earlier ones the table holds (the frame is sorted and cut once, not per place)."""
    newest = deliveries.sort_values(["date", "delivery_id"], ascending=False)
    shown = newest.groupby("destination_id", sort=False).head(AID_POPUP_ROWS)
    items: dict[str, list[str]] = {}
    for d in shown.itertuples():
        items.setdefault(d.destination_id, []).append(_delivery_html(d))
    total = deliveries["destination_id"].value_counts()
    names = deliveries.drop_duplicates("destination_id").set_index("destination_id")["destination"]
    popups = {}
    for place, lines in items.items():
        if total[place] > len(lines):
            lines.append(
                f"<i>and {total[place] - len(lines):,} earlier deliveries (see the table)</i>"
            )
        popups[place] = (f"<b style='font-size:14px'>Aid to {escape(names[place])}</b><br>"
                         + "<hr style='margin:4px 0'>".join(lines))  # fmt: skip
    return popups


class AidBadges(MacroElement):
    """✚ badges at destinations with their popups, from one list of [lat, lon, html] (one
    template for all, however many places)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var layer = {{ this._parent.get_name() }};
            var icon = L.divIcon({html: {{ this.icon|tojson }}, className: "",
                                  iconSize: [22, 20], iconAnchor: [-6, 24]});
            {{ this.rows|tojson }}.forEach(function (r) {
                L.marker([r[0], r[1]], {icon: icon}).bindPopup(r[2], {maxWidth: 340})
                    .addTo(layer);
            });
        })();
        {% endmacro %}
    """)

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "AidBadges"
        self.rows = rows
        self.icon = AID_ICON


def _add_boundaries(m: folium.Map, shapes: dict[str, dict], provinces: bool, land: bool) -> None:
    """Borders; with no tiles (`land`) countries are filled, so land reads against the sea."""
    folium.GeoJson(
        shapes["countries"],
        name="Countries",
        control=False,
        style_function=lambda _: {
            "color": "#555",
            "weight": 1.5,
            "fillColor": "#f2efe9",
            "fillOpacity": 1 if land else 0,
        },
    ).add_to(m)
    if provinces:
        folium.GeoJson(
            shapes["provinces"],
            name="Provinces",
            style_function=lambda _: {
                "color": "#888",
                "weight": 0.7,
                "dashArray": "3 3",
                "fill": False,
            },
            tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
        ).add_to(m)


def add_aid(m: folium.Map, deliveries: pd.DataFrame) -> None:
    """Aid as ✚ badges at destinations, and lines from origin where the origin is known."""
    layer = folium.FeatureGroup(name="Aid deliveries").add_to(m)
    places = deliveries.drop_duplicates("destination_id").set_index("destination_id")
    popups = aid_popups(deliveries)
    AidBadges([[places.at[p, "lat"], places.at[p, "lon"], html] for p, html in popups.items()]
              ).add_to(layer)  # fmt: skip
    routes = deliveries.dropna(subset=["origin_lat"]).drop_duplicates(
        ["origin_id", "destination_id"]
    )
    for row in routes.itertuples():  # one line per route, however many convoys took it
        folium.PolyLine(
            [(row.origin_lat, row.origin_lon), (row.lat, row.lon)], color="#007a3d", weight=2,
            dash_array="6 4", tooltip=escape(f"{row.origin} → {row.destination}"),
            className="frontline-route",
        ).add_to(layer)  # fmt: skip


def base_map(
    shapes: dict[str, dict], assets: str, provinces: bool = True, tiles: str = "none"
) -> folium.Map:
    """Sea-coloured background, countries and provinces from data, Leaflet from `assets`
    ('local': served by this app; 'cdn': public CDNs); web tiles under the borders only when
    `tiles` names a provider of TILES (they need the internet)."""
    m = folium.Map(tiles=None, max_zoom=14, min_zoom=3, control_scale=True)
    m.default_js, m.default_css = links(assets)
    Sea().add_to(m)
    if tiles in TILES:
        url, attribution = TILES[tiles]
        folium.TileLayer(url, attr=attribution, name=tiles, max_zoom=14).add_to(m)
    _add_boundaries(m, shapes, provinces, land=tiles not in TILES)
    return m


def areas_layer(areas: gpd.GeoDataFrame | None, actors: pd.DataFrame) -> folium.GeoJson | None:
    """Estimated areas in the holder's colour, faint and dashed, each labelled as an estimate."""
    if areas is None or areas.empty:
        return None
    registry = actors.set_index("actor_id")
    features = [
        {"type": "Feature", "geometry": row.geometry.__geo_interface__,
         "properties": {"color": registry.loc[row.controller_id, "color"],
                        "label": escape(f"Estimated area: {registry.loc[row.controller_id, 'name']}"
                                        f" — an estimate from {len(row.places)} place(s)")}}
        for row in areas.itertuples()
    ]  # fmt: skip
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features}, name="Estimated areas",
        style_function=lambda f: {"color": f["properties"]["color"], "weight": 1,
                                  "dashArray": "4 4", "fillColor": f["properties"]["color"],
                                  "fillOpacity": 0.22},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    )  # fmt: skip


def aid_map(
    deliveries: pd.DataFrame, shapes: dict[str, dict], *, assets: str = "local"
) -> folium.Map:
    """The deliveries alone, for NGO staff: destinations, routes where known, borders."""
    m = base_map(shapes, assets)
    if not deliveries.empty:
        add_aid(m, deliveries)
        m.fit_bounds(bounds(deliveries), padding=(40, 40), max_zoom=9)
    return m


class SituationLayer(MacroElement):
    """The places of a map as compact data, drawn in the browser on one canvas: clusters below
    zoom `clusters.LAST_ZOOM + 1`, every place alone above it. See templates/situation.js."""

    _template = Template(SITUATION_JS)

    def __init__(self, data: dict):
        super().__init__()
        self._name = "SituationLayer"
        self.data = data
        self.unknown = UNKNOWN_COLOR


class FitControl(MacroElement):
    """A button that fits the map to the places the situation layer shows."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var fit = L.control({position: "topleft"});
            fit.onAdd = function () {
                var b = L.DomUtil.create("a", "leaflet-bar frontline-fit");
                b.href = "#"; b.title = "Fit to data"; b.textContent = "⤢";
                b.style.cssText = "display:block;width:30px;height:30px;line-height:30px;"
                    + "text-align:center;background:#fff;font-size:18px;color:#222";
                L.DomEvent.on(b, "click", function (e) {
                    L.DomEvent.preventDefault(e);
                    var box = map._frontlineBounds;
                    if (box) map.fitBounds(box, {padding: [30, 30]});
                });
                return b;
            };
            fit.addTo(map);
        })();
        {% endmacro %}
    """)


def _codes(values: pd.Series, index: dict[str, int]) -> list[int]:
    return [index.get(v, -1) if isinstance(v, str) else -1 for v in values]


def situation_data(
    places: pd.DataFrame,
    actors: pd.DataFrame,
    deliveries: pd.DataFrame,
    changed: frozenset[str] = frozenset(),
) -> dict:
    """What the situation layer draws: `places` (from `report.map_places`) as rows of codes,
    their clusters per zoom, and routes of the `deliveries` whose origin is known. Every name is
    escaped here: the browser inserts tooltips as HTML."""
    index = {a: i for i, a in enumerate(actors["actor_id"])}
    ring = places["besieged_by_id"].where(places["state"] == "besieged", places["contested_by_id"])
    columns = [
        places["lat"].round(5), places["lon"].round(5), _codes(places["controller_id"], index),
        places["state"].map({s: i for i, s in enumerate(STATES)}).fillna(3).astype(int),
        _codes(ring, index), (places["confidence"] == "approximate").astype(int),
        places["place"].map(escape), places["events"], places["deliveries"],
        places["place_id"].isin(changed).astype(int),
    ]  # fmt: skip
    rows = [list(r) for r in zip(*(list(c) for c in columns), strict=True)]
    routes = deliveries.dropna(subset=["origin_lat"]).drop_duplicates(
        ["origin_id", "destination_id"]
    )
    return {
        "actors": [[escape(a.name), escape(a.color)] for a in actors.itertuples()],
        "places": rows,
        "levels": clusters.levels(places["lat"].to_numpy(float), places["lon"].to_numpy(float)),
        "first": clusters.FIRST_ZOOM,
        "last": clusters.LAST_ZOOM,
        "routes": routes[["origin_lat", "origin_lon", "lat", "lon"]].round(5).values.tolist(),
        "bounds": bounds(places),
    }  # fmt: skip


def clicked_place(places: pd.DataFrame, tooltip: str | None, at: dict | None) -> str | None:
    """The place a click on the situation layer hit, from what the browser reports: the
    clicked marker's tooltip text (which starts with the place's name) and the click's position
    (which tells apart places whose names start alike). None for a cluster or a miss."""
    if not tooltip or not at:
        return None
    hits = places[[tooltip.startswith(name) for name in places["place"]]]
    if hits.empty:
        return None
    distance = (hits["lat"] - at["lat"]) ** 2 + (hits["lon"] - at["lng"]) ** 2
    return hits.loc[distance.idxmin(), "place_id"]


def bounds(frame: pd.DataFrame) -> list[list[float]] | None:
    """South-west and north-east corners of the points in `frame` (lat, lon columns)."""
    if frame.empty:
        return None
    return [[frame["lat"].min(), frame["lon"].min()], [frame["lat"].max(), frame["lon"].max()]]


def situation_layer(data: dict, areas: dict | None = None) -> folium.FeatureGroup:
    """The part of the map that changes with the day and the filters, as one feature group
    (streamlit-folium swaps it without reloading the map, so pan and zoom are kept)."""
    group = folium.FeatureGroup(name="Situation")
    if areas is not None:
        group.add_child(areas)
    group.add_child(SituationLayer(data))
    return group


def control_map(
    shapes: dict[str, dict],
    actors: pd.DataFrame,
    *,
    assets: str = "local",
    provinces: bool = True,
    fit: list[list[float]] | None = None,
    changed: bool = False,
    tiles: str = "none",
) -> folium.Map:
    """The situation map's fixed part: borders, legend of every actor, a fit button, fitted to
    `fit` (corners). The day's places come separately, from `situation_layer`."""
    m = base_map(shapes, assets, provinces, tiles)
    m.default_js = [(name, url) for name, url in m.default_js if name != "jquery"]  # no popups
    Legend(legend_html(actors, changed)).add_to(m)
    FitControl().add_to(m)
    if fit:
        m.fit_bounds(fit, padding=(30, 30))
    return m


def situation_map(
    places: pd.DataFrame,
    tables: dict[str, pd.DataFrame],
    deliveries: pd.DataFrame,
    shapes: dict[str, dict],
    *,
    changed: frozenset[str] = frozenset(),
    areas: gpd.GeoDataFrame | None = None,
    **options: object,
) -> folium.Map:
    """The whole situation map as one folium map, for a file or a test: `control_map` with the
    `situation_layer` of `places` (from `report.map_places`) on it."""
    data = situation_data(places, tables["actors"], deliveries, changed)
    m = control_map(shapes, tables["actors"], fit=data["bounds"], changed=bool(changed),
                    **options)  # fmt: skip
    situation_layer(data, areas_layer(areas, tables["actors"])).add_to(m)
    return m


def candidates_map(
    candidates: pd.DataFrame, shapes: dict[str, dict], *, assets: str = "local"
) -> folium.Map:
    """Geocoding candidates, numbered best first; the best one larger."""
    m = base_map(shapes, assets)
    for n, row in enumerate(candidates.itertuples(), start=1):
        label = f"{n}. {row.name} ({row.kind}, {row.country}) — score {row.score}"
        folium.CircleMarker(
            (row.lat, row.lon), radius=11 if n == 1 else 7, weight=2, color="#222",
            fill=True, fill_color="#E69F00" if n == 1 else "#56B4E9", fill_opacity=0.9,
            tooltip=escape(label), className="frontline-candidate",
        ).add_to(m)  # fmt: skip
    if not candidates.empty:
        m.fit_bounds(bounds(candidates), padding=(40, 40), max_zoom=8)
    return m
