"""The place registry: one row a place from every source, files users bring, and the geocoder
measured on place names from real reports (tests/data/geocoding_realtext.tsv)."""

import csv
import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from geopy.distance import great_circle

from frontline import model, validation
from frontline.cli import main
from frontline.config import PROJECT_ROOT
from frontline.gazetteer import all_places, formats, merge
from frontline.gazetteer.documents import resolve_document
from frontline.names import fold

REALTEXT = PROJECT_ROOT / "tests" / "data" / "geocoding_realtext.tsv"  # the dev set
HELDOUT = PROJECT_ROOT / "tests" / "data" / "geocoding_heldout.tsv"  # collected apart, scored once
GEONAMES_ROWS = [
    ["170063", "Aleppo", "Aleppo", "Halab,حلب", "36.20124", "37.16117", "P", "PPLA", "SY", "",
     "09", "", "", "", "1602264", "", "390", "Asia/Damascus", "2019-01-01"],
    ["9999001", "Tall Example", "Tall Example", "Tell Example", "36.1", "37.5", "P", "PPL", "SY",
     "", "09", "", "", "", "0", "", "", "Asia/Damascus", "2019-01-01"],
    ["9999002", "Wadi Example", "Wadi Example", "", "36.2", "37.6", "H", "WAD", "SY", "", "09",
     "", "", "", "0", "", "", "Asia/Damascus", "2019-01-01"],
]  # fmt: skip


def mentions(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f, delimiter="\t") if r["lat"]]


def outcome(row: dict, match: dict | None) -> str:
    if match is None:
        return "none"
    km = great_circle((match["lat"], match["lon"]), (float(row["lat"]), float(row["lon"]))).km
    if km <= float(row["tolerance_km"]):
        return "right"
    return "flagged" if match["low_confidence"] else "wrong"


def alone(gazetteer, rows: list[dict]) -> list[str]:
    """Each mention on its own, as `frontline geocode` takes it."""
    found = [gazetteer.geocode(r["query"], country_codes=r["country"] or None) for r in rows]
    return [outcome(r, f and f.raw) for r, f in zip(rows, found, strict=True)]


def by_document(gazetteer, rows: list[dict]) -> list[str]:
    """Each document's mentions in order, each helped by those before it (resolve_document)."""
    order = {url: [r for r in rows if r["doc_url"] == url] for url in dict.fromkeys(
        r["doc_url"] for r in rows)}  # fmt: skip
    results = {}
    for doc in order.values():
        answers = resolve_document(gazetteer, [(r["query"], r["country"] or None) for r in doc])
        results.update({id(r): outcome(r, a["match"]) for r, a in zip(doc, answers, strict=True)})
    return [results[id(r)] for r in rows]


# (file, how mentions are asked, least share right, most share wrong without the flag): the
# floors are today's figures less a little, so a change for the worse fails; the README says how
# far they are from the issue's 95 % and 1 % (neither set reaches them).
SCORES = [(REALTEXT, alone, 0.85, 0.018), (REALTEXT, by_document, 0.87, 0.018),
          (HELDOUT, alone, 0.70, 0.03), (HELDOUT, by_document, 0.75, 0.03)]  # fmt: skip


@pytest.mark.parametrize(("path", "mode", "right", "wrong"), SCORES)
def test_real_report_names_are_rarely_confidently_wrong(gazetteer, path, mode, right, wrong):
    rows = mentions(path)
    assert len(rows) >= 200 and len({r["doc_url"] for r in rows}) >= 60
    results = mode(gazetteer, rows)
    counts = Counter(results)
    by_kind = {k: Counter(v for r, v in zip(rows, results, strict=True) if r["kind"] == k)
               for k in sorted({r["kind"] for r in rows})}  # fmt: skip
    print(json.dumps({path.name: mode.__name__, **counts, "by_kind": by_kind}))  # for the README
    assert counts["wrong"] / len(rows) <= wrong, counts
    assert counts["right"] / len(rows) >= right, counts


@pytest.mark.parametrize(("country", "query", "place_id"), [
    ("SY", "Dabiq", "pc:C1597"), ("SY", "Tall Rifat", "gn:163476"), ("SY", "Latamneh", "pc:C3458"),
    ("SY", "Foua", "pc:C3905"), ("SY", "Hasakah countryside", "gn:173813"),
    ("SY", "Masaken Hanano", "fl:masaken-hanano"), ("IQ", "Bashiqa", "wm:bashiqa"),
    ("IQ", "Jalawla", "wm:jalawla"), ("IQ", "Hammam al-Alil", "wm:hammam-al-alil"),
    ("IQ", "Camp Speicher", "wm:tikrit-air-academy"), ("IQ", "Qayyarah", "wm:qayyarah"),
    (None, "منبج", "gn:167357"), (None, "C2450", "pc:C2450"), (None, "Rural Damascus", "gn:170652"),
])  # fmt: skip
def test_the_issues_names_resolve_confidently(gazetteer, country, query, place_id):
    found = gazetteer.geocode(query, country_codes=country)
    assert found.raw["place_id"] == place_id and not found.raw["low_confidence"], found.raw


def test_a_country_hint_filters_and_namesakes_are_flagged(gazetteer):
    assert gazetteer.geocode("Fallujah", country_codes="SY") is None
    assert gazetteer.geocode("Foua", country_codes="EG") is None
    several = gazetteer.geocode("Yarmuk", exactly_one=False)
    assert several[0].raw["low_confidence"] and len(several) > 1


def test_descriptor_phrases_of_news(gazetteer):
    assert gazetteer.geocode("the western countryside of Idlib").raw["kind"] == "admin1"
    assert gazetteer.geocode("Raqqa city").raw["kind"] == "town"
    assert gazetteer.geocode("village of Morek").raw["place_id"] == "pc:C3029"
    kilis = gazetteer.geocode("the Turkish border town of Kilis")
    assert kilis.raw["country"] == "TR" and kilis.raw["low_confidence"]  # a guessed name
    hajin = gazetteer.geocode("Hajin in the eastern province of Deir Ezzor")
    assert hajin.raw["admin1"] == "SY.07" and not hajin.raw["low_confidence"]
    hama = gazetteer.geocode("ريف حماه الشمالي")  # the northern countryside of Hama
    assert (hama.raw["kind"], hama.raw["admin1"]) == ("admin1", "SY.10")
    refinery = gazetteer.geocode("Baiji refinery", country_codes="IQ")  # "Baiji oil refinery"
    assert refinery.raw["place_id"] == "wm:baiji-oil-refinery"
    assert gazetteer.geocode("Shaer gas fields").raw["place_id"] == "wm:shaer-gas-fields"


def test_the_registry_has_each_place_once_with_its_sources():
    places = all_places(PROJECT_ROOT / "data")
    assert places["place_id"].is_unique and len(places) > 12_000
    families = Counter(places["place_id"].str.split(":").str[0])
    assert {"fl", "gn", "pc", "wm"} <= set(families)
    assert places["source"].str.len().min() > 10
    manbij = places.set_index("place_id").loc["gn:167357"]
    assert "منبج@ar" in manbij["aliases"] and "C1767@pcode" in manbij["aliases"]
    assert "OCHA" in manbij["source"]  # merged, not a second Manbij
    near_manbij = places[(places["lat"] - 36.528).abs().lt(0.02)
                         & (places["lon"] - 37.955).abs().lt(0.02)]  # fmt: skip
    assert (near_manbij["kind"] == "town").sum() == 1
    # a point the Wikipedia map marks as held by two sides (stable_opp_JaN) is a place too
    assert "Al-Shaykh Saad" in places.set_index("place_id").loc["pc:C6120", "aliases"]
    assert places.set_index("place_id").loc["wm:haditha-dam", "kind"] == "dam"  # a river icon


def test_syrian_and_iraqi_places_lie_in_their_country():
    """A point off every outline once defaulted to Syria: the Iraqi module's oil terminals in
    the Gulf were tagged SY, and a country hint of SY offered them."""
    places = all_places(PROJECT_ROOT / "data")
    boxes = {"SY": (32.3, 37.4, 35.6, 42.5), "IQ": (29.0, 37.5, 38.7, 48.9)}  # with a margin
    for country, (south, north, west, east) in boxes.items():
        rows = places[places["country"] == country]
        outside = rows[~(rows["lat"].between(south, north) & rows["lon"].between(west, east))]
        assert outside.empty, outside[["place_id", "lat", "lon"]].to_string()


def test_curated_rows_do_not_duplicate_registry_places():
    """A row added by hand to curated.csv that the registry already has is caught here: put its
    names in aliases.csv, or re-derive with tools/derive_registry.py."""
    places = all_places(PROJECT_ROOT / "data")
    curated = places["place_id"].str.startswith("fl:")
    registry = merge.Registry(places[~curated & ~places["kind"].eq("admin1")])
    dupes = [(r["place_id"], registry.rows[i]["place_id"])
             for r in places[curated].to_dict("records")
             if (i := registry.same_place(r)) is not None]  # fmt: skip
    assert dupes == []


def _read(path: Path, **kw):
    return formats.read_file(path, **kw)


def test_readers_of_geonames_cod_and_csv(tmp_path):
    txt = tmp_path / "SY.txt"
    txt.write_text("".join("\t".join(r) + "\n" for r in GEONAMES_ROWS), encoding="utf-8")
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(txt, "SY.txt")
    for path in (txt, archive):
        read = _read(path)
        assert read.format == "geonames" and list(read.places["place_id"]) == ["gn:170063",
                                                                               "gn:9999001"]
        assert read.rejected == [(3, "feature code H.WAD is not a kind of place Frontline maps")]
        assert "حلب@ar" in read.places["aliases"][0]
    cod = tmp_path / "cod.csv"
    cod.write_text("ADM3_PCODE,ADM3_EN,ADM3_AR,ADM2_PCODE,ADM2_EN,ADM1_PCODE,ADM1_EN,ADM0_PCODE,"
                   "LATITUDE,LONGITUDE\nIQG15Q05N01,Al-Qayarra,القيارة,IQG15Q05,Al-Mosul,IQG15,"
                   "Ninewa,IQ,35.849,43.27\n", encoding="utf-8")  # fmt: skip
    row = _read(cod).places.iloc[0]
    assert (row["place_id"], row["kind"], row["country"], row["admin2"]) == (
        "pc:IQG15Q05N01", "admin3", "IQ", "Al-Mosul")
    communities = tmp_path / "communities.csv"  # OCHA's own name says whose village it is
    communities.write_text("PCODE,NAME_EN,NAME_ARA,LATITUDE,LONGITUDE,ADMIN3_COD,ADMIN3_EN,"
                           "ADMIN3_ARA\nC9001,Zahrun Tal Qamrin,زهرون تل قمرين,36.4,37.1,SY0201,"
                           "Tall Qamrin,تل قمرين\nC9002,Abin - Qamrin,ابين- قمرين,36.5,37.2,"
                           "SY0202,Qamrin,مركز قمرين\n", encoding="utf-8")  # fmt: skip
    aliases = [set(a.split(";")) for a in _read(communities).places["aliases"]]
    assert {"Zahrun", "زهرون@ar"} <= aliases[0] and {"Abin", "ابين@ar"} <= aliases[1]
    plain = tmp_path / "mine.csv"
    plain.write_text("name,lat,lon,kind\nNew Camp,36.1,41.1,camp\n", encoding="utf-8")
    assert _read(plain).places.iloc[0]["place_id"] == "csv:new-camp"
    plain.write_text("name,lat\nNo Lon,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lon"):
        _read(plain)


def test_merge_joins_a_spelling_nearby_and_keeps_namesakes_apart():
    base = validation.coerce(model.PLACES, [
        {"place_id": "pc:C1", "name": "Menbij", "kind": "town", "lat": "36.527", "lon": "37.952",
         "country": "SY", "aliases": "منبج@ar", "source": "OCHA"},
    ], origin="base")  # fmt: skip
    incoming = validation.coerce(model.PLACES, [
        {"place_id": "gn:1", "name": "Manbij", "kind": "town", "lat": "36.53", "lon": "37.955",
         "country": "SY", "source": "GeoNames"},
        {"place_id": "gn:2", "name": "Manbij", "kind": "village", "lat": "35.0", "lon": "38.5",
         "country": "SY", "source": "GeoNames"},
        {"place_id": "gn:3", "name": "Manbij air base", "kind": "airbase", "lat": "36.53",
         "lon": "37.95", "country": "SY", "source": "GeoNames"},
    ], origin="incoming")  # fmt: skip
    merged, outcomes = merge.merge(base, incoming)
    assert [(o.action, o.into) for o in outcomes] == [
        ("merged", "pc:C1"), ("added", "gn:2"), ("added", "gn:3")]
    assert "Manbij" in merged.set_index("place_id").loc["pc:C1", "aliases"]


def test_cli_places_add_and_add_event_at_any_place(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the overlay stays here
    runner = CliRunner()
    mine = tmp_path / "mine.csv"
    mine.write_text("name,lat,lon,kind,country\nQah camp test,36.29,36.73,camp,SY\n"
                    "Dabiq,36.539,37.268,village,SY\n", encoding="utf-8")  # fmt: skip
    first = runner.invoke(main, ["places", "add", str(mine), "--by", "tester"])
    assert first.exit_code == 0 and "1 added, 1 merged" in first.output, first.output
    again = runner.invoke(main, ["places", "add", str(mine), "--by", "tester"])
    assert "0 added, 0 merged into known places, 2 already known" in again.output
    event = runner.invoke(main, [
        "add", "event", "--place", "Dabiq", "--country", "SY", "--date", "2016-10-16",
        "--type", "captured", "--actor", "rebels", "--opponent", "is", "--publisher", "Reuters",
        "--title", "Rebels take Dabiq", "--quote", "Syrian rebels took Dabiq", "--by", "tester",
    ])  # fmt: skip
    assert event.exit_code == 0, event.output
    history = json.loads(runner.invoke(main, ["history", "Dabiq"]).output)
    assert history["place_id"] == "pc:C1597"
    assert history["intervals"][0]["controller_id"] == "rebels"
    vague = runner.invoke(main, ["add", "delivery", "--place", "Yarmuk", "--date", "2016-01-01",
                                 "--publisher", "x", "--title", "y", "--quote", "z",
                                 "--by", "tester"])  # fmt: skip
    assert vague.exit_code == 1 and "ambiguous" in vague.output
    found = runner.invoke(main, ["geocode", "Qah camp test"])
    assert json.loads(found.output.splitlines()[0])["match"]["place_id"] == "csv:sy-qah-camp-test"
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat,lon\nNowhere,95,1\n", encoding="utf-8")
    refused = runner.invoke(main, ["places", "add", str(bad), "--by", "tester"])
    assert refused.exit_code == 1 and "row 2" in refused.output and "lat" in refused.output


def test_geocode_cli_imports_no_pandas():
    import subprocess
    import sys

    code = ("import sys; sys.argv = ['frontline', 'geocode', 'Boukamal']\n"
            "from frontline.entry import main\nmain()\n"
            "assert 'pandas' not in sys.modules and 'sqlalchemy' not in sys.modules, 'heavy'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(io.StringIO(done.stdout).readline())["match"]["place_id"] == "gn:174448"


def test_places_add_names_reach_the_geocoder_and_bad_files_change_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    runner = CliRunner()

    def add(text: str, encoding: str = "utf-8") -> str:
        path = tmp_path / "places.csv"
        path.write_bytes(text.encode(encoding))
        return runner.invoke(main, ["places", "add", str(path), "--by", "tester"]).output

    # a new name for a bundled place (Damascus) answers at once; country and governorate of a
    # row without them come from the bundled boundaries; a repeated name gets its own id
    assert "1 merged" in add("place_id,name,lat,lon\ngn:170654,Zzqtestname,33.51,36.29\n")
    answer = json.loads(runner.invoke(main, ["geocode", "Zzqtestname"]).output)["match"]
    assert answer["place_id"] == "gn:170654"
    assert "2 added" in add("name,lat,lon\nTest Hamlet,35.1,38.2\nTest Hamlet,36.2,40.1\n")
    hamlet = json.loads(runner.invoke(main, ["geocode", "Test Hamlet"]).output)["match"]
    assert (hamlet["country"], hamlet["admin1"], hamlet["kind"]) == ("SY", "SY.10", "village")
    # a known id at a point far from it is refused, not merged
    assert "138 km" in add("place_id,name,lat,lon\ngn:170654,Homs,34.7,36.7\n")
    for bad, says in (("name,lat,lon\n=HYPERLINK(1),35,38\n", "formula"),
                      ("name,lat\nx,1\n", "missing column"),
                      ("name,lat,lon\nb\xe9,1,2\n", "cannot read"),
                      ("name,lat,lon\nNowhere,95,1\n", "row 2")):  # fmt: skip
        out = add(bad, "latin-1" if "\xe9" in bad else "utf-8")
        assert says in out and "Traceback" not in out, out
    audit = runner.invoke(main, ["audit", "--format", "json", "--limit", "50"]).output
    assert all(e["id"] != "csv:nowhere" for e in json.loads(audit))


def test_geonames_reader_refuses_historical_places_and_bad_numbers(tmp_path):
    rows = [GEONAMES_ROWS[0], [*GEONAMES_ROWS[1][:7], "PPLH", *GEONAMES_ROWS[1][8:]],
            [*GEONAMES_ROWS[0][:14], "1,200", *GEONAMES_ROWS[0][15:]]]  # fmt: skip
    rows[2][0] = "9999003"
    path = tmp_path / "SY.txt"
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    read = _read(path)
    assert list(read.places["place_id"]) == ["gn:170063"]
    assert [line for line, _ in read.rejected] == [2, 3]


def test_a_problem_after_rejected_lines_names_the_files_own_line(tmp_path, settings):
    """Rows rejected before a bad one: the message names the file's line (it named the row's
    position among those kept, one or two lines too early)."""
    from frontline import registry
    from frontline.seeding import open_store

    engine = open_store(settings)
    historical = [*GEONAMES_ROWS[1][:7], "PPLH", *GEONAMES_ROWS[1][8:]]
    far = [*GEONAMES_ROWS[0][:4], "95", *GEONAMES_ROWS[0][5:]]
    dump = tmp_path / "SY.txt"
    dump.write_text("".join("\t".join(r) + "\n" for r in (historical, historical, far)),
                    encoding="utf-8")  # fmt: skip
    added = registry.add_file(dump, settings, engine, "tester")
    assert added.rejected[2][0] == "line 3" and "gn:170063" in added.rejected[2][1]
    cod = tmp_path / "cod.csv"
    cod.write_text("ADM3_PCODE,ADM3_EN,ADM0_PCODE,LATITUDE,LONGITUDE\n,No code,IQ,35.8,43.2\n"
                   "IQG15Q05N01,Al-Qayarra,IQ,north,43.27\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(validation.ValidationError) as caught:
        registry.add_file(cod, settings, engine, "tester")
    assert [(e.row, e.field) for e in caught.value.errors] == [(3, "lat")]


def test_generic_words_and_what_a_site_is_named_after_are_no_confident_answer(gazetteer):
    for word in ("of", "NDF", "PKK", "Army"):
        assert gazetteer.geocode(word) is None, word
    for word in ("Euphrates", "Oil", "Missile"):  # the names of a dam, a hill, a base
        found = gazetteer.geocode(word)
        assert found is None or found.raw["low_confidence"], (word, found.raw)
    assert gazetteer.geocode("Iraq").raw["kind"] == "country"
    harem = gazetteer.geocode("Harem")  # on the Turkish border: a Syrian town all the same
    assert harem.raw["country"] == "SY"


def test_the_short_ways_of_folding_agree_with_the_long_ways():
    """`fold` and `keys.vowels` take a short way for plain ASCII names (most queries): on every
    name of the registry and the real-text sets it must give what the long way gives."""
    from frontline.gazetteer import keys
    from frontline.names import _fold_unicode, split_tag

    places = all_places(PROJECT_ROOT / "data")
    names = {split_tag(a)[0] for n, aliases in zip(places["name"], places["aliases"], strict=True)
             for a in [n, *aliases]}  # fmt: skip
    names |= {r["query"] for path in (REALTEXT, HELDOUT) for r in mentions(path)}
    plain = sorted(n for n in names if n.isascii())
    assert len(plain) > 20_000
    assert [n for n in plain if fold(n) != _fold_unicode(n)] == []
    assert [n for n in plain if keys.vowels(n) != keys._vowels_by_words(n)] == []
