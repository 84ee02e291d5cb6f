import dataclasses

import pandas as pd
import pytest
import sqlalchemy as sa

from frontline import store
from frontline.errors import StoreInvalid
from frontline.io.dataset import read_dataset
from frontline.seeding import open_store

pytestmark = pytest.mark.store  # every test on SQLite and on PostgreSQL (tests/conftest.py)


def _count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            sa.select(sa.func.count()).select_from(store.SQL_TABLES[table])
        ).scalar()


def test_first_use_creates_the_schema_and_loads_data(settings, seed_tables):
    engine = open_store(settings)
    assert _count(engine, "control_events") == len(seed_tables["control_events"])
    assert _count(engine, "places") == len(seed_tables["places"])


def test_loading_twice_adds_nothing(settings):
    engine = open_store(settings)
    open_store(settings)
    again = store.load(engine, read_dataset(settings.data_dir, settings.seeds_dir))
    assert all(c["added"] == 0 and c["updated"] == 0 for c in again.values())


def test_any_url_is_filled_on_first_use(settings, tmp_path, backend, new_store_url):
    url = f"sqlite:///{tmp_path}/deep/other.db" if backend == "sqlite" else new_store_url()
    other = dataclasses.replace(settings, database_url=url)
    assert _count(open_store(other), "aid_deliveries") == 3


def test_round_trip_keeps_types_and_lists(settings, seed_tables):
    tables = store.read_tables(open_store(settings))
    for name, frame in seed_tables.items():
        got = tables[name].sort_values(frame.columns[0]).reset_index(drop=True)
        want = frame.sort_values(frame.columns[0]).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want, check_like=False)


def test_a_changed_row_is_updated_and_its_old_version_kept(settings, seed_tables):
    engine = open_store(settings)
    events = seed_tables["control_events"].copy()
    events.loc[0, "notes"] = "corrected"
    counts = store.load(engine, {"control_events": events})
    assert counts["control_events"]["updated"] == 1
    with engine.connect() as conn:
        query = sa.select(store.audit_log).where(store.audit_log.c.action == "update")
        revision = conn.execute(query).mappings().one()
    assert revision["row_id"] == events.loc[0, "event_id"] and "Inference" in revision["before"]
    assert revision["actor"] == "data/"


def test_a_failing_import_changes_nothing(settings, seed_tables):
    engine = open_store(settings)
    events = seed_tables["control_events"].copy()
    new = events.iloc[[0]].assign(event_id="brand-new")
    broken = events.iloc[[1]].assign(event_id="broken", quote=None)  # NOT NULL violation
    with pytest.raises(StoreInvalid, match="required value is missing"):
        store.load(engine, {"control_events": pd.concat([new, broken])})
    assert _count(engine, "control_events") == len(events)


def test_a_fact_taken_out_of_data_is_deleted_but_form_entries_stay(settings, seed_tables):
    engine = open_store(settings)
    entered = seed_tables["aid_deliveries"].iloc[[0]].assign(delivery_id="typed-in")
    store.load(engine, {"aid_deliveries": entered}, actor="Analyst A")
    fewer = {**seed_tables, "control_events": seed_tables["control_events"].iloc[1:]}
    counts = store.load(engine, fewer, retire=True)
    assert counts["control_events"]["deleted"] == 1 and counts["aid_deliveries"]["deleted"] == 0
    tables = store.read_tables(engine)
    gone = seed_tables["control_events"].iloc[0]["event_id"]
    assert gone not in set(tables["control_events"]["event_id"])
    assert "typed-in" in set(tables["aid_deliveries"]["delivery_id"])
    with engine.connect() as conn:
        query = sa.select(store.audit_log).where(store.audit_log.c.action == "delete")
        assert conn.execute(query).mappings().one()["row_id"] == gone


def test_the_version_moves_with_every_change_and_only_then(settings, seed_tables):
    engine = open_store(settings)
    first = store.version(engine)
    store.load(engine, read_dataset(settings.data_dir, settings.seeds_dir))
    assert store.version(engine) == first > 0
    events = seed_tables["control_events"].copy()
    events.loc[0, "notes"] = "corrected"
    store.load(engine, {"control_events": events})
    assert store.version(engine) > first
