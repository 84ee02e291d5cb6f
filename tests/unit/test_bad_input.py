"""Issue 16 point 4: the bad-input catalogue (tests/data/bad/, see its README) through the real
`frontline load` and `frontline places add` (on SQLite; those that write on PostgreSQL too):
each bad file refused with its file, row and field named, a non-zero exit, and the store
unchanged (rows of every table and audit entries counted before and after); the files that
should load, loaded byte for byte."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from frontline import store
from frontline.cli import main
from frontline.config import PROJECT_ROOT
from frontline.io.export import to_csv
from frontline.store.records import DeletionsUnconfirmed

# Files refused before the store is touched are tried on SQLite; what writes or refuses inside
# a transaction (retirements, round trips, files read in full) on PostgreSQL too.
BAD = PROJECT_ROOT / "tests" / "data" / "bad"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash, not a refusal: the test shows its traceback
    return result.exit_code, result.output


def store_counts() -> dict[str, int]:
    """Rows of every table (live or not) and of the audit log: what 'unchanged' means."""
    engine = store.connect(os.environ["FRONTLINE_DATABASE_URL"])
    try:
        with engine.connect() as conn:
            tables = [*store.SQL_TABLES.values(), store.audit_log]
            return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                    for t in tables}  # fmt: skip
    finally:
        engine.dispose()


def stored(table: str) -> pd.DataFrame:
    engine = store.connect(os.environ["FRONTLINE_DATABASE_URL"])
    try:
        return store.read_tables(engine)[table]
    finally:
        engine.dispose()


@pytest.fixture
def loaded(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store loaded from a writable copy of data/ (returned), as `frontline load` fills it."""
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data_copy / "data"))
    monkeypatch.setenv("FRONTLINE_SEEDS_DIR", str(data_copy / "seeds"))
    code, out = run("load")
    assert code == 0, out
    return data_copy / "data"


# catalogue file, the data/ file it stands in for, what the refusal must say (besides the file)
LOADER_CASES = [
    ("latin1.csv", "actors.csv", ["not UTF-8", "line 2", "byte 67", "save it as UTF-8"]),
    ("semicolon.csv", "actors.csv", ["row 1", "separated by ';', not ','"]),
    ("empty.csv", "control_events.csv", ["the file is empty"]),
    ("blank_lines.csv", "control_events.csv", ["the file is empty"]),
    ("binary.csv", "aid_deliveries.csv", ["PNG image, not a CSV"]),
    ("zip_renamed.csv", "actors.csv", ["zip archive"]),
    ("nul_bytes.csv", "actors.csv", ["NUL byte at line 2"]),
    ("utf16_no_bom.csv", "actors.csv", ["NUL byte", "UTF-16 without its byte-order mark"]),
    ("missing_optional_column.csv", "aid_deliveries.csv", ["row 1", "missing column(s) notes"]),
    ("unknown_column.csv", "control_events.csv",
     ["row 1", "missing column(s) quote;", "unknown column(s) quotes"]),
    ("latin1.csv", "gazetteer/curated.csv", ["not UTF-8", "line 2"]),  # the registry's files
    ("semicolon.csv", "gazetteer/aliases.csv", ["row 1", "separated by ';', not ','"]),
    ("future_date.csv", "control_events.csv", ["row 2", "field 'date'", "2099-06-29 is in the "
                                               "future"]),
]  # fmt: skip


@pytest.mark.parametrize(("bad", "role", "says"), LOADER_CASES,
                         ids=[f"{c[0]} as {c[1]}" for c in LOADER_CASES])  # fmt: skip
def test_the_loader_refuses_a_bad_file_naming_it_and_changes_nothing(loaded, bad, role, says):
    shutil.copyfile(BAD / bad, loaded / role)
    assert_refused(["load"], loaded / role, says)


def assert_refused(command: list[str], path, says: list[str]) -> None:
    """The command exits 1 with a message naming `path` and saying each of `says`, no
    traceback, and the store's rows and audit entries as they were."""
    before = store_counts()
    code, out = run(*command)
    assert code == 1 and "Traceback" not in out, out
    assert str(path) in out, out
    for part in says:
        assert part in out, out
    assert store_counts() == before


@pytest.mark.store
def test_a_header_only_file_does_not_retire_every_row(loaded):
    """All deliveries taken out at once looks like a file cut short: refused with the table and
    the counts, nothing written; confirmed, they are retired (soft-deleted, audited)."""
    deliveries = len(stored("aid_deliveries"))
    before = store_counts()
    shutil.copyfile(BAD / "header_only_deliveries.csv", loaded / "aid_deliveries.csv")
    code, out = run("load")
    assert code == 1, out
    assert f"aid_deliveries: this would delete {deliveries} of the {deliveries} live rows" in out
    assert "confirm" in out and store_counts() == before
    from frontline.io.dataset import read_dataset

    tables = read_dataset(loaded, loaded.parent / "seeds")
    engine = store.connect(os.environ["FRONTLINE_DATABASE_URL"])
    try:
        with pytest.raises(DeletionsUnconfirmed):
            store.load(engine, tables, retire=True)
        counts = store.load(engine, tables, retire=True, confirm_deletions=True)
    finally:
        engine.dispose()
    assert counts["aid_deliveries"]["deleted"] == deliveries
    assert stored("aid_deliveries").empty


@pytest.mark.store
def test_half_or_fewer_rows_taken_out_need_no_confirmation(loaded):
    events = loaded / "control_events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    half = (len(lines) - 1) // 2
    events.write_text("".join(lines[: len(lines) - half]), encoding="utf-8")
    code, out = run("load")
    assert code == 0 and f"control_events: 0 added, 0 updated, {half} deleted" in out, out


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_curated_place_with_swapped_or_foreign_coordinates_is_refused(loaded):
    before = store_counts()
    curated = loaded / "gazetteer" / "curated.csv"
    rows = _rows(curated)
    first = rows[0]
    first["lat"], first["lon"] = first["lon"], first["lat"]
    rows[1].update(lat="41.01", lon="28.95")  # Istanbul, in a row that says SY
    _write(curated, rows)
    code, out = run("load")
    assert code == 1 and str(curated) in out, out
    assert "row 2, field 'lat': latitude and longitude look swapped" in out, out
    assert f"row 3, field 'lat': the point 41.01, 28.95 lies outside {rows[1]['country']}" in out
    assert store_counts() == before


ARABIC_NOTE = "\u200fقالت مصادر محلية إن \u202bالقافلة\u202c دخلت البلدة\u200f «اختبار»"


@pytest.mark.store
def test_arabic_and_right_to_left_text_survive_a_load_byte_for_byte(loaded):
    events = loaded / "control_events.csv"
    rows = _rows(events)
    rows[0]["notes"] = ARABIC_NOTE
    rows[1]["notes"] = "'=1+1 is what the export wrote"  # a neutralised cell reads back
    _write(events, rows)
    assert run("load")[0] == 0
    notes = stored("control_events").set_index("event_id")["notes"]
    assert notes[rows[0]["event_id"]].encode("utf-8") == ARABIC_NOTE.encode("utf-8")
    assert notes[rows[1]["event_id"]] == "=1+1 is what the export wrote"


# catalogue file, what `places add` must say (besides the file)
PLACE_REFUSALS = [
    ("cp1252.csv", ["not UTF-8", "byte 0x92 at line 2"]),
    ("utf16_no_bom.csv", ["NUL byte"]),
    ("semicolon.csv", ["row 1", "separated by ';'"]),
    ("tab_separated.csv", ["row 1", "separated by tab"]),
    ("empty.csv", ["the file is empty"]),
    ("binary.csv", ["PNG image"]),
    ("nul_bytes.csv", ["NUL byte at line 2"]),
    ("zip_renamed.csv", ["one .txt in the zip"]),
    ("ragged_row.csv", ["row 3", "4 cells, but the header has 3"]),
    ("header_only_places.csv", ["row 1", "no rows"]),
    ("lat_out_of_range.csv", ["row 2", "field 'lat'", "outside -90"]),
    ("swapped_coords.csv", ["row 2", "field 'lat'", "look swapped: 35.9, 38 lies in SY"]),
    ("outside_country.csv", ["row 2", "field 'lat'", "lies outside SY"]),
    ("formula_name.csv", ["row 2", "field 'name'", "would run as a spreadsheet formula"]),
    ("unknown_column.csv", ["row 1", "unknown column(s) event_id"]),
]


@pytest.fixture
def opened() -> None:
    """The store filled from data/ (what any command does first), so counts start non-zero."""
    assert run("audit", "--limit", "1")[0] == 0


@pytest.mark.parametrize(("bad", "says"), PLACE_REFUSALS, ids=[c[0] for c in PLACE_REFUSALS])
def test_places_add_refuses_a_bad_file_naming_it_and_changes_nothing(opened, bad, says):
    assert_refused(["places", "add", str(BAD / bad), "--by", "tester"], BAD / bad, says)


@pytest.mark.store
@pytest.mark.parametrize(("good", "name"), [
    ("utf16.csv", "Test Utf Sixteen"),
    ("utf8_bom.csv", "Test Bom Village"),
    ("arabic_rtl.csv", "\u200fتل الاختبار\u200f"),
    ("neutralised_name.csv", "=cmd|' /C calc'!A0"),
])  # fmt: skip
def test_places_add_reads_unicode_files_and_neutralised_names_as_they_were(opened, good, name):
    code, out = run("places", "add", str(BAD / good), "--by", "tester")
    assert code == 0 and "1 added" in out, out
    places = stored("places")
    row = places[places["source"].str.startswith(good)].iloc[0]
    assert row["name"].encode("utf-8") == name.encode("utf-8")
    if good == "arabic_rtl.csv":
        assert "\u202bتل الاختبار الشرقي\u202c@ar" in row["aliases"]
    if good == "neutralised_name.csv":  # stored as text, and neutralised again on the way out
        assert "'=cmd|' /C calc'!A0" in to_csv(places[places["name"] == name][["name"]])
