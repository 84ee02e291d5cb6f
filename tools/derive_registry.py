"""Derive the bundled place registry from ../shared/reference/ (see its SOURCES.md).

Sources are merged in order of trust in their points, each place once (`frontline.gazetteer.merge`):
the curated rows and governorates of data/gazetteer/, GeoNames cities15000 (Syria, Iraq and their
neighbours), OCHA's Syrian communities, OCHA's Damascus neighbourhoods, OCHA's Iraqi sub-districts,
then the points of Wikipedia's Syrian and Iraqi detailed-map modules (names, points and kinds of
site only: their control marks are undated and are never read). Outputs:

- `data/gazetteer/registry.csv`: every place not curated by hand, with the sources of its names;
- `data/gazetteer/registry_aliases.csv`: names the sources give for curated places and governorates.

Run: `python tools/derive_registry.py ../shared/reference` (also run by derive_reference.py).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from functools import cache
from pathlib import Path

import pandas as pd
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from frontline import model, validation  # noqa: E402
from frontline.gazetteer import admin, formats, keys, merge  # noqa: E402
from frontline.gazetteer.distance import km  # noqa: E402
from frontline.gazetteer.places import ADMIN1_FILE, curated_places  # noqa: E402
from frontline.names import split_tag  # noqa: E402

DATA = ROOT / "data"
SY_COD = "ocha_syr_pplp_adm4_communities_2015.csv"
IQ_COD = "ocha_irq_adm3_subdistrict_points_2019.csv"
REGISTRY = "gazetteer/registry.csv"
REGISTRY_ALIASES = "gazetteer/registry_aliases.csv"
COUNTRIES = ("SY", "IQ", "TR", "LB", "JO", "IL", "PS", "SA", "IR")
WIKI_KINDS = {"air": "airbase", "heli": "airbase", "base": "military_base", "hill": "hill",
              "oil": "oil_field", "industry": "industrial_site", "naval": "naval_base"}  # fmt: skip
GENERIC = {"army", "military", "checkpoint", "military checkpoint", "hospital", "national hospital",
           "school", "factory", "silos", "grain silos", "radar", "missile", "air defense",
           "air defence", "artillery", "police", "industrial", "camp", "base", ""}  # fmt: skip
WIKI_SOURCE = ("Wikipedia contributors, 'Module:{module}' (CC BY-SA), point '{label}' "
               "(name and point only)")  # fmt: skip


def geonames(reference: Path) -> pd.DataFrame:
    read = formats.read_geonames(
        reference / "geonames_cities15000_SY_IQ_neighbours.txt",
        source="GeoNames cities15000 (CC BY 4.0)",
    )
    return read.places[read.places["country"].isin(COUNTRIES)]


def natural_earth(reference: Path) -> pd.DataFrame:
    """Natural Earth's populated places: populations and Arabic names for towns cities15000
    lacks (Tal Afar); the GeoNames id they cite is their id, so they meet GeoNames' rows."""
    path = reference / "ne_10m_populated_places_SY_IQ.geojson"
    rows = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        p = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        place_id = f"gn:{p['geonamesid']}" if (p["geonamesid"] or 0) > 0 else f"ne:{p['ne_id']}"
        names = [p["name"], p["name_en"], p["nameascii"], p["namealt"] or ""]
        rows.append({
            "place_id": place_id, "name": p["name_en"] or p["name"], "kind": "town",
            "lat": round(lat, 5), "lon": round(lon, 5), "country": p["iso_a2"],
            "population": p["pop_max"] or "",
            "aliases": ";".join(dict.fromkeys([*filter(None, names), f"{p['name_ar']}@ar"
                                               if p["name_ar"] else ""])).strip(";"),
            "source": f"Natural Earth 10m populated places (public domain), ne_id {p['ne_id']}",
        })  # fmt: skip
    return pd.DataFrame(rows)


def _admin_areas(frame: pd.DataFrame, level: str, columns: tuple[str, str, str], source: str,
                 admin1_ids: dict[str, str]) -> pd.DataFrame:
    """Areas (districts, or the governorates' OCHA names) from the points inside them: the
    mean point, the name in English and Arabic, the GeoNames admin-1 most of the points lie in.
    Governorates keep the id of admin1.csv, so their OCHA names merge into it."""
    code, en, ar = columns
    located = _locate(frame.assign(country=frame.get("country", ""), admin1=""))
    rows = []
    for pcode, group in located.groupby(code):
        admin1 = group["admin1"].mode().iloc[0]
        first = group.iloc[0]
        rows.append({
            "place_id": admin1_ids.get(admin1, "") if level == "admin1" else f"pc:{pcode}",
            "name": first[en], "kind": level, "lat": round(group["lat"].astype(float).mean(), 5),
            "lon": round(group["lon"].astype(float).mean(), 5), "country": pcode[:2],
            "admin1": admin1, "aliases": f"{first[en]};{first[ar]}@ar;{pcode}@pcode",
            "source": f"{source}, p-code {pcode}; mean point of its {len(group)} points",
        })  # fmt: skip
    return pd.DataFrame([r for r in rows if r["place_id"]])


@cache
def _cod_table(path: Path) -> pd.DataFrame:
    """One COD table as text, read once: its places and its admin areas both come from it."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def cod_places(reference: Path, file: str, source: str) -> pd.DataFrame:
    """The places of an OCHA COD table (Syria's communities, Iraq's sub-district points)."""
    path = reference / file
    return formats.read_cod(_cod_table(path), str(path), source=source).places


def damascus(reference: Path) -> pd.DataFrame:
    path = reference / "ocha_syr_damascus_neighbourhoods_adm5.geojson"
    rows = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        p, point = feature["properties"], shape(feature["geometry"]).representative_point()
        rows.append({
            "place_id": f"pc:{p['HAY_PCODE']}", "name": p["HAY_EN"], "kind": "neighbourhood",
            "lat": round(point.y, 5), "lon": round(point.x, 5), "country": "SY",
            "admin2": "Damascus", "aliases": f"{p['HAY_EN']};{p['HAY_PCODE']}@pcode",
            "source": f"OCHA Syria COD Damascus neighbourhoods (CC BY-IGO), p-code "
                      f"{p['HAY_PCODE']}; point inside its polygon",
        })  # fmt: skip
    return pd.DataFrame(rows)


def wikipedia(reference: Path) -> pd.DataFrame:
    path = reference / "wikipedia_detailed_map_points_SY_IQ.tsv"
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)
    rows, seen = [], {}
    for r in frame.to_dict("records"):
        kind = _wiki_kind(r["mark"], r["label"])
        names = _label_names(r["label"], kind)
        if kind is None or not names:
            continue
        slug = formats.slug(names[0])
        seen[slug] = seen.get(slug, 0) + 1
        module = r["module"].replace("_", " ")
        rows.append({
            "place_id": f"wm:{slug}" + (f"~{seen[slug]}" if seen[slug] > 1 else ""),
            "name": names[0], "kind": kind, "lat": r["lat"], "lon": r["lon"],
            "aliases": ";".join(names), "source": WIKI_SOURCE.format(module=module,
                                                                     label=r["label"]),
            "country_hint": "IQ" if "Iraq" in module else "SY",
        })  # fmt: skip
    return pd.DataFrame(rows)


def _wiki_kind(mark: str, label: str) -> str | None:
    """The kind of site a mark shows; None for map images. A `stable_a_b` mark is a place held
    by two sides at once (Al-Shaykh Saad in Daraa): a village like the rest; a river icon
    (`BSicon STRrf …`) marks a dam ("Haditha Dam", "Ramadi Barrage")."""
    if mark.startswith("BSicon"):
        return "dam" if re.search(r"\b(?:dam|barrage)\b", label, re.I) else None
    if mark.endswith(".svg"):
        return None
    if mark.startswith("pass_"):
        return "border_crossing"
    suffix = mark.rsplit("_", 1)[-1]
    if suffix in WIKI_KINDS:
        return WIKI_KINDS[suffix]
    return "camp" if re.search(r"\bcamp\b", label, re.I) else "village"


def _label_names(label: str, kind: str | None) -> list[str]:
    """'Khazum/Hazzum/Soltukar' → three names; 'Qizil Mazraah (Ghazal)' → two; '(1006)' dropped.
    A site's brackets name it ('Tikrit Air Academy (Camp Speicher)') only when they hold a kind
    word or a code; otherwise they say where it is ('National Hospital (Jisr al-Shughur)')."""
    inner = re.findall(r"\(([^)]*)\)", label)
    head = label.split("(")[0].strip()
    if kind not in {"village", "camp"}:
        naming = [p for p in inner if re.search(r"\d|\b[A-Z0-9-]{2,5}\b", p)
                  or re.search(r"camp|base|airport", p, re.I)]
        where = [p for p in inner if p not in naming]
        head, inner = (f"{head}, {where[0]}" if where else head), naming
    names = [n.strip(" ,") for p in [head, *inner] for n in keys.slash_names(p)]
    names = [n for n in names if n and not n.replace(".", "").isdigit()]
    if not names or keys.parse(names[0]).core.lower() in GENERIC:
        return []  # "Army base", "Checkpoint": a point with no name of its own
    return list(dict.fromkeys(names))



def areas(reference: Path, admin1_ids: dict[str, str]) -> list[pd.DataFrame]:
    """Syria's and Iraq's governorates (OCHA names) and districts, from the COD tables."""
    sy, iq = (_cod_table(reference / f).rename(columns={"LATITUDE": "lat", "LONGITUDE": "lon"})
              for f in (SY_COD, IQ_COD))  # fmt: skip
    sy_source, iq_source = "OCHA Syria COD 2015 (CC BY-IGO)", "OCHA Iraq COD-AB 2019 (CC BY-IGO)"
    return [
        _admin_areas(sy, "admin1", ("ADMIN1_COD", "ADMIN1_EN", "ADMIN1_ARA"), sy_source,
                     admin1_ids),
        _admin_areas(iq, "admin1", ("ADM1_PCODE", "ADM1_EN", "ADM1_AR"), iq_source, admin1_ids),
        _admin_areas(sy, "admin2", ("ADMIN2_COD", "ADMIN2_EN", "ADMIN2_ARA"), sy_source,
                     admin1_ids),
        _admin_areas(iq, "admin2", ("ADM2_PCODE", "ADM2_EN", "ADM2_AR"), iq_source, admin1_ids),
    ]  # fmt: skip


def derive(reference: Path) -> None:
    curated = pd.concat([curated_places(DATA), curated_places(DATA, ADMIN1_FILE)])
    base = merge.Registry(curated)
    hand = set(curated["place_id"])
    admin1_ids = dict(zip(curated["admin1"], curated["place_id"], strict=True))
    admin1_ids = {k: v for k, v in admin1_ids.items() if v.startswith("gn:")}
    for frame in (geonames(reference), natural_earth(reference), *areas(reference, admin1_ids),
                  cod_places(reference, SY_COD, "OCHA Syria COD communities 2015 (CC BY-IGO)"),
                  damascus(reference),
                  cod_places(reference, IQ_COD, "OCHA Iraq COD-AB sub-districts 2019 (CC BY-IGO),"
                             " label point of the area"),
                  wikipedia(reference)):  # fmt: skip
        hint = frame["country_hint"] if "country_hint" in frame else "SY"
        frame = _locate(frame.reindex(columns=model.PLACES.names, fill_value=""), hint)
        for row in validation.coerce(model.PLACES, frame, origin="reference").to_dict("records"):
            base.add(row)
    merged = _seats(base.frame())
    _write_registry(merged[~merged["place_id"].isin(hand)])
    _write_curated_aliases(merged[merged["place_id"].isin(hand)], curated)


def _seats(places: pd.DataFrame) -> pd.DataFrame:
    """A map point named like the district or sub-district around it is its seat, a town
    (Wikipedia's Iraqi points say nothing of size: Al-Qa'im, seat of Al-Qa'im, is no village)."""
    areas = places[places["kind"].isin(["admin2", "admin3"])]
    seats: dict[str, list[tuple[float, float]]] = {}
    for row in areas.to_dict("records"):
        for name in [row["name"], *row["aliases"]]:
            name = re.sub(r"^(markaz|cent(er|re) of)\s+", "", split_tag(name)[0], flags=re.I)
            for key in {keys.vowels(name), "sk:" + keys.skeleton(name)} - {"", "sk:"}:
                seats.setdefault(key, []).append((row["lat"], row["lon"]))
    villages = places["kind"] == "village"
    is_seat = [
        v and any(km((lat, lon), p) < 40 for key in (keys.vowels(name),
                  "sk:" + keys.skeleton(name)) for p in seats.get(key, ()))  # fmt: skip
        for v, name, lat, lon in zip(villages, places["name"], places["lat"], places["lon"],
                                     strict=True)
    ]  # fmt: skip
    places.loc[is_seat, "kind"] = "town"
    return places


def _locate(frame: pd.DataFrame, off_outlines: pd.Series | str = "SY") -> pd.DataFrame:
    """Country and GeoNames admin-1 code from the bundled boundaries where a source lacks them;
    a point off every outline (an oil terminal in the Gulf) takes `off_outlines`, the country
    its source is about."""
    frame = frame.astype(object).where(frame.notna(), "")
    countries, admin1 = admin.locate(DATA, frame["lat"].astype(float), frame["lon"].astype(float))
    frame["country"] = frame["country"].where(frame["country"] != "", countries)
    frame["admin1"] = frame["admin1"].where(frame["admin1"] != "", admin1)
    frame["country"] = frame["country"].where(frame["country"] != "", off_outlines)
    return frame


def _write_registry(frame: pd.DataFrame) -> None:
    out = frame.copy().sort_values("place_id")
    out["aliases"] = out["aliases"].map(model.LIST_SEPARATOR.join)
    out["population"] = pd.to_numeric(out["population"]).astype("Int64")
    out["lat"], out["lon"] = out["lat"].round(5), out["lon"].round(5)
    out.to_csv(DATA / REGISTRY, index=False, lineterminator="\n")


def _write_curated_aliases(merged: pd.DataFrame, curated: pd.DataFrame) -> None:
    before = curated.set_index("place_id")
    with (DATA / REGISTRY_ALIASES).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["place_id", "alias", "source"])
        for row in merged.sort_values("place_id").to_dict("records"):
            old = before.loc[row["place_id"]]
            gained = row["source"][len(old["source"]):].lstrip("; ")
            for alias in row["aliases"][len(old["aliases"]):]:
                writer.writerow([row["place_id"], alias, gained])


if __name__ == "__main__":
    derive(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared/reference"))
