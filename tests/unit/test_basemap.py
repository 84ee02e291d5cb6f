"""The offline base map: the derived layers in data/basemap name their sources, stay small,
carry the names an analyst looks for (Latin and Arabic), in an order of importance; the map
draws them without tiles and leaves them out (or makes labels optional) with tiles; a hostile
name stays text."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from frontline import maps
from frontline.config import PROJECT_ROOT
from frontline.maps import basemap, rendering

FOLDER = PROJECT_ROOT / "data" / "basemap"
REFERENCE = PROJECT_ROOT.parent / "shared" / "reference"
LAYERS = ("rivers", "lakes", "roads", "labels")
HOSTILE = "</script><img src=x onerror=alert(1)>"
sys.path.insert(0, str(PROJECT_ROOT / "tools"))
import derive_basemap  # noqa: E402  (tools/ is not a package)


def _file(name: str) -> dict:
    return json.loads((FOLDER / f"{name}.geojson").read_text(encoding="utf-8"))


def _labels(kind: str | None = None) -> dict[str, dict]:
    """Labels by name: of `kind`, or of any kind but governorates (Aleppo is both)."""
    rows = [f["properties"] for f in _file("labels")["features"]]
    return {
        p["name"]: p for p in rows if p["kind"] == kind or (kind is None and p["kind"] != "admin1")
    }


@pytest.mark.parametrize("name", LAYERS)
def test_every_layer_and_feature_names_its_source(name):
    data = _file(name)
    assert data["sources"] and data["features"]
    assert all(f["properties"]["source"] in data["sources"] for f in data["features"])


def test_the_roads_carry_the_odbl_attribution_and_the_map_shows_it():
    assert "OpenStreetMap contributors, ODbL" in _file("roads")["sources"]["osm"]
    html = maps.base_map(maps.boundaries(PROJECT_ROOT / "data"), "local").get_root().render()
    credit = json.loads(re.search(r"addAttribution\((\".*?\")\);", html).group(1))
    assert "OpenStreetMap</a> contributors" in credit and "GeoNames" in credit


def test_the_bundle_is_small_and_its_coordinates_rounded():
    sizes = {name: (FOLDER / f"{name}.geojson").stat().st_size for name in LAYERS}
    assert sum(sizes.values()) < 450_000, sizes
    sent = len(rendering.script_json(basemap.layers()).encode("utf-8"))
    assert sent < 300_000  # what each map carries to the browser
    text = (FOLDER / "roads.geojson").read_text(encoding="utf-8")
    assert re.search(r"\d\.\d{5}", text) is None


def test_the_main_places_carry_latin_and_arabic_names_and_appear_early():
    found = _labels()
    for name, arabic in {"Damascus": "دمشق", "Aleppo": "حلب", "Baghdad": "بغداد",
                         "Mosul": "الموصل", "Syria": "سوريا", "Iraq": "العراق",
                         "Euphrates": "الفرات", "Deir ez-Zor": "دير الزور"}.items():  # fmt: skip
        assert found[name]["name_ar"] == arabic
    assert all(found[n]["z"] <= 5 for n in ("Damascus", "Aleppo", "Baghdad", "Mosul", "Iraq"))
    assert found["Raqqa"]["kind"] == "town" and found["Raqqa"]["z"] <= 6
    governorates = list(_labels("admin1").values())
    assert len(governorates) >= 30 and all(p["name_ar"] for p in governorates)
    assert not any(p["name_ar"].startswith("محافظة") for p in governorates)  # "governorate" cut


def test_labels_are_ranked_by_zoom_then_class_capitals_before_their_country():
    rows = _file("labels")["features"]
    assert [f["properties"]["rank"] for f in rows] == list(range(len(rows)))
    zooms = [f["properties"]["z"] for f in rows if f["properties"]["kind"] == "admin1"]
    assert zooms == sorted(zooms)  # all in Syria and Iraq
    found = _labels()
    assert found["Baghdad"]["rank"] < found["Iraq"]["rank"]  # Baghdad sits by IRAQ's point
    assert found["Syria"]["rank"] < found["Turkey"]["rank"]  # the map's subject first
    assert found["Damascus"]["rank"] < found["Israel"]["rank"] < found["Amman"]["rank"]


def test_rank_orders_a_small_table_by_its_rule():
    def label(kind, name, z, population=0):
        return derive_basemap._label(kind, 38.0, 35.0, name, None, z, 14, population=population)

    found = derive_basemap.rank(
        [label("town", "Small", 6, 20_000), label("town", "Big", 6, 900_000),
         label("country", "Land", 3), label("capital", "Seat", 3), label("town", "", 3)]
    )  # fmt: skip
    assert [f["properties"]["name"] for f in found] == ["Seat", "Land", "Big", "Small"]
    abroad = derive_basemap._label("town", 30.0, 30.0, "Abroad", None, 5, 14)  # in Egypt
    found = derive_basemap.rank([abroad, label("town", "Home", 6)])
    assert [f["properties"]["name"] for f in found] == ["Home", "Abroad"]


def test_a_registry_town_takes_its_arabic_name_only_when_it_is_arabic_script_alone():
    assert derive_basemap._arabic("Abu Ghraib - أبو غريب@ar;أبو غريب@ar") == "أبو غريب"
    assert derive_basemap._arabic("Manbij;Menbij@tr") is None
    assert derive_basemap._arabic("الريحانة@ar;عنه@ar", "Anah") == "عنه"  # the name, not another
    assert derive_basemap._arabic("عرب بينار@ar;عين العرب@ar", "Ayn al Arab") == "عين العرب"
    assert derive_basemap._arabic("کفر نبل@ar;كفر نبل@ar", "Kafranbel") == "كفر نبل"  # not Persian
    zooms = [derive_basemap._town_zoom(p, False) for p in (3e6, 6e5, 2e5, 5e4, 2e4, 0)]
    assert zooms == sorted(zooms) and zooms[0] < zooms[-1]


def _hostile_layers() -> dict:
    data = dict(basemap.layers())
    row = list(data["labels"][0])
    row[data["fields"]["name"]] = HOSTILE
    row[data["fields"]["name_ar"]] = "A & B ' \u2028"
    data["labels"] = [row]
    return data


def test_a_hostile_name_stays_text_in_the_page():
    shapes = {**maps.boundaries(PROJECT_ROOT / "data"), "basemap": _hostile_layers()}
    html = maps.base_map(shapes, "local").get_root().render()
    assert "<img src=x" not in html and "</script><img" not in html
    payload = re.search(r"var d = (\{.*?\});\n", html).group(1)
    assert json.loads(payload)["labels"][0][basemap.LABEL_FIELDS.index("name")] == HOSTILE
    assert "innerHTML" not in basemap.BASEMAP_JS and "textContent" in basemap.BASEMAP_JS


def test_with_no_tiles_the_map_draws_lines_and_labels_with_tiles_labels_are_optional():
    shapes = maps.boundaries(PROJECT_ROOT / "data")

    def payload(**options) -> dict:
        html = maps.base_map(shapes, "local", **options).get_root().render()
        return json.loads(re.search(r"var d = (\{.*?\});\n", html).group(1))

    offline, tiled = payload(), payload(tiles="osm")
    assert offline["roads"]["features"] and offline["rivers"]["features"] and offline["labels"]
    assert tiled["roads"] is None and tiled["labels"] == []
    assert payload(tiles="osm", labels=True)["labels"] == offline["labels"]
    assert payload(labels=False)["labels"] == []
    admin1, kind = offline["kinds"]["admin1"], offline["fields"]["kind"]
    assert any(r[kind] == admin1 for r in offline["labels"])
    assert not any(r[kind] == admin1 for r in payload(provinces=False)["labels"])


def test_a_data_folder_without_a_base_map_draws_the_bundled_one(tmp_path):
    shutil.copytree(PROJECT_ROOT / "data" / "boundaries", tmp_path / "boundaries")
    shapes = maps.boundaries(tmp_path)
    assert "basemap" not in shapes
    assert "Damascus" in maps.base_map(shapes, "local").get_root().render()


@pytest.mark.skipif(not REFERENCE.exists(), reason="needs ../shared/reference")
def test_the_committed_layers_are_what_the_tool_derives(tmp_path, monkeypatch):
    monkeypatch.setattr(derive_basemap, "OUT", tmp_path)
    derive_basemap.main(REFERENCE)
    for name in LAYERS:
        fresh = (tmp_path / f"{name}.geojson").read_bytes()
        assert fresh == (FOLDER / f"{name}.geojson").read_bytes(), name


def test_the_tool_lives_where_the_readme_says():
    readme = (PROJECT_ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "tools/derive_basemap.py" in readme and "basemap/" in readme
    assert Path(derive_basemap.__file__).parent == PROJECT_ROOT / "tools"
