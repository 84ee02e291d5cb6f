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


@pytest.fixture(autouse=True)
def isolated_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'frontline.sqlite'}"
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", url)
    for name in ("FRONTLINE_DATA_DIR", "FRONTLINE_SEEDS_DIR", "FRONTLINE_MAP_ASSETS"):
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
