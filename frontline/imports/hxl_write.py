"""HXL out: the store's deliveries or control events as HXL CSV, a header row then the
hashtag row then one row per record, with the columns of `hxl_tags.TAGS` — the same map the
reader uses, so an export read back gives the same records.

Lists are joined with ';' (a ';' or '\\' inside an item escaped with '\\'), dates are only as
precise as known (their precision beside them), places carry the registry's name, p-code and
point so another tool can map them, and cells a spreadsheet would run go out behind an
apostrophe (`frontline.io.export.to_csv`), which the reader takes back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

import hxl
import hxl.input
import pandas as pd

from frontline import gazetteer, model
from frontline.config import load_settings
from frontline.dataset import Dataset
from frontline.dates import format_partial, format_partials
from frontline.imports.hxl_tags import TAGS, check_table
from frontline.io.export import to_csv

PCODE = "@pcode"  # how the registry writes a p-code among a place's aliases


def write(ds: Dataset, table: str = "deliveries", *, data_dir: Path | None = None) -> str:
    """The deliveries (or control events) of `ds` as HXL CSV: a header row, the hashtag row,
    then one row per record; lists joined with ';', dates only as precise as known (with
    their precision beside them), and cells a spreadsheet would run behind an apostrophe
    (`frontline.io.export.to_csv`). `data_dir` names the governorates (default: settings')."""
    check_table(table)
    tags = TAGS[table]
    names = _admin1_names(data_dir or load_settings().data_dir)
    flat = (_delivery_rows if table == "deliveries" else _event_rows)(ds, names)
    body = list(csv.reader(io.StringIO(to_csv(flat[[t.field for t in tags]]), newline="")))
    rows = [[t.header for t in tags], [t.hashtag for t in tags], *body[1:]]
    return "".join(hxl.data(hxl.input.ArrayInput(rows)).gen_csv())


def _admin1_names(data_dir: Path) -> dict[str, str]:
    """Governorate code ('SY.08') → its registry name ('Rif-dimashq')."""
    places = gazetteer.all_places(data_dir)
    admin1 = places[places["kind"] == "admin1"]
    return dict(zip(admin1["admin1"], admin1["name"], strict=True))


def _place_columns(ds: Dataset, ids: pd.Series, prefix: str, names: dict[str, str],
                   full: bool) -> pd.DataFrame:  # fmt: skip
    """The registry's view of the places `ids` name: name, p-code and point (and with `full`
    the kind, governorate and country), empty where an id is blank."""
    known = ds.places_by_id.reindex(ids.fillna(""))
    out = pd.DataFrame(index=ids.index)
    out[f"{prefix}place"] = known["name"].to_numpy()
    out[f"{prefix}pcode"] = [_pcode(a) for a in known["aliases"]]
    out[f"{prefix}lat"] = known["lat"].to_numpy()
    out[f"{prefix}lon"] = known["lon"].to_numpy()
    if full:
        out["kind"] = known["kind"].to_numpy()
        out["admin1"] = [names.get(c, "") if isinstance(c, str) else "" for c in known["admin1"]]
        out["country"] = known["country"].to_numpy()
    return out


def _pcode(aliases: object) -> str:
    """The p-code among a place's aliases ('C2321@pcode' → 'C2321'), or ''."""
    if not isinstance(aliases, list):
        return ""
    return next((a.removesuffix(PCODE) for a in aliases if a.endswith(PCODE)), "")


def _dates(frame: pd.DataFrame, column: str) -> list[str | None]:
    return format_partials(frame[column], frame[f"{column}_precision"])


def _source_columns(ds: Dataset, cited: pd.Series) -> pd.DataFrame:
    """Each row's sources as parallel lists (ids, publisher, title, date, url), items joined
    with ';' (a ';' or '\\' inside an item escaped with '\\')."""
    fields = {"source": "publisher", "source_title": "title", "source_url": "url"}
    out = pd.DataFrame(index=cited.index)
    out["source_ids"] = [list(ids) for ids in cited]
    for name, column in fields.items():
        value = dict(zip(ds.sources["source_id"], ds.sources[column], strict=True))
        out[name] = [_joined(value.get(i) for i in ids) for ids in cited]
    dated = {s.source_id: format_partial(s.published_at.date(), s.published_at_precision or "day")
             for s in ds.sources.itertuples() if not pd.isna(s.published_at)}  # fmt: skip
    out["source_date"] = [_joined(dated.get(i) for i in ids) for ids in cited]
    return out


def _joined(items: Iterable[object]) -> str:
    return model.LIST_SEPARATOR.join(_escape(i) for i in items)


def _escape(item: object) -> str:
    if item is None or (not isinstance(item, str) and pd.isna(item)):
        return ""
    return str(item).replace("\\", "\\\\").replace(model.LIST_SEPARATOR, "\\;")


def _delivery_rows(ds: Dataset, names: dict[str, str]) -> pd.DataFrame:
    rows = ds.aid_deliveries.sort_values(["date", "delivery_id"]).reset_index(drop=True)
    out = rows[["delivery_id", "convoy_id", "date_precision", "date_text", "place_name",
                "organisations", "trucks", "beneficiaries", "figures_scope", "items",
                "reported_first_since_precision", "status", "quote", "notes"]].copy()  # fmt: skip
    out["date"] = _dates(rows, "date")
    out["reported_first_since"] = _dates(rows, "reported_first_since")
    places = _place_columns(ds, rows["destination_place_id"], "", names, full=True)
    origins = _place_columns(ds, rows["origin_place_id"], "origin_", names, full=False)
    return pd.concat([out, places, origins, _source_columns(ds, rows["source_ids"])], axis=1)


def _event_rows(ds: Dataset, names: dict[str, str]) -> pd.DataFrame:
    rows = ds.control_events.sort_values(["date", "seq", "event_id"]).reset_index(drop=True)
    out = rows[["event_id", "date_precision", "date_text", "seq", "place_name", "event_type",
                "actor_id", "opponent_id", "status", "claimed_by", "confirmed_by", "quote",
                "notes"]].copy()  # fmt: skip
    out["date"] = _dates(rows, "date")
    actors = ds.actors.set_index("actor_id")
    for role in ("actor", "opponent"):
        ids = rows[f"{role}_id"]
        out[role] = ids.map(actors["name"])
        out[f"{role}_side"] = ids.map(actors["side"])
    places = _place_columns(ds, rows["place_id"], "", names, full=True)
    return pd.concat([out, places, _source_columns(ds, rows["source_ids"])], axis=1)
