"""Where each HXL row happened: its place (and a delivery's origin) found on the place
registry or added, through `locate.locate` — the one matcher every importer shares, so an HXL
row and an ACLED event at the same town land on the same place.

A row is refused when it names no place at all, or names one that cannot be placed (no p-code or
name the registry knows, and no point to add it by); a latitude or longitude that is not a
number, or is off the globe, is named by its own column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from frontline import model
from frontline.config import Settings
from frontline.errors import DataError
from frontline.gazetteer import Gazetteer
from frontline.imports import locate
from frontline.imports.hxl_sheet import Sheet


@dataclass
class Placed:
    """Each row's place ids by end ("": the place, "origin_": a delivery's origin)."""

    ids: dict[str, list[str]]
    places: pd.DataFrame
    counts: dict[str, int]


def place_rows(sheet: Sheet, settings: Settings, engine: Engine, gazetteer: Gazetteer,
            errors: list[DataError]) -> Placed:  # fmt: skip
    """Every row's place (and a delivery's origin) by `locate.locate`, in one call, so that a
    new location that several rows name becomes one place; a row that names a place that
    cannot be placed is an error."""
    ends = ["", "origin_"] if sheet.table == "deliveries" else [""]
    parts = [_locations(sheet, end, errors) for end in ends]
    rows = pd.concat(parts, ignore_index=True)
    wanted = rows.pop("wanted").to_numpy(dtype=bool)
    found = locate.locate(rows[wanted], settings, engine, gazetteer,
                          source=f"HXL file {Path(sheet.origin).name}",
                          id_prefix="hxl:")  # fmt: skip
    ids = pd.Series("", index=rows.index, dtype=object)
    ids[wanted] = found.place_ids.to_numpy()
    n, out = len(sheet.cells), {}
    for k, end in enumerate(ends):
        mine = ids.iloc[k * n : (k + 1) * n].tolist()
        out[end] = mine
        for position in range(n):
            if wanted[k * n + position] and not mine[position]:
                errors.append(sheet.error(position, f"{end}place", "cannot be placed: no "
                                          "p-code or name the registry knows here, and no "
                                          "name with a point to add it by"))  # fmt: skip
    return Placed(out, found.places, found.counts)


def _locations(sheet: Sheet, end: str, errors: list[DataError]) -> pd.DataFrame:
    """The rows as `locate.locate` takes them, and `wanted` where the row names this place
    with a usable point or none (the place always: a row without one is named here; an
    origin when any of its cells is filled)."""
    name, pcode = sheet.text(f"{end}place"), sheet.text(f"{end}pcode")
    lat = _coordinate(sheet, f"{end}lat", 90, errors)
    lon = _coordinate(sheet, f"{end}lon", 180, errors)
    bad = (lat.isna() & (sheet.text(f"{end}lat") != "")) | (
        lon.isna() & (sheet.text(f"{end}lon") != "")
    )
    filled = (name != "") | (pcode != "") | (sheet.text(f"{end}lat") != "")
    country, kind, admin1 = "", "town", ""
    if not end:
        code = sheet.text("country").str.upper()
        country = code.where(code.str.fullmatch("[A-Z]{2}"), "")
        kind = sheet.text("kind").where(sheet.text("kind").isin(model.PLACE_KINDS), "town")
        admin1 = sheet.text("admin1")
        for position in [p for p, named in enumerate(filled.tolist()) if not named]:
            errors.append(sheet.error(position, "place", "is required: a place name, p-code "
                                      "or point"))  # fmt: skip
    return pd.DataFrame({"name": name, "lat": lat, "lon": lon, "country": country,
                         "pcode": pcode, "kind": kind, "admin1": admin1,
                         "tolerance_km": locate.DEFAULTS["tolerance_km"],
                         "wanted": filled & ~bad})  # fmt: skip


def _coordinate(sheet: Sheet, field: str, limit: float, errors: list[DataError]) -> pd.Series:
    """A latitude or longitude column as numbers (NaN where blank), each bad one named."""
    out = []
    for position, text in enumerate(sheet.text(field)):
        value = math.nan
        if text:
            try:
                value = float(text)
            except ValueError:
                errors.append(sheet.error(position, field, f"{text!r} is not a number"))
            else:
                if not -limit <= value <= limit:
                    errors.append(sheet.error(position, field, f"{text} is outside "
                                              f"-{limit:g}…{limit:g}"))  # fmt: skip
                    value = math.nan
        out.append(value)
    return pd.Series(out, index=sheet.cells.index, dtype=float)
