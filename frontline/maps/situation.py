"""The situation map: places as compact rows drawn in the browser (templates/situation.js),
the estimated areas under them, a fit button, and the map's fixed part (borders, legend).

The rows travel as lists for size (100,000 events, 505 places), but the JavaScript reads them
by name: the data carries `fields` (column name → position) and `states` (state → code, from
`frontline.vocabulary`), so `p[F.state] === S.besieged` is what the browser tests. Names are
escaped here: the browser inserts tooltips as HTML.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement, Template

from frontline import clusters
from frontline.dataset import Dataset
from frontline.dates import format_partials
from frontline.frames import among
from frontline.html_text import escape_all
from frontline.maps.aid import routes as aid_routes
from frontline.maps.base import base_map, bounds
from frontline.maps.context import ContextLayer
from frontline.maps.legend import MARK_COLOR, UNKNOWN_COLOR, Legend, legend_html
from frontline.maps.rendering import script_json
from frontline.vocabulary import Confidence, State

SITUATION_JS = (Path(__file__).resolve().parent.parent / "templates" / "situation.js").read_text(
    encoding="utf-8"
)
ACTOR_FIELDS = {"name": 0, "color": 1}  # the positions in each of `data["actors"]`


def areas_label(areas: gpd.GeoDataFrame | None) -> str:
    """The legend's entry for the estimated areas shown ("" when none are)."""
    if areas is None or areas.empty:
        return ""
    count = sum(len(p) for p in areas["places"])
    return f"estimated area (from {count} place{'s' * (count != 1)})"


def areas_layer(areas: gpd.GeoDataFrame | None, actors: pd.DataFrame) -> dict | None:
    """Estimated areas as GeoJSON for the situation layer, each in its holder's colour and
    labelled as an estimate with what it rests on: how many places, and how new the newest
    evidence is. The layer draws them on its own canvas, under the places, so that hovering
    one shows its label (a canvas above an SVG layer would swallow the pointer)."""
    if areas is None or areas.empty:
        return None
    registry = actors.set_index("actor_id")
    features = [
        {"type": "Feature", "geometry": row.geometry.__geo_interface__,
         "properties": {"color": escape(registry.loc[row.controller_id, "color"]),
                        "label": escape(_area_label(registry.loc[row.controller_id, "name"],
                                                    len(row.places), row.newest))}}
        for row in areas.itertuples()
    ]  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


def _area_label(actor: str, places: int, newest: pd.Timestamp) -> str:
    many = "place" if places == 1 else "places"
    return f"Estimated area: {actor} — from {places} {many}, newest evidence {newest.date()}"


class SituationLayer(MacroElement):
    """The places of a map as compact data, drawn in the browser on one canvas: clusters below
    zoom `clusters.LAST_ZOOM + 1`, every place alone above it. See templates/situation.js."""

    _template = Template(SITUATION_JS)

    def __init__(self, data: dict):
        super().__init__()
        self._name = "SituationLayer"
        self.payload = script_json(data)  # once: streamlit-folium fills the macro twice
        self.clusters_js = clusters.CLUSTERS_JS
        self.unknown = UNKNOWN_COLOR
        self.mark = MARK_COLOR


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


def _codes(values: pd.Series, index: pd.Index) -> np.ndarray:
    """Actor ids as their positions in `data["actors"]` (`index`), -1 for none stated."""
    return index.get_indexer(values.astype(object))


def _flags(places: pd.DataFrame, column: str) -> pd.Series:
    """A yes/no column of `places` as 0/1, all 0 when the column is missing."""
    if column not in places:
        return pd.Series(0, index=places.index)
    return places[column].fillna(False).astype(bool).astype(int)


def _first_dates(places: pd.DataFrame, shown: pd.Series) -> list[str]:
    """The first report as text, as precise as known, of the places whose tooltip says it
    (`shown`: nothing reported yet by the day, or first reported since the comparison day);
    "" for the others, which are most places of a big map and never show it."""
    out = np.full(len(places), "", dtype=object)
    if "first_reported" not in places or not shown.any():
        return out.tolist()
    rows = shown.to_numpy(bool)
    chosen = places[rows]
    precision = chosen.get("first_reported_precision", pd.Series("day", index=chosen.index))
    out[rows] = [t or "" for t in format_partials(chosen["first_reported"], precision)]
    return out.tolist()


def _place_columns(
    places: pd.DataFrame, actors: pd.DataFrame, changed: frozenset[str], first: frozenset[str]
) -> dict:
    """The columns of the layer's place rows, by the names the JavaScript reads them by."""
    index = pd.Index(actors["actor_id"].astype(object))
    besieged = places["state"] == State.BESIEGED
    ring = places["besieged_by_id"].where(besieged, places["contested_by_id"])
    pending, first_since = _flags(places, "pending"), among(places["place_id"], first).astype(int)
    return {
        "lat": places["lat"].round(5), "lon": places["lon"].round(5),
        "holder": _codes(places["controller_id"], index),
        "state": places["state"].map(State.codes()).fillna(State.UNKNOWN.code).astype(int),
        "ring": _codes(ring, index),  # the besieger, or else the contester
        "approximate": (places["confidence"] == Confidence.APPROXIMATE).astype(int),
        "name": escape_all(places["place"]), "events": places["events"],
        "deliveries": places["deliveries"],
        "changed": among(places["place_id"], changed).astype(int),
        "first": first_since,  # first reported since the comparison day
        "pending": pending,  # nothing known by the day, reported later
        "reported": _first_dates(places, (pending > 0) | (first_since > 0)),  # as text
    }  # fmt: skip


def situation_data(
    places: pd.DataFrame,
    actors: pd.DataFrame,
    deliveries: pd.DataFrame,
    changed: frozenset[str] = frozenset(),
    *,
    first: frozenset[str] = frozenset(),
    day: dt.date | str | None = None,
    areas: str = "",
) -> dict:
    """What the situation layer draws: `places` (from `report.map_places`) as compact rows,
    with `fields` naming each row's positions and `states` the state codes (from the
    vocabulary), and routes of the `deliveries` whose origin is known (`_routes`); the
    browser clusters them per zoom (`templates/clusters.js`, reach and zooms given here).
    `changed` and `first` are the places that changed, or were first reported, since the
    comparison day; `day` is the day shown (for "no report yet by …"); `areas` the legend's
    entry for the estimated areas drawn with it ("": none). Every name is escaped here: the
    browser inserts tooltips as HTML (and labels as text, unescaped)."""
    columns = _place_columns(places, actors, changed, first)
    plain = (c.tolist() if hasattr(c, "tolist") else list(c) for c in columns.values())
    rows = [list(r) for r in zip(*plain, strict=True)]  # Python values: fast to JSON
    origins, routes = _routes(deliveries, places)
    return {
        "fields": {name: i for i, name in enumerate(columns)},
        "states": State.codes(),
        "actor_fields": ACTOR_FIELDS,
        "actors": [[escape(a.name), escape(a.color)] for a in actors.itertuples()],
        "places": rows,
        "first": clusters.FIRST_ZOOM,
        "last": clusters.LAST_ZOOM,
        "cell": clusters.CELL_PX,
        "route_origins": origins,
        "routes": routes,
        "bounds": bounds(places),
        "day": "" if day is None else str(pd.Timestamp(day).date()),
        "areas": escape(areas),
    }  # fmt: skip


def _routes(deliveries: pd.DataFrame, places: pd.DataFrame) -> tuple[list, list]:
    """The routes (`maps.aid.routes`) to the places drawn, as pairs of positions: the origin's
    in the list of origin points (a few hundred, each once), the destination's in `places` —
    a third of the bytes of four coordinates a route, with 20,000 routes at a whole war's size.
    A route to a place not drawn is not drawn: that place carries no aid badge either."""
    found = aid_routes(deliveries)
    drawn = pd.Index(places["place_id"].astype(object))
    to = drawn.get_indexer(found["destination_id"].astype(object))
    found, to = found[to >= 0], to[to >= 0]
    codes, _ = pd.factorize(found["origin_id"])
    first = found.drop_duplicates("origin_id")  # in the order factorize numbers them
    origins = first[["origin_lat", "origin_lon"]].round(5).values.tolist()
    return origins, np.column_stack([codes, to]).tolist()


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


def situation_layer(
    data: dict, areas: dict | None = None, context: dict | None = None
) -> folium.FeatureGroup:
    """The part of the map that changes with the day and the filters, as one feature group
    (streamlit-folium swaps it without reloading the map, so pan and zoom are kept), with the
    estimated `areas` (from `areas_layer`) and the `context` events (from
    `maps.context.context_data`) under the places when given."""
    group = folium.FeatureGroup(name="Situation")
    group.add_child(SituationLayer({**data, "area_shapes": areas}))
    if context is not None:  # after the places: it draws on their canvas, sent to its back
        group.add_child(ContextLayer(context))
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
    ds: Dataset,
    deliveries: pd.DataFrame,
    shapes: dict[str, dict],
    *,
    changed: frozenset[str] = frozenset(),
    first: frozenset[str] = frozenset(),
    day: dt.date | str | None = None,
    areas: gpd.GeoDataFrame | None = None,
    context: dict | None = None,
    **options: object,
) -> folium.Map:
    """The whole situation map as one folium map, for a file or a test: `control_map` with the
    `situation_layer` of `places` (from `report.map_places` of the same `ds`) on it, in the
    colours of `ds`'s actors, with the `context` layer's data when given."""
    actors = ds.actors
    data = situation_data(places, actors, deliveries, changed, first=first, day=day,
                          areas=areas_label(areas))  # fmt: skip
    m = control_map(shapes, actors, fit=data["bounds"], changed=bool(changed or first), **options)
    situation_layer(data, areas_layer(areas, actors), context).add_to(m)
    return m
