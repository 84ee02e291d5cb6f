"""Briefings without a browser: what `briefing.build` says (the seed's round trip and convoy,
the change groups from small tables, filters), the one self-contained HTML file `document`
writes (no address outside it, hostile text kept as text, themes, sections), the inline
Leaflet of `assets.inline_scripts`, the totals rule of `aid.overall`, and `frontline brief`."""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from test_aid import deliveries  # tests/unit/test_aid.py: aid rows from partial dicts
from test_changes import events  # tests/unit/test_changes.py: (place, date, type, actor, opponent)

from frontline import aid, assets, briefing, model, validation
from frontline.briefing.content import CHANGE_ROWS, LIST_ROWS
from frontline.cli import main
from frontline.dataset import Dataset
from frontline.errors import DataError

AS_OF, SINCE = dt.date(2016, 6, 30), dt.date(2016, 6, 1)  # the export
HAMDAN_PASSAGE = "Islamic State (contested) → New Syrian Army (held) → Islamic State (held)"
MANBIJ_WHY = "siege start not known: first reported besieged on 2016-06-29; no delivery recorded"
HOSTILE = ("<script>alert(1)</script> <img src=http://x/y.png onerror=alert(1)> "
           "[link](http://x) </script>")  # fmt: skip
CSP_SOURCES = {"'none'", "'unsafe-inline'", "data:"}  # all a self-contained file may allow
VOID = {"meta", "link", "br", "hr", "img", "input", "source", "wbr", "area", "col", "base"}
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "data", "xlink:href"}


# --- reading the document -----------------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find(self, **attrs: str) -> Node:
        (found,) = [n for n in self.walk() if all(n.attrs.get(k) == v for k, v in attrs.items())]
        return found

    def all(self, tag: str) -> list[Node]:
        return [n for n in self.walk() if n.tag == tag]

    def text(self) -> str:
        """The text a reader sees (entities decoded), spaces collapsed; scripts left out."""
        parts = [c if isinstance(c, str) else c.text() for c in self.children
                 if not (isinstance(c, Node) and c.tag in ("script", "style"))]  # fmt: skip
        return " ".join(" ".join(parts).split())

    def rows(self) -> list[list[str]]:
        return [[c.text() for c in tr.children if isinstance(c, Node)] for tr in self.all("tr")]


class _Tree(HTMLParser):
    """The document as nested Nodes, the way a browser's tokenizer splits it: a `</script>`
    inside a script ends it, whatever follows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if any(n.tag == tag for n in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def section(html: str, key: str) -> Node:
    return parse(html).find(id=key)


def scripts(html: str) -> list[str]:
    """Each inline script's text, cut where a browser ends it (the first `</script`)."""
    return re.findall(r"<script\b[^>]*>(.*?)</script", html, flags=re.DOTALL | re.IGNORECASE)


def styles(html: str) -> str:
    found = re.findall(r"<style\b[^>]*>(.*?)</style", html, flags=re.DOTALL | re.IGNORECASE)
    inline = re.findall(r"""\bstyle=(["'])(.*?)\1""", html, flags=re.DOTALL)
    return "\n".join([*found, *(s for _, s in inline)])


# --- small hand-made tables ---------------------------------------------------------------


def places(*ids: str) -> pd.DataFrame:
    """Towns named after their ids ('moved' → 'Moved'), a tenth of a degree apart."""
    return validation.coerce(model.PLACES, [
        {"place_id": p, "name": p.title(), "kind": "town", "lat": 34 + i / 10, "lon": 38 + i / 10,
         "country": "SY", "source": "s"} for i, p in enumerate(ids)])  # fmt: skip


def actors(*ids: str) -> pd.DataFrame:
    colours = ("#000000", "#56B4E9", "#009E73")
    return validation.coerce(model.ACTORS, [
        {"actor_id": a, "name": f"Actor {a.upper()}", "color": c, "side": "opposition"}
        for a, c in zip(ids, colours, strict=False)])  # fmt: skip


def sources() -> pd.DataFrame:
    row = {"source_id": "s", "publisher": "Pub", "title": "Title", "published_at": "2016-01-06"}
    return validation.coerce(model.SOURCES, [row])


EARLY, LATE = dt.date(2016, 1, 3), dt.date(2016, 1, 10)  # the small tables' window
SMALL_EVENTS = (  # known on 1 January; the window is 4–10 January
    ("moved", "2016-01-01", "held", "a", ""), ("moved", "2016-01-05", "captured", "b", "a"),
    ("siege", "2016-01-01", "held", "a", ""), ("siege", "2016-01-05", "besieged", "b", "a"),
    ("freed", "2016-01-01", "besieged", "b", "a"),
    ("freed", "2016-01-05", "siege_lifted", "a", "b"),
    ("fight", "2016-01-01", "held", "a", ""), ("fight", "2016-01-05", "contested", "b", "a"),
    ("trip", "2016-01-01", "held", "a", ""), ("trip", "2016-01-05", "captured", "b", "a"),
    ("trip", "2016-01-06", "captured", "a", "b"),
    ("new", "2016-01-05", "captured", "c", ""),
    ("quiet", "2016-01-01", "besieged", "b", "c"),  # c holds it, under siege all along
)  # fmt: skip
SMALL_AID = (  # a convoy of two rows, one delivery of its own, one before the window
    {"date": "2016-01-07", "destination_place_id": "siege", "convoy_id": "k1", "trucks": 10,
     "beneficiaries": 500, "figures_scope": "convoy"},
    {"date": "2016-01-07", "destination_place_id": "new", "convoy_id": "k1", "trucks": 10,
     "beneficiaries": 500, "figures_scope": "convoy"},
    {"date": "2016-01-08", "destination_place_id": "moved", "convoy_id": "k2", "trucks": 4,
     "beneficiaries": 300, "figures_scope": "destination"},
    {"date": "2016-01-02", "destination_place_id": "quiet", "convoy_id": "k0", "trucks": 99},
)  # fmt: skip


@pytest.fixture(scope="module")
def small() -> Dataset:
    ids = sorted({row[0] for row in SMALL_EVENTS})
    return Dataset.from_tables({"places": places(*ids), "actors": actors("a", "b", "c"),
                                "sources": sources(), "control_events": events(*SMALL_EVENTS),
                                "aid_deliveries": deliveries(*SMALL_AID)})  # fmt: skip


@pytest.fixture(scope="module")
def seed_brief(seed: Dataset) -> briefing.Briefing:
    return briefing.build(seed, AS_OF, SINCE)


@pytest.fixture(scope="module")
def seed_html(seed: Dataset, seed_brief: briefing.Briefing, shapes: dict) -> str:
    return briefing.document(seed, seed_brief, shapes, generated=dt.date(2016, 7, 1))


# --- aid.overall ----------------------------------------------------------------------------


def test_overall_counts_a_convoy_s_figures_once_and_sums_the_rest():
    rows = deliveries(*SMALL_AID[:3])  # k1 to two places (10 trucks, 500 people), k2 (4, 300)
    assert aid.overall(rows) == {"deliveries": 3, "convoys": 2, "trucks": 14,
                                 "beneficiaries": 800}  # fmt: skip
    two_own = deliveries({"date": "2016-01-07", "destination_place_id": "a", "trucks": 3,
                          "figures_scope": "destination"},
                         {"date": "2016-01-07", "destination_place_id": "b", "trucks": 5,
                          "figures_scope": "destination"})  # fmt: skip
    assert aid.overall(two_own) == {"deliveries": 2, "convoys": 1, "trucks": 8,
                                    "beneficiaries": None}  # fmt: skip


def test_overall_of_no_figures_and_of_nothing():
    silent = deliveries({"date": "2016-01-07", "destination_place_id": "a"})
    assert aid.overall(silent) == {"deliveries": 1, "convoys": 1, "trucks": None,
                                   "beneficiaries": None}  # not stated is not 0  # fmt: skip
    assert aid.overall(deliveries()) == {"deliveries": 0, "convoys": 0, "trucks": None,
                                         "beneficiaries": None}  # fmt: skip


def test_overall_of_the_seed_convoy_counts_37_trucks_and_20000_people_once(seed):
    # data/aid_deliveries.csv: one convoy of 37 trucks for 20,000 people, written once for
    # Zamalka and once for Irbin, and a west Harasta convoy with no figures
    assert aid.overall(seed.aid_deliveries) == {"deliveries": 3, "convoys": 2, "trucks": 37,
                                                "beneficiaries": 20000}  # fmt: skip


# --- build on the seed: the export ---------------------------------------------------


def test_the_seed_briefing_has_the_round_trip_the_convoy_and_manbij(seed_brief):
    (trip,) = seed_brief.changes["round_trips"].rows
    assert trip == {"place": "Hamdan air base", "place_id": "fl:hamdan-air-base",
                    "before": "Islamic State (held)", "after": HAMDAN_PASSAGE}  # fmt: skip
    assert seed_brief.changed == {"fl:hamdan-air-base"}
    first = [r["place"] for r in seed_brief.changes["first_reported"].rows]
    by_people = ["Al Fallujah", "Manbij", "west Harasta", "Outposts south of Boukamal"]
    assert first == by_people
    assert not seed_brief.changes["changed_hands"].rows  # nothing known before changed for good
    assert seed_brief.aid["totals"] == {"deliveries": "3", "convoys": "2", "trucks": "37",
                                        "beneficiaries": "20,000"}  # fmt: skip
    assert seed_brief.aid["without_figures"] == 1  # west Harasta's convoy gave none
    convoy = {r["Destination"]: r for r in seed_brief.aid["deliveries"].rows}
    for town in ("Zamalka", "Irbin"):  # each row shows the whole convoy's figures
        assert (convoy[town]["Trucks"], convoy[town]["People reached"]) == ("37", "20,000")
    longest = {r["place"]: r for r in seed_brief.aid["longest"].rows}
    assert set(longest) == {"Zamalka", "Irbin", "west Harasta", "Manbij"}
    assert longest["Zamalka"]["days"] == "1"  # aid on 29 June, the briefing's day the 30th
    assert (longest["Manbij"]["days"], longest["Manbij"]["why"]) == ("—", MANBIJ_WHY)
    assert longest["Manbij"]["besieged_by"] == "Syrian Democratic Forces"


def test_the_seed_briefing_counts_holders_and_warns_only_of_old_evidence(seed, seed_brief):
    held = {h["name"]: (h["held"], h["besieged"], h["contested"]) for h in seed_brief.holders}
    # IS: Boukamal, the Qaim crossing, Hamdan, Manbij, the outposts; rebels: Zamalka, Irbin;
    # SDF besiege Manbij, the government Zamalka and Irbin (west Harasta's besieger is unnamed)
    assert held == {"Islamic State": (5, 0, 0), "Syrian rebels": (2, 0, 0),
                    "Iraqi forces": (1, 0, 0), "Syrian Democratic Forces": (0, 1, 0),
                    "Syrian government forces": (0, 2, 0)}  # fmt: skip
    assert [h["name"] for h in seed_brief.holders][0] == "Islamic State"  # most held first
    assert seed_brief.notes == []  # the newest evidence is a day old: the Map page's rule
    late = briefing.build(seed, dt.date(2016, 12, 31), SINCE)  # 185 days past it
    (note,) = late.notes
    assert note.startswith("The newest evidence in the data is from 29 June 2016, 185 days")


def test_the_seed_quotes_say_who_claimed_and_who_confirmed(seed_brief):
    assert len(seed_brief.quotes) == briefing.content.QUOTES
    hamdan = [q for q in seed_brief.quotes if any(w.startswith("Hamdan") for w in q["what"])]
    entered = next(q for q in hamdan if "Hamdan air base: New Syrian Army entered (confirmed)"
                   in q["what"])  # fmt: skip
    assert (entered["claimed_by"], entered["confirmed_by"]) == (
        "Mozahem al-Saloum (rebel spokesman)",
        "Syrian Observatory for Human Rights",
    )
    assert entered["sources"] == ["Associated Press, 29 June 2016: IS pushes back advance by "
                                  "US-backed Syria rebels near Iraq border"]  # fmt: skip


def test_the_export_names_the_round_trip_the_convoy_and_manbij(seed_html):
    changes = section(seed_html, "changes")
    assert changes.find(id="group-round_trips").rows() == [
        ["Hamdan air base", f"Islamic State (held) → {HAMDAN_PASSAGE}"]
    ]
    assert "Manbij" in changes.find(id="group-first_reported").text()
    page = section(seed_html, "aid")
    figures = {f.all("span")[0].text(): f.all("b")[0].text() for f in page.walk()
               if f.attrs.get("class") == "figure"}  # fmt: skip
    # the convoy's 37 trucks and 20,000 people once, not 74 and 40,000
    assert figures == {"convoys": "2", "deliveries": "3", "trucks": "37",
                       "people reached": "20,000"}  # fmt: skip
    table = next(t for t in page.all("table") if t.attrs.get("class") == "deliveries")
    rows = {r[1]: r for r in table.rows()[1:]}
    assert rows["Zamalka"][2:] == rows["Irbin"][2:] == ["37", "20,000", "the whole convoy", "2012"]
    longest = next(t for t in page.all("table") if t.attrs.get("class") == "longest")
    manbij = next(r for r in longest.rows() if r[0] == "Manbij")
    assert manbij == ["Manbij", "Syrian Democratic Forces", f"— {MANBIJ_WHY}", "none on record"]
    assert "International Committee of the Red Cross" in page.text()
    assert "1 of the 3 deliveries gave no trucks or people reached" in page.text()


# --- build on small tables: change groups, lists, filters, days -----------------------------


def _rows(b: briefing.Briefing) -> dict[str, list[tuple[str, str, str]]]:
    return {k: [(r["place"], r["before"], r["after"]) for r in v.rows]
            for k, v in b.changes.items()}  # fmt: skip


def test_each_change_group_fills_from_its_own_kind_of_change(small):
    b = briefing.build(small, LATE, EARLY)
    assert _rows(b) == {
        "changed_hands": [("Moved", "Actor A (held)", "Actor B (held)")],
        "round_trips": [("Trip", "Actor A (held)", "Actor B (held) → Actor A (held)")],
        "new_sieges": [("Siege", "Actor A (held)", "Actor A (besieged)")],
        "sieges_lifted": [("Freed", "Actor A (besieged)", "Actor A (held)")],
        "other": [("Fight", "Actor A (held)", "Actor A (contested)")],
        "first_reported": [("New", "", "Actor C (held)")],
    }
    assert list(b.changes) == list(briefing.content.CHANGE_GROUPS)
    assert b.changed == {"moved", "trip", "siege", "freed", "fight"} and b.first == {"new"}
    assert all(v.more == 0 for v in b.changes.values())


def test_small_holders_aid_and_days_without_aid(small):
    b = briefing.build(small, LATE, EARLY)
    held = {h["name"]: (h["held"], h["besieged"], h["contested"]) for h in b.holders}
    assert held == {"Actor A": (4, 0, 0), "Actor B": (1, 2, 1), "Actor C": (2, 0, 0)}
    # k1 (10 trucks, 500 people, two rows) once, k2 (4, 300); k0 came before the window
    assert b.aid["totals"] == {"deliveries": "3", "convoys": "2", "trucks": "14",
                               "beneficiaries": "800"}  # fmt: skip
    longest = [(r["place"], r["days"]) for r in b.aid["longest"].rows]
    assert longest == [("Quiet", "8"), ("Siege", "3")]  # aid 2 Jan, 7 Jan; the day is 10 Jan


def test_a_list_longer_than_a_page_says_how_many_more(shapes):
    ids = [f"p{i:02d}" for i in range(LIST_ROWS + 3)]
    ds = Dataset.from_tables({
        "places": places(*ids), "actors": actors("a"), "sources": sources(),
        "control_events": events(*[(p, "2016-01-05", "captured", "a", "") for p in ids]),
        "aid_deliveries": deliveries(*[{"date": "2016-01-06", "destination_place_id": p,
                                        "convoy_id": p} for p in ids[: LIST_ROWS + 1]]),
    })  # fmt: skip
    b = briefing.build(ds, LATE, EARLY)
    first = b.changes["first_reported"]
    assert [r["place"] for r in first.rows] == [p.title() for p in ids[:CHANGE_ROWS]]
    hidden = len(ids) - CHANGE_ROWS
    assert first.more == hidden and b.aid["deliveries"].more == 1
    assert len(b.aid["deliveries"].rows) == LIST_ROWS
    html = briefing.document(ds, b, shapes)
    group = section(html, "changes").find(id="group-first_reported")
    assert len(group.rows()) == CHANGE_ROWS and f"and {hidden} more" in group.text()
    assert "and 1 more" in section(html, "aid").text()


def test_the_most_telling_rows_come_first(shapes):
    """Changes: where most people live first; deliveries: a stated "first since", then the
    largest; quotes: those behind a change of hands, then events that move control."""
    ids = ["hamlet", "city", "town"]
    towns = places(*ids).assign(population=pd.array([50, 900_000, 4_000], dtype="Int64"))
    ds = Dataset.from_tables({
        "places": towns, "actors": actors("a", "b"), "sources": sources(),
        "control_events": events(
            *[(p, "2016-01-01", "held", "a", "") for p in ids],
            *[(p, "2016-01-05", "captured", "b", "a") for p in ids],
            ("hamlet", "2016-01-06", "attacked", "a", "b")).pipe(
                lambda f: f.assign(quote=[f"said {i}" for i in range(len(f))])),
        "aid_deliveries": deliveries(
            {"date": "2016-01-06", "destination_place_id": "hamlet", "convoy_id": "k1",
             "trucks": 2},
            {"date": "2016-01-07", "destination_place_id": "town", "convoy_id": "k2",
             "trucks": 40},
            {"date": "2016-01-08", "destination_place_id": "city", "convoy_id": "k3",
             "trucks": 5, "reported_first_since": "2014",
             "reported_first_since_precision": "year"}),
    })  # fmt: skip
    b = briefing.build(ds, LATE, EARLY)
    assert [r["place"] for r in b.changes["changed_hands"].rows] == ["City", "Town", "Hamlet"]
    assert [r["Destination"] for r in b.aid["deliveries"].rows] == ["City", "Town", "Hamlet"]
    said = [q["what"] for q in b.quotes]  # the attack is the newest, yet a capture comes first
    assert len(said) == briefing.content.QUOTES
    assert all(w[0].endswith("Actor B captured (reported)") for w in said[:3])
    assert said[3] == ["Hamlet: Actor A attacked (reported)"]


def test_an_actor_filter_keeps_every_section_to_its_places(small, shapes):
    b = briefing.build(small, LATE, EARLY, actors=frozenset({"c"}))
    assert set(b.places["place_id"]) == {"new", "quiet"}  # held by c
    assert {k: [r[0] for r in v] for k, v in _rows(b).items() if v} == {"first_reported": ["New"]}
    assert b.changed == frozenset() and b.first == {"new"}
    assert [r["Destination"] for r in b.aid["deliveries"].rows] == ["New"]
    assert b.aid["totals"]["trucks"] == "10" and b.aid["totals"]["deliveries"] == "1"
    assert [r["place"] for r in b.aid["longest"].rows] == ["Quiet"]
    assert [w for q in b.quotes for w in q["what"]] == ["New: Actor C captured (reported)"]
    held = {h["name"]: (h["held"], h["besieged"], h["contested"]) for h in b.holders}
    assert held == {"Actor C": (2, 0, 0), "Actor B": (0, 1, 0)}
    assert b.filters == ["Places held, besieged or contested by Actor C"]
    html = briefing.document(small, b, shapes)
    assert "Places held, besieged or contested by Actor C" in section(html, "situation").text()
    shown = section(html, "changes").text() + section(html, "aid").text()
    assert not {"Moved", "Trip", "Siege", "Freed", "Fight"} & set(re.findall(r"\w+", shown))


def test_a_type_filter_keeps_the_places_with_such_an_event_in_the_window(small):
    b = briefing.build(small, LATE, EARLY, types=frozenset({"siege_lifted"}))
    assert list(b.places["place_id"]) == ["freed"]
    assert {k: v for k, v in _rows(b).items() if v} == {
        "sieges_lifted": [("Freed", "Actor A (besieged)", "Actor A (held)")]
    }
    assert b.aid["deliveries"].rows == [] and b.aid["longest"].rows == []
    assert b.filters == ["Places with events of type siege lifted"]


def test_the_comparison_day_must_come_first_and_defaults_to_a_week_before(small):
    for since in (LATE, LATE + dt.timedelta(days=1)):
        with pytest.raises(DataError, match="must come before") as error:
            briefing.build(small, LATE, since)
        assert error.value.field == "since"
    weekly = briefing.build(small, LATE)
    assert weekly.since == LATE - dt.timedelta(days=briefing.content.DEFAULT_SINCE_DAYS)
    assert weekly.since == dt.date(2016, 1, 3)
    assert _rows(weekly) == _rows(briefing.build(small, LATE, EARLY))


# --- the document: self-contained ---------------------------------------------------------


def _policy(html: str) -> dict[str, list[str]]:
    (meta,) = [
        m
        for m in parse(html).all("meta")
        if (m.attrs.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    directives = [d.split() for d in (meta.attrs["content"] or "").split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def test_the_document_asks_nothing_of_any_network(seed_html):
    root = parse(seed_html)
    for node in root.walk():
        for name, value in node.attrs.items():
            if name in URL_ATTRIBUTES:
                assert (value or "").startswith(("data:", "#")), (node.tag, name, value)
    assert not [n.tag for n in root.walk() if n.tag in ("link", "iframe", "object", "embed",
                                                        "base", "frame")]  # fmt: skip
    assert all(not s.attrs.get("src") for s in root.all("script"))
    targets = re.findall(r"""url\(\s*['"]?([^'")\s]*)""", styles(seed_html))
    # '#default#VML' is Leaflet's old-IE `behavior`: a name, no address; no browser fetches it
    assert targets and all(t.startswith("data:") or t == "#default#VML" for t in targets), targets
    assert "@import" not in styles(seed_html)
    assert "sourceMappingURL" not in seed_html


def test_the_content_security_policy_allows_only_what_is_inside(seed_html):
    policy = _policy(seed_html)
    assert policy["default-src"] == ["'none'"]
    assert {s for sources in policy.values() for s in sources} <= CSP_SOURCES
    assert policy["script-src"] == ["'unsafe-inline'"] and policy["img-src"] == ["data:"]
    assert not {"connect-src", "frame-src", "worker-src"} & set(policy)  # left at 'none'
    head = seed_html.split("</head>")[0]
    assert head.index("Content-Security-Policy") < min(head.index("<script"), head.index("<style"))


def test_leaflet_is_inline_with_its_images_as_data_uris():
    js, css = assets.inline_scripts()
    leaflet = Path(assets.CSS[0].package.BASE_DIR)
    uris = re.findall(r"url\(data:image/png;base64,([A-Za-z0-9+/=]+)\)", css)
    files = ("layers.png", "layers-2x.png", "marker-icon.png")  # what leaflet.css names
    assert [base64.b64decode(u) for u in uris] == [(leaflet / "images" / f).read_bytes()
                                                   for f in files]  # fmt: skip
    assert "url(images/" not in css and "sourceMappingURL" not in js + css
    assert f'version="{assets.JS[0].package.VERSION}"' in js  # Leaflet itself …
    assert "jQuery" not in js  # … without jQuery: the briefing has no popups


# --- the document: hostile text -----------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(seed_tables: dict) -> Dataset:
    """The seed with HOSTILE as Hamdan's name and quotes, IS's name and the AP report's title."""
    tables = dict(seed_tables)
    named = {"places": ("place_id", "fl:hamdan-air-base", "name"),
             "actors": ("actor_id", "is", "name"),
             "sources": ("source_id", "ap-2016-06-29-boukamal", "title"),
             "control_events": ("place_id", "fl:hamdan-air-base", "quote")}  # fmt: skip
    for table, (key, value, column) in named.items():
        frame = tables[table].copy()
        frame.loc[frame[key] == value, column] = HOSTILE
        tables[table] = frame
    return Dataset.from_tables(tables)


def test_hostile_text_is_built_as_plain_text(hostile):
    b = briefing.build(hostile, AS_OF, SINCE)  # plain, never pre-escaped ("&amp;amp;")
    assert b.changes["round_trips"].rows[0]["place"] == HOSTILE
    assert HOSTILE in [q["quote"] for q in b.quotes]
    assert b.holders[0]["name"] == HOSTILE


@pytest.fixture(scope="module")
def hostile_html(hostile: Dataset, shapes: dict) -> str:
    return briefing.document(hostile, briefing.build(hostile, AS_OF, SINCE), shapes)


def test_hostile_text_stays_text_in_the_document(hostile_html, seed_html):
    html = hostile_html
    root = parse(html)
    tags = Counter(n.tag for n in root.walk())
    assert tags == Counter(n.tag for n in parse(seed_html).walk())  # not one tag more
    assert not [n for n in root.walk() if any(a.startswith("on") for a in n.attrs)]
    assert not [n for n in root.walk() if n.tag == "a"]  # the Markdown link is no link
    quotes = [q.text() for q in section(html, "sources").all("blockquote")]
    assert HOSTILE in quotes  # read as the very characters the source gave
    cites = section(html, "sources").text()
    assert cites.count(HOSTILE) >= 2  # the source's title, the place's name
    assert HOSTILE in section(html, "changes").find(id="group-round_trips").text()
    assert HOSTILE in section(html, "situation").text()  # IS, holding 5 places
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html


def test_hostile_text_cannot_end_an_inline_script(hostile_html, seed_html):
    html = hostile_html
    bodies = scripts(html)
    assert len(bodies) == len(scripts(seed_html)) == html.lower().count("</script")
    assert len(bodies) == len(parse(html).all("script"))
    data = "\n".join(bodies)
    assert "alert(1)" in data  # the hostile names reach the map's data …
    assert not re.search(r"<!--|<script", data, flags=re.IGNORECASE)  # … inert


# --- the document: themes, sections, embedding ----------------------------------------------


def test_themes_and_the_first_section(seed, seed_brief, shapes):
    dark = parse(briefing.document(seed, seed_brief, shapes, theme="dark", start="aid"))
    (html,) = dark.all("html")
    assert html.attrs["class"].split() == ["theme-dark"] and html.attrs["data-start"] == "aid"
    active = [s.attrs["id"] for s in dark.all("section") if "active" in s.attrs["class"].split()]
    assert active == ["aid"]
    assert [s.attrs["id"] for s in dark.all("section")] == list(briefing.SECTIONS)
    assert len(dark.all("nav")) == 1
    with pytest.raises(ValueError, match="theme 'sepia'"):
        briefing.document(seed, seed_brief, shapes, theme="sepia")


def test_an_unknown_start_opens_on_the_situation_and_embedded_draws_no_nav(seed, seed_brief,
                                                                          shapes):  # fmt: skip
    root = parse(briefing.document(seed, seed_brief, shapes, start="nowhere", embedded=True))
    (html,) = root.all("html")
    assert html.attrs["class"].split() == ["theme-light", "embedded"]
    active = [s.attrs["id"] for s in root.all("section") if "active" in s.attrs["class"].split()]
    assert active == ["situation"] and root.all("nav") == []


# --- frontline brief ----------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_brief_writes_the_file_and_says_its_size(tmp_path):
    out = tmp_path / "brief.html"
    result = run("brief", "--as-of", "2016-06-30", "--since", "2016-06-01", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    html = out.read_text(encoding="utf-8")
    size = f"{out.stat().st_size / 1e6:.2f} MB"
    assert result.stderr.strip() == (f"wrote {out} ({size}): the situation at the end of "
                                     "2016-06-30, changes since the end of 2016-06-01")  # fmt: skip
    assert HAMDAN_PASSAGE in section(html, "changes").text()
    assert "Zamalka" in section(html, "aid").text()
    result = run("brief", "--as-of", "2016-06-30", "--theme", "dark", "-o", "-")
    assert result.exit_code == 0 and result.stderr == ""
    (root,) = parse(result.stdout).all("html")
    assert root.attrs["class"] == "theme-dark"
    assert "changes since the end of 23 June 2016" in result.stdout  # the default: a week


def test_brief_errors_are_one_line_and_exit_1(tmp_path):
    out = tmp_path / "brief.html"
    bad = {"--actors": ("is,martians", "unknown actors: martians"),
           "--since": ("2016-07-01", "field 'since': the comparison day 2016-07-01 must come "
                       "before 2016-06-30")}  # fmt: skip
    for option, (value, message) in bad.items():
        result = run("brief", "--as-of", "2016-06-30", option, value, "-o", str(out))
        assert result.exit_code == 1 and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    assert not out.exists()


def test_the_legend_lists_only_what_the_briefing_map_draws(seed_html):
    """Actors are in the holders table beside it; the briefing's map draws no aid routes."""
    legend = next(n for n in section(seed_html, "situation").walk()
                  if n.attrs.get("class") == "legend")  # fmt: skip
    assert "aid route" not in legend.text() and "changed since the comparison day" in legend.text()
    assert "Islamic State" not in legend.text() and "holder not stated" in legend.text()


def test_a_map_made_once_serves_every_section_and_theme(seed, seed_brief, shapes):
    """The page draws the map once (`map_parts`) and hands it to each document it makes."""
    parts = briefing.map_parts(seed, seed_brief, shapes)
    made = briefing.document(seed, seed_brief, shapes, generated=dt.date(2016, 7, 1))
    given = briefing.document(seed, seed_brief, shapes, generated=dt.date(2016, 7, 1),
                              parts=parts)  # fmt: skip
    assert len(given) == len(made) and parts.body in given and parts.script in given
    stub = briefing.MapParts(head="", body='<div id="stub-map"></div>', script="")
    assert 'id="stub-map"' in briefing.document(seed, seed_brief, shapes, parts=stub)
