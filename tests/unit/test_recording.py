"""Recording a form entry is create-only: a resubmission is told when and by whom, never saved
over (not even with another quote), a deleted record stays deleted; a known source is cited, not
edited (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from frontline import forms, gazetteer, recording, store
from frontline.config import PROJECT_ROOT
from frontline.seeding import open_store

pytestmark = pytest.mark.store
TODAY = dt.date(2026, 11, 25)
FORM = forms.DeliveryForm(
    destination_id="gn:169897", date=dt.date(2016, 7, 3), organisations=["SARC"], trucks="12",
    items=["food"], publisher="Reuters", title="Aid reaches Harasta",
    quote="Twelve trucks reached Harasta.", recorded_by="Analyst A",
)  # fmt: skip


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return gazetteer.all_places(PROJECT_ROOT / "data")


def _stored(engine, row_id: str) -> dict:
    return store.read_tables(engine)["aid_deliveries"].set_index("delivery_id").loc[row_id]


def test_a_resubmission_with_another_quote_is_told_and_does_not_overwrite(settings, places):
    engine = open_store(settings)
    first = recording.record(engine, forms.delivery_rows(FORM, places, TODAY), "Analyst A")
    assert first.created and first.message == "Delivery saved."
    changed = dataclasses.replace(FORM, quote="Eleven trucks, says another.", recorded_by="B")
    again = recording.record(engine, forms.delivery_rows(changed, places, TODAY), "Analyst B")
    assert again.row_id == first.row_id and not again.created
    assert again.recorded_by == "Analyst A" and again.differs == ("quote",)
    assert again.message.startswith(f"This delivery was already recorded on {again.recorded_at} "
                                    "by Analyst A; nothing was saved.")  # fmt: skip
    assert _stored(engine, first.row_id)["quote"] == "Twelve trucks reached Harasta."
    with engine.connect() as conn:
        assert [e["action"] for e in store.audit_entries(conn, row_id=first.row_id)] == ["create"]


def test_a_deleted_record_submitted_again_stays_deleted_and_says_how_to_restore(settings, places):
    engine = open_store(settings)
    rows = forms.delivery_rows(FORM, places, TODAY)
    row_id = recording.record(engine, rows, "Analyst A").row_id
    with store.transaction(engine) as conn:
        store.delete(conn, "delivery", row_id, "Analyst B", "a duplicate")
    again = recording.record(engine, rows, "Analyst A")
    assert again.deleted and not again.created
    assert f"frontline restore delivery {row_id}" in again.message
    assert row_id not in set(store.read_tables(engine)["aid_deliveries"]["delivery_id"])


def test_a_known_source_is_cited_as_it_stands(settings, places):
    engine = open_store(settings)
    recording.record(engine, forms.delivery_rows(FORM, places, TODAY), "Analyst A")
    other = dataclasses.replace(FORM, trucks="30", url="http://example.org/changed")
    done = recording.record(engine, forms.delivery_rows(other, places, TODAY), "Analyst B")
    assert done.created
    source_id = forms.delivery_rows(FORM, places, TODAY)["sources"]["source_id"][0]
    with engine.connect() as conn:
        trail = store.audit_entries(conn, row_id=source_id)
    assert [(e["action"], e["by"]) for e in trail] == [("create", "Analyst A")]


def test_a_record_landing_between_the_check_and_the_write_is_not_overwritten(
    settings, places, monkeypatch
):
    """PostgreSQL reads what has committed before each statement: another editor's record can
    land after the existence check and before the write (seen in CI). The write must not
    count as a creation, nor update the record."""
    engine = open_store(settings)
    first = recording.record(engine, forms.delivery_rows(FORM, places, TODAY), "Analyst A")
    held, calls = recording._held, []

    def missed_once(conn, rows):  # the first check ran before Analyst A's commit
        calls.append(1)
        return None if len(calls) == 1 else held(conn, rows)

    monkeypatch.setattr(recording, "_held", missed_once)
    changed = dataclasses.replace(FORM, quote="Eleven trucks, says another.", recorded_by="B")
    again = recording.record(engine, forms.delivery_rows(changed, places, TODAY), "Analyst B")
    assert not again.created and again.recorded_by == "Analyst A" and "quote" in again.differs
    assert _stored(engine, first.row_id)["quote"] == FORM.quote
