"""Context events in the app (issue 13, point 1): the Map's "Other events" layer, off unless
asked for (the sidebar's Layers, or `layers=…,context` in a link), drawn in the map's swapped
layer; the Place page's list of a place's context events up to the day shown, saying they
change no holder."""

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_pages import html_text  # tests/app/test_pages.py

from frontline import model, store
from frontline.config import PROJECT_ROOT
from frontline.seeding import open_store
from frontline.ui import keys

MAP = PROJECT_ROOT / "pages" / "1_Map.py"
PLACE = PROJECT_ROOT / "pages" / "3_Place.py"
MANBIJ, FALLUJAH, ZAMALKA = "gn:167357", "gn:99454", "fl:zamalka"
HOSTILE = '<img src=x onerror="window.__pwned=1"> [link](http://evil.example/) **bold**'
SOURCE = "ap-2016-06-29-boukamal"  # the seed's one source: "Associated Press, 2016-06-29"


def _event(i: int, place: str, date: str, **more: object) -> dict:
    return {"event_id": f"ctx-{i}", "date": date, "date_precision": "day", "place_id": place,
            "event_type": "Battles", "sub_event_type": "Armed clash", "actor_id": "is",
            "opponent_id": "sdf", "fatalities": 2, "source_ids": [SOURCE],
            "quote": f"Clashes near the town ({i}).", **more}  # fmt: skip


@pytest.fixture
def with_context(settings):
    """The seed's store with context events: 3 at Manbij in the window to 2016-06-29 (one
    hostile), 1 at Fallujah, 1 at Manbij after that day, 1 at Manbij long before (outside the
    map's 30 days, but on the Place page)."""
    engine = open_store(settings)
    rows = [_event(1, MANBIJ, "2016-06-28", fatalities=None),
            _event(2, MANBIJ, "2016-06-20", event_type=HOSTILE, sub_event_type=None,
                   quote=HOSTILE, notes=HOSTILE, actor_id=None),
            _event(3, MANBIJ, "2016-06-10", event_type="Explosions/Remote violence",
                   sub_event_type="Air/drone strike", fatalities=1, actor_id="russia"),
            _event(4, FALLUJAH, "2016-06-29", event_type="Protests", fatalities=0),
            _event(5, MANBIJ, "2016-07-02"),
            _event(6, MANBIJ, "2016-03-01")]  # fmt: skip
    frame = model.typed(model.CONTEXT_EVENTS, pd.DataFrame(rows))
    store.load(engine, {"context_events": frame}, actor="tester")
    return engine


def run(page, **params: str) -> AppTest:
    app = AppTest.from_file(str(page), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _layer(app: AppTest) -> dict | None:
    """The context layer's data in the map's swapped layer, as the browser gets it (None when
    the layer is not drawn)."""
    (component,) = app.get("component_instance")
    group = json.loads(component.proto.json_args)["feature_group"]
    if "The context layer (frontline/maps/context.py)" not in group:
        return None
    script = group[group.index("The context layer (frontline/maps/context.py)") :]
    return json.loads(re.search(r"var d = (\{.*?\});\n", script).group(1))


def _context_captions(app: AppTest) -> list[str]:
    return [c.value for c in app.caption if c.value.startswith("Other events (context)")]


def test_the_layer_is_off_by_default_and_its_switch_draws_it_and_keeps_it_in_the_url(
    with_context,
):
    app = run(MAP, date="2016-06-29")
    layers = app.sidebar.multiselect(key=keys.LAYERS)
    assert "context" not in layers.value
    assert _layer(app) is None and not _context_captions(app)
    assert "context" not in app.query_params[keys.PARAM_LAYERS]
    layers.set_value([*layers.value, "context"]).run()
    assert "context" in app.query_params[keys.PARAM_LAYERS].split(",")
    assert _context_captions(app) == [
        "Other events (context): 4 events at 2 places in the 30 days to 2016-06-29, none of "
        "which changed who holds a place; a violet disc grows with the number at a place."
    ]
    data = _layer(app)
    f = data["fields"]
    by_name = {r[f["name"]]: r for r in data["places"]}
    assert by_name["Manbij"][f["events"]] == 3 and by_name["Manbij"][f["fatalities"]] == 3
    assert by_name["Manbij"][f["unstated"]] == 1
    assert "&lt;img src=x" in by_name["Manbij"][f["types"]]  # escaped for the tooltip
    assert by_name["Al Fallujah"][f["types"]] == "Protests 1"
    layers = app.sidebar.multiselect(key=keys.LAYERS)
    layers.set_value([x for x in layers.value if x != "context"]).run()
    assert "context" not in app.query_params[keys.PARAM_LAYERS] and _layer(app) is None


def test_a_link_with_context_on_opens_with_the_layer_and_the_day_moves_its_window(with_context):
    app = run(MAP, date="2016-07-05", layers="aid,context")
    assert "context" in app.sidebar.multiselect(key=keys.LAYERS).value
    data = _layer(app)
    assert data["day"] == "2016-07-05"
    assert sorted(r[data["fields"]["events"]] for r in data["places"]) == [1, 4]  # 06-10 … 07-02
    assert app.query_params[keys.PARAM_LAYERS] == "aid,context"  # kept by the frame's rewrite


def test_with_no_context_events_the_layer_says_so(settings):
    open_store(settings)
    app = run(MAP, date="2016-06-29", layers="context")
    assert _layer(app) is None
    assert _context_captions(app)[0].startswith("Other events (context): none is recorded")


def test_the_place_page_lists_the_places_context_events_up_to_the_day(with_context):
    app = run(PLACE, date="2016-06-29", place=MANBIJ)
    assert "Other events (context)" in [s.value for s in app.subheader]
    text = html_text(app)
    # newest first: the 06-28 battle, the hostile one, the strike, then March's
    order = [text.index(s) for s in ("2016-06-28 · Battles / Armed clash · Islamic State",
                                     "2016-06-20 · <img src=x",
                                     "2016-06-10 · Explosions/Remote violence / Air/drone strike "
                                     "· Russia · 1 fatality",
                                     "2016-03-01")]  # fmt: skip
    assert order == sorted(order)
    assert "fatalities not stated" in text and "2016-07-02" not in text  # after the day shown
    assert HOSTILE in text  # the quote and notes read literally
    assert "Against: Syrian Democratic Forces" in text and "Associated Press, 2016-06-29" in text
    line = next(c.value for c in app.caption if "did not change who holds" in c.value)
    assert line.startswith("4 events by then that did not change who holds the place")
    assert "1 more comes after 2016-06-29" in line
    cards = [e.proto.body for e in app.get("html") if "Clashes near the town" in e.proto.body]
    assert cards and all("<img" not in body for body in cards)  # escaped once, in the HTML


def test_a_place_without_context_events_says_so_in_one_line(with_context):
    app = run(PLACE, date="2016-06-29", place=ZAMALKA)
    assert "Other events (context)" in [s.value for s in app.subheader]
    assert any(c.value == "None recorded here by the end of 2016-06-29." for c in app.caption)


def test_with_no_context_events_the_place_page_shows_no_section(settings):
    open_store(settings)
    app = run(PLACE, date="2016-06-29", place=MANBIJ)
    assert "Other events (context)" not in [s.value for s in app.subheader]
