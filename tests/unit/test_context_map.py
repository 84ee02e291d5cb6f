"""The Map's context layer (issue 13, points 1 and 6): one disc per place with the window's
events, escaped where the browser makes HTML of it, countries left out, in a colour no actor or
mark comes near, drawn in the situation layer's group with its own legend line."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest
from test_context import events  # tests/unit/test_context.py
from test_map_templates import CVD, _apart  # tests/unit/test_map_templates.py

from frontline import context, maps, report
from frontline.maps import context as context_map
from frontline.ui import urlstate

HOSTILE = '<img src=x onerror="window.__pwned=1">'
MANBIJ, FALLUJAH, SYRIA = "gn:167357", "gn:99454", "fl:syria"


def _summary(*rows: dict) -> pd.DataFrame:
    return context.per_place(events(*rows))


def _places(seed, **renamed: str) -> pd.DataFrame:
    places = seed.places_by_id.copy()
    for place_id, name in renamed.items():
        places.loc[place_id.replace("_", ":"), "name"] = name
    return places


def test_the_layers_rows_are_escaped_fewest_events_first_and_read_by_name(seed):
    summary = _summary(*[{"place_id": MANBIJ, "date": "2016-06-20", "event_type": HOSTILE}] * 3,
                       {"place_id": FALLUJAH, "date": "2016-06-28", "fatalities": 5})  # fmt: skip
    data = context_map.context_data(summary, _places(seed, gn_167357=HOSTILE), "2016-06-29")
    f, rows = data["fields"], data["places"]
    assert list(f) == list(context_map.FIELDS)
    assert [r[f["events"]] for r in rows] == [1, 3]  # a small disc stacks above a big one
    manbij = rows[1]
    assert manbij[f["name"]] == "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;"
    assert manbij[f["types"]] == "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; 3"
    assert rows[0][f["fatalities"]] == 5 and rows[0][f["newest"]] == "2016-06-28"
    assert (data["day"], data["days"], data["left_out"]) == ("2016-06-29", 30, 0)
    assert "last 30 days" in data["legend"] and "did not change control" in data["legend"]


def test_a_country_or_a_place_without_a_point_is_left_out_and_counted(seed):
    places = _places(seed)
    places.loc[FALLUJAH, ["lat", "lon"]] = float("nan")
    summary = _summary({"place_id": SYRIA, "date": "2016-06-20"},
                       {"place_id": FALLUJAH, "date": "2016-06-20"},
                       {"place_id": FALLUJAH, "date": "2016-06-21"},
                       {"place_id": MANBIJ, "date": "2016-06-21"})  # fmt: skip
    data = context_map.context_data(summary, places, "2016-06-29")
    assert len(data["places"]) == 1 and data["left_out"] == 3
    line = context_map.summary_line(data)
    assert line.startswith(
        "Other events (context): 1 event at 1 place in the 30 days to 2016-06-29"
    )
    assert "3 more at places with no point on the map are not drawn" in line
    nothing = _summary({"place_id": MANBIJ, "date": "2016-06-21"}).iloc[0:0]  # a quiet month
    quiet = context_map.context_data(nothing, places, "2016-06-29")
    assert context_map.summary_line(quiet) == (
        "Other events (context): none recorded in the 30 days to 2016-06-29 (events that did "
        "not change who holds a place).")  # not "0 events at 0 places"


def test_discs_fade_as_they_grow_many_so_that_overlaps_make_the_density():
    most, least, up_to = context_map.ALPHA
    assert context_map.centre_alpha(1) == context_map.centre_alpha(up_to) == most
    assert most > context_map.centre_alpha(2 * up_to) > context_map.centre_alpha(20_000) == least


def _payload(html: str) -> dict:
    """The context layer's data as the browser reads it, from a rendered map."""
    script = html[html.index("The context layer (frontline/maps/context.py)") :]
    return json.loads(re.search(r"var d = (\{.*?\});\n", script).group(1))


def test_the_rendered_map_draws_the_layer_with_names_inert(seed, shapes):
    summary = _summary({"place_id": MANBIJ, "date": "2016-06-20", "notes": HOSTILE})
    data = context_map.context_data(summary, _places(seed, gn_167357=HOSTILE), "2016-06-29")
    places = report.map_places(seed, report.snapshot(seed, "2016-06-29"), "2016-06-29")
    html = maps.situation_map(places, seed, report.deliveries(seed), shapes,
                              day="2016-06-29", context=data).get_root().render()  # fmt: skip
    assert HOSTILE not in html and "<img src=x" not in html
    assert _payload(html)["places"][0][data["fields"]["name"]].startswith("&lt;img")
    assert html.count("frontline-legend-context") == 1  # the layer's own legend line
    plain = maps.situation_map(places, seed, report.deliveries(seed), shapes,
                               day="2016-06-29").get_root().render()  # fmt: skip
    assert "frontline-legend-context" not in plain  # off: nothing of it on the map


def test_the_layer_is_drawn_after_the_places_in_their_group():
    group = maps.situation_layer({"places": []}, None, {"places": []})
    kinds = [type(c).__name__ for c in group._children.values()]
    assert kinds == ["SituationLayer", "ContextLayer"]  # it finds their canvas, then goes under
    assert [type(c).__name__ for c in maps.situation_layer({}, None)._children.values()] == [
        "SituationLayer"
    ]


@pytest.mark.parametrize("vision", list(CVD))
def test_the_violet_stays_apart_from_every_actor_and_mark(seed_tables, vision):
    colours = [*seed_tables["actors"]["color"], maps.MARK_COLOR, maps.UNKNOWN_COLOR]
    assert min(_apart(context_map.COLOR, c, CVD[vision]) for c in colours) >= 20


@pytest.mark.parametrize(("params", "shown"), [({"layers": "context"}, True), ({}, False),
                                               ({"layers": "aid"}, False),
                                               ({"layers": "<b>"}, False)])  # fmt: skip
def test_a_link_shows_the_layer_only_when_its_layers_name_it(params, shown):
    assert ("context" in urlstate.decode(params, urlstate.ViewState(dt.date(2016, 6, 29)))
            .layers) is shown  # fmt: skip
