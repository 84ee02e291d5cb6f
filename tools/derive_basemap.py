"""Derive the offline base map under data/basemap/ from the public files in ../shared/reference/.

Map tiles cannot load offline, so the map carries its own: rivers, lakes and main roads as
simplified lines, and one table of labels (countries, governorates, deserts and ranges, water,
towns) with Latin and Arabic names, the zoom each appears from and its order of importance.
Run once by a maintainer (`python tools/derive_basemap.py ../shared/reference`); the outputs are
committed, so the app never needs the reference folder or the network. Every file names its
sources (a `sources` member: key → attribution) and every feature its source key.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

import shapely
from shapely.geometry import MultiLineString, box, mapping, shape
from shapely.ops import linemerge, polylabel, unary_union

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "basemap"
BOX = box(34.0, 28.5, 49.0, 38.5)  # lon/lat: the reference files' own clip box
DECIMALS = 4  # about 10 m: far below the simplification tolerances below
SOURCES = {
    "ne": "Natural Earth (naturalearthdata.com), public domain",
    "osm": "© OpenStreetMap contributors, ODbL 1.0 (openstreetmap.org/copyright); "
    "outside Syria also © OpenMapTiles",
    "registry": "Frontline place registry (data/gazetteer/registry.csv): GeoNames, CC BY 4.0; "
    "OCHA CODs, CC BY-IGO; Wikipedia contributors, CC BY-SA",
}
FOCUS = {"SY", "IQ", "SYR", "IRQ"}  # registry towns are taken from these countries only
# Natural Earth quirks named in SOURCES.md ("Known quirks of the source"): the label to show.
PLACE_FIXES = {"Al Amarah": "Amarah"}
LAKE_FIXES = {"Milh": "Lake Razazah"}
# How a label is drawn; its position in TIERS is its class's importance (most important first):
# a city before its country's name, which can then move aside (Baghdad sits by IRAQ's point).
TIERS = ("capital", "city", "country", "admin1", "region", "water", "town", "peak")
ELSEWHERE = 2  # in rank, a label outside Syria and Iraq counts as appearing this much later


def _read(reference: Path, name: str) -> list[dict]:
    return json.loads((reference / name).read_text(encoding="utf-8"))["features"]


def _parts(geom) -> list:
    """The parts of a multi-part geometry, or the geometry alone."""
    return list(getattr(geom, "geoms", [geom]))


def _round(value: object) -> object:
    """Coordinates (nested lists of floats) rounded to DECIMALS."""
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    return value


def _geometry(geom) -> dict:
    found = mapping(geom)
    return {"type": found["type"], "coordinates": _round(found["coordinates"])}


def _clean(text: object) -> str | None:
    """A name without bidi controls and outer spaces; None for a missing one."""
    if not isinstance(text, str):
        return None
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text).strip()
    return text or None


def _collection(features: list[dict], sources: tuple[str, ...], about: str) -> dict:
    return {
        "type": "FeatureCollection",
        "about": about,
        "sources": {k: SOURCES[k] for k in sources},
        "features": features,
    }


def focus_area(widen: float = 0.2) -> object:
    """Syria and Iraq from the bundled borders, widened by `widen` degrees (0.2: about 20 km):
    minor lines (unnamed trunk and primary roads, small rivers) are kept only there, the
    map's subject, and its labels come first among equals."""
    path = ROOT / "data" / "boundaries" / "countries.geojson"
    shapes = json.loads(path.read_text(encoding="utf-8"))["features"]
    return unary_union(
        [shape(f["geometry"]) for f in shapes if f["properties"]["iso_a2"] in FOCUS]
    ).buffer(widen)


def _lines(geom, tolerance: float, shortest: float, within=BOX):
    """A line geometry cut to `within`, its vertices snapped to a 0.002° grid so that the
    fragments of a road join up, merged, simplified, and stripped of parts shorter than
    `shortest` (°)."""
    geom = shapely.set_precision(geom.intersection(within), 0.002)
    if geom.geom_type in ("MultiLineString", "GeometryCollection"):
        geom = linemerge([g for g in _parts(geom) if g.geom_type == "LineString"])
    geom = geom.simplify(tolerance, preserve_topology=False)
    parts = [p for p in _parts(geom) if p.geom_type == "LineString"]
    parts = [p for p in parts if p.length >= shortest]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiLineString(parts)


def rivers(reference: Path) -> dict:
    """Natural Earth rivers; `z` is NE's min_zoom, `cls` river, intermittent or lake."""
    kinds = {"River": "river", "Intermittent River": "intermittent", "Lake Centerline": "lake"}
    features, focus = [], focus_area()
    for f in _read(reference, "ne_10m_rivers_SY_IQ.geojson"):
        p = f["properties"]
        minor = (p["min_zoom"] or 7) >= 7
        geom = _lines(shape(f["geometry"]), 0.005, 0.03, focus if minor else BOX)
        if geom is None:
            continue
        props = {"name": _clean(p["name_en"]), "name_ar": _clean(p["name_ar"]),
                 "cls": kinds.get(p["featurecla"], "river"),
                 "z": math.floor(p["min_zoom"] or 7), "source": "ne"}  # fmt: skip
        features.append({"type": "Feature", "properties": props, "geometry": _geometry(geom)})
    return _collection(features, ("ne",), "Natural Earth 10m rivers and lake centre-lines")


def lakes(reference: Path) -> dict:
    """Natural Earth lakes and reservoirs, simplified; names as in `lake_labels`."""
    features = []
    for f in _read(reference, "ne_10m_lakes_SY_IQ.geojson"):
        geom = shape(f["geometry"]).intersection(BOX).simplify(0.006, preserve_topology=True)
        if geom.is_empty or geom.area < 0.0005:
            continue
        props = {"name": _lake_name(f["properties"]), "source": "ne"}
        features.append({"type": "Feature", "properties": props, "geometry": _geometry(geom)})
    return _collection(features, ("ne",), "Natural Earth 10m lakes and reservoirs")


def roads(reference: Path) -> dict:
    """OSM main roads merged per class and route number, simplified to about 600 m;
    motorways everywhere in the box, the other roads in and near Syria and Iraq."""
    groups: dict[tuple, list] = {}
    focus = focus_area()
    for f in _read(reference, "roads_major_SY_IQ.geojson"):
        p = f["properties"]
        groups.setdefault((p["class"], p["ref"] or ""), []).append(shape(f["geometry"]))
    features = []
    for (cls, ref), shapes in sorted(groups.items()):
        within = BOX if cls == "motorway" else focus
        geom = _lines(unary_union(shapes), 0.006, 0.03, within)
        if geom is None:
            continue
        props = {"cls": cls, "ref": ref or None, "source": "osm"}
        features.append({"type": "Feature", "properties": props, "geometry": _geometry(geom)})
    return _collection(
        features, ("osm",), "OpenStreetMap motorway, trunk and primary roads (ODbL derivative)"
    )


def _label(kind: str, lon: float, lat: float, name, name_ar, z: float, zmax: float, **extra):
    """One label row; `rank` (set later) orders the decluttering, most important first."""
    props = {"kind": kind, "name": _clean(name), "name_ar": _clean(name_ar),
             "z": round(float(z), 1), "zmax": round(float(zmax), 1), **extra}  # fmt: skip
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Point", "coordinates": _round([lon, lat])}}  # fmt: skip


def country_labels(reference: Path) -> list[dict]:
    """Countries at Natural Earth's 10m label points, the rest of the region at the 110m
    countries' label points; the small claim areas (UNDOF, Shebaa Farms) left out. Natural
    Earth's last zooms are a world map's (Iraq's name goes at 7.5): here names stay to 9."""
    found, labels = set(), []
    skip = {"UNDOF", "Shebaa Farms", "Golan Heights"}
    for f in _read(reference, "ne_10m_admin_label_points_SY_IQ.geojson"):
        p = f["properties"]
        if p["level"] != "admin0" or p["name"] in skip or p["name"] in found:
            continue
        found.add(p["name"])
        lon, lat = f["geometry"]["coordinates"]
        kind = "region" if p["name"] == "Iraqi Kurdistan" else "country"
        name = p["name_en"] if kind == "region" else p["name"]
        labels.append(_label(kind, lon, lat, name, p["name_ar"], p["min_label"] or 4,
                             max(p["max_label"] or 9, 9), source="ne"))  # fmt: skip
    for f in _read(reference, "ne_110m_admin_0_countries.geojson"):
        p = f["properties"]
        inside = shape(f["geometry"]).intersection(BOX)
        if p["NAME"] in found or p["NAME"] == "Palestine" or inside.area < 1:
            continue
        # NE's own point lies outside the box for Turkey, Iran, Saudi Arabia, Egypt: name
        # their part of the map at its most inland point instead
        at = max(_parts(inside), key=lambda g: g.area)
        at = polylabel(at, 0.01)
        zoom = (max(p["MIN_LABEL"], 3), max(p["MAX_LABEL"], 9))
        labels.append(_label("country", at.x, at.y, p["NAME"], p["NAME_AR"], *zoom, source="ne"))
    return labels


def admin1_labels(reference: Path) -> list[dict]:
    """Governorates of Syria and Iraq at Natural Earth's label points, modern English names
    ("Deir ez-Zor", not "Dayr Az Zawr"), Arabic without the word "governorate"."""
    labels = []
    for f in _read(reference, "ne_10m_admin_label_points_SY_IQ.geojson"):
        p = f["properties"]
        if p["level"] != "admin1" or p["adm0_a3"] not in FOCUS or p["name"] == "UNDOF":
            continue
        lon, lat = f["geometry"]["coordinates"]
        arabic = re.sub(r"^محافظة\s+", "", _clean(p["name_ar"]) or "")
        labels.append(_label("admin1", lon, lat, p["name_en"], arabic, 6, 11, source="ne",
                             code=p["iso_3166_2"]))  # fmt: skip
    return labels


def region_labels(reference: Path) -> list[dict]:
    """Deserts, ranges and plains at a point inside their polygon; peaks with their height."""
    keep = {"Desert", "Range/mtn", "Plain", "Geoarea"}
    # cut to the box, these polygons put their names where they mislead (Anatolia on the
    # Syrian border, the Elburz by Lake Urmia)
    skip = {"ANATOLIA", "ELBURZ MTS."}
    labels = []
    for f in _read(reference, "ne_10m_geography_regions_polys_SY_IQ.geojson"):
        p = f["properties"]
        if p["featurecla"] not in keep or p["name"] in skip:
            continue
        at = shape(f["geometry"]).intersection(BOX).representative_point()
        name = p["name_en"].replace(" mountains", " Mountains")
        labels.append(_label("region", at.x, at.y, name, p["name_ar"],
                             max(p["min_label"], 5), p["max_label"], source="ne"))  # fmt: skip
    for f in _read(reference, "ne_10m_geography_regions_points_SY_IQ.geojson"):
        p = f["properties"]
        if not p["name_en"]:
            continue
        lon, lat = f["geometry"]["coordinates"]
        name = f"{p['name_en']} ({p['elevation']:,} m)"
        labels.append(_label("peak", lon, lat, name, p["name_ar"], 8, 14, source="ne"))
    return labels


def _lake_name(p: dict) -> str | None:
    name = _clean(p["name_en"])
    if name is None:
        return None
    return LAKE_FIXES.get(name) or (name if " " in name else f"Lake {name}")


def water_labels(reference: Path) -> list[dict]:
    """Named lakes at a point inside them; each named river once, at the middle of its
    longest stretch in Syria and Iraq's part of the box."""
    labels = []
    for f in _read(reference, "ne_10m_lakes_SY_IQ.geojson"):
        p = f["properties"]
        geom = shape(f["geometry"]).intersection(BOX)
        if _lake_name(p) is None or geom.is_empty or geom.area < 0.002:
            continue
        at = geom.representative_point()
        labels.append(_label("water", at.x, at.y, _lake_name(p), p["name_ar"],
                             max(p["min_label"], 6), 14, source="ne"))  # fmt: skip
    by_name: dict[str, list] = {}
    for f in _read(reference, "ne_10m_rivers_SY_IQ.geojson"):
        p = f["properties"]
        if p["name_en"]:
            by_name.setdefault(p["name_en"], []).append(f)
    labels = list({f["properties"]["name"]: f for f in reversed(labels)}.values())  # Dead Sea ×2
    for name, features in by_name.items():
        parts = [g for f in features for g in _parts(shape(f["geometry"]))]
        longest = max(parts, key=lambda g: g.intersection(BOX).length)
        at = longest.interpolate(0.5, normalized=True)
        first = features[0]["properties"]
        labels.append(_label("water", at.x, at.y, name, first["name_ar"],
                             max(first["min_label"], 6), 14, source="ne"))  # fmt: skip
    return labels


def _town_zoom(population: float, capital: bool) -> int:
    """The zoom a town's label appears from, by size: this is a regional map, so Natural
    Earth's world-map zooms (Homs from 6, Idlib from 7) are brought forward."""
    if capital or population >= 2_000_000:
        return 4
    for floor, zoom in ((500_000, 5), (100_000, 6), (40_000, 7), (15_000, 8)):
        if population >= floor:
            return zoom
    return 9


def ne_town_labels(reference: Path) -> list[dict]:
    """Natural Earth populated places: national capitals, cities of half a million, towns;
    outside Syria and Iraq each from one zoom later, so the map's subject is named first."""
    labels = []
    for f in _read(reference, "ne_10m_populated_places_SY_IQ.geojson"):
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"]
        capital = p["featurecla"] == "Admin-0 capital"
        z = min(_town_zoom(p["pop_max"], capital), math.floor(p["min_zoom"]))
        z += 0 if p["iso_a2"] in FOCUS else 1
        kind = "capital" if capital else "city" if p["pop_max"] >= 500_000 else "town"
        name = PLACE_FIXES.get(p["name"]) or p["name_en"]
        labels.append(_label(kind, lon, lat, name, p["name_ar"], z, 14, source="ne",
                             population=int(p["pop_max"])))  # fmt: skip
    return labels


# Arabic letters as the Latin consonants a transliteration writes for them (vowels dropped):
# enough to tell which of a town's Arabic aliases spells its name.
AR_LATIN = dict(
    zip(
        "بتثجحخدذرزسشصضطظغفقكلمنهوي",
        "b t th j h kh d dh r z s sh s d t z gh f q k l m n h w y".split(),
        strict=True,
    )
)


def _skeleton(text: str) -> str:
    """A name's consonants, Latin or Arabic alike ("Kafr Zayta", "كفر زيتا" → "kfrzyt")."""
    latin = "".join(AR_LATIN.get(c, c) for c in text.lower())
    return re.sub(r"[^bcdfghjklmnpqrstvwxyz]", "", latin.replace("q", "k").replace("c", "k"))


def _arabic(aliases: str, name: str = "") -> str | None:
    """The alias tagged @ar, Arabic script alone (not "Abu Ghraib - أبو غريب"), that spells
    `name` best: a town's aliases hold other names too (Anah's include الريحانة, Kobani's
    عرب بينار beside عين العرب); Persian letters, and a word count unlike the name's, count
    against one."""
    found = [a[:-3].strip() for a in (aliases or "").split(";") if a.endswith("@ar")]
    found = [a for a in found if a and re.fullmatch(r"[\u0600-\u06ff\u0750-\u077f ]+", a)]
    if not found:
        return None

    def score(alias: str) -> float:
        persian = any(c in alias for c in "یکەگپچژ")
        words = abs(len(alias.split()) - len(name.split())) / 100  # "د مشق" for Damascus
        return SequenceMatcher(None, _skeleton(name), _skeleton(alias)).ratio() - persian - words

    return max(found, key=score)  # the first of equals: max keeps the earliest


def registry_town_labels(registry: Path, taken: list[dict]) -> list[dict]:
    """The registry's towns in Syria and Iraq that Natural Earth lacks (none within 8 km of
    one of its places): by population where known, from zoom 9 where not."""
    near = [tuple(t["geometry"]["coordinates"]) for t in taken]
    labels = []
    with registry.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["kind"] != "town" or row["country"] not in FOCUS:
                continue
            lon, lat = float(row["lon"]), float(row["lat"])
            if any(abs(lon - x) < 0.09 and abs(lat - y) < 0.075 for x, y in near):
                continue
            population = float(row["population"] or 0)
            arabic = _arabic(row["aliases"], row["name"])
            labels.append(_label("town", lon, lat, row["name"], arabic,
                                 _town_zoom(population, False), 14, source="registry",
                                 place_id=row["place_id"], population=int(population)))  # fmt: skip
            near.append((lon, lat))
    return labels


def rank(labels: list[dict]) -> list[dict]:
    """Labels in decluttering order, most important first: by the zoom each appears from
    (ELSEWHERE later outside Syria and Iraq, the map's subject: Damascus before ISRAEL), then
    its class (TIERS), then population; `rank` is that position, kept in the file for
    readers and tests."""
    focus = focus_area(0.0)

    def key(f: dict) -> tuple:
        p = f["properties"]
        later = 0 if focus.contains(shape(f["geometry"])) else ELSEWHERE
        return (p["z"] + later, TIERS.index(p["kind"]), -p.get("population", 0), p["name"] or "")

    ordered = sorted((f for f in labels if f["properties"]["name"]), key=key)
    for n, f in enumerate(ordered):
        f["properties"]["rank"] = n
    return ordered


def labels(reference: Path, registry: Path) -> dict:
    towns = ne_town_labels(reference)
    found = (country_labels(reference) + admin1_labels(reference) + region_labels(reference)
             + water_labels(reference) + towns + registry_town_labels(registry, towns))  # fmt: skip
    return _collection(
        rank(found), ("ne", "registry"),
        "Labels: countries, governorates, regions, water and towns, most important first",
    )  # fmt: skip


def write(name: str, data: dict) -> int:
    """One layer as compact JSON; returns its size in bytes."""
    OUT.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (OUT / f"{name}.geojson").write_text(text + "\n", encoding="utf-8")
    return len(text.encode("utf-8")) + 1


def main(reference: Path) -> None:
    registry = ROOT / "data" / "gazetteer" / "registry.csv"
    layers = {"rivers": rivers(reference), "lakes": lakes(reference), "roads": roads(reference),
              "labels": labels(reference, registry)}  # fmt: skip
    total = 0
    for name, data in layers.items():
        size = write(name, data)
        total += size
        print(f"data/basemap/{name}.geojson: {len(data['features'])} features, {size:,} bytes")
    print(f"total {total:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"))
