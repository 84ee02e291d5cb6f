"""The map every page starts from: offline Leaflet, the bundled borders, a sea, a base map of
rivers, roads and names, optional tiles.

Borders come from data/boundaries and the base map from data/basemap (`frontline.maps.basemap`),
so the map reads with no tiles; Leaflet itself is loaded from the app (see `frontline.assets`).
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path

import folium
import pandas as pd
from branca.element import MacroElement, Template

from frontline.assets import links
from frontline.maps.basemap import BaseLayers, layers
from frontline.maps.rendering import kept_json, script_json

TILES = {  # optional, online: only when FRONTLINE_TILES asks for them
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
            "contributors"),
    "carto": ("https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
              '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
              'contributors &copy; <a href="https://carto.com/attributions">CARTO</a>'),
}  # fmt: skip


@cache
def _geojson(path: str) -> dict:
    """A boundaries file, its names escaped: Leaflet's tooltips insert them as HTML."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    for feature in data["features"]:
        props = feature["properties"]
        props.update({k: escape(v) for k, v in props.items() if isinstance(v, str)})
    return data


def boundaries(data_dir: Path) -> dict[str, dict]:
    """The bundled country and province outlines (Natural Earth, public domain), and under
    "basemap" the base map's layers of `data_dir/basemap` when that folder exists (else
    `base_map` draws the bundled ones)."""
    shapes = {
        name: _geojson(str(data_dir / "boundaries" / f"{name}.geojson"))
        for name in ("countries", "provinces")
    }
    if (data_dir / "basemap" / "labels.geojson").exists():
        shapes["basemap"] = layers(str(data_dir / "basemap"))
    return shapes


class Sea(MacroElement):
    """Tints the map's background as sea: with no tiles, land is what the borders draw."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.getContainer().style.background = "#dde8f0";
        {% endmacro %}
    """)


COUNTRY_STYLE = {"color": "#555", "weight": 1.5, "fillColor": "#f2efe9"}
PROVINCE_STYLE = {"color": "#888", "weight": 0.7, "dashArray": "3 3", "fill": False}


def _outline_json(collection: dict, named: bool) -> str:
    """A boundaries layer as the browser draws it: geometry, and the (escaped) name when the
    layer is `named` (governorates, named on hover); made once per layer and process."""

    def shapes() -> dict:
        return {"type": "FeatureCollection",
                "features": [{"type": "Feature", "geometry": f["geometry"],
                              "properties": {"name": f["properties"].get("name", "")} if named
                              else {}} for f in collection["features"]]}  # fmt: skip

    return kept_json(collection, named, shapes)


class Outlines(MacroElement):
    """Countries (filled as land when there are no tiles: land then reads against the sea) and,
    with `provinces`, governorate borders named on hover. Drawn by Leaflet from JSON made once:
    folium's GeoJson re-encoded both layers and walked every vertex for the map's bounds on each
    rerun. Countries take no clicks, so a click on land reruns nothing."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var land = {{ this.country_style }};
            L.geoJSON({{ this.countries }}, {interactive: false,
                                              style: function () { return land; }}).addTo(map);
            {% if this.provinces %}
            var line = {{ this.province_style }};
            L.geoJSON({{ this.provinces }}, {
                style: function () { return line; },
                onEachFeature: function (f, l) {  // names arrive escaped: tooltips are HTML
                    l.bindTooltip(f.properties.name, {sticky: true});
                }
            }).addTo(map);
            {% endif %}
        })();
        {% endmacro %}
    """)

    def __init__(self, shapes: dict[str, dict], provinces: bool, land: bool):
        super().__init__()
        self._name = "Outlines"
        self.countries = _outline_json(shapes["countries"], named=False)
        self.country_style = script_json({**COUNTRY_STYLE, "fillOpacity": 1 if land else 0})
        self.provinces = _outline_json(shapes["provinces"], named=True) if provinces else ""
        self.province_style = script_json(PROVINCE_STYLE)


def base_map(
    shapes: dict[str, dict],
    assets: str,
    provinces: bool = True,
    tiles: str = "none",
    labels: bool | None = None,
) -> folium.Map:
    """Sea-coloured background, countries and provinces from data, rivers, lakes, roads and
    names (`basemap`), Leaflet from `assets` ('local': served by this app; 'cdn': public CDNs);
    web tiles under the borders only when `tiles` names a provider of TILES (they need the
    internet). With tiles the base map's lines are left out (the tiles have them) and its
    labels are drawn only when `labels` asks; with no tiles they are on unless `labels` is
    False. Governorate names follow `provinces`."""
    m = folium.Map(tiles=None, max_zoom=14, min_zoom=3, control_scale=True)
    m.default_js, m.default_css = links(assets)
    Sea().add_to(m)
    if tiles in TILES:
        url, attribution = TILES[tiles]
        folium.TileLayer(url, attr=attribution, name=tiles, max_zoom=14).add_to(m)
    offline = tiles not in TILES
    Outlines(shapes, provinces, land=offline).add_to(m)
    BaseLayers(
        shapes.get("basemap") or layers(),
        lines=offline,
        labels=offline if labels is None else labels,
        provinces=provinces,
    ).add_to(m)
    return m


def bounds(frame: pd.DataFrame) -> list[list[float]] | None:
    """South-west and north-east corners of the points in `frame` (lat, lon columns)."""
    if frame.empty:
        return None
    return [[frame["lat"].min(), frame["lon"].min()], [frame["lat"].max(), frame["lon"].max()]]
