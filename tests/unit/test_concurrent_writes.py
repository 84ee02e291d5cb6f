"""Two editors submitting at the same moment, as two real processes released together by a
barrier, against SQLite and PostgreSQL: the same delivery gives one record, one 'create' in
the audit trail, and the other editor is told it was already recorded; different deliveries
are both stored (sharing a source that neither had stored)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing

import pandas as pd
import pytest

from frontline import forms, gazetteer, recording, store
from frontline.config import PROJECT_ROOT
from frontline.seeding import open_store

pytestmark = pytest.mark.store
TODAY = dt.date(2026, 11, 25)
ROUNDS = 3  # races per pair of processes: each round starts both at once again
FORM = forms.DeliveryForm(
    destination_id="gn:169897", date=dt.date(2016, 7, 3), organisations=["SARC"], trucks="12",
    beneficiaries="5000", items=["food"], publisher="Reuters", title="Aid reaches Harasta",
    quote="Twelve trucks reached Harasta.", recorded_by="Editor",
)  # fmt: skip


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return gazetteer.all_places(PROJECT_ROOT / "data")


def _rows(places: pd.DataFrame, round_: int, trucks: int) -> dict[str, pd.DataFrame]:
    """A delivery of this round (its own source: each round is a first submission)."""
    form = dataclasses.replace(FORM, trucks=str(trucks), title=f"Aid reaches Harasta ({round_})")
    return forms.delivery_rows(form, places, TODAY)


def _submit_in_rounds(url: str, by: str, rounds: list, barrier, results) -> None:
    """In a child process: for each round, wait until the other process is ready too, then
    record; the outcome (or the exception, as text) goes back to the test."""
    engine = store.connect(url)
    for rows in rounds:
        barrier.wait(timeout=120)
        try:
            results.put((by, recording.record(engine, rows, by)))
        except Exception as exc:  # noqa: BLE001 — the test shows it
            results.put((by, f"{type(exc).__name__}: {exc}"))
    engine.dispose()


def _race(url: str, work: dict[str, list]) -> list[tuple[str, object]]:
    """Two processes, each submitting its rounds as `by`; every outcome, in no set order."""
    ctx = multiprocessing.get_context("spawn")  # no engine or lock inherited from the test
    barrier, results = ctx.Barrier(len(work)), ctx.Queue()
    children = [ctx.Process(target=_submit_in_rounds, args=(url, by, rounds, barrier, results))
                for by, rounds in work.items()]  # fmt: skip
    for child in children:
        child.start()
    out = [results.get(timeout=240) for _ in range(sum(map(len, work.values())))]
    for child in children:
        child.join(60)
        assert child.exitcode == 0
    return out


def _creates(engine, row_id: str) -> list[dict]:
    with engine.connect() as conn:
        return [e for e in store.audit_entries(conn, row_id=row_id) if e["action"] == "create"]


def test_the_same_delivery_at_once_is_one_record_and_the_other_is_told(settings, places):
    engine = open_store(settings)
    rounds = [_rows(places, r, 12) for r in range(ROUNDS)]
    outcomes = _race(settings.database_url, {"Editor A": rounds, "Editor B": rounds})
    assert all(isinstance(o, recording.Outcome) for _, o in outcomes), outcomes
    tables = store.read_tables(engine)
    for rows in rounds:
        row_id = rows["aid_deliveries"]["delivery_id"][0]
        mine = [(by, o) for by, o in outcomes if o.row_id == row_id]
        won = [(by, o) for by, o in mine if o.created]
        lost = [(by, o) for by, o in mine if not o.created]
        assert len(won) == 1 and len(lost) == 1, mine
        winner = won[0][0]
        assert lost[0][1].recorded_by == winner and not lost[0][1].differs
        assert f"already recorded on {lost[0][1].recorded_at} by {winner}" in lost[0][1].message
        assert (tables["aid_deliveries"]["delivery_id"] == row_id).sum() == 1
        assert [e["by"] for e in _creates(engine, row_id)] == [winner]
        source_id = rows["sources"]["source_id"][0]
        assert [e["by"] for e in _creates(engine, source_id)] == [winner]


def test_different_deliveries_submitted_at_once_are_both_stored(settings, places):
    engine = open_store(settings)
    a = [_rows(places, r, 12) for r in range(ROUNDS)]
    b = [_rows(places, r, 13) for r in range(ROUNDS)]  # same source as a's round, new figures
    outcomes = _race(settings.database_url, {"Editor A": a, "Editor B": b})
    assert all(isinstance(o, recording.Outcome) and o.created for _, o in outcomes), outcomes
    tables = store.read_tables(engine)
    stored = tables["aid_deliveries"].set_index("delivery_id")
    for by, rounds in (("Editor A", a), ("Editor B", b)):
        for rows in rounds:
            row_id = rows["aid_deliveries"]["delivery_id"][0]
            assert stored.loc[row_id, "trucks"] == rows["aid_deliveries"]["trucks"][0]
            assert [e["by"] for e in _creates(engine, row_id)] == [by]
    for rows in a:  # the source both cite: stored once, by whoever came first
        assert len(_creates(engine, rows["sources"]["source_id"][0])) == 1
