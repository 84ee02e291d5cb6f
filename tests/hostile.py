"""A store whose every text field holds hostile text, for the tests that render it (issue 16,
points 3 and 7): HTML and script, template syntax (Jinja and JS template literals), Markdown links
and images, spreadsheet formulas, a `javascript:` address, right-to-left text with an override
mark, a soft return and a 100,000-character quote.

The curated data/ and seeds/ load as usual; the hostile rows are added through
`validation.coerce` (the schema's checks) and `store.save`, not the curated loader, which would
refuse quotes its sources do not contain. Each hostile value starts with a tag naming its field
("H-place-name …"), so a test can find that field's text on a page and check it reads literally.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from frontline import model, store, validation
from frontline.config import PROJECT_ROOT
from frontline.io.dataset import read_dataset

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
SVG = '"><svg onload=window.__pwned=1>'
JINJA = "{{ 7*7 }} {% endfor %}"
JS_TEMPLATE = "${window.__pwned=1} `"
MD_LINK = "[Official UN update](http://evil.example/)"
MD_IMAGE = "![x](http://evil.example/x.png)"
MD_STYLE = "**bold** \n# heading"
HYPERLINK = '=HYPERLINK("http://evil.example","x")'
CMD = "=cmd|' /C calc'!A0"
RTL = "منبج\u202eتجربة"  # Manbij, then a right-to-left override
SOFT_RETURN = "soft\x0breturn"  # a Word soft return, illegal in Excel's XML
EVERYTHING = " ".join([IMG, SCRIPT, SVG, JINJA, JS_TEMPLATE, MD_LINK, MD_IMAGE, MD_STYLE,
                       HYPERLINK, RTL, SOFT_RETURN])  # fmt: skip
LONG_QUOTE_CHARS = 100_000

PLACE_ID = "fl:hostile-town"
ACTOR_ID = "hostile-actor"
SOURCE_ID = "hostile-source"
SOURCE_TEXT = "hostile-source.txt"
DAY = "2016-06-20"  # inside the seed's span: the default day shows it


def hostile(tag: str, lead: str = "") -> str:
    """Every hostile snippet, tagged with its field; `lead` first (a formula must lead its cell
    to run)."""
    return f"{lead}{' ' if lead else ''}H-{tag} {EVERYTHING}"


def long_quote() -> str:
    """A 100,000-character quote: hostile text at its start and its end."""
    head, tail = hostile("long-quote", CMD), " H-long-quote-end"
    filler = "The convoy waited at the checkpoint. "
    room = LONG_QUOTE_CHARS - len(head) - len(tail)
    return head + (filler * (room // len(filler) + 1))[:room] + tail


def _rows() -> dict[str, list[dict]]:
    """The hostile rows of each table, raw, as a form or a CSV would give them."""
    place = {"place_id": PLACE_ID, "name": hostile("place-name", HYPERLINK), "kind": "town",
             "lat": 36.30, "lon": 37.60, "country": "SY", "admin1": "SY.09",
             "admin2": hostile("place-admin2"), "aliases": RTL,
             "source": hostile("place-source")}  # fmt: skip
    actor = {"actor_id": ACTOR_ID, "name": hostile("actor-name", CMD), "aliases": "hostile",
             "color": "#D55E00", "side": "opposition",
             "source": hostile("actor-source")}  # fmt: skip
    source = {"source_id": SOURCE_ID, "publisher": hostile("publisher", CMD),
              "title": hostile("title", MD_LINK), "dateline": hostile("dateline"),
              "url": "javascript:window.__pwned=1", "published_at": "2016-06-28",
              "text_path": SOURCE_TEXT, "notes": hostile("source-notes")}  # fmt: skip
    linked = {
        **source,
        "source_id": "hostile-source-web",
        "title": hostile("title-web"),
        "url": "http://evil.example/",
        "text_path": None,
    }
    event = {"date": DAY, "place_id": PLACE_ID, "status": "reported", "seq": 0,
             "source_ids": f"{SOURCE_ID};hostile-source-web"}  # fmt: skip
    events = [
        {**event, "event_id": "hostile-captured", "event_type": "captured", "actor_id": ACTOR_ID,
         "opponent_id": "is", "place_name": hostile("event-place-name"),
         "claimed_by": hostile("claimed-by", HYPERLINK), "confirmed_by": hostile("confirmed-by"),
         "quote": hostile("event-quote", CMD), "notes": hostile("event-notes", "@SUM(1+1)")},
        {**event, "event_id": "hostile-besieged", "date": "2016-06-21", "event_type": "besieged",
         "actor_id": "syrian-government", "opponent_id": ACTOR_ID, "place_name": RTL,
         "quote": long_quote(), "notes": "+" + hostile("event-notes-2")},
    ]  # fmt: skip
    delivery = {"delivery_id": "hostile-delivery", "convoy_id": "hostile-convoy", "date": DAY,
                "destination_place_id": PLACE_ID, "place_name": hostile("delivery-place-name"),
                "organisations": f"{hostile('organisation', HYPERLINK)};{RTL}",
                "trucks": 3, "beneficiaries": 1000, "figures_scope": "destination",
                "items": f"{hostile('item', CMD)};food", "status": "reported",
                "source_ids": SOURCE_ID, "quote": hostile("delivery-quote", "-2+3"),
                "notes": hostile("delivery-notes", "\t=1+1")}  # fmt: skip
    return {
        "places": [place],
        "actors": [actor],
        "sources": [source, linked],
        "control_events": events,
        "aid_deliveries": [delivery],
    }


def tables() -> dict[str, pd.DataFrame]:
    """The curated dataset with the hostile rows added, each table checked by its schema."""
    curated = read_dataset(PROJECT_ROOT / "data", PROJECT_ROOT / "seeds")
    return {
        name: pd.concat(
            [curated[name], validation.coerce(model.TABLES[name], rows)], ignore_index=True
        )  # fmt: skip
        for name, rows in _rows().items()
    }


def build(folder: Path) -> dict[str, str]:
    """A store (SQLite) and a seeds/ copy with the hostile source's text under `folder`;
    returns the environment that points the dashboard and the CLI at them."""
    seeds = folder / "seeds"
    shutil.copytree(PROJECT_ROOT / "seeds", seeds)
    (seeds / SOURCE_TEXT).write_text(hostile("source-text") + "\n" + long_quote(), encoding="utf-8")
    url = f"sqlite:///{folder}/hostile.sqlite"
    engine = store.connect(url)
    store.upgrade(engine)
    with store.transaction(engine) as conn:
        store.save(conn, tables(), "data/")
    engine.dispose()
    return {"FRONTLINE_DATABASE_URL": url, "FRONTLINE_SEEDS_DIR": str(seeds)}
