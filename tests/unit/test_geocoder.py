"""The offline geocoder: news spellings resolve right, non-places resolve to nothing."""

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from geopy.distance import great_circle
from geopy.location import Location

from frontline.cli import main
from frontline.config import PROJECT_ROOT, load_settings
from frontline.gazetteer import Gazetteer, index, keys
from frontline.gazetteer.online import CachedOnline

DEVSET = PROJECT_ROOT / "tests" / "data" / "geocoding_devset.tsv"


def devset() -> list[dict]:
    with DEVSET.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_devset_accuracy_and_negatives(gazetteer):
    rows = devset()
    positives = [r for r in rows if r["kind"] != "none"]
    negatives = [r for r in rows if r["kind"] == "none"]
    assert len(positives) >= 60 and len(negatives) >= 10
    wrong = []
    for row in positives:
        found = gazetteer.geocode(row["query"], country_codes=row["country"] or None)
        expected = (float(row["lat"]), float(row["lon"]))
        km = None if found is None else great_circle(found.point[:2], expected).km
        if km is None or km > float(row["tolerance_km"]):
            wrong.append((row["query"], km))
    assert len(wrong) / len(positives) <= 0.05, wrong
    resolved = [(r["query"], gazetteer.geocode(r["query"])) for r in negatives]
    assert [q for q, found in resolved if found is not None] == []


def test_every_seed_place_name_resolves_to_its_place(gazetteer, seed_tables):
    places = seed_tables["places"].set_index("place_id")
    events = seed_tables["control_events"]
    for name, place_id in set(zip(events["place_name"], events["place_id"], strict=True)):
        if places.loc[place_id, "kind"] == "country":
            continue
        found = gazetteer.geocode(name, country_codes=places.loc[place_id, "country"])
        near = (places.loc[place_id, "lat"], places.loc[place_id, "lon"])
        assert great_circle(found.point[:2], near).km < 10, (name, found.raw)


def test_geopy_compatible_answers(gazetteer):
    found = gazetteer.geocode("Boukamal")
    assert isinstance(found, Location)
    assert {"place_id", "kind", "country", "score", "source"} <= set(found.raw)
    assert found.raw["place_id"] == "gn:174448" and found.raw["source"] == "geonames"
    several = gazetteer.geocode("Hamdan", exactly_one=False)
    assert isinstance(several, list) and len(several) >= 1
    assert gazetteer.geocode("Lorem ipsum dolor") is None


@pytest.mark.parametrize(("query", "kind"), [
    ("Hamdan air base", "airbase"), ("Raqqa province", "admin1"), ("Raqqa", "town"),
    ("Tabqa dam", "dam"), ("Tabqa airbase", "airbase"), ("Tabqa", "town"),
    ("Qaim border crossing", "border_crossing"), ("west Harasta", "district"),
    ("Eastern Ghouta", "region"),
])  # fmt: skip
def test_descriptor_words_steer_the_kind(gazetteer, query, kind):
    assert gazetteer.geocode(query).raw["kind"] == kind


def test_a_bare_name_means_the_town_not_the_crossing_named_after_it(gazetteer):
    assert gazetteer.geocode("Qaim").raw["place_id"] == "wm:al-qaim"  # Al-Qa'im, Iraq


def test_country_hint_and_document_context_rank_candidates(gazetteer):
    assert gazetteer.geocode("Arbil").raw["country"] == "IQ"  # Erbil, the big city
    assert gazetteer.geocode("Arbin", country_codes="SY").raw["place_id"] == "gn:169372"
    zamalka = (33.52528, 36.35278)
    near = gazetteer.geocode("Harasta", near=[zamalka])
    assert great_circle(near.point[:2], zamalka).km < 10


def test_fuzzy_matches_are_flagged(gazetteer):
    typo = gazetteer.geocode("Manbijh")  # a typo that no spelling of Manbij has
    assert typo.raw["place_id"] == "gn:167357" and typo.raw["low_confidence"]
    assert typo.raw["score"] < 90


def test_keys_fold_transliterations():
    assert (
        keys.skeleton("Deir ez-Zor") == keys.skeleton("Dayr az Zawr") == keys.skeleton("Deir Ezzor")
    )
    assert keys.vowels("Beiji") == keys.vowels("Bayji")
    assert keys.parse("Hamdan air base") == keys.Query("Hamdan air base", "Hamdan", ("airbase",),
                                                       None)
    assert keys.parse("west Harasta").side == "west"


def test_index_is_cached_and_rebuilt_when_inputs_change(data_copy, tmp_path, monkeypatch):
    built = []
    real_build = index.build
    monkeypatch.setattr(index, "build", lambda d: built.append(d) or real_build(d))
    data = data_copy / "data"
    index.load(data, tmp_path)
    index.load(data, tmp_path)
    assert len(built) == 1 and len(list(tmp_path.glob("gazetteer-*.pickle"))) == 1
    with (data / "gazetteer" / "aliases.csv").open("a", encoding="utf-8") as f:
        f.write("fl:zamalka,Zmalkeh,test\n")
    assert keys.light("Zmalkeh") in index.load(data, tmp_path).light
    assert len(built) == 2


def test_online_fallback_is_off_by_default_and_caches(tmp_path, monkeypatch):
    assert Gazetteer.from_settings(load_settings()).online is None
    monkeypatch.setenv("FRONTLINE_GEOCODER", "nominatim")
    assert Gazetteer.from_settings(load_settings()).online is not None  # built, not called
    calls = []

    def lookup(query, country_codes=None):
        calls.append(query)
        return Location("Somewhere, SY", (35.0, 38.0), {"place_id": "osm:1"})

    online = CachedOnline(lookup, tmp_path / "answers")
    assert online.geocode("Nowhereville").raw["source"] == "nominatim"
    assert online.geocode("Nowhereville").point[:2] == (35.0, 38.0)
    assert calls == ["Nowhereville"]


def test_cli_geocode_arguments_and_file(tmp_path: Path):
    runner = CliRunner()
    result = runner.invoke(main, ["geocode", "--country", "SY", "Boukamal", "Islamic State"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert result.exit_code == 0 and rows[1] == {"query": "Islamic State", "match": None}
    assert {"name", "place_id", "lat", "lon", "country", "kind", "score", "source"} <= set(
        rows[0]["match"]
    )
    queries = tmp_path / "q.txt"
    queries.write_text("Fallujah\tIQ\nZamalka\n\nxqzvbrt\n", encoding="utf-8")
    result = runner.invoke(main, ["geocode", "--input", str(queries)])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["match"] and r["match"]["place_id"] for r in rows] == ["gn:99454", "fl:zamalka", None]
    assert runner.invoke(main, ["geocode"]).exit_code == 2
