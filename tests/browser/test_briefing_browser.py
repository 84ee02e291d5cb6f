"""The exported briefing in real headless Chromium, as the issue's "done when" says: the file
`frontline brief --as-of 2016-06-30 --since 2016-06-01` writes, opened from disk with every
request refused, shows each section alone and whole at 1920×1080 and 1366×768, steps through
them with the keys and the buttons (the section kept in the address), draws the map with its
places and names, prints one page per section on A4 and Letter, has a dark theme with dark land
and light names, and shows hostile text as text. It asks for nothing outside itself: no request
reaches the route, none is refused by its Content-Security-Policy, and a copy without that
policy asks for nothing either.

The files are made once per module by the real CLI, each on a fresh SQLite store of its own.
Screenshots are kept in tests/artifacts/briefing_*.png for a person to look at.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pagetools import ARTIFACTS

from frontline.config import PROJECT_ROOT

pytestmark = pytest.mark.browser
AS_OF, SINCE = "2016-06-30", "2016-06-01"
SECTIONS = ("situation", "changes", "aid", "sources")
SIZES = {"1920x1080": (1920, 1080), "1366x768": (1366, 768)}
PHONE = {"390x844": (390, 844)}
# Chromium's print layout box for each paper, landscape, less the stylesheet's 8 mm margins
PAPER = {"A4": (1062, 733), "Letter": (995, 755)}
IMG = '<img src=http://127.0.0.1:9/x.png onerror="window.pwned=1">'
SCRIPT = "<script>window.pwned=2</script>"
HOSTILE_NAME = f"Harasta {IMG}{SCRIPT}"
HOSTILE_QUOTE = f"A convoy reached Harasta {SCRIPT} {IMG} today."
HOSTILE_TITLE = f"{SCRIPT}{IMG} IS pushes back"
# Records every Content-Security-Policy refusal: what the page tried to fetch and was stopped.
WATCH_POLICY = """document.addEventListener('securitypolicyviolation', e =>
  (window.__refused = window.__refused || []).push(e.violatedDirective + ' ' + e.blockedURI));"""
MAP = "window[document.querySelector('.folium-map').id]"
FRAMES = """() => new Promise(done => { let n = 3;
  (function next() { if (n-- === 0) done(); else requestAnimationFrame(next); })(); })"""

# Problems with each element a section must show whole: [selector, text] pairs (text null:
# every match), each found in the section, inside the viewport and not covered or clipped
# (the element itself answers elementFromPoint at its centre and near its corners).
UNSEEN = """([id, wanted]) => {
  const section = document.getElementById(id), problems = [];
  const w = innerWidth, h = innerHeight;
  for (const [selector, text] of wanted) {
    let found = Array.from(section.querySelectorAll(selector));
    if (text === null) found = found.filter(e => e.checkVisibility());  // not display: none
    else found = found.filter(e => e.textContent.includes(text)).slice(0, 1);
    if (!found.length) { problems.push(`${selector} ${text}: missing`); continue; }
    for (const e of found) {
      const r = e.getBoundingClientRect();
      const name = `${selector} "${e.textContent.trim().slice(0, 40)}"`;
      if (!(r.width > 0 && r.height > 0)) { problems.push(`${name}: no box`); continue; }
      if (r.left < 0 || r.top < 0 || r.right > w || r.bottom > h) {
        const box = [r.left, r.top, r.right, r.bottom].map(Math.round);
        problems.push(`${name}: outside the screen ${box}`);
        continue;
      }
      const dx = Math.min(4, r.width / 2), dy = Math.min(4, r.height / 2);
      const points = [[(r.left + r.right) / 2, (r.top + r.bottom) / 2],
                      [r.left + dx, r.top + dy], [r.right - dx, r.bottom - dy]];
      for (const [x, y] of points) {
        const at = document.elementFromPoint(x, y);
        if (!at || !e.contains(at)) {
          const by = at ? `${at.tagName}.${at.className} "${at.textContent.trim().slice(0, 30)}"`
                        : 'nothing';
          problems.push(`${name}: covered at ${Math.round(x)},${Math.round(y)} by ${by}`);
          break;
        }
      }
    }
  }
  return problems;
}"""
KEY_CONTENT = {
    "situation": [["h1", None], ["table.holders tbody tr", None], [".legend details > div", None],
                  [".leaflet-container", None], [".leaflet-control-scale-line", None],
                  [".brief-foot", None]],
    "changes": [["h1", None], ["#group-round_trips tr", "Hamdan air base"],
                ["#group-first_reported tr", "Manbij"], ["#group-first_reported tr", "Al Fallujah"],
                [".leaflet-container", None], [".leaflet-control-scale-line", None],
                [".brief-foot", None]],
    "aid": [["h1", None], [".figure", "convoys"], [".figure", "trucks"],
            [".figure", "people reached"], ["table.deliveries tr", "Zamalka"],
            ["table.deliveries tr", "Irbin"], ["table.longest tr", "Manbij"],
            [".brief-foot", None]],
    "sources": [["h1", None], [".quote blockquote", None], [".quote figcaption", None],
                [".brief-foot", None]],
}  # fmt: skip
# The map's place names and base-map names that show: text and box, and the map's box.
MAP_NAMES = """() => {
  const c = document.querySelector('.leaflet-container');
  const box = r => [r.left, r.top, r.right, r.bottom];
  const shown = sel => Array.from(c.querySelectorAll(sel)).filter(l => l.checkVisibility())
    .map(l => ({name: (l.querySelector('.fl-la') || l).textContent,
                box: box((l.querySelector('.fl-in') || l).getBoundingClientRect())}));
  return {map: box(c.getBoundingClientRect()), count: +c.dataset.frontlinePlaceLabels,
          places: shown('.frontline-place-label'), base: shown('.frontline-label')};
}"""
KNOWN_BAD: dict[tuple[str, str], str] = {}  # (size, section): what is wrong, if anything


@dataclass
class Opened:
    """A briefing file open in a page that refuses every request but the file itself."""

    page: object
    url: str
    outside: list[str] = field(default_factory=list)  # requests attempted beyond the file
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions

    def trouble(self) -> dict[str, list[str]]:
        refused = self.page.evaluate("window.__refused || []")
        return {"outside": self.outside, "errors": self.errors, "policy refused": refused}

    def press(self, key: str, section: str | None = None) -> None:
        """A key; with `section`, wait for it to be the one shown and its map laid out."""
        self.page.keyboard.press(key)
        if section:
            self.settle(section)

    def settle(self, section: str) -> None:
        """Wait for `section` to be shown and for the names' layout, which runs up to two
        animation frames after the map moves (templates/basemap.js, situation.js)."""
        self.page.wait_for_function("id => window.frontlineBriefing.current() === id", arg=section)
        self.page.evaluate(FRAMES)


def _open(browser, path: Path, size: tuple[int, int], fragment: str = "") -> Opened:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    opened = Opened(None, path.as_uri())

    def mine(url: str) -> bool:
        return url.split("#")[0] == opened.url or url.startswith("data:")

    def only_the_file(route):
        if mine(route.request.url):
            route.continue_()
        else:
            opened.outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_file)
    context.add_init_script(WATCH_POLICY)
    page = context.new_page()
    page.on("request", lambda r: mine(r.url) or opened.outside.append(r.url))
    page.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    opened.page = page
    page.goto(opened.url + fragment)
    page.locator(".leaflet-container[data-frontline-place-labels]").wait_for(timeout=30_000)
    page.evaluate(FRAMES)  # the last layout of the names
    return opened


def _hostile_dataset(out: Path) -> dict[str, str]:
    """A copy of data/ and seeds/ whose west Harasta is named, quoted and sourced with markup
    that runs if it is ever treated as HTML; returns the environment that points the CLI at it."""
    shutil.copytree(PROJECT_ROOT / "data", out / "data")
    shutil.copytree(PROJECT_ROOT / "seeds", out / "seeds")

    def edit(path: Path, change) -> None:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            change(row)
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)

    def place(row: dict) -> None:
        if row["place_id"] == "fl:west-harasta":
            row["name"] = row["aliases"] = HOSTILE_NAME

    def event(row: dict) -> None:
        if row["place_id"] == "fl:west-harasta":
            row["place_name"] = HOSTILE_NAME
        if row["event_id"] == "hamdan-2016-06-29-nsa-entered":  # a quote the briefing shows
            row["quote"] = HOSTILE_QUOTE

    def delivery(row: dict) -> None:
        if row["destination_place_id"] == "fl:west-harasta":
            row["place_name"] = HOSTILE_NAME

    edit(out / "data" / "gazetteer" / "curated.csv", place)
    edit(out / "data" / "control_events.csv", event)
    edit(out / "data" / "aid_deliveries.csv", delivery)
    meta_path = next((out / "seeds").glob("*.json"))
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["title"] = HOSTILE_TITLE
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    text = out / "seeds" / meta["text_path"]  # a quote must be in its source
    text.write_text(text.read_text(encoding="utf-8") + f"\n{HOSTILE_QUOTE}\n", encoding="utf-8")
    return {"FRONTLINE_DATA_DIR": str(out / "data"), "FRONTLINE_SEEDS_DIR": str(out / "seeds")}


@pytest.fixture(scope="module")
def files(tmp_path_factory, cache_home) -> dict[str, Path]:
    """The briefing files, written at once by `frontline brief`: "light" (the issue's command),
    "dark" (--theme dark) and "hostile" (from the hostile dataset), each on a new store."""
    out = tmp_path_factory.mktemp("briefing")
    base = {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINE_")}
    base["XDG_CACHE_HOME"] = str(cache_home)
    runs = {"light": ({}, []), "dark": ({}, ["--theme", "dark"]),
            "hostile": (_hostile_dataset(out / "hostile"), [])}  # fmt: skip
    procs = {}
    for name, (env, extra) in runs.items():
        store = f"sqlite:///{out / f'{name}.sqlite'}"
        command = [sys.executable, "-m", "frontline", "brief", "--as-of", AS_OF,
                   "--since", SINCE, *extra, "-o", str(out / f"{name}.html")]  # fmt: skip
        procs[name] = subprocess.Popen(
            command, cwd=out, env={**base, **env, "FRONTLINE_DATABASE_URL": store},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    for name, proc in procs.items():
        output, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"frontline brief ({name}) failed:\n{output}"
    return {name: out / f"{name}.html" for name in runs}


@pytest.fixture(scope="module")
def screens(browser, files):
    """A file ("light" unless named) open at a size of SIZES or PHONE: one page for each, kept
    for the module, so that the tests which look at it load it once."""
    opened: dict[tuple[str, str], Opened] = {}

    def screen(size: str, file: str = "light") -> Opened:
        if (file, size) not in opened:
            opened[file, size] = _open(browser, files[file], {**SIZES, **PHONE}[size])
        return opened[file, size]

    yield screen
    for o in opened.values():
        o.page.context.close()


def _shown(o: Opened) -> dict:
    """Which sections are visible, the one under the screen's centre, the address's fragment
    and the navigation's current button."""
    return o.page.evaluate("""() => ({
      visible: Array.from(document.querySelectorAll('.brief-section'))
        .filter(s => s.checkVisibility({visibilityProperty: true})).map(s => s.id),
      centre: document.elementFromPoint(innerWidth / 2, innerHeight / 2)
        .closest('.brief-section')?.id,
      hash: location.hash, current: window.frontlineBriefing.current(),
      button: document.querySelector('.brief-nav [aria-current=true]')?.dataset.go})""")


def _assert_alone(o: Opened, section: str) -> None:
    assert _shown(o) == {"visible": [section], "centre": section, "hash": f"#{section}",
                         "current": section, "button": section}  # fmt: skip


def _show(o: Opened, section: str) -> None:
    """Show `section` by its number key, as a presenter would."""
    if o.page.evaluate("window.frontlineBriefing.current()") != section:
        o.press(str(SECTIONS.index(section) + 1), section)


ARROWS = [("ArrowRight", "changes"), ("ArrowRight", "aid"), ("ArrowRight", "sources"),
          ("ArrowRight", "sources"), ("ArrowLeft", "aid"), ("ArrowLeft", "changes"),
          ("ArrowLeft", "situation"), ("ArrowLeft", "situation")]  # fmt: skip
OTHER_KEYS = [("End", "sources"), ("Home", "situation"), ("3", "aid"), ("2", "changes"),
              ("4", "sources"), ("PageUp", "aid"), (" ", "sources"), ("ArrowUp", "aid"),
              ("PageDown", "sources"), ("1", "situation"), ("ArrowDown", "changes")]  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
def test_the_arrow_keys_step_through_the_sections_one_at_a_time(screens, size):
    o = screens(size)
    _show(o, "situation")
    _assert_alone(o, "situation")
    for key, section in ARROWS:
        o.press(key, section)
        _assert_alone(o, section)
    assert o.trouble() == {"outside": [], "errors": [], "policy refused": []}


def test_the_other_keys_and_the_buttons_step_too(screens):
    o = screens("1366x768")
    _show(o, "situation")
    for key, section in OTHER_KEYS:
        o.press(key, section)
        _assert_alone(o, section)
    page = o.page
    for button, section in [("[data-go=aid]", "aid"), ("[data-step='-1']", "changes"),
                            ("[data-step='1']", "aid"), ("[data-go=sources]", "sources"),
                            ("[data-go=situation]", "situation")]:  # fmt: skip
        page.click(f".brief-nav {button}")
        o.settle(section)
        _assert_alone(o, section)
    assert o.trouble() == {"outside": [], "errors": [], "policy refused": []}


def test_a_reload_reopens_on_the_section_in_the_address(screens):
    o = screens("1366x768")
    _show(o, "aid")
    o.page.reload()
    o.page.locator(".leaflet-container[data-frontline-place-labels]").wait_for(state="attached")
    o.settle("aid")
    _assert_alone(o, "aid")
    assert o.trouble() == {"outside": [], "errors": [], "policy refused": []}


def _known_bad(size: str, section: str):
    reason = KNOWN_BAD.get((size, section))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(size, section, marks=marks)


@pytest.mark.parametrize(
    ("size", "section"), [_known_bad(size, section) for size in SIZES for section in SECTIONS]
)
def test_each_section_shows_its_content_whole_on_the_screen(screens, size, section):
    o = screens(size)
    _show(o, section)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    o.page.screenshot(path=ARTIFACTS / f"briefing_{size}_{section}.png")
    assert o.page.evaluate(UNSEEN, [section, KEY_CONTENT[section]]) == []
    assert o.trouble() == {"outside": [], "errors": [], "policy refused": []}


def test_the_aid_section_gives_the_convoy_figures(screens):
    o = screens("1920x1080")
    _show(o, "aid")
    figures = o.page.evaluate("""() => Object.fromEntries(Array.from(
        document.querySelectorAll('#aid .figure'),
        f => [f.querySelector('span').textContent, f.querySelector('b').textContent]))""")
    assert figures["trucks"] == "37" and figures["people reached"] == "20,000"
    rows = o.page.locator("#aid table.deliveries tr").all_inner_texts()
    assert any("Zamalka" in r and "37" in r and "20,000" in r for r in rows), rows


@pytest.mark.parametrize("size", SIZES)
def test_the_map_draws_the_places_and_their_names(screens, size):
    o = screens(size)
    _show(o, "situation")
    names = o.page.evaluate(MAP_NAMES)
    left, top, right, bottom = names["map"]
    assert right - left > 500 and bottom - top > 300, names["map"]
    assert names["count"] == len(names["places"]) > 0
    assert {"Manbij", "Al Fallujah"} <= {p["name"] for p in names["places"]}
    base = {b["name"] for b in names["base"]}  # a place's name may push a country's aside
    assert {"Syria", "Damascus"} <= base and {"Iraq", "Baghdad"} & base
    for shown in names["places"] + names["base"]:
        x0, y0, x1, y1 = shown["box"]
        assert left <= x0 < x1 <= right and top <= y0 < y1 <= bottom, shown
    assert o.trouble() == {"outside": [], "errors": [], "policy refused": []}


def test_what_changed_takes_the_map_into_its_slot_fitted_to_the_changes(screens):
    o = screens("1920x1080")
    _show(o, "changes")
    fitted = o.page.evaluate(f"""() => {{ const m = {MAP}, slot = document.querySelector(
        '#changes .map-slot'), c = m.getContainer(), s = slot.getBoundingClientRect();
      const r = c.getBoundingClientRect(), size = m.getSize();
      return {{inSlot: c.parentNode === slot, box: [r.width, r.height],
               slot: [s.width, s.height], size: [size.x, size.y],
               holds: m.getBounds().contains(JSON.parse(slot.dataset.bounds)),
               labels: +c.dataset.frontlinePlaceLabels}}; }}""")
    assert fitted["inSlot"] and fitted["holds"], fitted
    assert fitted["box"][0] > 300 and fitted["box"][1] > 300, fitted
    (width, height), (slot_width, slot_height) = fitted["box"], fitted["slot"]
    assert abs(width - slot_width) <= 2 and abs(height - slot_height) <= 2, fitted
    assert fitted["size"] == [round(v) for v in fitted["box"]], fitted  # Leaflet knows its new size
    assert fitted["labels"] > 0
    _show(o, "situation")
    assert o.page.evaluate(f"{MAP}.getContainer().parentNode.id") == "home-slot"


def _pages(pdf: bytes) -> int:
    """Pages of a PDF: its page objects (not the /Pages tree nodes), checked against the tree's
    count."""
    objects = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    assert counts and max(counts) == objects, (objects, counts)
    return objects


@pytest.mark.parametrize("paper", PAPER)
def test_printing_gives_one_whole_page_per_section(browser, files, paper):
    o = _open(browser, files["light"], PAPER[paper], "#changes")  # the map out of its home
    pdf = o.page.pdf(format=paper, landscape=True, print_background=True)
    assert _pages(pdf) == len(SECTIONS)
    o.page.emulate_media(media="print")  # the same layout, to look at
    o.page.evaluate(FRAMES)  # the map refits to the print layout
    laid = o.page.evaluate("""() => Array.from(document.querySelectorAll('.brief-section'), s => ({
      id: s.id, shown: s.checkVisibility({visibilityProperty: true}),
      after: getComputedStyle(s).breakAfter, clipped: s.scrollHeight - s.clientHeight,
      height: s.getBoundingClientRect().height}))""")
    assert [s["id"] for s in laid if s["shown"]] == list(SECTIONS)
    assert [s["after"] for s in laid] == ["page", "page", "page", "auto"]
    assert [s["id"] for s in laid if s["clipped"] > 1] == []  # nothing cut at a page's foot
    assert all(0 < s["height"] <= PAPER[paper][1] for s in laid), laid
    assert o.page.locator(".brief-nav").is_hidden()
    names = o.page.evaluate(MAP_NAMES)
    left, top, right, bottom = names["map"]
    assert right - left > 300 and bottom - top > 300, names["map"]
    assert o.page.evaluate(f"{MAP}.getContainer().parentNode.id") == "home-slot"
    assert {"Manbij", "Al Fallujah"} <= {p["name"] for p in names["places"]}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    o.page.screenshot(path=ARTIFACTS / f"briefing_print_{paper}.png", full_page=True)
    assert o.trouble() == {"outside": [], "errors": [], "policy refused": []}
    o.page.context.close()


# Luminance (0 dark – 1 light) of the countries' fill and of the shown names' colour.
LOOKS = f"""() => {{
  const lum = c => {{ const [r, g, b] = c.match(/[\\d.]+/g).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; }};
  const probe = document.createElement('i'); document.body.append(probe);
  const css = v => {{ probe.style.color = v; return getComputedStyle(probe).color; }};
  const land = []; {MAP}.eachLayer(l => {{ if (l.feature && l.options.fillOpacity === 1 && l._path)
    land.push(lum(css(l._path.getAttribute('fill')))); }});
  const names = sel => Array.from(document.querySelectorAll(sel)).filter(e => e.checkVisibility())
    .map(e => lum(getComputedStyle(e.querySelector('.fl-la') || e).color));
  const out = {{dark: document.documentElement.classList.contains('theme-dark'), land,
    places: names('.frontline-place-label:not(.fl-pending)'), base: names('.frontline-label'),
    page: lum(getComputedStyle(document.body).backgroundColor),
    sea: lum(getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor)}};
  probe.remove(); return out;
}}"""


def test_the_dark_theme_darkens_the_land_keeps_names_light_and_toggles(screens):
    o = screens("1366x768", "dark")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    o.page.screenshot(path=ARTIFACTS / "briefing_dark_1366x768_situation.png")
    dark = o.page.evaluate(LOOKS)
    assert dark["dark"] and dark["page"] < 0.2 and dark["sea"] < 0.3
    assert dark["land"] and max(dark["land"]) < 0.3, dark["land"]
    assert dark["places"] and min(dark["places"]) > 0.8, dark["places"]
    assert dark["base"] and min(dark["base"]) > 0.8, dark["base"]
    o.page.click(".brief-nav .theme")
    light = o.page.evaluate(LOOKS)
    assert not light["dark"] and light["page"] > 0.9 and min(light["land"]) > 0.8
    assert max(light["places"]) < 0.3, light["places"]
    o.page.click(".brief-nav .theme")
    again = o.page.evaluate(LOOKS)
    assert again["dark"] and max(again["land"]) < 0.3
    assert _shown(o)["current"] == "situation"  # the button does not step
    assert o.trouble() == {"outside": [], "errors": [], "policy refused": []}


def test_in_the_dark_theme_every_actor_swatch_stands_out_from_the_page(screens):
    o = screens("1366x768", "dark")
    faint = o.page.evaluate("""() => {
      const lum = c => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(n => { n /= 255;
        return n <= 0.03928 ? n / 12.92 : ((n + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05); };
      const page = getComputedStyle(document.body).backgroundColor;
      return Array.from(document.querySelectorAll('table.holders tbody tr')).map(row => {
        const s = getComputedStyle(row.querySelector('.swatch'));
        return [row.cells[0].textContent.trim(),
                Math.max(ratio(s.backgroundColor, page), ratio(s.borderTopColor, page))]; })
        .filter(([, r]) => r < 3); }""")
    assert faint == []  # WCAG's 3:1 for a graphical object


def test_hostile_text_in_a_quote_a_name_and_a_title_stays_text(browser, files):
    o = _open(browser, files["hostile"], SIZES["1920x1080"])
    page = o.page
    seen = {}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for section in SECTIONS:
        _show(o, section)
        seen[section] = page.locator(f"#{section}").inner_text()
    page.screenshot(path=ARTIFACTS / "briefing_hostile_sources.png")
    assert HOSTILE_NAME in seen["changes"] and HOSTILE_NAME in seen["aid"]
    assert HOSTILE_QUOTE in seen["sources"] and HOSTILE_TITLE in seen["sources"]
    assert page.get_by_text(HOSTILE_QUOTE).first.is_visible()
    injected = page.evaluate("""() => [window.pwned,
      document.querySelectorAll('img[src*="127.0.0.1"]').length,
      Array.from(document.scripts).filter(s => s.text === 'window.pwned=2').length]""")
    assert injected == [None, 0, 0]
    _show(o, "situation")  # close in on west Harasta, so that the map names it
    page.evaluate(f"() => {{ {MAP}.setView([33.5587, 36.3652], 12, {{animate: false}}); }}")
    o.settle("situation")
    assert HOSTILE_NAME in {p["name"] for p in page.evaluate(MAP_NAMES)["places"]}
    page.screenshot(path=ARTIFACTS / "briefing_hostile_map.png")
    assert o.trouble() == {"outside": [], "errors": [], "policy refused": []}
    o.page.context.close()


def test_without_its_policy_the_file_still_asks_for_nothing_outside_itself(browser, files):
    bare = files["light"].with_name("no_policy.html")
    html, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",
                      files["light"].read_text(encoding="utf-8"))  # fmt: skip
    assert n == 1
    bare.write_text(html, encoding="utf-8")
    o = _open(browser, bare, SIZES["1366x768"])
    for section in SECTIONS[1:]:
        o.press("ArrowRight", section)
    o.page.emulate_media(media="print")
    o.page.evaluate(FRAMES)
    assert o.trouble() == {"outside": [], "errors": [], "policy refused": []}
    o.page.context.close()


def test_on_a_phone_every_section_follows_the_other(screens):
    o = screens("390x844")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    o.page.screenshot(path=ARTIFACTS / "briefing_390_full.png", full_page=True)
    assert _shown(o)["visible"] == list(SECTIONS)
    names = o.page.evaluate(MAP_NAMES)
    assert names["count"] > 0 and "Manbij" in {p["name"] for p in names["places"]}
    assert o.trouble() == {"outside": [], "errors": [], "policy refused": []}


def test_on_a_phone_nothing_is_wider_than_the_screen(screens):
    """The page never scrolls sideways; a wide table scrolls inside its own box."""
    o = screens("390x844")
    wide = o.page.evaluate("""() => Array.from(document.querySelectorAll('main *'))
      .filter(e => !e.closest('.leaflet-container'))
      .filter(e => !(e.parentElement && e.parentElement.closest('.group')))
      .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
      .map(e => e.tagName + '.' + e.className)""")
    width = o.page.evaluate("document.documentElement.scrollWidth")
    assert (width, wide) == (390, [])
