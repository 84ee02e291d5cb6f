"""An older release's ACLED row in the current release's cells.

An imported row is kept as its release wrote it; the export writes every row in the current
columns, so one file reads the same whichever release each event came from.
"""

from __future__ import annotations

from frontline.exports.acled_derived import REGION, cell
from frontline.imports import acled_columns as columns


def current(row: dict, was: dict) -> dict:
    """An older release's row in the current release's cells: ISO dates, actor types as text,
    the event type split into type and sub-event type, the numeric ISO code given."""
    out = {c: row.get(c) or "" for c in columns.CURRENT}  # text cells (JSON's strings)
    if was["acled_day"] is not None and out["event_date"] == was["event_date"]:
        out["event_date"] = f"{was['acled_day']:%Y-%m-%d}"
    names = []
    for name in ("inter1", "inter2"):
        out[name] = _INTER_TEXT.get(out[name]) or _inter_text(out[name])
        names.append(out[name])
    if out["interaction"].isdigit():
        out["interaction"] = "-".join(n for n in names if n) if names[1] else f"{names[0]} only"
    if out["sub_event_type"] == "":  # an old release's one event type
        out["event_type"], out["sub_event_type"] = was["event_type"], was["sub_event_type"]
    out["disorder_type"] = out["disorder_type"] or columns.DISORDER.get(out["event_type"], "")
    found = columns.BY_ISO2.get(was["country"])
    out["iso"] = out["iso"] or (str(found.iso) if found else "")
    out["region"] = out["region"] or REGION
    return out


def merged_tags(acled: object, ours: str) -> str:
    """ACLED's tags without any of Frontline's, then ours."""
    kept = [part.strip() for part in cell(acled).split(";")
            if part.strip() and not part.strip().lower().startswith("frontline ")]  # fmt: skip
    return "; ".join([*kept, *([ours] if ours else [])])


_INTER_TEXT: dict[str, str] = {}


def _inter_text(given: str) -> str:
    """An inter code as the current release writes it ("1" → "State forces"), remembered."""
    code = columns.inter_code(given)
    _INTER_TEXT[given] = columns.INTER_NAMES[code] if code else given
    return _INTER_TEXT[given]
