"""One headless Chromium for all browser tests (Debian's, never a downloaded one)."""

import harness  # tests/harness.py
import pytest


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = harness.chromium(pw)
        yield chromium
        chromium.close()
