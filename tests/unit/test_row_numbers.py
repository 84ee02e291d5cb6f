"""Issue 13 leftover: a problem after a blank line is named by its own row, as a spreadsheet
shows it (the header is row 1, a blank line skipped is still a row), in every reader of a CSV
that names rows: `validation.coerce` given the rows, the curated data/ tables (a bad value, a
date in the future, an unknown id), the registry's curated and alias files, the geocoder's
list of actors, ACLED's curated actors, and `frontline places add` (a plain CSV, an OCHA COD
table, a formula for a name, a point outside its country)."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest

from frontline import model, registry, store, validation
from frontline.errors import DataError, ValidationError
from frontline.gazetteer import index, places
from frontline.imports import acled_actors
from frontline.io import csvfile, dataset


def _errors(caught: pytest.ExceptionInfo) -> list[tuple[int | None, str | None]]:
    error = caught.value
    found = error.errors if isinstance(error, ValidationError) else [error]
    return [(e.row, e.field) for e in found]


def _actor(actor_id: str, side: str = "jihadist") -> dict:
    return {"actor_id": actor_id, "name": actor_id.upper(), "color": "#000000", "side": side}


def test_coerce_names_the_rows_it_is_given_duplicates_included():
    rows = [_actor("a"), _actor("b"), _actor("a", side="nobody")]
    with pytest.raises(ValidationError) as caught:
        validation.coerce(model.ACTORS, rows, origin="t.csv", lines=[2, 5, 9])
    assert _errors(caught) == [(9, "side"), (9, "actor_id")]
    assert "first on row 2" in str(caught.value)
    with pytest.raises(ValidationError) as positional:  # no rows given: position + 2
        validation.coerce(model.ACTORS, rows, origin="t.csv")
    assert _errors(positional) == [(4, "side"), (4, "actor_id")]
    typed = validation.coerce(model.ACTORS, rows[:2], origin="t.csv", lines=[3, 7])
    assert csvfile.row_numbers(typed) == [3, 7], "the table made carries its rows on"
    with pytest.raises(ValueError, match="2 row numbers for 3 rows"):
        validation.coerce(model.ACTORS, rows, origin="t.csv", lines=[2, 3])


def test_a_frame_read_from_a_csv_carries_its_rows_into_coerce(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("actor_id,name,color,side\n\na,A,#000,jihadist\n\n\nb,B,#000,nobody\n",
                    encoding="utf-8")  # fmt: skip
    raw = csvfile.read_text_table(path)
    assert csvfile.row_numbers(raw) == [3, 6]
    with pytest.raises(ValidationError) as caught:
        validation.coerce(model.ACTORS, raw, origin=str(path))
    assert _errors(caught) == [(6, "side")]


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict], blank_before_last: int = 1) -> int:
    """`rows` under their header, `blank_before_last` blank lines before the last: returns
    the row a spreadsheet shows that last row on."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows[:-1])
    out.write("\n" * blank_before_last)
    writer.writerow(rows[-1])
    path.write_text(out.getvalue(), encoding="utf-8")
    return len(rows) + 1 + blank_before_last


def test_curated_tables_name_the_row_after_a_blank_line(data_copy):
    data = data_copy / "data"
    events = data / model.CONTROL_EVENTS.file
    rows = _rows(events)
    row = _write(events, [*rows[:-1], rows[-1] | {"seq": "first"}])
    with pytest.raises(ValidationError) as caught:
        dataset.read_csv(model.CONTROL_EVENTS, data)
    assert _errors(caught) == [(row, "seq")]
    _write(events, [*rows[:-1], rows[-1] | {"date": "2099-01-01", "date_precision": "day"}])
    with pytest.raises(ValidationError) as caught:
        dataset.read_csv(model.CONTROL_EVENTS, data)
    assert _errors(caught) == [(row, "date")] and "in the future" in str(caught.value)
    _write(events, [*rows[:-1], rows[-1] | {"actor_id": "nobody-knows"}])
    with pytest.raises(ValidationError) as caught:
        dataset.read_dataset(data, data_copy / "seeds")
    assert _errors(caught) == [(row, "actor_id")] and "unknown actors id" in str(caught.value)
    _write(events, [*rows[:-1], rows[-1] | {"quote": "words no source of the seed holds"}])
    with pytest.raises(ValidationError) as caught:  # checked against the sources it cites
        dataset.read_dataset(data, data_copy / "seeds")
    assert _errors(caught) == [(row, "quote")]


def test_the_registry_files_name_the_row_after_a_blank_line(data_copy):
    data = data_copy / "data"
    curated = data / model.PLACES.file
    rows = _rows(curated)
    row = _write(curated, [*rows[:-1], rows[-1] | {"kind": "campp"}])
    with pytest.raises(ValidationError) as caught:
        places.curated_places(data)
    assert _errors(caught) == [(row, "kind")]
    _write(curated, rows, blank_before_last=2)
    assert csvfile.row_numbers(places.curated_places(data))[-1] == row + 1
    aliases = data / places.ALIASES_FILE
    rows = _rows(aliases)
    row = _write(aliases, [*rows, rows[-1] | {"place_id": "gn:0000000"}])
    with pytest.raises(DataError) as caught:
        places.all_places(data)
    assert _errors(caught) == [(row, "place_id")] and "gn:0000000" in str(caught.value)


def test_the_geocoders_actors_and_acleds_curated_actors_name_the_row(data_copy, settings):
    data = data_copy / "data"
    actors = data / model.ACTORS.file
    rows = _rows(actors)
    row = _write(actors, [*rows[:-1], rows[-1] | {"side": "nobody"}])
    with pytest.raises(ValidationError) as caught:
        index._not_places(data)
    assert _errors(caught) == [(row, "side")]
    engine = store.connect(settings.database_url)
    store.upgrade(engine)
    with pytest.raises(ValidationError) as caught:
        acled_actors.registry_actors(engine, dataclasses.replace(settings, data_dir=data))
    assert _errors(caught) == [(row, "side")]


@pytest.fixture
def engine(settings):
    from frontline.seeding import open_store

    return open_store(settings)


def _add(path: Path, settings, engine) -> pytest.ExceptionInfo:
    with pytest.raises((DataError, ValidationError)) as caught:
        registry.add_file(path, settings, engine, "tester")
    return caught


def test_places_add_names_the_row_after_a_blank_line(tmp_path, settings, engine):
    plain = tmp_path / "mine.csv"
    plain.write_text("name,lat,lon,country\nNew Camp,36.1,41.1,SY\n\nOld Camp,north,41.2,SY\n",
                     encoding="utf-8")  # fmt: skip
    assert _errors(_add(plain, settings, engine)) == [(4, "lat")]
    plain.write_text("name,lat,lon,country\n\n\nNew Camp,36.1,41.1,SY\n\n=cmd|calc,36.2,41.2,SY\n",
                     encoding="utf-8")  # fmt: skip
    assert _errors(_add(plain, settings, engine)) == [(6, "name")]
    plain.write_text("name,lat,lon,country\nNew Camp,36.1,41.1,SY\n\nFar Camp,41.1,36.1,SY\n",
                     encoding="utf-8")  # fmt: skip
    caught = _add(plain, settings, engine)
    assert _errors(caught) == [(4, "lat")] and "look swapped" in str(caught.value)
    plain.write_text("name,lat,lon,country\nNew Camp,36.1,41.1,SY\n\nNew Camp,36.12,41.1,SY\n",
                     encoding="utf-8")  # fmt: skip
    read = registry.formats.read_file(plain)
    assert list(read.places["source"]) == ["mine.csv, row 2", "mine.csv, row 4"]


def test_places_add_of_an_ocha_table_names_the_row_after_a_blank_line(tmp_path, settings, engine):
    cod = tmp_path / "cod.csv"
    cod.write_text("ADM3_PCODE,ADM3_EN,ADM0_PCODE,LATITUDE,LONGITUDE\n"
                   "IQG15Q05N01,Al-Qayarra,IQ,35.849,43.27\n\n"
                   ",No code,IQ,35.8,43.2\n\n"
                   "IQG15Q05N02,Somewhere,IQ,north,43.27\n", encoding="utf-8")  # fmt: skip
    assert _errors(_add(cod, settings, engine)) == [(6, "lat")]
    assert registry.formats.read_file(cod).rejected == [(4, "no p-code")]
