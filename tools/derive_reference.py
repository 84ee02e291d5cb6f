"""Derive the committed subsets under data/ from the public files in ../shared/reference/.

Run once by a maintainer (`python tools/derive_reference.py ../shared/reference`); the outputs are
committed so that set-up never needs the reference folder or the network. Keeping the derivation as
code makes every committed byte reproducible and reviewable.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import derive_basemap
import derive_registry
import geopandas as gpd

REGION = ["SY", "IQ", "TR", "LB", "JO", "IL", "PS", "SA", "IR", "KW", "EG", "CY"]
PROVINCE_COUNTRIES = ["SY", "IQ"]
ROOT = Path(__file__).resolve().parents[1]


def _write_geojson(frame: gpd.GeoDataFrame, path: Path, tolerance: float) -> None:
    frame = frame.copy()
    frame["geometry"] = frame.geometry.simplify(tolerance, preserve_topology=True)
    data = json.loads(frame.to_json(drop_id=True))
    text = json.dumps(data, separators=(",", ":"))
    # Five decimals (about 1 m) is far below the 1:10m source's accuracy.
    path.write_text(_round_coordinates(text), encoding="utf-8")


def _round_coordinates(text: str) -> str:
    import re

    return re.sub(r"(-?\d+\.\d{5})\d+", r"\1", text)


def countries(reference: Path) -> None:
    frame = gpd.read_file(reference / "ne_110m_admin_0_countries.geojson")
    frame["iso_a2"] = frame["ISO_A2"].where(frame["ISO_A2"] != "-99", frame["ISO_A2_EH"])
    frame = frame[frame["iso_a2"].isin(REGION)][["iso_a2", "NAME", "geometry"]]
    frame = frame.rename(columns={"NAME": "name"}).sort_values("iso_a2")
    _write_geojson(frame, ROOT / "data/boundaries/countries.geojson", 0.0)


def provinces(reference: Path) -> None:
    path = reference / "ne_10m_admin_1_states_provinces_syr_irq_neighbours.geojson"
    frame = gpd.read_file(path)
    frame = frame[frame["iso_a2"].isin(PROVINCE_COUNTRIES)]
    frame = frame[["iso_a2", "name", "gn_a1_code", "geometry"]].sort_values(["iso_a2", "name"])
    _write_geojson(frame, ROOT / "data/boundaries/provinces.geojson", 0.002)


def arabic_names(reference: Path, shapes: gpd.GeoDataFrame) -> dict[str, list[str]]:
    """Natural Earth's Arabic label of each governorate ('محافظة حمص'), by the admin-1 code of
    the polygon its label point lies in; kept with and without the word for governorate."""
    labels = gpd.read_file(reference / "ne_10m_admin_label_points_SY_IQ.geojson")
    labels = labels[(labels["level"] == "admin1") & labels["name_ar"].notna()]
    joined = gpd.sjoin(labels[["name_ar", "geometry"]], shapes[["gn_a1_code", "geometry"]],
                       predicate="within")  # fmt: skip
    found: dict[str, list[str]] = {}
    for code, name in zip(joined["gn_a1_code"], joined["name_ar"], strict=True):
        bare = name.removeprefix("محافظة ").strip()
        found.setdefault(code, []).extend(f"{n}@ar" for n in dict.fromkeys((bare, name)))
    return found


def admin1(reference: Path) -> None:
    """Governorates: GeoNames admin-1 names and ids, a point inside Natural Earth's polygon,
    Natural Earth's Arabic names."""
    codes = {}
    with (reference / "geonames_admin1CodesASCII.txt").open(encoding="utf-8") as f:
        for line in f:
            code, name, ascii_name, geonameid = line.rstrip("\n").split("\t")
            codes[code] = (name, ascii_name, geonameid)
    shapes = gpd.read_file(ROOT / "data/boundaries/provinces.geojson")
    arabic = arabic_names(reference, shapes)
    out = ROOT / "data/gazetteer/admin1.csv"
    with out.open("w", encoding="utf-8", newline="") as g:
        writer = csv.writer(g, lineterminator="\n")
        writer.writerow(
            [
                "place_id",
                "name",
                "kind",
                "lat",
                "lon",
                "country",
                "admin1",
                "population",
                "aliases",
                "source",
            ]
        )
        for row in shapes.itertuples():
            if row.gn_a1_code not in codes:
                continue  # UNDOF zone
            name, ascii_name, geonameid = codes[row.gn_a1_code]
            ne = row.name.split(" (")[0]
            extra = row.name[len(ne) :].strip(" ()")
            aliases = dict.fromkeys(a for a in (name, ascii_name, ne, extra,
                                                *arabic.get(row.gn_a1_code, ())) if a)  # fmt: skip
            point = row.geometry.representative_point()
            writer.writerow(
                [
                    f"gn:{geonameid}",
                    ascii_name,
                    "admin1",
                    round(point.y, 5),
                    round(point.x, 5),
                    row.iso_a2,
                    row.gn_a1_code,
                    "",
                    ";".join(aliases),
                    f"GeoNames admin1CodesASCII {row.gn_a1_code} (CC BY 4.0); point inside the "
                    "Natural Earth admin-1 polygon (public domain)"
                    + ("; Arabic names: Natural Earth admin-1 label points (public domain)"
                       if row.gn_a1_code in arabic else ""),
                ]
            )


if __name__ == "__main__":
    ref = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared/reference")
    countries(ref)
    provinces(ref)
    admin1(ref)
    derive_registry.derive(ref)  # the place registry, from every source above and the curated rows
    derive_basemap.main(ref)  # the offline base map: its town names draw on the registry
