"""Text on a map is never read as a template (frontline/maps/rendering.py).

branca renders an element's macros, then compiles the result as a Jinja template and renders it
again: a place named `{{ 7*7 }}` showed as "49", one reaching for Python's globals ran code on
the server, and a stray `{% endfor %}` in a quote broke every map with a traceback. Each map
and the briefing must keep such text as it came."""

import pandas as pd
import pytest
from branca.element import MacroElement

from frontline import briefing, maps, report
from frontline.dataset import Dataset
from frontline.maps import rendering

EVALUATED = "{{ 7*7 }} {{ cycler.__init__.__globals__.os.getcwd() }}"
BROKEN = "{% endfor %} {# no end"  # a syntax error as a template


@pytest.fixture(scope="module")
def templated(seed_tables: dict) -> Dataset:
    """The seed with Jinja in Hamdan's name, IS's name, the quotes and an organisation."""
    tables = {k: v.copy() for k, v in seed_tables.items()}
    places, actors = tables["places"], tables["actors"]
    places.loc[places["place_id"] == "fl:hamdan-air-base", "name"] = EVALUATED
    actors.loc[actors["actor_id"] == "is", "name"] = BROKEN
    tables["control_events"]["quote"] = BROKEN
    return Dataset.from_tables(tables)


def test_the_install_is_in_force():
    assert MacroElement.render is rendering._render


def test_template_text_stays_text_on_the_situation_map(templated, shapes):
    day = "2016-06-29"
    places = report.map_places(templated, report.snapshot(templated, day), day)
    html = maps.situation_map(places, templated, report.deliveries(templated), shapes,
                              day=day).get_root().render()  # fmt: skip
    assert EVALUATED in html and BROKEN in html
    assert "/work" not in html.replace(EVALUATED, "")  # no path from os.getcwd()


def test_template_text_stays_text_on_the_aid_and_candidates_maps(seed, shapes):
    rows = report.deliveries(seed).assign(
        destination=EVALUATED, organisations=[[BROKEN]] * len(report.deliveries(seed))
    )
    html = maps.aid_map(rows, shapes).get_root().render()
    assert EVALUATED in html and BROKEN in html
    found = pd.DataFrame([{"name": EVALUATED, "kind": "town", "country": BROKEN, "score": 1,
                           "lat": 35.0, "lon": 38.0}])  # fmt: skip
    html = maps.candidates_map(found, shapes).get_root().render()
    assert EVALUATED in html and BROKEN in html


def test_a_tooltip_cannot_end_its_javascript_template_literal(shapes):
    """folium's tooltips are HTML inside a JavaScript `…` literal: a backtick would end it (no
    map drawn) and ${…} would run."""
    found = pd.DataFrame([{"name": "al Khashi`ah ${alert(1)} \\", "kind": "village",
                           "country": "SY", "score": 1, "lat": 35.0, "lon": 38.0}])  # fmt: skip
    html = maps.candidates_map(found, shapes).get_root().render()
    assert "al Khashi&#96;ah &#36;{alert(1)} &#92;" in html and "${alert" not in html


def test_template_text_stays_text_in_the_briefing(templated, shapes):
    b = briefing.build(templated, pd.Timestamp("2016-06-30").date(),
                       pd.Timestamp("2016-06-01").date())  # fmt: skip
    html = briefing.document(templated, b, shapes)
    assert EVALUATED in html and BROKEN in html
