"""Soft deletes, restores and the audit trail, on SQLite and PostgreSQL: nothing is deleted for
real, engines never see deleted rows, every change says who, when, before and after."""

import pandas as pd
import pytest
import sqlalchemy as sa

from frontline import control, store
from frontline.errors import StoreConflict, StoreError, StoreInvalid, StoreNotFound
from frontline.seeding import open_store

pytestmark = pytest.mark.store
HAMDAN = "fl:hamdan-air-base"
RECAPTURED = "hamdan-2016-06-29-is-recaptured"


@pytest.fixture
def engine(settings):
    return open_store(settings)


def _hamdan(engine) -> pd.Series:
    events = store.read_tables(engine)["control_events"]
    return control.snapshot(events, "2016-06-29").set_index("place_id").loc[HAMDAN]


def test_a_deleted_event_leaves_the_engines_and_comes_back(engine):
    assert (_hamdan(engine)["state"], _hamdan(engine)["last_event_id"]) == ("held", RECAPTURED)
    with store.transaction(engine) as conn:
        row = store.delete(conn, "event", RECAPTURED, "tester", "check")
    assert (row["deleted_by"], row["deleted_reason"]) == ("tester", "check")
    assert (_hamdan(engine)["controller_id"], _hamdan(engine)["state"]) == ("nsa", "held")
    with engine.connect() as conn:  # the row is still there, marked
        kept = conn.execute(sa.select(store.SQL_TABLES["control_events"].c.deleted_at)
                            .where(store.SQL_TABLES["control_events"].c.event_id == RECAPTURED))
        assert kept.scalar() is not None
    with store.transaction(engine) as conn:
        store.restore(conn, "event", RECAPTURED, "tester")
    assert _hamdan(engine)["state"] == "held"


def test_every_change_is_audited_with_before_and_after(engine):
    with store.transaction(engine) as conn:
        store.delete(conn, "event", RECAPTURED, "tester", "check")
    with store.transaction(engine) as conn:
        store.restore(conn, "event", RECAPTURED, "someone else")
    with engine.connect() as conn:
        entries = store.audit_entries(conn, RECAPTURED)
    assert [(e["action"], e["by"]) for e in entries] == [
        ("create", "data/"), ("delete", "tester"), ("restore", "someone else")]  # fmt: skip
    create, delete, restore = entries
    assert create["before"] is None and create["after"]["event_type"] == "captured"
    assert create["after"]["source_ids"] == ["ap-2016-06-29-boukamal"]  # a list, not JSON text
    assert delete["before"]["deleted_at"] is None and delete["after"]["deleted_by"] == "tester"
    assert delete["reason"] == "check"
    assert restore["before"]["deleted_by"] == "tester" and restore["after"]["deleted_at"] is None
    assert all(e["at"].endswith("+00:00") for e in entries)


def test_an_update_keeps_both_versions(engine, seed_tables):
    events = seed_tables["control_events"].copy()
    events.loc[0, "notes"] = "corrected"
    store.load(engine, {"control_events": events}, actor="Analyst A")
    with engine.connect() as conn:
        [update] = [e for e in store.audit_entries(conn, events.loc[0, "event_id"])
                    if e["action"] == "update"]  # fmt: skip
    assert update["by"] == "Analyst A" and update["after"]["notes"] == "corrected"
    assert update["before"]["notes"] != "corrected"


def test_a_cited_record_cannot_be_deleted_and_a_dead_citation_cannot_be_restored(engine):
    source = store.read_tables(engine)["sources"]["source_id"].iloc[0]
    with pytest.raises(StoreConflict, match="still cited by control_events"):
        with store.transaction(engine) as conn:
            store.delete(conn, "source", source, "tester", "wrong")
    with store.transaction(engine) as conn:
        for event in store.read_tables(conn)["control_events"]["event_id"]:
            store.delete(conn, "event", event, "tester", "all out")
        for delivery in store.read_tables(conn)["aid_deliveries"]["delivery_id"]:
            store.delete(conn, "delivery", delivery, "tester", "all out")
        store.delete(conn, "source", source, "tester", "now uncited")
    with pytest.raises(StoreConflict, match=f"cites sources {source}"):
        with store.transaction(engine) as conn:
            store.restore(conn, "event", RECAPTURED, "tester")


def test_clear_errors_for_what_cannot_be_done(engine):
    with store.transaction(engine) as conn:
        with pytest.raises(StoreNotFound, match="no event with id 'nope'"):
            store.delete(conn, "event", "nope", "tester", "x")
        with pytest.raises(StoreConflict, match="is not deleted"):
            store.restore(conn, "event", RECAPTURED, "tester")
        store.delete(conn, "event", RECAPTURED, "tester", "once")
        with pytest.raises(StoreConflict, match="already deleted \\(by tester on .*: once\\)"):
            store.delete(conn, "event", RECAPTURED, "tester", "twice")


def test_one_transaction_for_a_whole_edit(engine, seed_tables):
    """A delete and a failing save in one transaction: neither lands, nor their audit."""
    before = store.version(engine)
    broken = seed_tables["control_events"].iloc[[1]].assign(event_id="broken", quote=None)
    with pytest.raises(StoreInvalid):
        with store.transaction(engine) as conn:
            store.delete(conn, "event", RECAPTURED, "tester", "part of an edit")
            store.save(conn, {"control_events": broken}, "tester")
    assert store.version(engine) == before
    assert _hamdan(engine)["state"] == "held"


def test_load_retires_what_data_dropped_and_restores_it_when_it_returns(engine, seed_tables):
    fewer = {**seed_tables, "control_events": seed_tables["control_events"].iloc[1:]}
    gone = seed_tables["control_events"].iloc[0]["event_id"]
    assert store.load(engine, fewer, retire=True)["control_events"]["deleted"] == 1
    assert gone not in set(store.read_tables(engine)["control_events"]["event_id"])
    back = store.load(engine, seed_tables, retire=True)["control_events"]
    assert (back["restored"], back["added"]) == (1, 0)
    assert gone in set(store.read_tables(engine)["control_events"]["event_id"])


def test_load_leaves_a_record_a_person_deleted(engine, seed_tables):
    with store.transaction(engine) as conn:
        store.delete(conn, "event", RECAPTURED, "tester", "wrong reading of the source")
    again = store.load(engine, seed_tables, retire=True)["control_events"]
    assert again["kept_deleted"] == 1 and again["restored"] == 0
    assert RECAPTURED not in set(store.read_tables(engine)["control_events"]["event_id"])


def test_a_place_an_app_entered_delivery_needs_is_not_retired(engine, seed_tables):
    """Taking a place's last data/ event out must not take the place from under a delivery
    typed into the app (it broke the Aid page when places were deleted for real)."""
    typed = seed_tables["aid_deliveries"].iloc[[0]].assign(
        delivery_id="typed-in", destination_place_id=HAMDAN)
    store.load(engine, {"aid_deliveries": typed}, actor="Analyst A")
    events = seed_tables["control_events"]
    fewer = {**seed_tables, "control_events": events[events["place_id"] != HAMDAN]}
    counts = store.load(engine, fewer, retire=True)
    assert counts["places"]["deleted"] == 0
    assert HAMDAN in set(store.read_tables(engine)["places"]["place_id"])


def test_a_repeated_id_written_at_once_is_a_conflict(engine, seed_tables):
    row = {c.name: None for c in store.SQL_TABLES["sources"].columns}
    existing = store.read_tables(engine)["sources"].iloc[0]
    row.update(source_id=existing["source_id"], publisher="x", title="y",
               published_at=existing["published_at"].date())  # fmt: skip
    with pytest.raises(StoreConflict, match="saved by someone else at the same moment"):
        with store.transaction(engine) as conn:
            conn.execute(store.SQL_TABLES["sources"].insert(), [row])


def _source(source_id: str) -> pd.DataFrame:
    from frontline import model
    from frontline.validation import coerce

    return coerce(model.SOURCES, [{"source_id": source_id, "publisher": "P", "title": "T",
                                    "published_at": "2016-06-30"}])  # fmt: skip


@pytest.mark.parametrize("odd", ['src-مصدر', 'src-"q"', "src-back\\slash", "src-100%_x"])
def test_a_cited_record_with_an_odd_id_cannot_be_deleted(engine, seed_tables, odd):
    event = seed_tables["control_events"].iloc[[0]].assign(event_id="cites-odd",
                                                           source_ids=[[odd]])  # fmt: skip
    store.load(engine, {"sources": _source(odd), "control_events": event}, actor="tester")
    with pytest.raises(StoreConflict, match="still cited by control_events cites-odd"):
        with store.transaction(engine) as conn:
            store.delete(conn, "source", odd, "tester", "odd id")


def test_a_save_citing_a_deleted_record_is_refused(engine, seed_tables):
    store.load(engine, {"sources": _source("src-gone")}, actor="tester")
    with store.transaction(engine) as conn:
        store.delete(conn, "source", "src-gone", "tester", "a duplicate")
    event = seed_tables["control_events"].iloc[[0]].assign(event_id="new-one",
                                                           source_ids=[["src-gone"]])  # fmt: skip
    before = store.version(engine)
    with pytest.raises(StoreConflict, match="control_events new-one cites sources src-gone"):
        store.load(engine, {"control_events": event}, actor="Analyst A")
    assert store.version(engine) == before
    assert "new-one" not in set(store.read_tables(engine)["control_events"]["event_id"])


def test_a_reason_is_a_sentence(engine):
    with store.transaction(engine) as conn:
        for reason in ("", "x" * 2001, "a\x00b"):
            with pytest.raises(StoreInvalid, match="a reason is one to 2,000 characters"):
                store.delete(conn, "event", RECAPTURED, "tester", reason)


def test_a_store_newer_than_this_frontline_is_refused(engine):
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="revision 9999, which this version of Frontline"):
        store.upgrade(engine)


def test_the_version_moves_once_per_change_and_not_on_failure(engine, seed_tables):
    first = store.version(engine)
    with store.transaction(engine) as conn:
        store.delete(conn, "event", RECAPTURED, "tester", "one")
        store.restore(conn, "event", RECAPTURED, "tester")
    assert store.version(engine) == first + 2
    with pytest.raises(StoreConflict):
        with store.transaction(engine) as conn:
            store.delete(conn, "event", RECAPTURED, "tester", "two")
            store.delete(conn, "event", RECAPTURED, "tester", "three")
    assert store.version(engine) == first + 2
