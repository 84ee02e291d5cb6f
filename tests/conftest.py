"""Shared fixtures. Every test gets its own empty store: none touches a user's data or the net.

Modules marked `pytestmark = pytest.mark.store` run every test twice, on SQLite (`[sqlite]`) and on
a throwaway PostgreSQL this session starts itself (`[postgresql]`, see tests/postgres.py); the
others run on SQLite only. Without PostgreSQL's binaries the PostgreSQL cases are skipped, unless
FRONTLINE_TEST_POSTGRES=require (as `make test` sets), which makes them fail with how to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from postgres import PostgresNotFound, TemporaryPostgres  # tests/postgres.py

from frontline.config import PROJECT_ROOT, load_settings
from frontline.dataset import Dataset
from frontline.io.dataset import read_dataset

DATA = PROJECT_ROOT / "data"
SEEDS = PROJECT_ROOT / "seeds"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "store: runs once per store backend, [sqlite] and [postgresql]"
    )
    config.addinivalue_line(
        "markers", "postgresql: the [postgresql] case of a store test (-m 'not postgresql')"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("store") and "backend" in metafunc.fixturenames:
        metafunc.parametrize(
            "backend",
            [
                pytest.param("sqlite"),
                pytest.param("postgresql", marks=pytest.mark.postgresql),
            ],
            indirect=True,
        )


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[TemporaryPostgres]:
    """One throwaway PostgreSQL for the session, started by the first PostgreSQL test only."""
    try:
        server = TemporaryPostgres.start()
    except PostgresNotFound as error:
        if os.environ.get("FRONTLINE_TEST_POSTGRES") == "require":
            pytest.fail(f"FRONTLINE_TEST_POSTGRES=require: {error}", pytrace=False)
        pytest.skip(f"no PostgreSQL server binaries: {error}")
    # SIGTERM (a cancelled CI job) ends Python without atexit: make it an interrupt instead, so
    # pytest stops the session and this fixture still stops the server
    terminate = signal.getsignal(signal.SIGTERM)
    if terminate == signal.SIG_DFL and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield server
    finally:
        server.stop()
        if terminate == signal.SIG_DFL and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, terminate)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The store backend of this test: "sqlite", or "postgresql" for a store test's second run."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def new_store_url(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], str]]:
    """Makes fresh, empty stores of this test's backend: a new SQLite file, or a new PostgreSQL
    database (dropped after the test, with any session a test left open on it)."""
    made: list[str] = []
    server = request.getfixturevalue("postgres_server") if backend == "postgresql" else None

    def make() -> str:
        if server is None:
            return f"sqlite:///{tmp_path_factory.mktemp('store') / 'frontline.sqlite'}"
        made.append(server.create_database())
        return made[-1]

    yield make
    for url in made:
        server.drop_database(url)


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the session: the gazetteer index is built once, not per test."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated_store(
    new_store_url: Callable[[], str], monkeypatch: pytest.MonkeyPatch, cache_home: Path
) -> str:
    """FRONTLINE_DATABASE_URL: a fresh, empty store of this test's backend."""
    url = new_store_url()
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    for name in (
        "FRONTLINE_DATA_DIR",
        "FRONTLINE_SEEDS_DIR",
        "FRONTLINE_MAP_ASSETS",
        "FRONTLINE_GEOCODER",
        "FRONTLINE_USER",
        "FRONTLINE_PASSWORD",
        "FRONTLINE_VIEWING",
        "FRONTLINE_HOST",
    ):
        monkeypatch.delenv(name, raising=False)
    return url


@pytest.fixture(scope="session")
def seed_tables() -> dict[str, pd.DataFrame]:
    return read_dataset(DATA, SEEDS)


@pytest.fixture(scope="session")
def seed(seed_tables: dict[str, pd.DataFrame]) -> Dataset:
    """The curated tables as one Dataset, as reports, maps and pages take them."""
    return Dataset.from_tables(seed_tables)


@pytest.fixture(scope="session")
def shapes() -> dict[str, dict]:
    """The bundled borders."""
    from frontline import maps

    return maps.boundaries(DATA)


@pytest.fixture
def settings():
    return load_settings()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ and seeds/, for tests that break files on purpose."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


@pytest.fixture(scope="session")
def gazetteer(cache_home: Path):
    from frontline.gazetteer import Gazetteer

    return Gazetteer(DATA, cache_dir=cache_home / "frontline")
