"""The Map page in real headless Chromium, with every non-local request refused.

Only a browser shows that Leaflet actually loads (from the app, not a CDN) and draws the
markers; the screenshot is kept in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from frontline.config import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The dashboard served by `frontline run`, on a free port, with its own store."""
    port = _free_port()
    env = {
        **os.environ,
        "FRONTLINE_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('srv')}/fl.sqlite",
    }
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "frontline",
            "run",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, ended whole below
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"the dashboard did not start:\n{log.read_text()}")
    yield f"http://127.0.0.1:{port}"
    os.killpg(proc.pid, signal.SIGTERM)  # the server and anything it started
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_map_draws_markers_offline(server, browser, seed_tables):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []

    def only_local(route):
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{server}/Map?date=2016-06-29")
    frame = page.frame_locator("iframe[title*='streamlit_folium']").first
    places = frame.locator("path.frontline-place")
    expected = int((seed_tables["places"]["kind"] != "country").sum())
    deadline = time.monotonic() + 60
    while places.count() < expected and time.monotonic() < deadline:
        page.wait_for_timeout(500)
    assert places.count() == expected
    assert frame.locator("path.frontline-besieged").count() == 4
    assert frame.locator(".frontline-aid").count() == 3
    assert frame.locator(".frontline-legend").is_visible()
    places.nth(0).dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert "Associated Press" in popup.inner_text()
    page.wait_for_timeout(500)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "map.png")
    assert outside == [] and errors == []


def test_map_rings_what_changed_since_a_second_date(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/Map?date=2016-06-30&since=2016-06-27")
    frame = page.frame_locator("iframe[title*='streamlit_folium']").first
    rings = frame.locator("path.frontline-changed")
    deadline = time.monotonic() + 60
    while rings.count() < 4 and time.monotonic() < deadline:
        page.wait_for_timeout(500)
    assert rings.count() == 4  # Manbij, Fallujah, west Harasta, the outposts; not Hamdan
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "map-changes.png")


def test_aid_filter_by_place_then_download_csv(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(f"{server}/Aid?date=2016-07-15")
    places = page.get_by_role("combobox", name="Places")  # stable: the widget's label
    places.wait_for(timeout=60_000)
    places.click()
    page.keyboard.type("Irbin")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_timeout(2_000)  # the rerun with the filter
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download CSV").click()
    path = tmp_path / "aid.csv"
    info.value.save_as(path)
    rows = path.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("delivery_id,convoy_id,date")
    assert [r.split(",")[0] for r in rows[1:]] == ["aid-2016-06-29-irbin"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "aid.png")
