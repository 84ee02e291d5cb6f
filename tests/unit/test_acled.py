"""ACLED in and out: its releases' columns, codes and dates; the issue's Done-when (Palmyra,
Manbij and Fallujah change hands; the same file twice changes nothing; a newer export revises one
event and lacks another); a bad row refused with file, row and field, the store unchanged; and an
export read back into an empty store giving the same events, formula-like cells included.

The files under tests/data/acled/ are small exports written by hand in ACLED's formats: the
current columns (`current.csv`), the same events a newer export later (`current_newer.csv`: one
revised, one withdrawn), the 2019–2023 columns (`export_2019.csv`) and the old upper-case ones
(`old_upper.csv`), and files with bad rows.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from frontline import model, registry, store
from frontline.cli import main
from frontline.config import PROJECT_ROOT, load_settings
from frontline.dataset import Dataset
from frontline.errors import DataError, ValidationError
from frontline.exports import acled as acled_export
from frontline.imports import acled, batch
from frontline.imports import acled_columns as columns
from frontline.seeding import open_store
from frontline.store import audit
from frontline.store.schema import imported_rows

FILES = PROJECT_ROOT / "tests" / "data" / "acled"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def holders(day: str) -> dict[str, str | None]:
    code, out, _ = run("snapshot", "--as-of", day, "--format", "json")
    assert code == 0, out
    return {r["place_id"]: r["controller_id"] for r in json.loads(out)}


def read_into(engine, path: Path, sync: bool = False) -> batch.Summary:
    settings = load_settings()
    read = acled.read(path, settings, engine, registry.geocoder(settings, engine))
    return batch.run(read, settings, engine, "tester", sync=sync)


def rows_of(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


PALMYRA, MANBIJ, FALLUJAH, JARABLUS = "gn:163808", "gn:167357", "gn:99454", "gn:169179"


# --- columns and codes (no store) --------------------------------------------------------------


@pytest.mark.parametrize(("file", "release"), [("current.csv", "current"),
                                               ("export_2019.csv", "2019-2023"),
                                               ("old_upper.csv", "old")])  # fmt: skip
def test_each_release_header_reads_as_the_current_columns(file, release):
    with (FILES / file).open(encoding="utf-8") as f:
        written = next(csv.reader(f))
    head = columns.header(written, file)
    assert head.release == release
    assert set(head.names.values()) <= columns.KNOWN
    if release == "old":
        assert head.names["ALLY_ACTOR_1"] == "assoc_actor_1"
        assert head.names["EVENT_ID_CNTY"] == "event_id_cnty"


def test_a_header_no_release_has_is_refused_with_its_columns():
    with pytest.raises(DataError) as caught:
        columns.header(["event_id_cnty", "event_date", "evnt_type", "actor1", "location",
                        "latitude", "longitude", "country"], "x.csv")  # fmt: skip
    assert caught.value.row == 1 and "evnt_type" in str(caught.value)
    assert "missing column(s) event_type" in str(caught.value)


def test_dates_of_every_release_and_their_precision():
    text = pd.Series(["2016-03-27", "27 March 2016", "27/03/2016", "27 Mar 2016", "2016-02-30"])
    parsed = columns.parse_dates(text)
    assert parsed[:4].dt.strftime("%Y-%m-%d").tolist() == ["2016-03-27"] * 4
    assert pd.isna(parsed[4])
    ours = columns.our_dates(parsed[:3], pd.Series(["day", "week", "month"]))
    assert ours.dt.strftime("%Y-%m-%d").tolist() == ["2016-03-27", "2016-03-27", "2016-03-01"]
    assert columns.PRECISIONS == {1: "day", 2: "week", 3: "month"}


def test_inter_codes_as_numbers_or_text_give_a_side():
    assert [columns.inter_code(v) for v in ("1", "1.0", "State forces", "External/Other forces",
                                            "Civilians", "", "9", "Aliens")] == \
        [1, 1, 1, 8, 7, None, None, None]  # fmt: skip
    assert columns.side(1, "Military Forces of Syria (2000-)") == "government"
    assert columns.side(2, "Sultan Murad Division") == "opposition"
    assert columns.side(2, "Hayat Tahrir al Sham") == "jihadist"
    assert columns.side(2, "YPG: Peoples Protection Units") == "kurdish-led"
    assert columns.side(8, "Military Forces of Turkey (2016-)") == "foreign"
    assert columns.side(7, "Civilians (Syria)") is None
    assert columns.side(3, "Unidentified Armed Group (Syria)") is None


def test_disorder_type_holds_several_values():
    assert columns.disorder_types("Political violence; Demonstrations") == [
        "Political violence", "Demonstrations"]  # fmt: skip
    assert columns.disorder_types("") == []


def test_country_from_any_field_acled_gives():
    assert columns.country("Syria") == "SY"
    assert columns.country("", iso="368") == "IQ"
    assert columns.country("", gwno="652") == "SY"
    assert columns.country("", event_id="IRQ2001") == "IQ"
    assert columns.country("Atlantis") == ""


def test_old_event_types_split_into_type_and_sub_event():
    kind, sub = columns.event_types(
        pd.Series(["Battle-Government regains territory", "Battles", "Riots/Protests"]),
        pd.Series(["", "Armed clash", ""]))  # fmt: skip
    assert kind.tolist() == ["Battles", "Battles", "Riots/Protests"]
    assert sub.tolist() == ["Government regains territory", "Armed clash", ""]


# --- imports into a store ----------------------------------------------------------------------


@pytest.mark.store
def test_done_when_palmyra_manbij_fallujah_change_hands(backend):
    code, out, err = run("import", "acled", str(FILES / "current.csv"), "--by", "analyst")
    assert code == 0, out + err
    assert "5 control events, 4 context events" in out
    assert "actors added: Sultan Murad Division" in out
    held = holders("2016-08-31")
    assert held[PALMYRA] == "syrian-government"
    assert held[MANBIJ] == "sdf"
    assert held[FALLUJAH] == "iraqi-forces"
    assert held[JARABLUS] == "sultan-murad-division"
    assert holders("2016-03-26").get(PALMYRA) is None  # before it was retaken


@pytest.mark.store
def test_the_same_file_twice_changes_nothing(backend):
    assert run("import", "acled", str(FILES / "current.csv"))[0] == 0
    engine = open_store(load_settings())
    before = store.version(engine)
    code, out, _ = run("import", "acled", str(FILES / "current.csv"))
    assert code == 0
    assert "0 records added" in out and "0 updated" in out
    assert "9 already held at this revision" in out
    assert store.version(engine) == before


@pytest.mark.store
@pytest.mark.parametrize("file", ["export_2019.csv", "old_upper.csv"])
def test_older_releases_give_the_same_events(backend, file):
    engine = open_store(load_settings())
    settings = load_settings()
    geocoder = registry.geocoder(settings, engine)
    now = acled.read(FILES / "current.csv", settings, engine, geocoder)
    old = acled.read(FILES / file, settings, engine, geocoder)
    compared = ["event_id", "date", "date_precision", "place_id", "event_type", "actor_id",
                "opponent_id", "quote"]  # fmt: skip
    mine = old.tables["control_events"][compared].sort_values("event_id", ignore_index=True)
    theirs = now.tables["control_events"][compared]
    theirs = theirs[theirs["event_id"].isin(mine["event_id"])].sort_values(
        "event_id", ignore_index=True
    )
    assert len(mine) == 3
    pd.testing.assert_frame_equal(mine, theirs)
    context = old.tables["context_events"].set_index("event_id")
    kept = now.tables["context_events"].set_index("event_id").loc[context.index]
    assert context["sub_event_type"].tolist() == kept["sub_event_type"].tolist()
    assert context["fatalities"].tolist() == kept["fatalities"].tolist()


@pytest.mark.store
def test_events_are_controlled_or_context_with_actors_sources_and_links(backend):
    engine = open_store(load_settings())
    settings = load_settings()
    read = acled.read(FILES / "current.csv", settings, engine,
                      registry.geocoder(settings, engine))  # fmt: skip
    control = read.tables["control_events"].set_index("event_id")
    assert control.at["acled:SYR10001", "event_type"] == "captured"
    assert control.at["acled:SYR10001", "opponent_id"] == "is"
    assert control.at["acled:SYR10008", "event_type"] == "held"  # headquarters established
    assert control.at["acled:SYR10008", "date_precision"] == "month"
    assert str(control.at["acled:SYR10008", "date"].date()) == "2016-03-01"
    context = read.tables["context_events"].set_index("event_id")
    assert context.at["acled:SYR10003", "date_precision"] == "week"
    assert context.at["acled:SYR10003", "actor_id"] == "russia"
    assert pd.isna(context.at["acled:SYR10003", "opponent_id"])  # civilians: no actor
    assert context.at["acled:SYR10002", "fatalities"] == 40
    assert "Civilians (Syria)" in context.at["acled:SYR10003", "notes"]
    assert "sultan-murad-division" in set(read.tables["actors"]["actor_id"])
    assert not read.tables["actors"]["name"].str.contains("Protesters|Civilians").any()
    new = read.tables["places"].set_index("place_id")
    added = [p for p in new.index if p.startswith("acled:")]
    assert added == ["acled:sy-ar-raqqa-khirbat-umm-zuhur"]
    assert "ACLED" in new.at[added[0], "source"] and "current.csv" in new.at[added[0], "source"]
    sources = read.tables["sources"].set_index("source_id")
    cited = sources.loc[control.at["acled:SYR10006", "source_ids"][0]]
    assert cited["publisher"] == "ANHA; Reuters" and "coded by ACLED" in cited["title"]
    links = read.links.set_index("external_id")
    assert links.at["IRQ2001", "scope"] == "IQ" and links.at["IRQ2001", "revision"] == "1618593850"
    assert json.loads(links.at["SYR10004", "raw"])["tags"] == "crowd size=around 200"


@pytest.mark.store
def test_a_newer_export_revises_one_and_lists_the_missing_one(backend):
    engine = open_store(load_settings())
    read_into(engine, FILES / "current.csv")
    summary = read_into(engine, FILES / "current_newer.csv")
    assert summary.counts["context_events"]["updated"] == 1
    assert summary.withdrawn == ["SYR10003"] and summary.deleted == 0
    assert any("possibly withdrawn" in line for line in summary.lines())
    ds = Dataset.read(engine)
    context = ds.context_events.set_index("event_id")
    assert context.at["acled:SYR10002", "fatalities"] == 52
    assert "acled:SYR10003" in context.index  # kept until the user says the file is complete
    code, out, _ = run("import", "acled", str(FILES / "current_newer.csv"), "--sync",
                       "--by", "analyst")  # fmt: skip
    assert code == 0 and "deleted: 1" in out
    assert "acled:SYR10003" not in set(Dataset.read(engine).context_events["event_id"])
    with engine.connect() as conn:
        deletions = store.audit_entries(conn, "acled:SYR10003", action="delete")
    assert deletions and "complete export" in deletions[-1]["reason"]


@pytest.mark.store
def test_a_bad_row_aborts_naming_file_row_and_field(backend):
    engine = open_store(load_settings())
    before = store.version(engine)
    code, out, err = run("import", "acled", str(FILES / "bad_rows.csv"))
    assert code == 1
    message = out + err
    assert "bad_rows.csv, row 3, field 'event_date'" in message
    assert "row 4, field 'latitude'" in message and "row 4, field 'time_precision'" in message
    assert store.version(engine) == before
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(imported_rows)).scalar() == 0
    with pytest.raises(DataError) as caught:  # one bad row: that row's own error
        acled.read(FILES / "bad_date.csv", load_settings(), engine,
                   registry.geocoder(load_settings(), engine))  # fmt: skip
    assert not isinstance(caught.value, ValidationError)
    assert (caught.value.row, caught.value.field) == (4, "event_date")


def _with_blank_line_after(path: Path, rows: list[dict], first: int) -> Path:
    """The rows as CSV with a blank line after the first `first` of them (a spreadsheet
    shows it as an empty row, and numbers the rows after it one on)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows[:first])
    out.write("\n")
    writer.writerows(rows[first:])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_a_row_after_a_blank_line_is_named_by_its_own_number(tmp_path):
    rows = rows_of(FILES / "current.csv")
    rows[2]["event_date"], rows[3]["latitude"] = "sometime", "north"
    path = _with_blank_line_after(tmp_path / "blank.csv", rows, first=1)
    engine = open_store(load_settings())
    with pytest.raises(ValidationError) as caught:  # header 1, row 2, blank 3, rows 4, 5, 6 …
        acled.read(path, load_settings(), engine, registry.geocoder(load_settings(), engine))
    assert [(e.row, e.field) for e in caught.value.errors] == [(5, "event_date"),
                                                               (6, "latitude")]  # fmt: skip


@pytest.mark.store
def test_a_file_with_a_blank_line_imports_every_row(backend, tmp_path):
    path = _with_blank_line_after(tmp_path / "blank.csv", rows_of(FILES / "current.csv"), 4)
    summary = read_into(open_store(load_settings()), path)
    assert sum(summary.counts[t]["added"] for t in ("control_events", "context_events")) == 9


@pytest.mark.store
def test_every_record_an_import_writes_is_audited_as_it_is_stored(backend):
    """The trail's JSON is made for many rows at once: each record the import wrote has one
    create entry by the importer, its `after` the row as stored, and the trail moved the
    store's version."""
    engine = open_store(load_settings())
    before = store.version(engine)
    summary = read_into(engine, FILES / "current.csv")
    written = 0
    with engine.connect() as conn:
        for name in ("sources", "actors", "places", "control_events", "context_events"):
            table, key = store.SQL_TABLES[name], model.TABLES[name].key
            trail = {e["id"]: e for e in store.audit_entries(conn, table=name, by="tester")}
            rows = conn.execute(sa.select(table).where(table.c[key].in_(list(trail))))
            for row in rows.mappings():
                entry = trail[row[key]]
                assert entry["action"] == "create" and entry["before"] is None
                assert entry["after"] == json.loads(audit.as_json(name, dict(row)))
                written += 1
    assert written == sum(c["added"] for c in summary.counts.values()) > 9
    assert store.version(engine) > before


@pytest.mark.store
def test_an_old_file_names_the_field_as_it_spells_it(backend, tmp_path):
    rows = rows_of(FILES / "old_upper.csv")
    rows[1]["FATALITIES"] = "many"
    path = write_rows(tmp_path / "old.csv", rows)
    engine = open_store(load_settings())
    with pytest.raises(DataError) as caught:
        acled.read(path, load_settings(), engine, registry.geocoder(load_settings(), engine))
    assert (caught.value.row, caught.value.field) == (3, "FATALITIES")


# --- export ------------------------------------------------------------------------------------


def _events(engine) -> dict[str, pd.DataFrame]:
    ds = Dataset.read(engine)
    keep = ["event_id", "date", "date_precision", "place_id", "event_type", "actor_id",
            "opponent_id", "quote"]  # fmt: skip
    out = {}
    for name in ("control_events", "context_events"):
        frame = getattr(ds, name)
        frame = frame[frame["event_id"].str.startswith("acled:")]
        columns_here = keep + (["status"] if name == "control_events" else
                               ["sub_event_type", "fatalities"])  # fmt: skip
        out[name] = frame[columns_here].sort_values("event_id", ignore_index=True)
    return out


@pytest.mark.store
def test_an_export_read_back_into_an_empty_store_gives_the_same_events(
    backend, tmp_path, new_store_url, monkeypatch
):
    rows = rows_of(FILES / "current.csv")
    formula = '=HYPERLINK("http://example.org","click") residents demonstrated'
    rows[4]["notes"] = formula
    path = write_rows(tmp_path / "formula.csv", rows)
    assert run("import", "acled", str(path))[0] == 0
    exported = tmp_path / "export.csv"
    code, _, err = run("export", "acled", "-o", str(exported))
    assert code == 0 and "events" in err
    text = exported.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text  # neutralised for spreadsheets
    assert next(csv.reader(io.StringIO(text))) == list(columns.CURRENT)
    first = open_store(load_settings())
    mine = _events(first)

    monkeypatch.setenv("FRONTLINE_DATABASE_URL", new_store_url())
    empty = store.connect(load_settings().database_url)
    store.upgrade(empty)  # an empty store: not even data/ loaded
    read_into(empty, exported)
    theirs = _events(empty)
    for name in mine:
        back = theirs[name][theirs[name]["event_id"].isin(mine[name]["event_id"])]
        assert len(back) == len(mine[name]) > 0
        pd.testing.assert_frame_equal(back.reset_index(drop=True), mine[name], check_dtype=False)
    quote = theirs["context_events"].set_index("event_id").at["acled:SYR10004", "quote"]
    assert quote == formula
    # the seed's own events (not from ACLED) come back with their event types and holders
    seed = Dataset.read(first).control_events.set_index("event_id")
    back = Dataset.read(empty).control_events.set_index("event_id")
    for event_id in (
        "manbij-2016-06-29-sdf-besieged",
        "outposts-2016-06-29-nsa-withdrew",
        "boukamal-2014-is-captured",
        "syria-2016-06-15-russian-bombing-claim",
    ):
        ours, again = seed.loc[event_id], back.loc[acled.ID_PREFIX + event_id]
        assert (again["event_type"], again["actor_id"], again["opponent_id"], again["status"],
                again["date_precision"], again["place_id"]) == \
            (ours["event_type"], ours["actor_id"], ours["opponent_id"], ours["status"],
             ours["date_precision"], ours["place_id"])  # fmt: skip


@pytest.mark.store
def test_an_edit_in_the_app_survives_a_reimport_and_goes_out_in_the_export(backend):
    engine = open_store(load_settings())
    read_into(engine, FILES / "current.csv")
    ds = Dataset.read(engine)
    context = ds.context_events.copy()
    at = context.index[context["event_id"] == "acled:SYR10002"][0]
    context.loc[at, "fatalities"] = 41
    with store.transaction(engine) as conn:
        store.save(conn, {"context_events": context.loc[[at]]}, "editor")
    read_into(engine, FILES / "current.csv")  # the same export again: left alone
    ds = Dataset.read(engine)
    assert ds.context_events.set_index("event_id").at["acled:SYR10002", "fatalities"] == 41
    out = acled_export.table(ds, engine).set_index("event_id_cnty")
    acled_row = {r["event_id_cnty"]: r for r in rows_of(FILES / "current.csv")}
    edited, untouched = out.loc["SYR10002"], out.loc["SYR10001"]
    assert edited["fatalities"] == "41"
    assert edited["timestamp"] != acled_row["SYR10002"]["timestamp"]  # revised here
    assert edited["source_scale"] == acled_row["SYR10002"]["source_scale"]  # the rest ACLED's
    assert dict(untouched) == {k: v for k, v in acled_row["SYR10001"].items()
                               if k != "event_id_cnty"}  # fmt: skip
    assert out.at["SYR10004", "tags"] == "crowd size=around 200"


@pytest.mark.store
def test_an_older_release_goes_out_in_the_current_columns(backend):
    engine = open_store(load_settings())
    read_into(engine, FILES / "old_upper.csv")
    out = acled_export.table(Dataset.read(engine), engine).set_index("event_id_cnty")
    palmyra = out.loc["SYR10001"]
    assert (palmyra["event_date"], palmyra["event_type"], palmyra["sub_event_type"]) == \
        ("2016-03-27", "Battles", "Government regains territory")  # fmt: skip
    assert (palmyra["inter1"], palmyra["inter2"], palmyra["iso"]) == \
        ("State forces", "Rebel group", "760")  # fmt: skip
    assert palmyra["assoc_actor_1"] == "Military Forces of Russia (2000-); Hezbollah"


@pytest.mark.store
def test_export_as_of_leaves_later_events_out(backend, tmp_path):
    assert run("import", "acled", str(FILES / "current.csv"))[0] == 0
    target = tmp_path / "early.csv"
    assert run("export", "acled", "--as-of", "2016-06-30", "-o", str(target))[0] == 0
    ids = {r["event_id_cnty"] for r in rows_of(target)}
    assert {"SYR10001", "IRQ2001", "SYR10002"} <= ids
    assert not ids & {"SYR10006", "SYR10007"}


@pytest.mark.store
def test_a_control_event_edited_here_goes_out_in_our_words_and_comes_back(
    backend, tmp_path, new_store_url, monkeypatch
):
    engine = open_store(load_settings())
    read_into(engine, FILES / "current.csv")
    events = Dataset.read(engine).control_events
    at = events.index[events["event_id"] == "acled:SYR10006"][0]
    edited = events.loc[[at]].assign(event_type="besieged", status="claimed")
    with store.transaction(engine) as conn:
        store.save(conn, {"control_events": edited}, "editor")
    out = acled_export.table(Dataset.read(engine), engine).set_index("event_id_cnty")
    manbij = out.loc["SYR10006"]
    assert "frontline event type=besieged" in manbij["tags"]
    assert "frontline status=claimed" in manbij["tags"]
    assert manbij["sub_event_type"] != "Non-state actor overtakes territory"
    assert manbij["notes"].startswith("On 12 August 2016")  # unchanged cells stay ACLED's
    path = tmp_path / "export.csv"
    path.write_text(acled_export.write(Dataset.read(engine), engine), encoding="utf-8")
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", new_store_url())
    empty = store.connect(load_settings().database_url)
    store.upgrade(empty)
    read_into(empty, path)
    back = Dataset.read(empty).control_events.set_index("event_id").loc["acled:SYR10006"]
    assert (back["event_type"], back["status"], back["actor_id"], back["opponent_id"]) == (
        "besieged", "claimed", "sdf", "is")  # fmt: skip


def test_the_gainer_of_a_territory_event_is_whoever_the_sub_event_says():
    rows = pd.DataFrame({
        "sub_event_type": ["Government regains territory", "Non-state actor overtakes territory",
                           "Government regains territory", "Armed clash"],
        "actor1": ["IS (Islamic State)", "Military Forces of Iraq (2014-)",
                   "Military Forces of Syria (2000-)", "IS (Islamic State)"],
        "inter1": pd.array([2, 1, 1, 2], dtype="Int64"),
        "actor2": ["Military Forces of Iraq (2014-)", "IS (Islamic State)", "IS (Islamic State)",
                   "Military Forces of Iraq (2014-)"],
        "inter2": pd.array([1, 2, 2, 1], dtype="Int64"),
    })  # fmt: skip
    (gainer, _), (loser, _) = acled.gainers(rows)
    assert gainer.tolist() == [
        "Military Forces of Iraq (2014-)",
        "IS (Islamic State)",
        "Military Forces of Syria (2000-)",
        "IS (Islamic State)",
    ]
    assert loser.tolist() == ["IS (Islamic State)", "Military Forces of Iraq (2014-)",
                              "IS (Islamic State)", "Military Forces of Iraq (2014-)"]  # fmt: skip
