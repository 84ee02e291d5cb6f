"""The offline base map: rivers, lakes, main roads and names, drawn in the browser from
data/basemap (derived by tools/derive_basemap.py from Natural Earth and OpenStreetMap).

Map tiles cannot load offline, so without them the map would show borders and unlabelled dots.
The lines go in a pane just above the country fill; the labels are DOM text in a pane above the
borders and below the situation layer's canvas (z-index 450), never catching a click. Which
labels show is decided in the browser on every move (templates/basemap.js): those whose zoom
range holds the map's zoom, most important first, each only if it overlaps none already placed.
The rows travel in `rank` order with `fields` naming their positions; names travel as JSON and
are inserted with `textContent`, so markup in a name stays text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from branca.element import MacroElement, Template

from frontline.config import PROJECT_ROOT
from frontline.maps.rendering import kept_json, script_json

BASEMAP_DIR = PROJECT_ROOT / "data" / "basemap"
BASEMAP_JS = (Path(__file__).resolve().parent.parent / "templates" / "basemap.js").read_text(
    encoding="utf-8"
)
LABEL_FIELDS = ("lat", "lon", "name", "name_ar", "kind", "z", "zmax")
LABEL_KINDS = ("country", "capital", "city", "admin1", "region", "water", "town", "peak")
LINE_STYLES = {  # (layer, class) → the zoom it shows from; the look is in basemap.js
    ("rivers", "river"): None,  # None: each river's own `z` (intermittent ones from 7)
    ("rivers", "intermittent"): None,
    ("rivers", "lake"): None,
    ("roads", "motorway"): 5,
    ("roads", "trunk"): 6,
    ("roads", "primary"): 7,
}
LINES_ATTRIBUTION = (
    'roads &copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
    "contributors, OpenMapTiles"
)  # the ODbL asks for this wherever the roads show
# rivers, lakes and names; GeoNames (CC BY) and OCHA (CC BY-IGO) ask for credit
LABELS_ATTRIBUTION = '<a href="https://www.naturalearthdata.com/">Natural Earth</a>, GeoNames, OCHA'


def _strip(collection: dict, layer: str) -> dict:
    """A line layer with only what the browser draws: class, zoom from, geometry."""
    features = []
    for f in collection["features"]:
        p = f["properties"]
        z = LINE_STYLES.get((layer, p.get("cls")), 7)
        z = p["z"] if z is None else z
        z = max(z, 7) if p.get("cls") == "intermittent" else z
        features.append({"type": "Feature", "properties": {"c": p.get("cls"), "z": z},
                         "geometry": f["geometry"]})  # fmt: skip
    return {"type": "FeatureCollection", "features": features}


def _label_rows(collection: dict) -> list[list]:
    """Label rows in rank order (most important first), fields as in LABEL_FIELDS."""
    ordered = sorted(collection["features"], key=lambda f: f["properties"]["rank"])
    rows = []
    for f in ordered:
        p, (lon, lat) = f["properties"], f["geometry"]["coordinates"]
        values = {"lat": lat, "lon": lon, **p, "kind": LABEL_KINDS.index(p["kind"])}
        rows.append([values[k] for k in LABEL_FIELDS])
    return rows


def _read(folder: Path, name: str) -> dict:
    return json.loads((folder / f"{name}.geojson").read_text(encoding="utf-8"))


@cache
def layers(folder: str = str(BASEMAP_DIR)) -> dict:
    """The base map's layers from `folder` (data/basemap), as the browser reads them: line
    layers with their class and zoom, label rows with `fields` and `kinds` naming their codes,
    and every file's sources. Read once per folder (no network)."""
    path = Path(folder)
    found = {name: _read(path, name) for name in ("rivers", "lakes", "roads", "labels")}
    sources = {k: v for data in found.values() for k, v in data["sources"].items()}
    return {
        "rivers": _strip(found["rivers"], "rivers"),
        "lakes": {"type": "FeatureCollection",
                  "features": [{"type": "Feature", "properties": {},
                                "geometry": f["geometry"]} for f in found["lakes"]["features"]]},
        "roads": _strip(found["roads"], "roads"),
        "fields": {name: i for i, name in enumerate(LABEL_FIELDS)},
        "kinds": {name: i for i, name in enumerate(LABEL_KINDS)},
        "labels": _label_rows(found["labels"]),
        "sources": sources,
    }  # fmt: skip


class BaseLayers(MacroElement):
    """Rivers, lakes and roads (when `lines`) and the decluttered labels (when `labels`;
    governorate names only with `provinces`), drawn by templates/basemap.js."""

    _template = Template(BASEMAP_JS)

    def __init__(self, data: dict, *, lines: bool = True, labels: bool = True,
                 provinces: bool = True):  # fmt: skip
        super().__init__()
        self._name = "BaseLayers"
        self.payload = _payload(data, lines, labels, provinces)
        credits = [LINES_ATTRIBUTION] * lines + [LABELS_ATTRIBUTION] * (labels or lines)
        self.attribution = script_json(" · ".join(credits))


def _payload(data: dict, lines: bool, labels: bool, provinces: bool) -> str:
    """The layers of `data` (from `layers`) that are drawn, as script JSON, made once: the same
    few hundred kilobytes go with every rerun of every page."""

    def shown() -> dict:
        out = dict(data)
        if not lines:
            out.update(rivers=None, lakes=None, roads=None)
        if not labels:
            out["labels"] = []
        elif not provinces:
            admin1 = data["kinds"]["admin1"]
            out["labels"] = [r for r in data["labels"] if r[data["fields"]["kind"]] != admin1]
        out.pop("sources", None)
        return out

    return kept_json(data, (lines, labels, provinces), shown)
