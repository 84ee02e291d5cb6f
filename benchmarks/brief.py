"""Size and opening time of the exported briefing (`frontline brief`) at 10,000 / 100,000 /
1,000,000 synthetic events, next to naive folium (one CircleMarker per place) in the same run.

Issue 15 asks that at the synthetic war's 1,000,000 events the file stays ≤ 3 MB and opens in
≤ 3 s in headless Chromium. For each size this writes (or, with --keep, reuses) a synthetic
dataset (`make_synthetic.py`, through `tests/harness.py`), opens its store as the CLI does, and
for two windows ending on the dataset's last day — 30 days and one year, since a long window
lists more changes and quotes — builds the briefing with the CLI's own functions
(`briefing.build`, then `briefing.document` with the bundled borders) and opens the file in
Debian's headless Chromium at 1920×1080, a fresh browser context each time, every request
that is not file: or data: aborted and counted. It reports, as medians over --repeat:

- `content_s` / `document_s`: seconds of `briefing.build` and of `briefing.document`;
- `bytes`: the file's size;
- `open_s`: wall clock from navigation to the map drawn — the situation layer has painted
  (`data-frontline-drawn`) and placed its names (`data-frontline-place-labels`);
  `open_in_page_ms`: the same moment by the page's own clock (`performance.now()`, from the
  navigation's start), with `dom_content_loaded_ms` and `load_event_ms` from navigation timing;
- `requests_outside_file`: requests to anything but the file itself (must be 0), and
  `csp_violations`: what the page's Content-Security-Policy refused;
- `places` (in the data), `places_drawn` (points drawn at the opening zoom; clusters apart),
  `clusters_drawn`, `place_labels` (names shown).

Once per size and window it also runs `frontline brief` itself (click's runner, the same
environment) and checks its file has the same size: `cli_s` includes opening the store.

The naive baseline: the same places on the same base map, one `folium.CircleMarker` with a
tooltip each, in the controller's colour; Leaflet inline (`frontline.assets.inline_scripts`) as
in the briefing; opened the same way, timed to its last marker drawn (or `null` with
`timed_out` after --naive-timeout seconds). Prints one JSON object.

    .venv/bin/python benchmarks/brief.py --out /tmp/bench15 --keep            # ~20 min
    .venv/bin/python benchmarks/brief.py --events 10000 --repeat 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import folium
from click.testing import CliRunner
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from frontline import briefing, maps
from frontline.assets import inline_scripts
from frontline.cli import main as cli
from frontline.config import PROJECT_ROOT, Settings, load_settings
from frontline.dataset import Dataset
from frontline.seeding import open_store

sys.path.insert(0, str(PROJECT_ROOT / "tests"))  # the harness the browser tests use
import harness  # noqa: E402  (tests/harness.py, found through the path above)

TARGET_BYTES = 3_000_000
TARGET_OPEN_S = 3.0
WINDOWS = {"30_days": 30, "one_year": 365}
VIEWPORT = {"width": 1920, "height": 1080}
# Opened: the load event has passed and the map has drawn (its places painted, names placed).
DRAWN = ("() => { const m = document.querySelector('.folium-map');"
         " return document.readyState === 'complete' && m && m.dataset.frontlineDrawn"
         " && m.dataset.frontlinePlaceLabels; }")  # fmt: skip
NAIVE_READY = "() => document.readyState === 'complete' && document.body.dataset.naiveDrawn"
# Counts what the page's policy refused, before any of the page's own scripts run.
WATCH_CSP = ("window.__cspViolations = 0; document.addEventListener("
             "'securitypolicyviolation', () => { window.__cspViolations += 1; });")  # fmt: skip
# The naive page marks itself drawn at the first frame with all its markers in the DOM.
NAIVE_DRAWN = """<script>(function check() {
  if (document.querySelectorAll('path.naive-place').length >= %d) {
    document.body.dataset.naiveDrawn = String(performance.now());
  } else { requestAnimationFrame(check); }
})();</script>"""


def dataset(events: int, root: Path, keep: bool) -> tuple[dict[str, str], dict]:
    """The synthetic dataset of `events` under root/n{events} (written unless `keep` finds it),
    the environment that points the CLI at it, and the seconds generating and opening took."""
    folder = root / f"n{events}"
    timings: dict = {"generated": False}
    env = {"FRONTLINE_DATA_DIR": str(folder / "data"), "FRONTLINE_SEEDS_DIR": str(folder / "seeds"),
           "FRONTLINE_DATABASE_URL": f"sqlite:///{folder}/frontline.sqlite"}  # fmt: skip
    if not (keep and (folder / "data").is_dir() and (folder / "seeds").is_dir()):
        start = time.perf_counter()
        env = harness.synthetic_dataset(events, folder)
        timings.update(generated=True, generate_s=round(time.perf_counter() - start, 2))
    start = time.perf_counter()
    engine = open_store(load_settings(env))  # fills an empty store from data/, as the CLI does
    timings["open_store_s"] = round(time.perf_counter() - start, 2)
    return env, {**timings, "engine": engine}


def _timed(func: Callable, *args, **kwargs) -> tuple[object, float]:
    start = time.perf_counter()
    value = func(*args, **kwargs)
    return value, time.perf_counter() - start


def build(ds: Dataset, settings: Settings, as_of: dt.date, since: dt.date) -> tuple:
    """The briefing as `frontline brief` builds it, its HTML, and the seconds of each step."""
    found, content_s = _timed(briefing.build, ds, as_of, since)
    text, document_s = _timed(briefing.document, ds, found, maps.boundaries(settings.data_dir))
    figures = {"content_s": content_s, "document_s": document_s, "places": len(found.places)}
    return found, text, figures


def run_cli(env: dict[str, str], as_of: dt.date, since: dt.date, out: Path) -> dict:
    """`frontline brief` itself, on the same data: its seconds (with opening the store) and
    the size of the file it wrote."""
    args = ["brief", "--as-of", str(as_of), "--since", str(since), "-o", str(out)]
    result, seconds = _timed(CliRunner().invoke, cli, args, env=env)
    if result.exit_code != 0:
        return {"cli_error": result.output.strip()[-500:]}
    return {"cli_s": round(seconds, 2), "cli_bytes": out.stat().st_size}


def open_file(browser, path: Path, ready: str, timeout: float) -> dict:
    """Open `path` in a fresh context with every non-file request aborted and counted; wall
    seconds until `ready` holds, and what the page measured itself."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(WATCH_CSP)
    outside: list[str] = []

    def outside_file(url: str) -> bool:
        return not url.startswith(("file:", "data:"))

    def refuse(route) -> None:
        if outside_file(route.request.url):
            route.abort()
        else:
            route.continue_()

    context.route("**/*", refuse)
    page = context.new_page()
    page.on("request", lambda r: outside.append(r.url) if outside_file(r.url) else None)
    start = time.perf_counter()
    try:
        page.goto(path.as_uri(), timeout=timeout * 1000, wait_until="commit")
        page.wait_for_function(ready, timeout=timeout * 1000, polling="raf")
        wall, timed_out = time.perf_counter() - start, False
    except PlaywrightError:  # its timeout: the page never finished drawing
        wall, timed_out = None, True
    seen = page.evaluate(_READ_PAGE)
    seen.update(open_s=wall, timed_out=timed_out, requests_outside_file=len(outside))
    context.close()
    return seen


_READ_PAGE = """() => {
  const nav = performance.getEntriesByType('navigation')[0] || {};
  const m = document.querySelector('.folium-map');
  const d = (m && m.dataset) || {};
  const num = (v) => (v === undefined ? null : Number(v));
  return {
    open_in_page_ms: num(d.frontlineDrawn === undefined
      ? document.body.dataset.naiveDrawn : d.frontlineDrawn),
    dom_content_loaded_ms: nav.domContentLoadedEventEnd || null,
    load_event_ms: nav.loadEventEnd || null,
    places_drawn: num(d.frontlinePlaces),
    clusters_drawn: num(d.frontlineClusters),
    place_labels: num(d.frontlinePlaceLabels),
    markers_in_dom: document.querySelectorAll('path.naive-place').length,
    csp_violations: window.__cspViolations,
  };
}"""


def naive_html(ds: Dataset, settings: Settings, places) -> str:
    """The same places on the same base map, the naive folium way: one CircleMarker with a
    tooltip per place, Leaflet inline as in the briefing."""
    colors = dict(zip(ds.actors["actor_id"], ds.actors["color"], strict=True))
    m = maps.base_map(maps.boundaries(settings.data_dir), "cdn", provinces=True)
    m.default_js, m.default_css = [], []
    scripts, styles = inline_scripts()
    inline = folium.Element(f"<style>{styles}</style><script>{scripts}</script>")
    m.get_root().header.add_child(inline)
    for p in places.itertuples():
        color = colors.get(p.controller_id, "#777777")
        folium.CircleMarker((p.lat, p.lon), radius=6, color=color, fill=True, fill_color=color,
                            tooltip=_text(f"{p.place}: {p.state}"),
                            class_name="naive-place").add_to(m)  # fmt: skip
    m.fit_bounds(maps.bounds(places) or [[29.0, 35.5], [37.4, 48.6]])
    m.get_root().html.add_child(folium.Element(NAIVE_DRAWN % len(places)))
    return m.get_root().render()


def _text(text: str) -> str:
    """Text for folium's tooltip, which it writes into a JavaScript template literal as HTML
    unescaped: a name such as "Al Jafi`ah" would end the literal."""
    return html.escape(text).replace("`", "&#96;").replace("$", "&#36;")


def naive(ds: Dataset, settings: Settings, places, browser, folder: Path, timeout: float) -> dict:
    page, build_s = _timed(naive_html, ds, settings, places)
    path = folder / "naive.html"
    path.write_text(page, encoding="utf-8")
    opened = open_file(browser, path, NAIVE_READY, timeout)
    return {"build_s": round(build_s, 2), "bytes": path.stat().st_size, **_round(opened)}


def window(ds, settings, env, browser, folder: Path, days: int, args) -> dict:
    """One window's figures: medians of --repeat builds and openings, one CLI run, the
    naive baseline."""
    as_of = ds.span[1]
    since = as_of - dt.timedelta(days=days)
    path = folder / f"brief-{days}d.html"
    builds, opens = [], []
    for _ in range(args.repeat):
        found, text, figures = build(ds, settings, as_of, since)
        path.write_text(text, encoding="utf-8")
        builds.append(figures)
        opens.append(open_file(browser, path, DRAWN, args.open_timeout))
    out = {"as_of": str(as_of), "since": str(since), "file": str(path),
           "bytes": path.stat().st_size, **_medians(builds), **_medians(opens)}  # fmt: skip
    if not args.skip_cli:
        out.update(run_cli(env, as_of, since, folder / f"cli-{days}d.html"))
    out["naive_folium"] = naive(ds, settings, found.places, browser, folder, args.naive_timeout)
    return out


def _medians(runs: list[dict]) -> dict:
    """Medians of each figure over the runs (None when a run timed out)."""
    out = {}
    for key in runs[0]:
        values = [r[key] for r in runs]
        if isinstance(values[0], bool):
            out[key] = any(values)
        elif any(v is None for v in values):
            out[key] = None
        else:
            out[key] = statistics.median(values)
    return _round(out)


def _round(figures: dict) -> dict:
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}


def measure(events: int, root: Path, browser, args) -> dict:
    env, timings = dataset(events, root, args.keep)
    engine = timings.pop("engine")
    settings = load_settings(env)
    ds, read_s = _timed(Dataset.read, engine)
    out = {"events": events, **timings, "dataset_read_s": round(read_s, 2)}
    for name, days in WINDOWS.items():
        out[name] = window(ds, settings, env, browser, root / f"n{events}", days, args)
        out[name]["targets_hold"] = _holds(out[name])
    return out


def _holds(figures: dict) -> dict:
    opened = figures["open_s"]
    return {"bytes_le_3mb": figures["bytes"] <= TARGET_BYTES,
            "open_le_3s": opened is not None and opened <= TARGET_OPEN_S,
            "no_network": figures["requests_outside_file"] == 0}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", default="10000,100000,1000000",
                        help="comma-separated dataset sizes")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="keep datasets and files here (default: temp)")
    parser.add_argument("--keep", action="store_true",
                        help="reuse the dataset already under --out/n<events>")  # fmt: skip
    parser.add_argument("--skip-cli", action="store_true",
                        help="skip running `frontline brief` itself")  # fmt: skip
    parser.add_argument("--open-timeout", type=float, default=120)
    parser.add_argument("--naive-timeout", type=float, default=180)
    args = parser.parse_args()
    if args.keep and not args.out:
        parser.error("--keep needs --out")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        root = (args.out or Path(tmp)).resolve()
        root.mkdir(parents=True, exist_ok=True)
        browser = harness.chromium(pw)
        results = [measure(int(n), root, browser, args) for n in args.events.split(",")]
        browser.close()
    print(json.dumps({
        "machine_cpus": os.cpu_count(), "repeat": args.repeat,
        "targets": {"bytes": TARGET_BYTES, "open_s": TARGET_OPEN_S, "requests_outside_file": 0},
        "results": results,
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
