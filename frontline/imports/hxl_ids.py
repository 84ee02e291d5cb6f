"""Which record of ours each HXL row is, and at which revision: the link (`imported_rows`,
origin "hxl") that lets a re-import update what changed and leave the rest alone.

**Outside ids.** A file's own id (`#meta+id`) is kept as it is when it can only be one record:
an export of this store carries our record ids ("aid-2016-06-29-zamalka", "acled:SYR1234",
"hxl-…"), and read back it must give the same records. But HDX files mostly number their rows
("1", "007", "1.0", "R-12", "2016-001", "SYR-2016-0042"), so two unrelated files that both
number rows 1, 2, 3 would overwrite each other's records. Such a row counter (see `COUNTER`) is
namespaced by the file's name: outside id "convoys-2016:1", record id "hxl:convoys-2016:1". A
newer version of the same file (the same name) then updates its own rows and no other file's;
an export of those records carries "hxl:…", which is kept. A row without an id is known by a
hash of its cells, the same wherever it stands, in whichever file.

**Revisions.** HXL has no version stamp, so a row's revision is a hash of the row as written
(its raw cells): `batch.run` leaves a row whose revision the store already holds alone (an edit
made in the app since survives a re-import of the same file), and a changed row updates.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd

from frontline.imports.hxl_sheet import Sheet
from frontline.imports.hxl_tags import ID_FIELD, ORIGIN, TABLE_OF
from frontline.imports.links import LINK_COLUMNS
from frontline.names import plain

# A short code (at most 3 letters), then one or two numbers: a row's number, not a name.
COUNTER = re.compile(r"[A-Za-z]{0,3}[\W_]*\d+(?:[\W_]+\d+)?[A-Za-z]?", re.ASCII)
# Ids already namespaced: our content hashes ("hxl-…") and "word:…" ("hxl:", "acled:", "rev:").
NAMESPACED = re.compile(r"hxl-|[a-z]+:", re.ASCII)
STEM = 40  # characters of the file's name in a namespace


def ids(sheet: Sheet) -> tuple[list[str], list[str]]:
    """Each row's outside id and the id of its record (see the module's docstring)."""
    own = sheet.text(ID_FIELD[sheet.table]).tolist()
    space = namespace(sheet.origin)
    outside, records = [], []
    for position, cells in enumerate(sheet.cells.to_dict("records")):
        given = own[position]
        if given and is_counter(given):
            outside.append(f"{space}:{given}")
            records.append(f"{ORIGIN}:{space}:{given}")
            continue
        found = given or _content_id(cells)
        outside.append(found)
        records.append(found)
    return outside, records


def is_counter(given: str) -> bool:
    """True for an id another file may well use too: a row counter, or three characters."""
    if NAMESPACED.match(given):
        return False
    return len(given) <= 3 or COUNTER.fullmatch(given) is not None


def namespace(origin: str) -> str:
    """The file's name stem as an id part ('Convoys 2016 (v2).csv' → 'convoys-2016-v2'); a
    name with no Latin letter or digit ('قوافل.csv') by a hash, so two files still differ."""
    stem = Path(origin).stem
    named = re.sub(r"[^a-z0-9]+", "-", plain(stem).lower()).strip("-")[:STEM].strip("-")
    return named or "file-" + hashlib.sha256(stem.encode()).hexdigest()[:8]


def _content_id(cells: dict[str, str]) -> str:
    """A row without an id: a hash of its cells (the same row, the same id, wherever it
    stands in the file)."""
    content = json.dumps(sorted((k, v) for k, v in cells.items() if v), ensure_ascii=False)
    return f"{ORIGIN}-{hashlib.sha256(content.encode()).hexdigest()[:16]}"


def revision(raw: dict[str, str]) -> str:
    """A row's version: a hash of its cells as written, whatever order the columns stand in."""
    content = json.dumps(raw, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(content.encode()).hexdigest()[:16]


def links(sheet: Sheet, outside: list[str], records: pd.DataFrame) -> pd.DataFrame:
    """One link per row: its outside id, our record, its revision, no scope (an HXL file is
    never "the complete export" of anything, so nothing is ever withdrawn), its day and its
    cells."""
    spec = TABLE_OF[sheet.table]
    return pd.DataFrame({"external_id": outside, "table_name": spec.name,
                         "row_id": records[spec.key].tolist(),
                         "revision": [revision(r) for r in sheet.raw], "scope": None,
                         "day": records["date"].tolist(),
                         "raw": [json.dumps(r, ensure_ascii=False) for r in sheet.raw]},
                        columns=list(LINK_COLUMNS))  # fmt: skip
