"""Shared fixtures. Every test gets its own SQLite store: none touches a user's data or the net."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from frontline.config import PROJECT_ROOT, load_settings
from frontline.io.dataset import read_dataset

DATA = PROJECT_ROOT / "data"
SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the session: the gazetteer index is built once, not per test."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated_store(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, cache_home: Path
):
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'frontline.sqlite'}"
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    for name in (
        "FRONTLINE_DATA_DIR",
        "FRONTLINE_SEEDS_DIR",
        "FRONTLINE_MAP_ASSETS",
        "FRONTLINE_GEOCODER",
    ):
        monkeypatch.delenv(name, raising=False)
    return url


@pytest.fixture(scope="session")
def seed_tables() -> dict[str, pd.DataFrame]:
    return read_dataset(DATA, SEEDS)


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
