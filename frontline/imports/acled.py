"""Reading an ACLED export into Frontline's tables, ready for one import transaction.

Each step is a module of its own, run here in order:

- **rows** (`acled_rows`): the file's cells as text, its header normalised across ACLED's
  releases (`acled_columns`);
- **checks** (`acled_checks`): every row checked before anything else happens: a bad row stops
  the import, naming the file, the row as a spreadsheet shows it and the column as the file
  spells it, with every other bad row beside it.

Then, in Frontline's words:

- **actors** (`acled_actors`): ACLED's names meet the registry's names and aliases; an unknown
  armed actor is added under a stable id, its side from ACLED's inter code, and reported;
  rioters, protesters, civilians and unidentified groups are named in the event's notes, never
  made actors that could hold a place;
- **places** (`acled_places`): each distinct location is placed on the registry with ACLED's
  point, within a tolerance set by `geo_precision`; what the registry lacks is added (`acled:`
  ids) with the file named as its source (`frontline.imports.locate`);
- **sources** (`acled_sources`): one per distinct ACLED `source` text: what the event rests on
  is what ACLED coded it from;
- **events** and **links** (`acled_events`): the territory sub-events become control events,
  every other event a context event; one link per event, ACLED's `event_id_cnty` at its
  `timestamp`, for a newer export to revise and for the export back.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from frontline.config import Settings
from frontline.gazetteer import Gazetteer
from frontline.imports import acled_columns as columns
from frontline.imports.acled_actors import Actors, gainers, registry_actors
from frontline.imports.acled_checks import checked
from frontline.imports.acled_events import ID_PREFIX, context_events, control_events, links, quotes
from frontline.imports.acled_places import placed
from frontline.imports.acled_rows import read_rows
from frontline.imports.acled_sources import source_ids, sources_table
from frontline.imports.batch import Batch

# What other modules use of the import, wherever each step now lives: the export reads an
# imported row back with the importer's own checks, so that it compares like with like.
__all__ = ["ID_PREFIX", "ORIGIN", "checked", "gainers", "quotes", "read", "source_ids"]

ORIGIN = "acled"


def read(path: Path, settings: Settings, engine: Engine, gazetteer: Gazetteer) -> Batch:
    """The import of one ACLED export, read and checked (DataError / ValidationError on a bad
    file or row, nothing written); `frontline.imports.batch.run` writes it."""
    path = Path(path)
    text, head = read_rows(path)
    rows = checked(text, head, str(path))
    actors = Actors(registry_actors(engine, settings), path.name)
    gainer, loser = gainers(rows)
    ids = actors.ids((rows["actor1"], rows["inter1"]), (rows["actor2"], rows["inter2"]),
                     gainer, loser)  # fmt: skip
    rows["actor_id"], rows["opponent_id"], rows["gainer_id"], rows["loser_id"] = ids
    located = placed(rows, path, settings, engine, gazetteer)
    rows["place_id"] = located.place_ids
    rows["source_id"] = source_ids(rows["source"])
    tagged = rows["tag_type"] != ""  # a row of Frontline's export: its own event type
    territory = rows["sub_event_type"].isin(list(columns.TERRITORY)) & rows["gainer_id"].notna()
    control = tagged | territory
    tables = {
        "sources": sources_table(rows),
        "actors": actors.table(),
        "places": located.places,
        "control_events": control_events(rows[control]),
        "context_events": context_events(rows[~control]),
    }
    return Batch(ORIGIN, tables, links(rows, text, control), str(path),
                 places_matched=located.counts.get("matched", 0) + located.counts.get("merged", 0),
                 places_added=located.counts.get("added", 0),
                 actors_added=actors.added_names())  # fmt: skip
