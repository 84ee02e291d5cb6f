"""The maps' HTML fragments come from autoescaped Jinja2 templates: text from a source is
escaped exactly once (a hostile name stays text, "A & B" shows as "A & B"), and the templates
ship with the package."""

import tomllib
from fnmatch import fnmatch

import pandas as pd
import pytest

from frontline import maps, report
from frontline.config import PROJECT_ROOT
from frontline.dataset import Dataset
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
