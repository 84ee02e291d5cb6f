"""Property tests of the loader and the gazetteer importer (issue 16): whatever the bytes or the
text of a file, the result is a clean read or a DataError naming the file — never another
exception — and a refused `places add` writes nothing. Examples are few, for speed (Hypothesis
keeps a failing one in its ignored .hypothesis/ database for the next run); raise max_examples
locally to search harder."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontline import model, registry, store
from frontline.config import load_settings
from frontline.errors import DataError, FrontlineError
from frontline.io import csvfile
from frontline.io.dataset import read_csv
from frontline.seeding import open_store

SLOW_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
FEW = settings(max_examples=60, deadline=None, suppress_health_check=SLOW_OK)
FEWER = settings(max_examples=15, deadline=None, suppress_health_check=SLOW_OK)
CSV_BYTES = st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=200).map(lambda b: b"actor_id,name,aliases,color,side,parent,source\n" + b),
    st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b"\x89PNG"])
      .flatmap(lambda head: st.binary(max_size=100).map(lambda b: head + b)),
)  # fmt: skip
CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


@contextmanager
def _file(data: bytes, name: str) -> Iterator[Path]:
    """A folder holding one file, removed afterwards (Hypothesis calls a test many times: the
    folders of every example used to stay behind in /tmp)."""
    with tempfile.TemporaryDirectory(prefix="bad-input-") as folder:
        (Path(folder) / name).write_bytes(data)
        yield Path(folder)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)  # "\r\n" ends a row: a cell holding "\r" or "\n" is quoted
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@FEW
@given(CSV_BYTES)
def test_any_bytes_as_a_data_file_read_cleanly_or_are_refused_naming_it(data):
    with _file(data, "actors.csv") as folder:
        try:
            frame = read_csv(model.ACTORS, folder)
        except DataError as exc:
            assert str(folder / "actors.csv") in str(exc)
        else:
            assert list(frame.columns) == model.ACTORS.names


@FEW
@given(st.lists(st.sampled_from([*model.CONTROL_EVENTS.names, "quotes", ""]), min_size=1,
                max_size=18),
       st.lists(st.lists(CELL, min_size=0, max_size=18), max_size=4))  # fmt: skip
def test_any_text_table_as_events_reads_cleanly_or_is_refused(header, rows):
    with _file(_csv(header, rows), "control_events.csv") as folder:
        try:
            frame = read_csv(model.CONTROL_EVENTS, folder)
        except DataError as exc:
            assert "control_events.csv" in str(exc)
        else:
            assert len(frame) <= len(rows)


@FEW
@given(st.lists(st.lists(CELL, min_size=1, max_size=3), min_size=1, max_size=4))
def test_a_cell_read_back_is_the_cell_written_unless_our_export_neutralised_it(rows):
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header = [f"c{i}" for i in range(width)]
    with _file(_csv(header, rows), "t.csv") as folder:
        try:
            frame = csvfile.read_text_table(folder / "t.csv")
        except DataError:
            return
        kept = [r for r in rows if len(r) > 1 or "".join(r).strip()]  # blank lines are skipped
        assert len(frame) == len(kept)
        for i, row in enumerate(kept):
            for j, cell in enumerate(row):
                neutralised = cell[:1] == "'" and cell[1:].startswith(csvfile.FORMULA_STARTS)
                assert frame.iat[i, j] == (cell[1:] if neutralised else cell)


def _counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                for t in [*store.SQL_TABLES.values(), store.audit_log]}  # fmt: skip


NUMBER = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(str),
                   st.integers(-400, 400).map(str), CELL)  # fmt: skip


@FEWER
@given(st.one_of(
    CSV_BYTES,
    st.lists(st.tuples(CELL, NUMBER, NUMBER, st.sampled_from(["", "SY", "IQ", "XX"])),
             min_size=1, max_size=3)
      .map(lambda rows: _csv(["name", "lat", "lon", "country"], [list(r) for r in rows])),
))  # fmt: skip
def test_places_add_of_anything_adds_cleanly_or_writes_nothing(data):
    config = load_settings()
    engine = open_store(config)
    with _file(data, "places.csv") as folder:
        before = _counts(engine)
        try:
            added = registry.add_file(folder / "places.csv", config, engine, "tester")
        except FrontlineError as exc:
            assert isinstance(exc, DataError) and "places.csv" in str(exc), exc
            assert _counts(engine) == before
        else:
            grown = _counts(engine)["places"] - before["places"]
            assert 0 <= grown <= added.counts["added"] + added.counts["merged"]
        finally:
            engine.dispose()
