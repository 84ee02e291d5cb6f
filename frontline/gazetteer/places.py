"""The place registry: every place Frontline knows, one row each, in the places schema.

Bundled rows come from `data/gazetteer/`: the hand-curated places (`curated.csv`, ids `fl:`), the
governorates (`admin1.csv`), and `registry.csv`, derived by `tools/derive_registry.py` from
GeoNames (`gn:`), OCHA's p-coded communities, neighbourhoods and sub-districts (`pc:`) and
Wikipedia's detailed-map points (`wm:`), merged so that a place appears once. Extra names come
from `aliases.csv` (by hand) and `registry_aliases.csv` (derived). Places a user adds
(`frontline places add`, imports) live in the store and join these through `with_added`. The
loader, the forms, the pages and the geocoder's index all read this one registry.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from frontline import model, validation
from frontline.errors import DataError
from frontline.io import csvfile
from frontline.names import fold, split_tag

REGISTRY_FILE = "gazetteer/registry.csv"
ADMIN1_FILE = "gazetteer/admin1.csv"  # governorates of Syria and Iraq
ALIASES_FILE = "gazetteer/aliases.csv"  # spellings by hand, each with its source
REGISTRY_ALIASES_FILE = "gazetteer/registry_aliases.csv"  # derived names of curated places
FILES = (model.PLACES.file, ADMIN1_FILE, REGISTRY_FILE, ALIASES_FILE, REGISTRY_ALIASES_FILE)


def curated_places(data_dir: Path, file: str = model.PLACES.file) -> pd.DataFrame:
    """A hand-curated or derived file in the places schema, each row with its source: its cells
    as written, by the rules of `frontline.io.csvfile` (`read_raw`: a curated file holds no
    exported, neutralised cells), so that a problem is named at the row a spreadsheet shows."""
    path = data_dir / file
    return validation.coerce(model.PLACES, csvfile.read_raw(path), origin=str(path))


def all_places(data_dir: Path) -> pd.DataFrame:
    """Every bundled place, curated rows first, with the extra aliases of both alias files
    (read once per process while the files stay as they are: a copy each call)."""
    stamp = tuple((f, (data_dir / f).stat().st_mtime_ns, (data_dir / f).stat().st_size)
                  for f in FILES)  # fmt: skip
    return _read_all(data_dir, stamp).copy()


@lru_cache(maxsize=4)
def _read_all(data_dir: Path, stamp: tuple) -> pd.DataFrame:
    places = pd.concat(
        [curated_places(data_dir, f) for f in (model.PLACES.file, ADMIN1_FILE, REGISTRY_FILE)],
        ignore_index=True,
    )
    _check_unique(places, data_dir)
    files = (ALIASES_FILE, REGISTRY_ALIASES_FILE)
    extra = pd.concat([_aliases(data_dir / f, places) for f in files])
    extra = extra.groupby("place_id")["alias"].agg(list).to_dict()
    places["aliases"] = [
        a + [x for x in extra.get(pid, []) if x not in a]
        for pid, a in zip(places["place_id"], places["aliases"], strict=True)
    ]
    return places


def _check_unique(places: pd.DataFrame, data_dir: Path) -> None:
    twice = places["place_id"].duplicated()
    if twice.any():
        pid = places["place_id"][twice].iloc[0]
        raise DataError(f"place id {pid!r} is in more than one registry file",
                        file=str(data_dir / model.PLACES.file), field="place_id")  # fmt: skip


def _aliases(path: Path, places: pd.DataFrame) -> pd.DataFrame:
    raw = csvfile.read_raw(path)
    unknown = (~raw["place_id"].isin(places["place_id"])).to_numpy()
    if unknown.any():
        first = int(unknown.argmax())
        raise DataError(f"unknown place id {raw['place_id'].iloc[first]!r}", file=str(path),
                        row=csvfile.row_numbers(raw)[first], field="place_id")  # fmt: skip
    return raw


def with_added(bundled: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """The registry as one store sees it: the bundled places, with the names and sources the
    store's copy of a place gained (its point, kind and chain stay the bundled ones, so a
    corrected registry reaches places already in use), and the places users added."""
    if stored.empty:
        return bundled
    stored = stored[model.PLACES.names].set_index("place_id")
    out = bundled.copy()
    for column in ("aliases", "source"):  # whole columns: cells of lists do not assign by mask
        own = stored[column].to_dict()  # one lookup a place (`.at` per place: a second a call)
        out[column] = [_union(b, own[pid], column) if pid in own else b
                       for pid, b in zip(out["place_id"], out[column], strict=True)]  # fmt: skip
    added = stored[~stored.index.isin(out["place_id"])].reset_index()
    return pd.concat([out, added], ignore_index=True)


def _union(bundled, stored, column: str):
    if column == "aliases":
        return [*bundled, *(a for a in stored if a not in bundled)]
    return stored if bundled in stored else f"{bundled}; {stored}"  # sources only ever grow


def label(place: dict) -> str:
    """How a picker shows a place: its name, up to three other names a person may type (the
    picker matches any of them), kind, district and country, so namesakes can be told apart:
    'Dabeq / دابق / Dabiq (village, A'zaz, SY)'."""
    names = [place["name"]]
    for alias in place["aliases"]:
        name, tag = split_tag(alias)
        if tag != "pcode" and fold(name) not in {fold(n) for n in names} and len(names) < 4:
            names.append(name)
    where = [place["kind"].replace("_", " "), place.get("admin2"), place["country"]]
    return f"{' / '.join(names)} ({', '.join(w for w in where if isinstance(w, str) and w)})"


def known_names(place: pd.Series) -> set[str]:
    """Folded name and aliases of one place: what a source may call it."""
    names = [place["name"], *(split_tag(a)[0] for a in place["aliases"])]
    return {fold(n) for n in names if n}
