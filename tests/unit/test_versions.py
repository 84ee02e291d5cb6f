"""Any version of a record, from the audit trail, on SQLite and PostgreSQL: its versions listed,
one put back (live, audited with before, after and why), and clear refusals; the trail's
filters; and every write path keeping both the row before and the row after."""

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from frontline import auth, model, store
from frontline.errors import StoreConflict, StoreInvalid, StoreNotFound
from frontline.seeding import open_store
from frontline.store import audit
from frontline.validation import coerce

pytestmark = pytest.mark.store
EVENT = "hamdan-2016-06-29-is-recaptured"


@pytest.fixture
def engine(settings):
    return open_store(settings)


def _event(seed_tables, **changes) -> pd.DataFrame:
    events = seed_tables["control_events"]
    return events[events["event_id"] == EVENT].assign(**changes)


def _stored(engine) -> dict:
    table = store.SQL_TABLES["control_events"]
    with engine.connect() as conn:
        return dict(
            conn.execute(sa.select(table).where(table.c.event_id == EVENT)).mappings().one()
        )


def _edit(engine, seed_tables, by="Analyst A", **changes) -> None:
    store.load(engine, {"control_events": _event(seed_tables, **changes)}, actor=by)


def test_versions_list_each_state_and_mark_the_current_one(engine, seed_tables):
    _edit(engine, seed_tables, notes="first correction")
    _edit(engine, seed_tables, notes="second correction")
    with store.transaction(engine) as conn:
        store.delete(conn, "event", EVENT, "tester", "a duplicate")
    with engine.connect() as conn:
        found = store.versions(conn, "event", EVENT)
    assert [(v["action"], v["by"]) for v in found] == [
        ("create", "data/"), ("update", "Analyst A"), ("update", "Analyst A"),
        ("delete", "tester")]  # fmt: skip
    assert [v["row"]["notes"] for v in found][1:] == ["first correction", "second correction",
                                                      "second correction"]  # fmt: skip
    assert [v["deleted"] for v in found] == [False, False, False, True]
    assert [v["current"] for v in found] == [False, False, False, True]
    assert found[0]["row"]["source_ids"] == ["ap-2016-06-29-boukamal"]


def test_an_old_version_comes_back_audited_with_before_after_and_why(engine, seed_tables):
    original = _stored(engine)
    _edit(engine, seed_tables, notes="wrong", quote="a misquote")
    with engine.connect() as conn:
        first = store.versions(conn, "event", EVENT)[0]
    with store.transaction(engine) as conn:
        row = store.restore_version(conn, "event", EVENT, first["audit_id"], "editor",
                                    "the quote was right")  # fmt: skip
    assert row["quote"] == original["quote"] and _stored(engine) == original
    events = store.read_tables(engine)["control_events"].set_index("event_id")
    assert events.loc[EVENT, "quote"] == original["quote"]
    with engine.connect() as conn:
        last = store.audit_entries(conn, EVENT)[-1]
        assert store.versions(conn, "event", EVENT)[0]["current"]
    assert (last["action"], last["by"]) == ("update", "editor")
    assert last["before"]["quote"] == "a misquote" and last["after"]["quote"] == original["quote"]
    assert last["reason"] == (f"restored version of {first['at']} (audit {first['audit_id']}): "
                              "the quote was right")  # fmt: skip
    assert audit.changes(last) == {"quote": ("a misquote", original["quote"]),
                                   "notes": ("wrong", original["notes"])}  # fmt: skip


def test_a_version_of_a_deleted_record_restores_it(engine, seed_tables):
    _edit(engine, seed_tables, notes="kept note")
    with store.transaction(engine) as conn:
        store.delete(conn, "event", EVENT, "tester", "by mistake")
    with engine.connect() as conn:
        create = store.versions(conn, "event", EVENT)[0]
    with store.transaction(engine) as conn:
        store.restore_version(conn, "event", EVENT, create["audit_id"], "editor", "undo")
    stored = _stored(engine)
    assert stored["deleted_at"] is None and stored["notes"] == create["row"]["notes"]
    with engine.connect() as conn:
        last = store.audit_entries(conn, EVENT)[-1]
    assert last["action"] == "restore" and last["before"]["deleted_by"] == "tester"
    assert last["after"]["deleted_at"] is None


def test_refusals_change_nothing(engine, seed_tables):
    _edit(engine, seed_tables, notes="edited")
    with engine.connect() as conn:
        create, update = store.versions(conn, "event", EVENT)
        other = store.audit_entries(conn, table="places", limit=1)[0]["audit_id"]
    before = store.version(engine)
    with store.transaction(engine) as conn:
        with pytest.raises(StoreNotFound, match=f"audit entry {other} is of places"):
            store.restore_version(conn, "event", EVENT, other, "editor", "x")
        with pytest.raises(StoreNotFound, match="no audit entry 999999"):
            store.restore_version(conn, "event", EVENT, 999999, "editor", "x")
        with pytest.raises(StoreConflict, match="already reads as the version"):
            store.restore_version(conn, "event", EVENT, update["audit_id"], "editor", "x")
        with pytest.raises(StoreInvalid, match="a reason is one to"):
            store.restore_version(conn, "event", EVENT, create["audit_id"], "editor", " ")
        with pytest.raises(StoreNotFound, match="no event with id 'nope'"):
            store.versions(conn, "event", "nope")
        with pytest.raises(StoreConflict, match="is not deleted"):
            store.undelete(conn, "event", EVENT, "editor", "x")
    assert store.version(engine) == before


def _source(source_id: str) -> pd.DataFrame:
    return coerce(model.SOURCES, [{"source_id": source_id, "publisher": "P", "title": "T",
                                    "published_at": "2016-06-30"}])  # fmt: skip


def test_a_version_citing_a_deleted_record_is_refused(engine, seed_tables):
    """The event once cited a source now deleted: that version may not come back live."""
    original = seed_tables["control_events"].set_index("event_id").loc[EVENT, "source_ids"]
    store.load(engine, {"sources": _source("src-later-gone")}, actor="tester")
    _edit(engine, seed_tables, source_ids=[["src-later-gone"]])
    _edit(engine, seed_tables, source_ids=[list(original)])
    with store.transaction(engine) as conn:
        store.delete(conn, "source", "src-later-gone", "tester", "a duplicate")
        citing = store.versions(conn, "event", EVENT)[1]
    assert citing["row"]["source_ids"] == ["src-later-gone"]
    with pytest.raises(StoreConflict, match="cites sources src-later-gone"):
        with store.transaction(engine) as conn:
            store.restore_version(conn, "event", EVENT, citing["audit_id"], "editor", "x")
    assert _stored(engine)["source_ids"] != '["src-later-gone"]'


def test_undelete_keeps_its_reason(engine):
    with store.transaction(engine) as conn:
        store.delete(conn, "event", EVENT, "tester", "unsure")
    with store.transaction(engine) as conn:
        store.undelete(conn, "event", EVENT, "editor", "confirmed by a second source")
    with engine.connect() as conn:
        last = store.audit_entries(conn, EVENT)[-1]
    assert (last["action"], last["reason"]) == ("restore", "confirmed by a second source")
    assert _stored(engine)["deleted_at"] is None


def test_filters_narrow_the_trail(engine, seed_tables):
    _edit(engine, seed_tables, by="Analyst A", notes="a")
    with store.transaction(engine) as conn:
        store.delete(conn, "event", EVENT, "Analyst B", "b")
        store.undelete(conn, "event", EVENT, "Analyst B")
    with engine.connect() as conn:
        everything = store.audit_entries(conn)
        first, today = (dt.date.fromisoformat(everything[i]["at"][:10]) for i in (0, -1))
        by_b = store.audit_entries(conn, by="Analyst B")
        deletes = store.audit_entries(conn, action="delete")
        events = store.audit_entries(conn, table="control_events", by="Analyst A")
        today_s = store.audit_entries(conn, since=today, until=today)
        yesterday = store.audit_entries(conn, until=first - dt.timedelta(days=1))
        tomorrow = store.audit_entries(conn, since=today + dt.timedelta(days=1))
        newest = store.audit_entries(conn, limit=2)
        people = audit.people(conn)
    assert [(e["action"], e["by"]) for e in by_b] == [("delete", "Analyst B"),
                                                       ("restore", "Analyst B")]  # fmt: skip
    assert [e["id"] for e in deletes] == [EVENT]
    assert [(e["action"], e["id"]) for e in events] == [("update", EVENT)]
    assert today_s[-1] == everything[-1] and len(everything) > 40
    assert yesterday == tomorrow == []
    assert newest == everything[-2:]
    assert people == ["Analyst A", "Analyst B", "data/"]


def test_every_write_path_keeps_before_and_after(engine, seed_tables):
    """save (create, update, a data/ restore), delete, restore, restore_version, undelete,
    load's retirement, and accounts added and disabled: each entry has the row after the
    change, and every change but a create the row before it."""
    _edit(engine, seed_tables, notes="edited")
    fewer = {**seed_tables, "control_events": seed_tables["control_events"].iloc[1:]}
    store.load(engine, fewer, retire=True)  # data/ retires its own row
    store.load(engine, seed_tables, retire=True)  # and puts it back
    with store.transaction(engine) as conn:
        store.delete(conn, "event", EVENT, "tester", "x")
        store.restore(conn, "event", EVENT, "tester")
        store.delete(conn, "event", EVENT, "tester", "y")
        store.undelete(conn, "event", EVENT, "tester", "z")
        edited = [v for v in store.versions(conn, "event", EVENT) if v["row"]["notes"] == "edited"]
        store.restore_version(conn, "event", EVENT, edited[0]["audit_id"], "tester", "w")
        auth.add_user(conn, "ed", "editor", "a long password", by="admin")
        auth.disable(conn, "ed", by="admin")
    with engine.connect() as conn:
        trail = store.audit_entries(conn)
    actions = {(e["table"], e["action"]) for e in trail}
    assert {("control_events", a) for a in audit.ACTIONS} <= actions
    assert {("users", "create"), ("users", "delete")} <= actions
    lacking = [
        (e["audit_id"], e["table"], e["action"])
        for e in trail
        if e["after"] is None or (e["before"] is None) != (e["action"] == "create")
    ]
    assert lacking == []
