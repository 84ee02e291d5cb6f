"""Time the Map page in the running dashboard, in headless Chromium, at 1,000 / 10,000 / 100,000
events, next to naive folium (one Marker per event) in the same run.

For each size it writes a synthetic dataset (`make_synthetic.py`), serves the dashboard on it
(`frontline run`, its own SQLite store), opens the store once (the first load is timed apart),
views the Map once to warm the app's caches and the browser's, then for --repeat new sessions
each of two ways — `new_tab`: opening /Map in a new tab (Streamlit itself boots in the tab);
`via_home`: from the home page, once its script has run, a click on "Map" in the sidebar —
measures:

- `drawn_s`: seconds from navigation to the places drawn, read off the map's own clock (the
  situation layer stamps the map with `performance.now()` once its canvas and names are
  painted; the frame's `performance.timeOrigin` puts that on the wall clock); `seen_s`: when
  Playwright's wait for that stamp returned — later by up to half a second, as it polls a
  frame's DOM at 20, 50, 100, 100 and then 500 ms (the figure before 2026-12-02);
- `websocket_bytes`: everything the server sent the page over its websocket (the map's HTML is
  in there), and `map_html_bytes`: the same map saved as one HTML file;
- `script_runs`: script runs per page view (Streamlit's `script_finished` messages, counted until
  two seconds after the markers are drawn);
- `step_s` / `step_server_cpu_s`: after the page is drawn, one click on "◀" (a month back):
  seconds until the map is redrawn, and the server process's CPU seconds meanwhile.

The naive baseline is a folium map with one `folium.Marker` per control event, Leaflet served
locally, loaded in the same Chromium: its HTML bytes and seconds until every marker is in the
DOM, or `null` with `timed_out` after --naive-timeout seconds. Medians over --repeat; prints one
JSON object. `websocket_bytes` can be below `map_html_bytes`: Streamlit sends an element the
browser already holds (the unchanged base map) as a reference.

    .venv/bin/python benchmarks/map_render.py                       # 1k, 10k, 100k; ~10 min
    .venv/bin/python benchmarks/map_render.py --sizes 1000 --repeat 1
    .venv/bin/python benchmarks/map_render.py --sizes 1000000 --out /tmp/mr --reuse

At 1,000,000 events the dataset falls on 20,000 places (`PLACES`: the registry's towns,
villages and sites topped up with generated hamlets, as issue 13 asks); writing it and loading
the store take about 15 minutes, which `--out` and `--reuse` spare the next run. No naive map
is built above --naive-max events.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import folium
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from frontline import maps, report
from frontline.assets import links
from frontline.config import PROJECT_ROOT, load_settings
from frontline.dataset import Dataset
from frontline.seeding import open_store

sys.path.insert(0, str(PROJECT_ROOT / "tests"))  # the harness the browser tests use
import harness  # noqa: E402  (tests/harness.py, found through the path above)

MAP_FRAME = "iframe[title*='streamlit_folium']"
STAMP = "e => performance.timeOrigin + Number(e.dataset.frontlineDrawn)"  # ms, the wall clock
PLACES = {1_000_000: 20_000}  # issue 13: a million events over 20,000 places (hamlets added)
STATIC = PROJECT_ROOT / "static"


def dataset(events: int, root: Path, places: int | None, reuse: bool) -> tuple[dict, float | None]:
    """A synthetic dataset of `events` (over `places` places, when given), its settings as
    environment variables, and the seconds its first loading into an empty store took (None
    when `reuse` kept the dataset and store written under `root` by an earlier run)."""
    folder = root / f"n{events}"
    if reuse and (folder / "frontline.sqlite").exists():
        return harness.synthetic_env(folder), None
    env = harness.synthetic_dataset(events, folder, places)
    (folder / "frontline.sqlite").unlink(missing_ok=True)  # time a first load, every run
    start = time.perf_counter()
    open_store(load_settings(env))
    return env, time.perf_counter() - start


def _cpu_seconds(pid: int) -> float:
    """User and system CPU of a process and its children that ended, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _script_finished(payload: bytes | str) -> bool:
    if isinstance(payload, str):
        return False
    try:
        return ForwardMsg.FromString(payload).WhichOneof("type") == "script_finished"
    except Exception:  # a frame that is not a ForwardMsg counts as none
        return False


def page_view(context, url: str, pid: int, via_home: bool) -> dict:
    """One new session's view of the Map page, then one step back. `via_home`: the session
    starts on the home page and the timer starts at the click on "Map" in the sidebar (the
    browser has Streamlit itself loaded); otherwise at opening /Map in a new tab."""
    page = context.new_page()
    seen = {"bytes": 0, "runs": 0}

    def on_socket(ws) -> None:
        def frame(payload) -> None:
            seen["bytes"] += len(payload)
            seen["runs"] += _script_finished(payload)

        ws.on("framereceived", frame)

    page.on("websocket", on_socket)
    if via_home:
        page.goto(url)
        page.get_by_role("heading", name="Frontline").wait_for(timeout=120_000)
        deadline = time.monotonic() + 120
        while not seen["runs"] and time.monotonic() < deadline:  # the home page's run is over,
            page.wait_for_timeout(100)  # as when a reader has read it: its end is not the Map's
        page.wait_for_timeout(1_000)
        seen.update(bytes=0, runs=0)
    start, wall = time.perf_counter(), time.time()
    if via_home:
        page.get_by_role("link", name="Map", exact=True).click()
    else:
        page.goto(f"{url}/Map")
    container = page.frame_locator(MAP_FRAME).first.locator(
        ".leaflet-container[data-frontline-drawn]"
    )
    container.wait_for(timeout=120_000)
    noticed = time.perf_counter() - start
    painted = container.evaluate(STAMP)
    page.wait_for_timeout(2_000)
    view = {"drawn_s": painted / 1000 - wall, "seen_s": noticed,
            "websocket_bytes": seen["bytes"], "script_runs": seen["runs"],
            "total_places": int(container.get_attribute("data-frontline-total"))}  # fmt: skip
    before, cpu = container.get_attribute("data-frontline-drawn"), _cpu_seconds(pid)
    wall = time.time()
    page.get_by_role("button", name="◀").click()
    page.wait_for_function(
        """([selector, old]) => { const f = document.querySelector(selector);
             const box = f && f.contentDocument.querySelector('.leaflet-container');
             return box && box.dataset.frontlineDrawn && box.dataset.frontlineDrawn !== old; }""",
        arg=[MAP_FRAME, before], timeout=120_000,
    )  # fmt: skip
    view["step_s"] = container.evaluate(STAMP) / 1000 - wall  # the map's clock, as drawn_s
    page.wait_for_timeout(1_000)  # let the run finish before reading the server's CPU
    view["step_server_cpu_s"] = _cpu_seconds(pid) - cpu
    page.close()
    return view


def map_html_bytes(env: dict[str, str]) -> int:
    """The page's map for the latest day, saved as one HTML file."""
    settings = load_settings(env)
    ds = Dataset.read(open_store(settings))
    last = ds.span[1]
    places = report.map_places(ds, report.snapshot(ds, last), last)
    deliveries = report.deliveries(ds, until=last)
    m = maps.situation_map(places, ds, deliveries, maps.boundaries(settings.data_dir))
    return len(m.get_root().render().encode())


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """Serve without a line per request."""


def naive(env: dict[str, str], browser, folder: Path, timeout: float) -> dict:
    """One folium Marker per control event, as a plain folium page (Leaflet served locally by a
    small HTTP server, as the app serves it)."""
    ds = Dataset.read(open_store(load_settings(env)))
    rows = ds.control_events.join(ds.places_by_id[["lat", "lon"]], on="place_id")
    start = time.perf_counter()
    m = folium.Map(location=(35, 40), zoom_start=6, tiles=None)
    m.default_js, m.default_css = links("local")
    for row in rows.itertuples():
        folium.Marker((row.lat, row.lon)).add_to(m)
    html = m.get_root().render()
    out = {"html_bytes": len(html.encode()), "build_s": round(time.perf_counter() - start, 2)}
    site = folder / "naive-site"
    (site / "app").mkdir(parents=True, exist_ok=True)
    if not (site / "app" / "static").exists():
        (site / "app" / "static").symlink_to(STATIC)
    (site / "index.html").write_text(html, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    start = time.perf_counter()
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/index.html", timeout=timeout * 1000)
        page.wait_for_function(f"document.querySelectorAll('.leaflet-marker-icon').length >= "
                               f"{len(rows)}", timeout=timeout * 1000, polling=500)  # fmt: skip
        out.update(drawn_s=round(time.perf_counter() - start, 3), timed_out=False)
    except PlaywrightError:  # its timeout: the page never finished drawing
        out.update(drawn_s=None, timed_out=True)
    finally:
        page.close()
        server.shutdown()
    return out


def measure(events: int, root: Path, browser, args: argparse.Namespace) -> dict:
    env, first_load = dataset(events, root, PLACES.get(events), args.reuse)
    repeat = args.repeat
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    with harness.dashboard(env, root / f"n{events}" / "streamlit.log") as (url, pid):
        page_view(context, url, pid, False)  # warms the app's caches and the browser's
        views = {how: [page_view(context, url, pid, how == "via_home") for _ in range(repeat)]
                 for how in ("new_tab", "via_home")}  # fmt: skip
    context.close()
    return {
        "events": events,
        "first_store_load_s": None if first_load is None else round(first_load, 2),
        "map_html_bytes": map_html_bytes(env),
        **{how: _medians(runs) for how, runs in views.items()},
        "naive_folium": naive(env, browser, root / f"n{events}", args.naive_timeout)
        if events <= args.naive_max
        else {"skipped": f"over --naive-max {args.naive_max:,}"},
    }


def _medians(runs: list[dict]) -> dict:
    return {k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-timeout", type=float, default=90)
    parser.add_argument("--naive-max", type=int, default=100_000,
                        help="no naive map above this many events")  # fmt: skip
    parser.add_argument("--out", type=Path, help="keep datasets here (default: a temp folder)")
    parser.add_argument("--reuse", action="store_true",
                        help="use the dataset and store an earlier run left in --out")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        root = args.out or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        browser = harness.chromium(pw)
        results = [measure(int(n), root, browser, args) for n in args.sizes.split(",")]
        browser.close()
    print(json.dumps({"machine_cpus": os.cpu_count(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
