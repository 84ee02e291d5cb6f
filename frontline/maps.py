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

from frontline.assets import links
from frontline.dates import format_partial

UNKNOWN_COLOR = "#999999"
MARKER_KINDS_HIDDEN = ("country",)  # countries are context, not points to hold
STATE_RING = {"besieged": "6 4", "contested": "2 4"}
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


def legend_html(actors: pd.DataFrame, used: set[str], changed: bool = False) -> str:
    """Colours of the actors on the map, then the symbols for sieges, contests, aid and (when
    comparing two dates) changes."""
    swatch = (
        '<div><span style="display:inline-block;width:12px;height:12px;border-radius:6px;'
        'background:{c};border:1px solid #333;margin-right:6px"></span>{n}</div>'
    )
    rows = [
        swatch.format(c=escape(a.color), n=escape(a.name))
        for a in actors.itertuples()
        if a.actor_id in used
    ]
    rows.append(swatch.format(c=UNKNOWN_COLOR, n="unknown / not stated"))
    rows += [
        '<div><span style="display:inline-block;width:12px;height:12px;border-radius:8px;'
        'border:2px dashed #333;margin-right:6px"></span>besieged (ring: besieger)</div>',
        '<div><span style="display:inline-block;width:12px;height:12px;border-radius:8px;'
        'border:2px dotted #333;margin-right:6px"></span>contested</div>',
        '<div><span style="color:#007a3d;font-weight:bold;margin-right:6px">✚</span>'
        "aid delivered</div>",
    ]
    if changed:
        rows.append(
            '<div><span style="display:inline-block;width:12px;height:12px;'
            'border-radius:8px;border:3px solid #000;margin-right:6px"></span>'
            "changed since the comparison date</div>"
        )
    return (
        '<div style="background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;'
        'font:12px/1.5 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)">'
        "<b>Control</b>" + "".join(rows) + "</div>"
    )


def _event_html(event: pd.Series, sources: pd.DataFrame) -> str:
    when = format_partial(event["date"].date(), event["date_precision"])
    cited = sources[sources["source_id"].isin(event["source_ids"])]
    lines = [
        f"<b>{escape(when)}</b> · {escape(event['event_type'].replace('_', ' '))}"
        f" · <i>{escape(event['status'])}</i>",
        f"<blockquote style='margin:4px 0;padding-left:6px;border-left:3px solid #ccc'>"
        f"{escape(event['quote'])}</blockquote>",
    ]
    for label in ("claimed_by", "confirmed_by"):
        if not pd.isna(event[label]):
            lines.append(f"{label.replace('_', ' ').capitalize()}: {escape(event[label])}")
    lines += [
        f"Source: {escape(s.publisher)}, “{escape(s.title)}”, {s.published_at.date().isoformat()}"
        for s in cited.itertuples()
    ]
    return "<br>".join(lines)


def place_popup(row: pd.Series, events: pd.DataFrame, sources: pd.DataFrame) -> str:
    """Who holds the place, since when, and the event and quote that say so (`events` indexed
    by event_id, so that each popup looks its events up instead of scanning them all)."""
    state = row["state"]
    holder = row["controller"] if isinstance(row["controller"], str) else "not stated"
    parts = [
        f"<b style='font-size:14px'>{escape(row['place'])}</b> "
        f"<span style='color:#666'>({escape(row['kind'].replace('_', ' '))})</span>",
        f"Held by <b>{escape(holder)}</b> · {escape(state)}",
    ]
    if isinstance(row["besieged_by"], str):
        parts.append(f"Besieged by <b>{escape(row['besieged_by'])}</b>")
    if not pd.isna(row["since"]):
        parts.append(
            f"Since {format_partial(row['since'].date(), row['since_precision'])}"
            f" ({escape(row['confidence'])})"
        )
    if isinstance(row["basis_event_id"], str):
        parts.append(_event_html(events.loc[row["basis_event_id"]], sources))
    for claim in row["open_claims"]:
        parts.append("<i>Unconfirmed claim:</i> " + _event_html(events.loc[claim], sources))
    return "<br>".join(parts)


def aid_popup(rows: pd.DataFrame) -> str:
    """Deliveries to one place, newest first."""
    items = []
    for d in rows.sort_values("date", ascending=False).itertuples():
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
        items.append(
            f"<b>{when}</b> · {escape(orgs)} · {escape(origin)}<br>"
            f"{escape(', '.join(d.items))}{' · ' if figures else ''}{escape(figures)}"
            f"{scope}{first}"
        )
    name = escape(rows.iloc[0]["destination"])
    return f"<b style='font-size:14px'>Aid to {name}</b><br>" + "<hr style='margin:4px 0'>".join(
        items
    )


def _add_boundaries(m: folium.Map, shapes: dict[str, dict], provinces: bool) -> None:
    folium.GeoJson(
        shapes["countries"],
        name="Countries",
        control=False,
        style_function=lambda _: {
            "color": "#555",
            "weight": 1.5,
            "fillColor": "#f2efe9",
            "fillOpacity": 1,
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


def _add_place(
    layer: folium.FeatureGroup, row: pd.Series, colors: dict[str, str], popup: str
) -> None:
    color = colors.get(row["controller_id"], UNKNOWN_COLOR)
    location = (row["lat"], row["lon"])
    ring = STATE_RING.get(row["state"])
    if ring:
        by = row["besieged_by_id"] if row["state"] == "besieged" else row["contested_by_id"]
        folium.CircleMarker(
            location,
            radius=15,
            weight=3,
            fill=False,
            dash_array=ring,
            color=colors.get(by, "#333"),
            className=f"frontline-ring frontline-{row['state']}",
        ).add_to(layer)
    folium.CircleMarker(
        location,
        radius=9,
        weight=1.5,
        color="#222",
        fill=True,
        fill_color=color,
        fill_opacity=0.55 if row["confidence"] == "approximate" else 0.95,
        className="frontline-place",
        tooltip=escape(
            f"{row['place']}: {row['controller'] or 'unknown'} ({row['state']})"
            if isinstance(row["controller"], str)
            else f"{row['place']}: {row['state']}"
        ),
        popup=folium.Popup(popup, max_width=340),
    ).add_to(layer)


def add_aid(m: folium.Map, deliveries: pd.DataFrame) -> None:
    """Aid as ✚ badges at destinations, and lines from origin where the origin is known."""
    layer = folium.FeatureGroup(name="Aid deliveries").add_to(m)
    for _, rows in deliveries.groupby("destination_id"):
        first = rows.iloc[0]
        folium.Marker(
            (first["lat"], first["lon"]),
            popup=folium.Popup(aid_popup(rows), max_width=340),
            icon=folium.DivIcon(html=AID_ICON, icon_size=(22, 20), icon_anchor=(-6, 24)),
        ).add_to(layer)
    routes = deliveries.dropna(subset=["origin_lat"])
    for row in routes.itertuples():
        folium.PolyLine(
            [(row.origin_lat, row.origin_lon), (row.lat, row.lon)], color="#007a3d", weight=2,
            dash_array="6 4", tooltip=escape(f"{row.origin} → {row.destination}"),
            className="frontline-route",
        ).add_to(layer)  # fmt: skip


def base_map(shapes: dict[str, dict], assets: str, provinces: bool = True) -> folium.Map:
    """No tiles: sea-coloured background, countries and provinces from data, Leaflet from
    `assets` ('local': served by this app; 'cdn': public CDNs)."""
    m = folium.Map(tiles=None, max_zoom=14, min_zoom=3, control_scale=True)
    m.default_js, m.default_css = links(assets)
    Sea().add_to(m)
    _add_boundaries(m, shapes, provinces)
    return m


def _add_areas(m: folium.Map, areas: gpd.GeoDataFrame, actors: pd.DataFrame) -> None:
    """Estimated areas in the holder's colour, faint and dashed, each labelled as an estimate."""
    registry = actors.set_index("actor_id")
    features = [
        {"type": "Feature", "geometry": row.geometry.__geo_interface__,
         "properties": {"color": registry.loc[row.controller_id, "color"],
                        "label": escape(f"Estimated area: {registry.loc[row.controller_id, 'name']}"
                                        f" — an estimate from {len(row.places)} place(s)")}}
        for row in areas.itertuples()
    ]  # fmt: skip
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features}, name="Estimated areas",
        style_function=lambda f: {"color": f["properties"]["color"], "weight": 1,
                                  "dashArray": "4 4", "fillColor": f["properties"]["color"],
                                  "fillOpacity": 0.22},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    ).add_to(m)  # fmt: skip


def aid_map(
    deliveries: pd.DataFrame, shapes: dict[str, dict], *, assets: str = "local"
) -> folium.Map:
    """The deliveries alone, for NGO staff: destinations, routes where known, borders."""
    m = base_map(shapes, assets)
    if not deliveries.empty:
        add_aid(m, deliveries)
        m.fit_bounds(
            [[deliveries["lat"].min(), deliveries["lon"].min()],
             [deliveries["lat"].max(), deliveries["lon"].max()]], padding=(40, 40), max_zoom=9
        )  # fmt: skip
    return m


def control_map(
    snapshot: pd.DataFrame,
    tables: dict[str, pd.DataFrame],
    deliveries: pd.DataFrame,
    shapes: dict[str, dict],
    *,
    assets: str = "local",
    provinces: bool = True,
    aid: bool = True,
    changed: frozenset[str] = frozenset(),
    areas: gpd.GeoDataFrame | None = None,
) -> folium.Map:
    """The situation map: places coloured by controller, rings for sieges and contests, aid
    badges, a black ring round the `changed` places, country borders from data, a legend;
    Leaflet from `assets` ('local' or 'cdn')."""
    m = base_map(shapes, assets, provinces)
    actors, sources = tables["actors"], tables["sources"]
    events = tables["control_events"].set_index("event_id")
    colors = dict(zip(actors["actor_id"], actors["color"], strict=True))
    if areas is not None and not areas.empty:
        _add_areas(m, areas, actors)
    shown = snapshot[~snapshot["kind"].isin(MARKER_KINDS_HIDDEN)]
    places = folium.FeatureGroup(name="Control").add_to(m)
    for _, row in shown.iterrows():
        if row["place_id"] in changed:
            folium.CircleMarker(
                (row["lat"], row["lon"]),
                radius=20,
                weight=3,
                fill=False,
                color="#000",
                className="frontline-changed",
            ).add_to(places)
        _add_place(places, row, colors, place_popup(row, events, sources))
    if aid and not deliveries.empty:
        add_aid(m, deliveries)
    used = set(shown["controller_id"].dropna()) | set(shown["besieged_by_id"].dropna())
    Legend(legend_html(actors, used, bool(changed))).add_to(m)
    if not shown.empty:
        m.fit_bounds(
            [[shown["lat"].min(), shown["lon"].min()], [shown["lat"].max(), shown["lon"].max()]],
            padding=(30, 30),
        )
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
        m.fit_bounds([[candidates["lat"].min(), candidates["lon"].min()],
                      [candidates["lat"].max(), candidates["lon"].max()]],
                     padding=(40, 40), max_zoom=8)  # fmt: skip
    return m
