"""One headless Chromium for all browser tests (Debian's, never a downloaded one), and one
dashboard on the seed for the modules that only read it (a module that writes, or needs other
data, serves its own `server`)."""

import harness  # tests/harness.py
import pytest


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = harness.chromium(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The dashboard served by `frontline run` on an empty store of its own (it loads the seed),
    shared by the modules that only read it: one start and one cold first view for them all."""
    env = {"FRONTLINE_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('srv')}/fl.sqlite"}
    with harness.dashboard(env, tmp_path_factory.mktemp("log") / "streamlit.log") as (url, _):
        yield url
