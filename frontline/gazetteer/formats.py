"""Gazetteer files as places: a GeoNames country dump, an OCHA COD table, or a plain CSV.

Each reader returns rows in the places schema (`model.PLACES`) with a stable id per source
family (`gn:<geonameid>`, `pc:<p-code>`, `csv:<slug>`), plus the rows it could not use with the
reason. `frontline places add` and `tools/derive_reference.py` share these readers, so a user's
own SY.zip is read exactly as the bundled extract was.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from frontline import model
from frontline.errors import DataError
from frontline.gazetteer import keys
from frontline.io import csvfile
from frontline.names import plain

GEONAMES_COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "lat", "lon", "feature_class",
    "feature_code", "country", "cc2", "admin1", "admin2", "admin3", "admin4", "population",
    "elevation", "dem", "timezone", "modified",
)  # fmt: skip
# GeoNames feature codes Frontline maps; other features (streams, schools, hotels) are rejected.
GEONAMES_KINDS = {
    "PPLC": "town", "PPLA": "town", "PPLA2": "town", "PPLA3": "town", "PPLA4": "town",
    "PPLX": "neighbourhood", "ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3",
    "AIRB": "airbase", "AIRF": "airbase", "AIRP": "airbase", "AIRH": "airbase",
    "MILB": "military_base", "INSM": "military_base", "PSTB": "border_crossing",
    "DAM": "dam", "OILF": "oil_field", "GASF": "oil_field", "CMPRF": "camp", "CMP": "camp",
    "HLL": "hill", "HLLS": "hill", "MT": "hill", "RGN": "region", "PRT": "naval_base",
}  # fmt: skip
VILLAGE_BELOW = 10_000  # a GeoNames PPL under this population (or none) is a village
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@dataclass
class Read:
    """What a reader made of a file: places, rejected rows with (line, reason), and the file's
    line of each kept place (so a problem found later names the line a person can open, not the
    place's position among those kept); empty: line = position + 2, under a header."""

    places: pd.DataFrame
    rejected: list[tuple[int, str]] = field(default_factory=list)
    format: str = ""
    lines: list[int] = field(default_factory=list)

    def line(self, position: int) -> int:
        """The file's line of the place at `position` (0-based) in `places`."""
        return self.lines[position] if self.lines else position + 2


def tag_arabic(names: list[str]) -> list[str]:
    """GeoNames' alternate names carry no language: Arabic-script ones are tagged `@ar` (their
    script is certain; a few are Persian or Kurdish, which the tag then understates)."""
    return [f"{n}@ar" if _ARABIC.search(n) and "@" not in n else n for n in names]


def _unique(names: list[str]) -> str:
    return model.LIST_SEPARATOR.join(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def geonames_kind(code: str, population: int) -> str | None:
    """The kind of a GeoNames feature; None for what Frontline does not map, and for historical,
    abandoned and destroyed places (PPLH, PPLQ, PPLW, PPLCH), which would be false namesakes."""
    if code in GEONAMES_KINDS:
        return GEONAMES_KINDS[code]
    if code in {"PPLH", "PPLQ", "PPLW", "PPLCH"}:
        return None
    if code.startswith("PPL"):
        return "town" if population >= VILLAGE_BELOW else "village"
    return None


def read_geonames(path: Path, source: str | None = None) -> Read:
    """A GeoNames dump (`SY.txt`, `SY.zip`, cities15000 …): 19 tab-separated columns."""
    lines = _geonames_lines(path)
    rows, rejected, kept = [], [], []
    label = source or f"GeoNames {path.name} (CC BY 4.0)"
    for number, line in enumerate(lines, start=1):
        parts = line.rstrip("\n").split("\t")
        if len(parts) != len(GEONAMES_COLUMNS):
            rejected.append((number, f"{len(parts)} columns, not 19"))
            continue
        g = dict(zip(GEONAMES_COLUMNS, parts, strict=True))
        if not (g["population"] or "0").isdigit():
            rejected.append((number, f"population {g['population']!r} is not a whole number"))
            continue
        population = int(g["population"] or 0)
        kind = geonames_kind(g["feature_code"], population)
        if kind is None:
            rejected.append((number, f"feature code {g['feature_class']}.{g['feature_code']}"
                                     " is not a kind of place Frontline maps"))  # fmt: skip
            continue
        if g["name"].startswith(csvfile.FORMULA_STARTS):
            rejected.append((number, f"name {g['name'][:30]!r} would run as a spreadsheet "
                                     "formula"))  # fmt: skip
            continue
        alternates = g["alternatenames"].split(",") if g["alternatenames"] else []
        rows.append({
            "place_id": f"gn:{g['geonameid']}", "name": plain(g["name"]), "kind": kind,
            "lat": g["lat"], "lon": g["lon"], "country": g["country"],
            "admin1": f"{g['country']}.{g['admin1']}" if g["admin1"] else "",
            "population": str(population or ""),
            "aliases": _unique(tag_arabic([g["name"], g["asciiname"], *alternates])),
            "source": f"{label}, geonameid {g['geonameid']}",
        })  # fmt: skip
        kept.append(number)
    return Read(pd.DataFrame(rows, columns=model.PLACES.names), rejected, "geonames", kept)


def _geonames_lines(path: Path) -> list[str]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n]
            if len(members) != 1:
                raise DataError(f"expected one .txt in the zip, found {members}", file=str(path))
            return csvfile.decode(archive.read(members[0]), f"{path}:{members[0]}").splitlines()
    return csvfile.read_text(path).splitlines()


_COD_COLUMN = re.compile(r"^adm(?:in)?(\d)(?:name)?_?(en|ara?|pcode|cod|ref)$")
LAT = ("latitude", "lat", "y", "point_y")  # header spellings of the two coordinates
LON = ("longitude", "lon", "long", "lng", "x", "point_x")


def _cod_columns(columns: list[str]) -> dict[tuple[int, str], str]:
    """(admin level, role) → column, for COD headers of every vintage: `ADM3_PCODE`,
    `ADMIN3_COD`, `admin4Name_en`, `admin4Pcode`; bare `PCODE`/`NAME_EN` are the deepest level."""
    found: dict[tuple[int, str], str] = {}
    for column in columns:
        key = re.sub(r"[^a-z0-9_]", "", column.lower())
        match = _COD_COLUMN.match(key.replace("_", "")) or _COD_COLUMN.match(key)
        if match:
            role = {"cod": "pcode", "ara": "ar"}.get(match.group(2), match.group(2))
            found.setdefault((int(match.group(1)), role), column)
    deepest = max((level for level, _ in found), default=0) + 1
    for role, names in (("pcode", ("pcode", "p_code")), ("en", ("name_en", "nameen")),
                        ("ar", ("name_ara", "name_ar", "namear")),
                        ("ref", ("nam_en_ref", "name_en_ref"))):  # fmt: skip
        for column in columns:
            if column.lower() in names:
                found[(deepest, role)] = column
    return found


def is_cod(columns: list[str]) -> bool:
    """A table with p-codes and a name at some admin level: an OCHA Common Operational Dataset."""
    found = _cod_columns(columns)
    return any((level, "pcode") in found and (level, "en") in found for level, _ in found)


def read_cod(frame: pd.DataFrame, origin: str, source: str | None = None) -> Read:
    """An OCHA COD table (admin points or populated places), one place per row of its deepest
    level: id `pc:<p-code>`, English and Arabic names, the admin chain above it."""
    found = _cod_columns(list(frame.columns))
    levels = sorted({lv for lv, role in found if role == "pcode" and (lv, "en") in found})
    level = levels[-1]
    lat = next((c for c in frame.columns if c.lower() in LAT), None)
    lon = next((c for c in frame.columns if c.lower() in LON), None)
    if lat is None or lon is None:
        raise DataError("a COD table needs latitude and longitude columns", file=origin, row=1)
    named = [found[(level, role)] for role in ("en", "ref", "ar") if (level, role) in found]
    csvfile.raw_formulas(frame, named, origin)
    frame = csvfile.unneutralise(frame)
    bare = (level, "pcode") in found and found[(level, "pcode")].lower() in {"pcode", "p_code"}
    # a bare PCODE column is the populated places below the admin levels named beside it
    kind = None if bare else {1: "admin1", 2: "admin2", 3: "admin3"}.get(level)
    label = source or f"OCHA COD {Path(origin).name} (CC BY-IGO)"
    rows, rejected, kept = [], [], []
    lines = csvfile.row_numbers(frame)  # a blank line skipped still counts
    for number, row in zip(lines, frame.fillna("").astype(str).to_dict("records"), strict=True):
        pcode = row[found[(level, "pcode")]].strip()
        if not pcode:
            rejected.append((number, "no p-code"))
            continue
        names = [row.get(found.get((level, r), ""), "") for r in ("en", "ref")]
        arabic = row.get(found.get((level, "ar"), ""), "")
        capital = row.get("CAPIT_LVL", "").strip()
        chain = [row.get(found.get((lv, "en"), ""), "") for lv in (2, 3) if lv < level]
        areas = [*chain, *(row.get(found.get((lv, "ar"), ""), "") for lv in (2, 3) if lv < level)]
        rows.append({
            "place_id": f"pc:{pcode}", "name": names[0] or names[1], "lat": row[lat],
            "lon": row[lon], "kind": kind or ("town" if capital in {"1", "2", "3"} else "village"),
            "country": _cod_country(row, found, pcode), "admin2": chain[0] if chain else "",
            "admin3": chain[1] if len(chain) > 1 else "",
            "aliases": _unique([*names, _without_area(names[0], areas),
                                *(f"{a}@ar" for a in (arabic, _without_area(arabic, areas)) if a),
                                f"{pcode}@pcode"]),
            "source": f"{label}, p-code {pcode}",
        })  # fmt: skip
        kept.append(number)
    return Read(pd.DataFrame(rows, columns=model.PLACES.names), rejected, "cod", kept)


def _without_area(name: str, areas: list[str]) -> str:
    """The name without the district or sub-district OCHA appends to tell namesakes apart
    ('Kafr Naseh Tal Refaat' is Kafr Naseh of Tall Refaat; 'Ziyara Afrin', 'خالدية عفرين'):
    the news writes the village's own name. '' when it has none."""
    words = re.sub(r"\s+-\s*|\s*-\s+|\s*/\s*", " ", name).split()  # 'Abin - Efrin', 'A / B'
    for area in (a.removeprefix("مركز ") for a in areas):  # "مركز عفرين": Afrin's centre
        area_words = area.split()
        tail = " ".join(words[-len(area_words):]) if area_words else ""
        if 0 < len(area_words) < len(words) and _same_name(tail, area):
            own = words[:-len(area_words)]
            return " ".join(own[:-1] if own[-1] in {"قرب", "near"} and len(own) > 1 else own)
    return ""


def _same_name(a: str, b: str) -> bool:
    """Two spellings of one name: their light or vowel keys meet (an empty key meets nothing)."""
    return bool({keys.light(a), keys.vowels(a)} & {keys.light(b), keys.vowels(b)} - {""})


def _cod_country(row: dict, found: dict, pcode: str) -> str:
    for column in (found.get((0, "pcode")), found.get((1, "pcode"))):
        if column and row.get(column, "")[:2].isalpha():
            return row[column][:2].upper()
    return pcode[:2].upper() if pcode[:2].isalpha() else ""  # Syria's C1234 says nothing


def read_table(path: Path, source: str | None = None) -> Read:
    """A CSV: an OCHA COD table, or rows of name, lat, lon[, kind, country, aliases, …], read by
    the rules of `frontline.io.csvfile` (UTF-8, commas, no binary). A file with a header and
    no rows is refused: adding nothing is never what the person meant."""
    frame = csvfile.read_raw(path)
    if frame.empty:
        raise DataError("a header but no rows: no place to add", file=str(path), row=1)
    if is_cod(list(frame.columns)):
        return read_cod(frame, str(path), source)
    return read_plain(frame, str(path), source)


def read_plain(frame: pd.DataFrame, origin: str, source: str | None = None) -> Read:
    """Rows with at least name, lat and lon (kind village unless given); ids
    `csv:<country>-<slug of the name>` unless given, numbered where a name repeats. A column
    that is not one of the places schema's is refused, not dropped: `countyr` or `alias` would
    otherwise lose that column's data for every row without a word."""
    frame = frame.rename(columns=lambda c: c.strip().lower())
    frame = frame.rename(columns={**{c: "lat" for c in LAT}, **{c: "lon" for c in LON}})
    csvfile.check_columns(frame.columns, origin, required=("name", "lat", "lon"),
                          allowed=model.PLACES.names)  # fmt: skip
    if not frame.columns.is_unique:
        raise DataError("two columns name the same coordinate (lat and latitude?)", file=origin,
                        row=1)  # fmt: skip
    csvfile.raw_formulas(frame, ("name", "aliases"), origin)
    frame = csvfile.unneutralise(frame)
    label = source or f"{Path(origin).name}"
    frame = frame.copy()
    if "place_id" not in frame:
        country = frame.get("country", pd.Series("", index=frame.index)).str.lower()
        slugs = country.where(country == "", country + "-") + frame["name"].map(slug)
        repeat = slugs.groupby(slugs).cumcount()
        frame["place_id"] = "csv:" + slugs + repeat.map(lambda n: f"~{n + 1}" if n else "")
    frame["kind"] = frame.get("kind", pd.Series("", index=frame.index)).replace("", "village")
    lines = csvfile.row_numbers(frame)  # a blank line skipped still counts
    if "source" not in frame:
        frame["source"] = [f"{label}, row {line}" for line in lines]
    return Read(frame.reindex(columns=model.PLACES.names, fill_value=""), [], "csv", lines)


def slug(name: str) -> str:
    """An id part from a name: 'Tall Rif‘at' → 'tall-rifat'."""
    return re.sub(r"[^a-z0-9]+", "-", plain(name).lower()).strip("-") or "place"


def read_file(path: Path, source: str | None = None) -> Read:
    """Any supported gazetteer file, by its content: a zip or 19-column TSV is GeoNames."""
    if zipfile.is_zipfile(path) or _looks_like_geonames(path):
        return read_geonames(path, source)
    return read_table(path, source)


def _looks_like_geonames(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as f:
        first = f.readline()
    parts = first.split("\t")
    return len(parts) == len(GEONAMES_COLUMNS) and parts[0].strip().isdigit()


__all__ = ["Read", "slug", "read_cod", "read_file", "read_geonames", "read_plain", "read_table"]
