"""Map builders rendered to HTML, no browser: offline assets, markers, escaping, legend."""

import json
import re

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from frontline import maps, report
from frontline.dataset import Dataset
from frontline.dates import format_partial
from frontline.vocabulary import State


def render(ds: Dataset, shapes, as_of="2016-06-29", aid=True, **options) -> str:
    places = report.map_places(ds, report.snapshot(ds, as_of), as_of, aid=aid)
    m = maps.situation_map(places, ds, report.deliveries(ds), shapes, **options)
    return m.get_root().render()


def layer_data(ds: Dataset, as_of="2016-06-29", **filters) -> dict:
    places = report.map_places(ds, report.snapshot(ds, as_of), as_of, **filters)
    return maps.situation_data(places, ds.actors, report.deliveries(ds))


def test_local_assets_reference_no_internet_address(seed, shapes):
    html = render(seed, shapes)
    links = r'(\\u003ca href=\\"|<a href=")https?://'  # credits link out; nothing loads from there
    assert re.findall(r"https?://", re.sub(links, "", html)) == []
    assert "/app/static/vendor/leaflet-1.9.3/leaflet.js" in html


def test_cdn_assets_are_an_option(seed, shapes):
    assert "cdn.jsdelivr.net/npm/leaflet@" in render(seed, shapes, assets="cdn")


def test_web_tiles_only_when_asked_for_and_with_attribution(seed, shapes):
    assert "tile.openstreetmap.org" in render(seed, shapes, tiles="osm")
    assert "OpenStreetMap\\u003c/a\\u003e contributors" in render(seed, shapes, tiles="osm")
    assert "basemaps.cartocdn.com" in render(seed, shapes, tiles="carto")


def by_name(data: dict) -> dict[str, dict]:
    """The layer's place rows as {name: {field: value}}, read through `data["fields"]`."""
    fields = data["fields"]
    return {row[fields["name"]]: {f: row[i] for f, i in fields.items()} for row in data["places"]}


def test_one_row_per_place_with_holder_state_ring_and_aid(seed, shapes):
    data = layer_data(seed)
    rows = by_name(data)
    places = seed.places
    assert len(rows) == len(data["places"]) == (places["kind"] != "country").sum() == 9
    names = [a[data["actor_fields"]["name"]] for a in data["actors"]]
    manbij = rows["Manbij"]
    assert names[manbij["holder"]] == "Islamic State"
    assert manbij["state"] == State.BESIEGED.code == data["states"]["besieged"]
    assert names[manbij["ring"]] == "Syrian Democratic Forces"
    assert sum(1 for r in rows.values() if r["state"] == State.BESIEGED.code) == 4
    assert {n for n, r in rows.items() if r["deliveries"]} == {"Zamalka", "Irbin", "west Harasta"}
    html = render(seed, shapes)
    assert "frontline-legend" in html and "Syrian Democratic Forces" in html


def test_quotes_stay_out_of_the_map_and_names_are_escaped(seed_tables, shapes):
    tables = dict(seed_tables)
    places = tables["places"].copy()
    places.loc[places["place_id"] == "gn:167357", "name"] = '<img src=x onerror="alert(1)">'
    actors = tables["actors"].copy()
    actors.loc[actors["actor_id"] == "is", "name"] = "<script>alert(2)</script>"
    tables.update(places=places, actors=actors)
    hostile = Dataset.from_tables(tables)
    html = render(hostile, shapes)
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    data = layer_data(hostile)  # tooltips are built from these in the browser, as HTML
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in by_name(data)
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in [a[0] for a in data["actors"]]
    assert "have besieged Manbij" not in html  # sources are read in the side panel


def test_actor_names_and_colours_are_escaped_in_the_legend_and_the_layer(seed):
    actors = seed.actors.copy()
    actors.loc[0, ["name", "color"]] = ["<b>Bad</b>", '#000" onmouseover="alert(1)']
    legend = maps.legend_html(actors)
    assert "&lt;b&gt;Bad&lt;/b&gt;" in legend and 'onmouseover="alert' not in legend
    places = report.map_places(seed, report.snapshot(seed, "2016-06-29"),
                               "2016-06-29")  # fmt: skip
    data = maps.situation_data(places, actors, report.deliveries(seed))
    assert data["actors"][0] == ["&lt;b&gt;Bad&lt;/b&gt;", "#000&quot; onmouseover=&quot;alert(1)"]


def test_borders_come_from_data(seed, shapes):
    assert len(shapes["countries"]["features"]) >= 9
    assert {"Syria", "Iraq"} <= {f["properties"]["name"] for f in shapes["countries"]["features"]}
    assert "Dayr Az Zawr" in render(seed, shapes)


def test_layers_can_be_switched_off(seed, shapes):
    assert "Dayr Az Zawr" not in render(seed, shapes, provinces=False)
    rows = by_name(layer_data(seed, aid=False)).values()
    assert all(r["deliveries"] == 0 for r in rows)  # a place known only from aid is left out


def test_filters_keep_places_of_the_actors_and_event_types(seed):
    def names(**filters):
        return set(by_name(layer_data(seed, **filters)))

    assert names(actors=frozenset({"sdf"})) == {"Manbij"}
    sieges = frozenset({"besieged", "under_siege"})  # a siege's start, or seen under way
    assert names(types=sieges) == {"Manbij", "Zamalka", "Irbin", "west Harasta"}
    assert names(types=sieges, since="2016-06-28") == {"Manbij", "west Harasta"}


def test_a_click_is_matched_to_the_nearest_place_of_that_name(seed):
    places = report.map_places(seed, report.snapshot(seed, "2016-06-29"),
                               "2016-06-29")  # fmt: skip
    manbij = places.set_index("place").loc["Manbij"]
    click = {"lat": manbij["lat"] + 0.01, "lng": manbij["lon"]}
    tooltip = "Manbijheld by Islamic State · besieged"
    assert maps.clicked_place(places, tooltip, click) == manbij["place_id"]
    assert maps.clicked_place(places, "3 placesIslamic State: 3", click) is None
    assert maps.clicked_place(places, None, None) is None


def test_aid_map_marks_unknown_origins(seed, shapes):
    popups = maps.aid_popups(report.deliveries(seed))
    assert len(popups) == 3 and all("origin not recorded" in p for p in popups.values())
    html = maps.aid_map(report.deliveries(seed), shapes).get_root().render()
    assert html.count("frontline-aid") == 1  # one badge, drawn for each place in the browser
    assert "frontline-route" not in html  # no origin is known in the seed


def test_a_popup_shows_the_newest_deliveries_and_counts_the_rest(seed):
    one = report.deliveries(seed).iloc[[0]]
    earlier = [one.assign(delivery_id=f"d{i:02d}", date=one["date"] - pd.Timedelta(days=i))
               for i in range(13)]  # fmt: skip
    many = pd.concat(earlier)
    popup = maps.aid_popups(many)[one["destination_id"].iloc[0]]
    assert popup.count("<hr") == maps.AID_POPUP_ROWS  # the newest deliveries and the count line
    rest = f"and {13 - maps.AID_POPUP_ROWS} earlier deliveries"
    assert rest in popup
    assert popup.index(format_partial(one["date"].iloc[0].date(), "day")) < popup.index(rest)


def test_aid_map_draws_a_route_from_a_known_origin(seed, shapes):
    rows = report.deliveries(seed).assign(origin="Damascus", origin_lat=33.51, origin_lon=36.29)
    html = maps.aid_map(rows, shapes).get_root().render()
    assert html.count("frontline-route") == 3


def test_aid_popup_is_html_once_not_escaped_twice(seed, shapes):
    popups = maps.aid_popups(report.deliveries(seed))
    assert "<b style='font-size:14px'>Aid to Zamalka</b>" in popups["fl:zamalka"]
    html = maps.aid_map(report.deliveries(seed), shapes).get_root().render()
    assert "Aid to Zamalka" in html and "&lt;b style" not in html and "&amp;lt;" not in html


def test_boundary_names_are_escaped(tmp_path):
    folder = tmp_path / "boundaries"
    folder.mkdir()
    feature = {"type": "Feature", "properties": {"name": "<img src=x onerror=alert(1)>"},
               "geometry": {"type": "Point", "coordinates": [38, 35]}}  # fmt: skip
    for name in ("countries", "provinces"):
        (folder / f"{name}.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8"
        )
    shapes = maps.boundaries(tmp_path)
    assert shapes["provinces"]["features"][0]["properties"]["name"].startswith("&lt;img")


def test_the_layer_reads_places_by_named_fields_and_vocabulary_codes(seed, shapes):
    data = layer_data(seed)
    assert list(data["fields"]) == ["lat", "lon", "holder", "state", "ring", "approximate",
                                    "name", "events", "deliveries", "changed", "first",
                                    "pending", "reported"]  # fmt: skip
    assert sorted(data["fields"].values()) == list(range(len(data["places"][0])))
    assert data["states"] == State.codes() == {"held": 0, "contested": 1, "besieged": 2,
                                               "unknown": 3}  # fmt: skip
    assert all(isinstance(row, list) for row in data["places"])  # compact rows, not objects
    script = render(seed, shapes)
    assert '"fields":{' in script and '"states":{' in script
    assert "p[F.state] === S.besieged" in script
    assert re.search(r"\bp\[\d\]", script) is None  # no place field read by its position
    assert "=== 2" not in script


def test_the_situation_map_takes_a_dataset(seed, shapes):
    places = report.map_places(seed, report.snapshot(seed, "2016-06-29"),
                               "2016-06-29")  # fmt: skip
    m = maps.situation_map(places, seed, report.deliveries(seed), shapes)
    assert "Syrian Democratic Forces" in m.get_root().render()


def test_pending_and_first_reported_places_are_kept_and_marked(seed):
    places = report.map_places(seed, report.snapshot(seed, "2016-06-28"), "2016-06-28")
    assert places["pending"].any()  # Manbij: nothing reported by 28 June, reported on the 29th
    data = maps.situation_data(places, seed.actors, report.deliveries(seed),
                               first=frozenset({"gn:99454"}), day="2016-06-28")  # fmt: skip
    rows = by_name(data)
    assert rows["Manbij"]["pending"] == 1 and rows["Manbij"]["reported"] == "2016-06-29"
    assert rows["Albu Kamal"]["pending"] == 0
    assert data["day"] == "2016-06-28"
    assert (
        sum(r["first"] for r in rows.values()) == 1
        and sum(r["changed"] for r in rows.values()) == 0
    )


def test_the_layer_copes_without_the_new_columns(seed):
    places = report.map_places(seed, report.snapshot(seed, "2016-06-29"), "2016-06-29")
    older = places.drop(columns=[c for c in ("pending", "first_reported") if c in places])
    rows = by_name(maps.situation_data(older, seed.actors, report.deliveries(seed)))
    assert {r["pending"] for r in rows.values()} == {0} and {
        r["reported"] for r in rows.values()
    } == {""}


def test_tooltips_and_marks_say_what_they_mean(seed, shapes):
    script = render(seed, shapes)
    assert "no report yet by " in script and "; first reported " in script
    assert "first reported</b> on " in script and ", after the comparison day" in script
    assert "frontline-place-label" in script  # names as DOM text
    assert "textContent = text(p[F.name])" in script  # inserted as text, never as HTML
    assert "#007a3d" not in script  # the aid mark is not green (rebels are)


def test_the_legend_lists_every_mark():
    legend = maps.legend_html(pd.DataFrame({"name": ["A"], "color": ["#123456"]}), changed=True)
    for entry in ("holder not stated", "date known only to the month/year",
                  "no report yet by the day", "besieged (ring: besieger)", "contested",
                  "aid delivered", "aid route", "several places", "changed since",
                  "first reported since", "frontline-legend-areas"):  # fmt: skip
        assert entry in legend, entry
    assert "changed since" not in maps.legend_html(pd.DataFrame({"name": ["A"], "color": ["#1"]}))


def test_the_estimated_areas_entry_goes_to_the_legend(seed):
    frame = gpd.GeoDataFrame({"controller_id": ["is", "rebels"], "places": [["a", "b"], ["c"]],
                              "newest": [pd.Timestamp("2016-06-29")] * 2},
                             geometry=[Point(0, 0).buffer(1), Point(2, 2).buffer(1)])  # fmt: skip
    assert maps.areas_label(frame) == "estimated area (from 3 places)"
    assert maps.areas_label(None) == ""
    places = report.map_places(seed, report.snapshot(seed, "2016-06-29"), "2016-06-29")
    data = maps.situation_data(places, seed.actors, report.deliveries(seed),
                               areas=maps.areas_label(frame))  # fmt: skip
    assert data["areas"] == "estimated area (from 3 places)"
    labels = [f["properties"]["label"] for f in maps.areas_layer(frame, seed.actors)["features"]]
    assert "Estimated area: Syrian rebels — from 1 place, newest evidence 2016-06-29" in labels


def test_routes_travel_as_an_origin_and_a_drawn_place(seed):
    """A route is [its origin in `route_origins`, its destination's row in `places`]: each
    origin once, each origin–destination pair once, none to a place the layer does not draw."""
    places = report.map_places(seed, report.snapshot(seed, "2016-06-29"), "2016-06-29")
    rows = report.deliveries(seed).assign(origin_id="gn:170654", origin_lat=33.51, origin_lon=36.29)
    data = maps.situation_data(places, seed.actors, pd.concat([rows, rows]))
    assert data["route_origins"] == [[33.51, 36.29]]
    f, drawn = data["fields"], data["places"]
    ends = {(drawn[p][f["lat"]], drawn[p][f["lon"]]) for _, p in data["routes"]}
    assert len(data["routes"]) == len(ends) == rows["destination_id"].nunique() > 0
    assert ends == set(zip(rows["lat"].round(5), rows["lon"].round(5), strict=True))
    fewer = places[places["place_id"] != rows["destination_id"].iloc[0]]
    assert len(maps.situation_data(fewer, seed.actors, rows)["routes"]) == len(ends) - 1


def test_the_first_report_is_sent_only_where_a_tooltip_says_it(seed):
    places = report.map_places(seed, report.snapshot(seed, "2016-06-28"), "2016-06-28")
    rows = by_name(maps.situation_data(places, seed.actors, report.deliveries(seed)))
    assert rows["Manbij"]["reported"] == "2016-06-29"  # pending: "first reported on …"
    assert {r["reported"] for r in rows.values() if not r["pending"] and not r["first"]} == {""}
