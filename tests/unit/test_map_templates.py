"""The maps' HTML fragments come from autoescaped Jinja2 templates: text from a source is
escaped exactly once (a hostile name stays text, "A & B" shows as "A & B"), and the templates
ship with the package."""

import re
import tomllib
from fnmatch import fnmatch
from itertools import combinations

import folium
import numpy as np
import pandas as pd
import pytest

from frontline import maps, report
from frontline.config import PROJECT_ROOT
from frontline.dataset import Dataset
from frontline.maps import legend as map_legend
from frontline.maps import templating

HOSTILE = "<img src=x onerror=alert(1)>"


def test_every_template_is_autoescaped_and_strict():
    env = templating.environment()
    assert env.autoescape is True
    names = env.list_templates(filter_func=lambda n: n.endswith(".j2"))
    assert {"legend.html.j2", "aid_popup.html.j2", "aid_icon.html.j2"} <= set(names)
    with pytest.raises(Exception, match="undefined"):
        env.from_string("{{ missing }}").render()


def test_the_templates_ship_with_the_package():
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["frontline"]
    folder = PROJECT_ROOT / "frontline" / "templates"
    files = [p.relative_to(folder.parent).as_posix() for p in folder.iterdir()]
    assert files and all(any(fnmatch(f, pattern) for pattern in patterns) for f in files)


def test_a_hostile_or_ampersand_name_is_escaped_once_in_the_legend(seed_tables):
    actors = seed_tables["actors"].copy()
    actors.loc[0, "name"], actors.loc[1, "name"] = HOSTILE, "A & B"
    legend = maps.legend_html(actors)
    assert "&lt;img src=x onerror=alert(1)&gt;" in legend and "<img" not in legend
    assert "A &amp; B" in legend and "&amp;amp;" not in legend


def _legend_parts(legend: str) -> tuple[str, list[str], str, list[str]]:
    """The legend's summary, its actors' rows, its marks' summary and its marks' rows (text)."""

    def rows(part: str) -> list[str]:  # each entry's text, without its swatch (and glyph)
        entries = re.findall(r"<div[^>]*>(.*?)</div>", part)
        return [re.sub(r"<span[^>]*>[^<]*</span>", "", e).strip() for e in entries]

    summary = re.search(r"<summary[^>]*>(.*?)</summary>", legend).group(1)
    actors = legend.split('<div class="frontline-legend-actors">')[1].split("<details")[0]
    marks = legend.split('<details class="frontline-legend-marks"')[1].split("</details>")[0]
    marks_summary = re.search(r"<summary[^>]*>(.*?)</summary>", marks).group(1)
    return re.sub(r"<[^>]+>", "", summary), rows(actors), marks_summary, rows(marks)


@pytest.mark.parametrize(("routes", "changed"), [(True, False), (True, True), (False, True)])
def test_the_legend_lists_every_actor_and_counts_what_a_fold_hides(seed_tables, routes, changed):
    actors = seed_tables["actors"]
    legend = maps.legend_html(actors, changed=changed, routes=routes)
    summary, rows, marks_summary, marks = _legend_parts(legend)
    assert rows == ["Held by", *actors["name"], "holder not stated"]
    assert ("aid route, where the origin is known" in marks) == routes
    assert ("changed since the comparison day" in marks) == changed
    assert marks_summary == f"Marks ({len(marks)})"
    assert summary == f"Legend ({len(actors)} actors, {len(marks)} marks)"


def test_the_briefing_legend_counts_its_marks_and_no_actors():
    """The briefing lists its actors in the holders table beside the legend: no "0 actors"."""
    legend = maps.legend_html(pd.DataFrame({"name": [], "color": []}), changed=True, routes=False)
    summary, rows, marks_summary, marks = _legend_parts(legend)
    assert rows == ["Held by", "holder not stated"] and summary == f"Legend ({len(marks)} marks)"
    assert marks_summary == f"Marks ({len(marks)})"


def test_the_legend_is_open_in_its_html_and_the_map_folds_it_to_fit(seed_tables):
    """Open as written (the briefing shows it so); on the map the control decides from the
    map's size and the legend's: folded on a phone, its marks folded past MAX_SHARE."""
    actors = seed_tables["actors"]
    legend = maps.legend_html(actors)
    assert legend.count(" open>") == 2
    many = pd.concat([actors] * 2, ignore_index=True)
    assert len(many) > maps.LEGEND_OPEN_UP_TO
    assert maps.legend_html(many).count(" open>") == 1  # a long list starts folded, marks open
    m = folium.Map()
    maps.Legend(legend).add_to(m)
    script = m.get_root().render()
    assert f"size.x < {map_legend.FOLD_BELOW_PX}" in script
    assert f"* {map_legend.MAX_SHARE})" in script
    assert 0 < map_legend.MAX_SHARE <= 0.12  # the aim: a small share of the map


def _hostile_deliveries(seed: Dataset) -> pd.DataFrame:
    rows = report.deliveries(seed)
    return rows.assign(
        destination="A & B", origin="<script>alert(1)</script>",
        organisations=[["Médecins & Co", HOSTILE]] * len(rows),
        items=[["food & water"]] * len(rows),
    )  # fmt: skip


def test_a_hostile_or_ampersand_name_is_escaped_once_in_aid_popups(seed):
    popups = maps.aid_popups(_hostile_deliveries(seed))
    for popup in popups.values():
        assert popup.startswith("<b style='font-size:14px'>Aid to A &amp; B</b><br>")
        assert "from &lt;script&gt;alert(1)&lt;/script&gt;" in popup
        assert "Médecins &amp; Co, &lt;img src=x onerror=alert(1)&gt;" in popup
        assert "food &amp; water" in popup
        assert "<script" not in popup and "<img" not in popup and "&amp;amp;" not in popup
        assert "&amp;lt;" not in popup  # escaped once, not twice


def test_a_hostile_name_stays_text_on_the_rendered_aid_map(seed, shapes):
    rows = _hostile_deliveries(seed).assign(origin_lat=33.51, origin_lon=36.29)
    html = maps.aid_map(rows, shapes).get_root().render()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&amp;amp;" not in html and "\\u0026amp;amp;" not in html
    assert html.count("frontline-aid") == 1  # the badge, from its template, once


def test_the_aid_icon_is_the_badge():
    icon = maps.aid_icon()
    assert icon.startswith('<div class="frontline-aid" title="aid delivered"') and "✚" in icon


# Colour-vision deficiency simulation (Machado, Oliveira & Fernandes 2009, severity 1.0), applied
# to linear RGB; distances are CIE76 ΔE in CIELAB (D65). colorspacious is not in the lock.
CVD = {
    "normal": np.eye(3),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),  # fmt: skip
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),  # fmt: skip
}
ACTORS_APART = 15.0  # ΔE between any two actors' fills, as seen with each vision
# ΔE between a state mark's colour and any actor's: less, as marks differ in shape too (the grey of
# "not stated" is a hollow ring; the magenta a star); rebel green and that grey are 11.9 apart for
# deuteranopes
MARKS_APART = 10.0


def _lab(hex_colour: str, vision: np.ndarray) -> np.ndarray:
    c = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    rgb = np.clip(vision @ np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4), 0, 1)
    srgb_to_xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                            [0.0193, 0.1192, 0.9505]])  # fmt: skip
    xyz = srgb_to_xyz @ rgb / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _apart(a: str, b: str, vision: np.ndarray) -> float:
    return float(np.linalg.norm(_lab(a, vision) - _lab(b, vision)))


def test_the_simulation_tells_red_from_green_only_with_normal_vision():
    red, green = "#cc3333", "#669900"  # a pair deuteranopes confuse
    assert _apart(red, green, CVD["normal"]) > 40 > 15 > _apart(red, green, CVD["deuteranopia"])


def test_actor_colours_stay_apart_with_colour_blind_vision(seed_tables):
    colours = dict(zip(seed_tables["actors"]["name"], seed_tables["actors"]["color"], strict=True))
    for vision_name, vision in CVD.items():
        for (a, ca), (b, cb) in combinations(colours.items(), 2):
            assert _apart(ca, cb, vision) >= ACTORS_APART, (vision_name, a, b)
        for mark in (maps.MARK_COLOR, maps.UNKNOWN_COLOR):
            for name, colour in colours.items():
                assert _apart(mark, colour, vision) >= MARKS_APART, (vision_name, mark, name)


def test_no_state_mark_borrows_an_actor_colour(seed_tables):
    colours = {c.lower() for c in seed_tables["actors"]["color"]}
    script = maps.SITUATION_JS.lower()
    assert maps.MARK_COLOR not in colours and maps.UNKNOWN_COLOR not in colours
    assert "#007a3d" not in script  # aid is a white "+", not the green of any side
    assert '"#000"' not in script  # a change is a magenta star, not IS's black ring
