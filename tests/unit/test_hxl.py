"""HXL in and out (issue 13): an export is a header row, a hashtag row libhxl reads, and rows
neutralised against formula injection; an export read back into an EMPTY store gives the same
deliveries and events; HDX files with the hashtag row first, under a title, after a blank row,
in UTF-16 are read; Windows-1252 and bad rows are refused naming file, row and hashtag, with
nothing written; two files that number their rows 1, 2, 3 keep their own records; a re-import
leaves unchanged rows (and edits made in the app since) alone and updates changed ones
(SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import hxl
import hxl.input
import pandas as pd
import pytest
from click.testing import CliRunner

from frontline import model, registry, report, store
from frontline.cli import main
from frontline.config import PROJECT_ROOT
from frontline.dataset import Dataset
from frontline.errors import DataError, ValidationError
from frontline.imports import batch, hxl_ids
from frontline.imports import hxl as hxl_import
from frontline.seeding import open_store

DATA = PROJECT_ROOT / "tests" / "data" / "hxl"
DELIVERY_KEYS = model.AID_DELIVERIES.names  # every column: the same records, not look-alikes
EVENT_KEYS = model.CONTROL_EVENTS.names


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _content(frame: pd.DataFrame, keys: list[str]) -> list[dict]:
    """Rows as comparable plain values (missing as None, lists as lists), in id order."""
    out = []
    for row in frame.sort_values(keys[0])[keys].to_dict("records"):
        out.append({k: (v if isinstance(v, list) else None if pd.isna(v) else v)
                    for k, v in row.items()})  # fmt: skip
    return out


def _empty_store(settings, new_store_url):
    """A store at head that holds nothing (not filled from data/), and its settings."""
    empty = dataclasses.replace(settings, database_url=new_store_url())
    engine = store.connect(empty.database_url)
    store.upgrade(engine)
    return empty, engine


def _import(path: Path, table: str, settings, engine, by: str = "Analyst A") -> batch.Summary:
    read = hxl_import.read(path, table, settings, engine, registry.geocoder(settings, engine))
    return batch.run(read, settings, engine, by)


# writing


def test_an_export_is_a_header_row_then_hashtags_that_libhxl_reads(seed):
    text = hxl_import.write(seed, "deliveries")
    rows = _rows(text)
    tags = [t.hashtag for t in hxl_import.TAGS["deliveries"]]
    assert rows[1] == tags and rows[0] == [t.header for t in hxl_import.TAGS["deliveries"]]
    data = hxl.data(io.BytesIO(text.encode("utf-8")))  # as libhxl reads a downloaded file
    assert [c.display_tag for c in data.columns] == tags
    for needed in ("#date", "#loc+name", "#loc+code", "#adm1+name", "#geo+lat", "#geo+lon",
                   "#org+name", "#reached", "#indicator+trucks", "#item+type", "#meta+source",
                   "#meta+url", "#status"):  # fmt: skip
        assert needed in tags
    read = list(data)
    assert len(read) == len(seed.aid_deliveries)
    zamalka = next(r for r in read if r.get("#meta+id") == "aid-2016-06-29-zamalka")
    assert zamalka.get("#loc+name") == "Zamalka" and zamalka.get("#indicator+trucks") == "37"
    assert zamalka.get("#geo+lat").startswith("33.5") and zamalka.get("#geo+lon").startswith("36.3")
    assert zamalka.get("#org+name").split(";")[0] == "International Committee of the Red Cross"
    assert zamalka.get("#date+first_since") == "2012", "a year-precise date is written as a year"


def test_events_export_names_armed_groups_and_ids(seed):
    rows = list(hxl.data(hxl.input.ArrayInput(_rows(hxl_import.write(seed, "events")))))
    assert len(rows) == len(seed.control_events)
    fallujah = next(r for r in rows if r.get("#meta+id") == "fallujah-2016-06-29-iraqi-captured")
    assert fallujah.get("#group+name") == "Iraqi forces"
    assert fallujah.get("#group+code") == "iraqi-forces"
    assert fallujah.get("#group+name+opponent") == "Islamic State"
    assert fallujah.get("#event+type") == "captured"


def test_cells_a_spreadsheet_would_run_are_neutralised(seed):
    deliveries = seed.aid_deliveries.copy()
    deliveries.loc[0, "quote"] = '=HYPERLINK("http://x")'
    deliveries.loc[0, "notes"] = "-2 trucks turned back"
    ds = Dataset.from_tables({**seed.tables(), "aid_deliveries": deliveries})
    cells = {c for row in _rows(hxl_import.write(ds)) for c in row}
    assert '\'=HYPERLINK("http://x")' in cells and "'-2 trucks turned back" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)


def test_an_unknown_table_is_refused(seed):
    with pytest.raises(DataError, match="unknown table"):
        hxl_import.write(seed, "sieges")


# round trips


@pytest.mark.store
def test_an_export_read_back_into_an_empty_store_gives_the_same_records(
    backend, settings, new_store_url, tmp_path
):  # fmt: skip
    ds = Dataset.read(open_store(settings))
    deliveries = ds.aid_deliveries.copy()
    deliveries.loc[0, "quote"] = "=1+1 is what the convoy's log says; ' and \\ too"
    sources = ds.sources.assign(title="-Syria; part 2 \\ annex")  # a list separator inside
    ds = Dataset.from_tables({**ds.tables(), "aid_deliveries": deliveries, "sources": sources})
    empty, engine = _empty_store(settings, new_store_url)
    for table, name, keys in (("events", "control_events", EVENT_KEYS),
                              ("deliveries", "aid_deliveries", DELIVERY_KEYS)):  # fmt: skip
        path = tmp_path / f"{table}.csv"
        path.write_text(hxl_import.write(ds, table), encoding="utf-8", newline="")
        _import(path, table, empty, engine)
        back = store.read_tables(engine)[name]
        assert _content(back, keys) == _content(getattr(ds, name), keys)
    sources = store.read_tables(engine)["sources"].set_index("source_id")
    original = ds.sources.set_index("source_id")
    columns = ["publisher", "title"]
    assert sources.loc[original.index, columns].values.tolist() == original[columns].values.tolist()
    assert set(store.read_tables(engine)["actors"]["actor_id"]) >= set(
        ds.control_events["actor_id"].dropna()
    )


@pytest.mark.store
def test_the_same_file_twice_changes_nothing(backend, settings, tmp_path):
    engine = open_store(settings)
    path = DATA / "convoys_hashtags_first.csv"
    first = _import(path, "deliveries", settings, engine)
    assert first.counts["aid_deliveries"]["added"] == 4 and first.places_added == 1
    held = store.read_tables(engine)
    again = _import(path, "deliveries", settings, engine)
    assert again.counts["aid_deliveries"]["added"] == 0
    assert again.counts["aid_deliveries"]["updated"] == 0
    assert again.left_alone == 4 and again.places_added == 0, "each row's revision is held"
    after = store.read_tables(engine)
    for name in ("aid_deliveries", "places", "sources"):
        assert len(after[name]) == len(held[name])


# HDX files


def test_hdx_files_with_the_hashtag_row_anywhere(settings):
    engine = open_store(settings)
    geocoder = registry.geocoder(settings, engine)
    found, reads = {}, {}
    for name in ("convoys_hashtags_first.csv", "convoys_titled.csv", "convoys_blank_row.csv",
                 "convoys_utf16.csv"):  # fmt: skip
        reads[name] = hxl_import.read(DATA / name, "deliveries", settings, engine, geocoder)
        found[name] = reads[name].tables["aid_deliveries"].set_index("date")
    madaya = geocoder.geocode("C2450").raw["place_id"]
    for name, rows in found.items():
        first = rows.loc[pd.Timestamp("2016-01-11")]
        first = first.iloc[0] if isinstance(first, pd.DataFrame) else first
        assert first["destination_place_id"] == madaya, name
        assert first["trucks"] == 44 and first["organisations"][0] == "Syrian Arab Red Crescent"
    assert found["convoys_utf16.csv"]["place_name"].iloc[0] == "مضايا"
    assert list(found["convoys_blank_row.csv"]["status"]) == ["confirmed", "reported"]
    hdx = found["convoys_hashtags_first.csv"]
    assert hdx["beneficiaries"].iloc[0] == 40000, "#reached+ind is a #reached"
    darayya = geocoder.geocode("Darayya", country_codes="SY").raw["place_id"]
    assert darayya in set(hdx["destination_place_id"]), "a name near its point, no p-code"
    _sources_and_links(reads["convoys_hashtags_first.csv"])


def _sources_and_links(read: batch.Batch) -> None:
    """An HDX file's sources (one per publisher and report URL), links and new place."""
    sources = read.tables["sources"]
    assert set(sources["publisher"]) == {"OCHA"} and len(sources) == 2, "one per report URL"
    assert set(sources["url"]) == {"https://example.org/ocha/madaya-2016-01-11",
                                   "https://example.org/ocha/darayya-2016-06-01"}  # fmt: skip
    links = read.links
    assert list(links["table_name"].unique()) == ["aid_deliveries"]
    assert links["external_id"].is_unique and links["external_id"].str.startswith("hxl-").all()
    assert links["revision"].notna().all() and links["revision"].is_unique, "a hash per row"
    assert json.loads(links["raw"].iloc[0])["#loc+code"] == "C2450"
    assert read.origin == "hxl" and read.places_added == 1
    assert "Zahrun warehouse" in set(read.tables["places"]["name"])


def test_row_ids_from_content_are_stable_wherever_the_row_stands(settings, tmp_path):
    engine = open_store(settings)
    geocoder = registry.geocoder(settings, engine)
    lines = (DATA / "convoys_titled.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    moved = tmp_path / "moved.csv"
    moved.write_text("".join([*lines[:3], lines[4], "\n", lines[3]]), encoding="utf-8")
    ids = [set(hxl_import.read(p, "deliveries", settings, engine, geocoder).links["external_id"])
           for p in (DATA / "convoys_titled.csv", moved)]  # fmt: skip
    assert ids[0] == ids[1] and len(ids[0]) == 2


@pytest.mark.store
def test_events_from_hdx_set_the_holders(backend, settings):
    engine = open_store(settings)
    summary = _import(DATA / "events_hdx.csv", "events", settings, engine)
    assert summary.counts["control_events"]["added"] == 3 and not summary.actors_added
    ds = Dataset.read(engine)
    snap = report.snapshot(ds, "2016-08-31").set_index("place_id")
    geocoder = registry.geocoder(settings, engine)
    for name, holder in (("Palmyra", "syrian-government"), ("Manbij", "sdf"),
                         ("Fallujah", "iraqi-forces")):  # fmt: skip
        place = geocoder.geocode(name).raw["place_id"]
        assert snap.loc[place, "controller_id"] == holder, name
    quotes = set(ds.control_events["quote"])
    assert "Iraqi forces declared Fallujah fully recaptured from Islamic State." in quotes


def test_an_unknown_armed_group_needs_its_side(settings, tmp_path):
    engine = open_store(settings)
    geocoder = registry.geocoder(settings, engine)
    with pytest.raises(DataError) as refused:
        hxl_import.read(DATA / "events_unknown_group.csv", "events", settings, engine, geocoder)
    assert (refused.value.row, refused.value.field) == (2, "#group+name")
    assert "Liwa al-Example" in str(refused.value) and "#group+type" in str(refused.value)
    lines = (DATA / "events_unknown_group.csv").read_text(encoding="utf-8").splitlines()
    sided = tmp_path / "sided.csv"
    sided.write_text("\n".join([lines[0], lines[2]]) + "\n", encoding="utf-8")
    read = hxl_import.read(sided, "events", settings, engine, geocoder)
    assert read.actors_added == ["Jaysh al-Sample"]
    assert read.tables["actors"]["side"].tolist() == ["opposition"]


# outside ids and revisions

SARC = DATA / "sarc_convoys_2016.csv"  # HDX-style: its own ids are 1, 2, 3
UNICEF = DATA / "unicef_eastern_ghouta_2016.csv"  # another file numbering its rows 1, 2, 3


@pytest.mark.parametrize("given", ["1", "007", "1.0", "R-12", "#12", "2016-001", "SYR-2016-0042",
                                   "ID 7", "12a", "A"])  # fmt: skip
def test_a_row_counter_is_not_an_id_of_its_own(given):
    assert hxl_ids.is_counter(given)


def test_our_record_ids_are_kept_as_they_are(seed):
    ours = [*seed.aid_deliveries["delivery_id"], *seed.control_events["event_id"],
            "acled:SYR1234", "hxl-0123456789012345", "hxl:sarc-convoys-2016:1",
            "550e8400-e29b-41d4-a716-446655440000"]  # fmt: skip
    assert [i for i in ours if hxl_ids.is_counter(i)] == []


def _deliveries(engine) -> pd.DataFrame:
    return store.read_tables(engine)["aid_deliveries"].set_index("delivery_id")


@pytest.mark.store
def test_two_files_numbering_rows_1_2_3_keep_their_own_records(backend, settings, tmp_path):
    engine = open_store(settings)
    before = len(_deliveries(engine))
    assert _import(SARC, "deliveries", settings, engine).counts["aid_deliveries"]["added"] == 3
    second = _import(UNICEF, "deliveries", settings, engine)
    assert second.counts["aid_deliveries"]["added"] == 3
    assert second.counts["aid_deliveries"]["updated"] == 0
    held = _deliveries(engine)
    assert len(held) == before + 6
    geocoder = registry.geocoder(settings, engine)
    sarc_1, unicef_1 = (
        held.loc["hxl:sarc-convoys-2016:1"],
        held.loc["hxl:unicef-eastern-ghouta-2016:1"],
    )
    assert sarc_1["destination_place_id"] == geocoder.geocode("C2450").raw["place_id"]
    assert (sarc_1["trucks"], unicef_1["trucks"]) == (44, 12)
    # an export of them keeps their ids: read back, it adds nothing
    out = tmp_path / "frontline-deliveries.csv"
    out.write_text(hxl_import.write(Dataset.read(engine)), encoding="utf-8", newline="")
    back = hxl_import.read(out, "deliveries", settings, engine, geocoder)
    assert set(back.tables["aid_deliveries"]["delivery_id"]) == set(held.index)
    assert _import(out, "deliveries", settings, engine).counts["aid_deliveries"]["added"] == 0


def _edit(engine, delivery_id: str, **values) -> None:
    """Change a delivery as the app's editor does: one record saved under another name."""
    rows = store.read_tables(engine)["aid_deliveries"]
    row = rows[rows["delivery_id"] == delivery_id].copy()
    for column, value in values.items():
        row[column] = value
    with store.transaction(engine) as conn:
        store.save(conn, {"aid_deliveries": row}, "Editor B")


@pytest.mark.store
def test_an_app_edit_survives_a_reimport_of_the_same_file(backend, settings):
    engine = open_store(settings)
    _import(SARC, "deliveries", settings, engine)
    _edit(engine, "hxl:sarc-convoys-2016:2", trucks=22, notes="22 trucks: SARC corrected it")
    again = _import(SARC, "deliveries", settings, engine)
    assert again.left_alone == 3 and again.counts["aid_deliveries"]["updated"] == 0
    kept = _deliveries(engine).loc["hxl:sarc-convoys-2016:2"]
    assert (kept["trucks"], kept["notes"]) == (22, "22 trucks: SARC corrected it")


@pytest.mark.store
def test_a_changed_row_in_a_newer_file_updates_and_only_it(backend, settings, tmp_path):
    engine = open_store(settings)
    _import(SARC, "deliveries", settings, engine)
    _edit(engine, "hxl:sarc-convoys-2016:1", notes="confirmed by phone")
    newer = tmp_path / SARC.name  # the same file, downloaded again later
    lines = SARC.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[3].startswith("2,") and ",20," in lines[3]
    newer.write_text("".join([*lines[:3], lines[3].replace(",20,", ",25,"), *lines[4:]]),
                     encoding="utf-8")  # fmt: skip
    summary = _import(newer, "deliveries", settings, engine)
    assert summary.counts["aid_deliveries"]["updated"] == 1 and summary.left_alone == 2
    held = _deliveries(engine)
    assert held.loc["hxl:sarc-convoys-2016:2", "trucks"] == 25
    assert held.loc["hxl:sarc-convoys-2016:1", "notes"] == "confirmed by phone"


# refusals


def test_windows_1252_is_refused_with_what_to_do(settings):
    engine = open_store(settings)
    with pytest.raises(DataError) as refused:
        hxl_import.read(DATA / "convoys_cp1252.csv", "deliveries", settings, engine,
                        registry.geocoder(settings, engine))  # fmt: skip
    message = str(refused.value)
    assert "convoys_cp1252.csv" in message and "0x92" in message and "UTF-8" in message


def test_a_bad_row_is_named_by_file_row_and_hashtag(settings):
    engine = open_store(settings)
    with pytest.raises(DataError) as refused:
        hxl_import.read(DATA / "convoys_bad_row.csv", "deliveries", settings, engine,
                        registry.geocoder(settings, engine))  # fmt: skip
    error = refused.value
    assert not isinstance(error, ValidationError)
    assert error.file.endswith("convoys_bad_row.csv")
    assert (error.row, error.field) == (4, "#indicator+trucks") and "forty" in str(error)


def test_several_bad_rows_are_listed_once_each(settings):
    engine = open_store(settings)
    with pytest.raises(ValidationError) as refused:
        hxl_import.read(DATA / "convoys_bad_rows.csv", "deliveries", settings, engine,
                        registry.geocoder(settings, engine))  # fmt: skip
    where = [(e.row, e.field) for e in refused.value.errors]
    assert where == [(3, "#date"), (4, "#geo+lat"), (5, "#loc+name")]


def test_a_file_without_hashtags_or_needed_columns_is_refused(settings, tmp_path):
    engine = open_store(settings)
    geocoder = registry.geocoder(settings, engine)
    plain = tmp_path / "plain.csv"
    plain.write_text("date,place\n2016-01-11,Madaya\n", encoding="utf-8")
    with pytest.raises(DataError, match="no HXL hashtag row"):
        hxl_import.read(plain, "deliveries", settings, engine, geocoder)
    no_date = tmp_path / "no_date.csv"
    no_date.write_text("Title\nPlace\n#loc+name\nMadaya\n", encoding="utf-8")
    with pytest.raises(DataError) as refused:
        hxl_import.read(no_date, "deliveries", settings, engine, geocoder)
    assert refused.value.row == 3 and "#date" in str(refused.value)


# the command line


@pytest.mark.store
def test_cli_import_a_bad_file_exits_1_and_writes_nothing(backend, settings):
    engine = open_store(settings)
    before = store.read_tables(engine)
    result = CliRunner().invoke(main, ["import", "hxl", str(DATA / "convoys_bad_rows.csv"),
                                       "--table", "deliveries"])  # fmt: skip
    assert result.exit_code == 1 and "row 4" in result.output and "#geo+lat" in result.output
    after = store.read_tables(engine)
    for name, frame in before.items():
        assert len(after[name]) == len(frame), name


@pytest.mark.store
def test_cli_export_then_import_into_the_same_store(backend, settings, tmp_path):
    open_store(settings)
    out = tmp_path / "deliveries.csv"
    exported = CliRunner().invoke(main, ["export", "hxl", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert _rows(out.read_text(encoding="utf-8"))[1][0] == "#meta+id"
    imported = CliRunner().invoke(main, ["import", "hxl", str(out), "--table", "deliveries",
                                         "--by", "Analyst A"])  # fmt: skip
    assert imported.exit_code == 0, imported.output
    assert "0 records added" in imported.stdout and ", 0 updated" in imported.stdout
    assert "saving aid deliveries" in imported.stderr and "saving" not in imported.stdout
