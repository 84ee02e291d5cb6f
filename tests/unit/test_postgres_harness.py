"""The throwaway PostgreSQL of the tests (tests/postgres.py): loopback only, one fresh database per
test, and nothing left behind once stopped."""

import os

import pytest
import sqlalchemy as sa
from postgres import TemporaryPostgres, find_bindir


def _tables(url: str) -> list[str]:
    engine = sa.create_engine(url)
    try:
        return sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting for init to reap it does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.store
def test_each_test_gets_a_fresh_empty_store_of_its_backend(backend, isolated_store):
    assert os.environ["FRONTLINE_DATABASE_URL"] == isolated_store
    assert sa.make_url(isolated_store).get_backend_name() == backend
    engine = sa.create_engine(isolated_store)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE scratch (x integer)"))  # the next test must not see it
    engine.dispose()
    assert _tables(isolated_store) == ["scratch"]


@pytest.mark.postgresql
def test_the_server_listens_on_loopback_only_and_trusts_no_one_else(postgres_server):
    settings = dict(
        postgres_server.execute(
            "SELECT name, setting FROM pg_settings WHERE name IN "
            "('listen_addresses', 'port', 'fsync', 'unix_socket_directories')"
        )
    )
    assert settings == {
        "listen_addresses": "127.0.0.1",
        "port": str(postgres_server.port),
        "fsync": "off",
        "unix_socket_directories": str(postgres_server.root),
    }
    rules = postgres_server.execute("SELECT type, address FROM pg_hba_file_rules")
    assert sorted(rules, key=str) == [("host", "127.0.0.1"), ("local", None)]
    first, second = postgres_server.create_database(), postgres_server.create_database()
    assert first != second and _tables(first) == _tables(second) == []


@pytest.mark.postgresql
def test_stopping_ends_the_server_and_removes_its_folder(postgres_server):
    # postgres_server: skip (or fail, when required) as every PostgreSQL test does without binaries
    server = TemporaryPostgres.start(find_bindir())
    url = server.create_database()
    pid = int((server.data / "postmaster.pid").read_text().split()[0])
    engine = sa.create_engine(url)
    conn = engine.connect()  # a session still open does not hold the stop up
    assert conn.execute(sa.text("SELECT 1")).scalar() == 1
    server.stop()
    conn.invalidate()  # its server is gone
    engine.dispose()
    assert not server.root.exists()
    assert not _alive(pid)
    server.stop()  # twice is harmless
