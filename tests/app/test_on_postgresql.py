"""The same app on a PostgreSQL store (FRONTLINE_DATABASE_URL=postgresql+psycopg://…): every
page runs and shows the seed's situation; the app migrated and filled the empty database itself."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_pages import PAGES, says_what_it_shows  # tests/app/test_pages.py


@pytest.fixture
def backend() -> str:
    """Every test here runs on the session's throwaway PostgreSQL (tests/conftest.py)."""
    return "postgresql"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_runs_on_postgresql(page: Path, isolated_store: str):
    assert isolated_store.startswith("postgresql+psycopg://")
    app = AppTest.from_file(str(page), default_timeout=60).run()
    assert not app.exception, [e.value for e in app.exception]
    assert says_what_it_shows(app) and not app.error


def test_home_shows_the_seed_situation_from_postgresql():
    app = AppTest.from_file(str(PAGES[0]), default_timeout=60).run()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Besieged"] == "4" and metrics["Aid deliveries"] == "3"
