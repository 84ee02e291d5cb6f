"""Write a realistic synthetic dataset that the app, the CLI and the benchmarks can be pointed at.

The curated data/ holds one report's worth of facts; the pages, the store and the control engine
must also stay usable at war scale (issue 6). This script writes --events events (about 85 %
control events, 15 % aid deliveries) over five years (2012–2016) at real places of Syria and
Iraq: towns, villages, air bases, military bases, border crossings and dams of the place
registry (data/gazetteer), picked with a probability rising with population, so big towns get many
events. Each place gets a plausible history (held → besieged → siege lifted or captured by
another actor, entered, contested, attacked, withdrew), played through `control.step` as the app
will; actors act where and when they plausibly did (Peshmerga in northern Iraq, the SDF from
October 2015, Russian aircraft from September 2015 …). Aid convoys reach one or several nearby
places, often besieged ones. Every fact cites one synthetic weekly "situation report" whose text
is the fact's quote, so `read_dataset` checks it as it checks curated data. The publisher is
"Synthetic benchmark data": nobody should mistake it for reporting. Same --seed, same files.

It prints one JSON object: counts, seconds to generate, the paths, and with --time-load the
seconds of `read_dataset`, of `store.load` into a fresh SQLite file DIR/frontline.sqlite and of
`store.read_tables`.

    .venv/bin/python benchmarks/make_synthetic.py --events 100000 --out /tmp/syn --time-load
    FRONTLINE_DATA_DIR=/tmp/syn/data FRONTLINE_SEEDS_DIR=/tmp/syn/seeds \\
        FRONTLINE_DATABASE_URL=sqlite:////tmp/syn/frontline.sqlite .venv/bin/frontline run
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from frontline import control, gazetteer, model
from frontline.dates import format_partial, parse_partial
from frontline.names import fold, split_tag

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
START, DAYS = dt.date(2012, 1, 1), (dt.date(2016, 12, 31) - dt.date(2012, 1, 1)).days + 1
AID_SHARE = 0.15
EVENTS_PER_PLACE = 20
PLACE_KINDS = ("town", "village", "airbase", "military_base", "border_crossing", "dam", "district",
               "camp")
FACILITY_POPULATION = 30_000  # air bases, crossings and dams weigh as a middling town
PUBLISHER = "Synthetic benchmark data"
# id, name, aliases, colour (Paul Tol's palette, apart from Okabe-Ito's), side, parent
NEW_ACTORS = [
    ("pmf", "Popular Mobilization Forces",
     "PMF;Popular Mobilization Forces;Popular Mobilisation Forces;Hashd al-Shaabi", "#882255",
     "government", "iraqi-forces"),
    ("peshmerga", "Kurdish Peshmerga", "Peshmerga;Kurdish Peshmerga;Iraqi Kurdish forces",
     "#999933", "kurdish-led", ""),
    ("ypg", "People's Protection Units",
     "YPG;People's Protection Units;Syrian Kurdish fighters;Kurdish YPG", "#661100",
     "kurdish-led", "sdf"),
    ("fsa", "Free Syrian Army", "FSA;Free Syrian Army;Free Syrian Army factions", "#332288",
     "opposition", "rebels"),
    ("nusra", "Nusra Front", "Nusra Front;al-Nusra Front;Jabhat al-Nusra;Jabhat Fatah al-Sham",
     "#888888", "jihadist", ""),
]  # fmt: skip
CAMPS = {"syrian-government": "sygov", "russia": "sygov", "iraqi-forces": "iqgov", "pmf": "iqgov",
         "peshmerga": "iqgov", "rebels": "opp", "fsa": "opp", "nsa": "opp", "nusra": "nusra",
         "is": "is", "sdf": "kurd", "ypg": "kurd", "us-led-coalition": "coalition"}  # fmt: skip
FEUDS = {frozenset(p): w for p, w in [  # camps that fight less than sworn enemies do
    (("sygov", "kurd"), 0.1), (("opp", "kurd"), 0.3), (("opp", "nusra"), 0.2),
    (("kurd", "nusra"), 0.5), (("coalition", "is"), 1.0), (("coalition", "nusra"), 0.3),
]}  # fmt: skip
AIR_POWERS = ("us-led-coalition", "russia", "syrian-government")
CONFIRMERS = {"SY": ["Syrian Observatory for Human Rights", "UN OCHA", "local activists"],
              "IQ": ["Iraqi Joint Operations Command", "UN OCHA", "local officials"]}  # fmt: skip
CLAIMANTS = {"is": "Aamaq news agency", "syrian-government": "Syrian state media SANA",
             "iraqi-forces": "Iraqi Joint Operations Command"}  # fmt: skip
ORGANISATIONS = {
    "SY": ["International Committee of the Red Cross", "United Nations",
           "Syrian Arab Red Crescent", "World Food Programme", "UNICEF",
           "World Health Organization", "Doctors Without Borders (MSF)", "UNRWA"],
    "IQ": ["UNHCR", "World Food Programme", "UNICEF", "International Organization for Migration",
           "Iraqi Red Crescent Society", "World Health Organization",
           "International Committee of the Red Cross"],
}  # fmt: skip
ITEMS = ["food", "medical", "nutrition", "water", "hygiene", "shelter", "winterisation",
         "education", "fuel"]  # fmt: skip
STRONGHOLDS = {fold(n) for n in ["Damascus", "Latakia", "Tartus", "Baghdad", "Basrah", "Erbil",
                                   "Sulaymaniyah", "Karbala", "Najaf"]}  # fmt: skip
HUBS = {fold(n) for n in ["Damascus", "Aleppo", "Homs", "Qamishli", "Baghdad", "Erbil", "Dihok"]}
STATUSES = [("reported", 0.85), ("confirmed", 0.07), ("claimed", 0.05), ("disputed", 0.03)]
PRECISIONS = [("day", 0.9), ("month", 0.07), ("year", 0.03)]


def _day(offset: int) -> dt.date:
    return START + dt.timedelta(days=int(offset))


def since(actor: str, country: str) -> dt.date:
    """When `actor` began fighting in `country` (dates of entry are coarse but real)."""
    return {
        ("is", "SY"): dt.date(2013, 4, 9), ("is", "IQ"): dt.date(2014, 1, 1),
        ("sdf", "SY"): dt.date(2015, 10, 10), ("ypg", "SY"): dt.date(2012, 7, 19),
        ("nsa", "SY"): dt.date(2015, 11, 15), ("pmf", "IQ"): dt.date(2014, 6, 13),
        ("russia", "SY"): dt.date(2015, 9, 30), ("us-led-coalition", "IQ"): dt.date(2014, 8, 8),
        ("us-led-coalition", "SY"): dt.date(2014, 9, 23),
    }.get((actor, country), START)  # fmt: skip


def kurdistan(lat: float, lon: float) -> bool:
    """The Kurdistan Region of Iraq, roughly: Dahuk, Erbil, Sulaymaniyah."""
    return (lat > 36.5 and lon > 42.5) or (lon > 43.8 and lat > 35.6) or (lon > 45 and lat > 34.8)


def reach(actor: str, country: str, lat: float, lon: float) -> float:
    """How much `actor` fights at this point (0: never): each where it plausibly did."""
    if country == "SY":
        north_kurdish = (lat > 35.9 and lon > 37.8) or (lat > 36.35 and lon < 37.1)
        weights = {
            "syrian-government": 1.0, "russia": 0.5 if lon < 39 else 0.2,
            "rebels": 1.0 if lon < 38.5 else 0.1, "fsa": 0.8 if lon < 38.5 else 0.05,
            "nusra": 0.6 if lon < 38 else 0.05, "nsa": 1.0 if lon > 38.5 and lat < 35.5 else 0,
            "is": 1.0 if lon > 38 else 0.3 if lon > 37 else 0.05,
            "sdf": 1.0 if north_kurdish else 0, "ypg": 1.0 if north_kurdish else 0,
            "us-led-coalition": 1.0 if lon > 37.5 else 0.1,
        }  # fmt: skip
    else:
        south = lat < 32.3
        weights = {
            "iraqi-forces": 1.0, "pmf": 0.2 if south else 0.8,
            "peshmerga": 1.0 if kurdistan(lat, lon) or (lat > 34.3 and lon > 42.5) else 0,
            "is": 0.05 if south or kurdistan(lat, lon) else 1.0,
            "us-led-coalition": 0.1 if south else 0.8,
        }  # fmt: skip
    return weights.get(actor, 0.0)


@functools.cache
def enmity(a: str, b: str | None) -> float:
    """How likely `a` fights `b`: 0 for allies, 1 for sworn enemies."""
    if b is None:
        return 1.0
    pair = frozenset((CAMPS[a], CAMPS[b]))
    if len(pair) == 1:
        return 0.0
    return FEUDS.get(pair, 0.0 if "coalition" in pair else 1.0)


def first_holder(country: str, lat: float, lon: float) -> str:
    if country == "IQ":
        return "peshmerga" if kurdistan(lat, lon) else "iraqi-forces"
    return "syrian-government"


# --- places -------------------------------------------------------------------------------------


def copy_reference(data_dir: Path) -> None:
    """Copy the place registry and the boundaries: the synthetic events happen at real places."""
    for folder in ("gazetteer", "boundaries"):
        shutil.copytree(REPO_DATA / folder, data_dir / folder, dirs_exist_ok=True)


def candidate_places(data_dir: Path) -> pd.DataFrame:
    """Populated places and facilities of Syria and Iraq, with a weight rising with population."""
    places = gazetteer.all_places(data_dir)
    places = places[places["country"].isin(["SY", "IQ"]) & places["kind"].isin(PLACE_KINDS)]
    population = places["population"].fillna(0).astype(float)
    facility = ~places["kind"].isin(["town", "village", "district", "camp"])
    population = population.where(~facility, FACILITY_POPULATION).clip(lower=2_000)
    return places.assign(weight=population.to_numpy() ** 0.6).reset_index(drop=True)


def add_hamlets(
    data_dir: Path, candidates: pd.DataFrame, count: int, rng: np.random.Generator
) -> pd.DataFrame:
    """Top the registry up with `count` generated villages, each 2–6 km from a real town or
    village of the same country, for a benchmark that needs more places than the registry holds
    (issue 13: 1,000,000 events over 20,000 places). They are written to the dataset's curated
    places, named "Synthetic hamlet N" and sourced as generated, so nobody takes one for a real
    place; returns the candidates with them."""
    near = candidates[candidates["kind"].isin(["town", "village"])]
    base = near.iloc[rng.integers(0, len(near), count)].reset_index(drop=True)
    angle, km = rng.uniform(0, 2 * np.pi, count), rng.uniform(2, 6, count)
    lat = base["lat"].astype(float) + km / 111.0 * np.cos(angle)
    lon = base["lon"].astype(float) + km / (111.0 * np.cos(np.radians(lat))) * np.sin(angle)
    hamlets = pd.DataFrame({
        "place_id": [f"syn:h{i:05d}" for i in range(count)],
        "name": [f"Synthetic hamlet {i + 1}" for i in range(count)],
        "kind": "village", "lat": lat.round(5), "lon": lon.round(5),
        "country": base["country"], "admin1": base["admin1"], "population": 500,
        "source": f"{PUBLISHER}: a generated hamlet, not a real place",
    })  # fmt: skip
    curated = data_dir / model.PLACES.file
    rows = pd.read_csv(curated, dtype=str, keep_default_na=False)
    table = pd.concat([rows, hamlets.astype(str)], ignore_index=True)
    table = table.reindex(columns=model.PLACES.names, fill_value="")
    table.to_csv(curated, index=False, lineterminator="\n")
    weight = np.full(count, candidates["weight"].min())  # as small as the smallest real place
    hamlets = hamlets.assign(aliases=[[] for _ in range(count)], weight=weight)
    return pd.concat([candidates, hamlets], ignore_index=True)


def choose_places(places: pd.DataFrame, count: int, rng: np.random.Generator) -> pd.DataFrame:
    """`count` places drawn without replacement, bigger ones likelier."""
    count = max(1, min(count, len(places)))
    p = places["weight"].to_numpy() / places["weight"].sum()
    picked = np.sort(rng.choice(len(places), size=count, replace=False, p=p))
    return places.iloc[picked].reset_index(drop=True)


def spoken_names(place: dict) -> list[str]:
    """Names a source may write: the display name, then Latin-script aliases."""
    own = fold(place["name"])
    names = [n for n, tag in map(split_tag, place["aliases"]) if tag != "pcode"]
    extra = [a for a in names if a.isascii() and len(fold(a)) > 2 and fold(a) != own]
    return [place["name"], *sorted(set(extra))[:3]]


@dataclass
class Place:
    """A chosen place as plain Python values, with who fights there (actor, weight, since)."""

    index: int
    place_id: str
    country: str
    lat: float
    lon: float
    names: list[str]
    fighters: list[tuple[str, float, dt.date]]
    stronghold: bool  # a capital or heartland city: attacked, never taken


def as_places(chosen: pd.DataFrame) -> list[Place]:
    out = []
    for i, row in enumerate(chosen.to_dict("records")):
        where = (row["country"], float(row["lat"]), float(row["lon"]))
        fighters = [(a, reach(a, *where), since(a, row["country"])) for a in sorted(CAMPS)]
        fighters = [f for f in fighters if f[1] > 0]
        stronghold = fold(row["name"]) in STRONGHOLDS
        out.append(Place(i, row["place_id"], *where, spoken_names(row), fighters, stronghold))
    return out


# --- control events -----------------------------------------------------------------------------


@dataclass
class Story:
    """One place's generated history: its events and the days it was besieged."""

    events: list[dict] = field(default_factory=list)
    sieges: list[tuple[int, int, str]] = field(default_factory=list)  # start, end day, besieger


@dataclass
class Context:
    rng: np.random.Generator
    actor_names: dict[str, str]


def pick(rng: np.random.Generator, options: list[tuple[str, float]]) -> str | None:
    """One key, drawn with probability proportional to its weight (None if all weigh 0)."""
    total = sum(w for _, w in options)
    if total <= 0:
        return None
    u = rng.random() * total
    for key, weight in options:
        u -= weight
        if u < 0 and weight > 0:
            return key
    return next(k for k, w in reversed(options) if w > 0)


def enemies(place: Place, day: dt.date, holder: str | None) -> list[tuple[str, float]]:
    """Ground forces fighting `holder` here on `day`, with how hard they press."""
    return [(a, w * enmity(a, holder)) for a, w, start in place.fighters
            if day >= start and a not in ("us-led-coalition", "russia")]  # fmt: skip


def _enemy(ctx: Context, place: Place, day: dt.date, holder: str | None) -> str | None:
    return pick(ctx.rng, enemies(place, day, holder))


def _striker(ctx: Context, place: Place, day: dt.date, holder: str | None) -> str | None:
    """Who attacks: an air power at war with the holder, else a ground enemy."""
    air = pick(ctx.rng, [(a, w * enmity(a, holder)) for a, w, start in place.fighters
                         if day >= start and a in AIR_POWERS])  # fmt: skip
    if air is not None and ctx.rng.random() < 0.4:
        return air
    return _enemy(ctx, place, day, holder)


NEXT = [("held", 1.5), ("attacked", 3.0), ("entered", 0.5), ("contested", 0.3),
        ("captured", 0.6), ("withdrew", 0.15), ("lost", 0.1)]  # fmt: skip


def next_event(
    ctx: Context, place: Place, day: dt.date, s: control.State
) -> tuple[str, str | None, str | None]:
    """The next event type, actor and opponent, given the place's state."""
    holder = s.controller
    if holder is None:
        if day < dt.date(2013, 1, 1) or ctx.rng.random() < 0.5:
            return "held", first_holder(place.country, place.lat, place.lon), None
        return "captured", _enemy(ctx, place, day, None), None
    against = enemies(place, day, holder)
    enemy = s.besieger or pick(ctx.rng, against)
    if enemy is None:
        return "held", holder, None
    if not s.besieger and (place.stronghold or ctx.rng.random() > sum(w for _, w in against)):
        # a quiet front (or a capital): the holder holds, an enemy strikes now and then
        return ("attacked", enemy, holder) if ctx.rng.random() < 0.35 else ("held", holder, None)
    kind = pick(ctx.rng, [*NEXT, ("siege_lifted", 0.5) if s.besieger else ("besieged", 0.5)])
    if kind == "held":
        return kind, holder, None
    if kind == "attacked":
        return kind, _striker(ctx, place, day, holder) or enemy, holder
    if kind in ("withdrew", "lost"):
        return kind, holder, enemy
    if kind == "siege_lifted":
        return kind, holder, s.besieger
    return kind, enemy, holder  # captured, entered, contested, besieged


def _status(ctx: Context, country: str, actor: str | None) -> dict:
    status = pick(ctx.rng, STATUSES) if actor else "reported"
    out = {"status": status, "claimed_by": "", "confirmed_by": ""}
    if status in ("claimed", "disputed") and actor:
        out["claimed_by"] = CLAIMANTS.get(actor, ctx.actor_names[actor])
    elif status == "confirmed":
        out["confirmed_by"] = pick(ctx.rng, [(c, 1.0) for c in CONFIRMERS[country]])
    return out


def _precision(rng: np.random.Generator, true_day: dt.date, last: dt.date) -> tuple[dt.date, str]:
    """Mostly day-precise; some facts known to the month or year only (dated at its start),
    never earlier than the place's previous fact."""
    precision = pick(rng, PRECISIONS)
    anchor = {"day": true_day, "month": true_day.replace(day=1),
              "year": true_day.replace(month=1, day=1)}[precision]  # fmt: skip
    return (anchor, precision) if anchor >= last else (true_day, "day")


def _when(day: dt.date, precision: str) -> str:
    if precision == "year":
        return f"in {day.year}"
    if precision == "month":
        return f"in {day:%B %Y}"
    return f"on {day.day} {day:%B %Y}"


QUOTES = {
    "captured": "{actor} captured {place} from {opponent} {when}.",
    "held": "{place} remained in the hands of {actor} {when}.",
    "attacked": "{actor} attacked positions of {opponent} in {place} {when}.",
    "entered": "{actor} entered {place} {when}, fighting {opponent} street by street.",
    "contested": "{place} was contested between {actor} and {opponent} {when}.",
    "besieged": "{actor} besieged {place}, held by {opponent}, {when}.",
    "siege_lifted": "{actor} broke the siege of {place} by {opponent} {when}.",
    "withdrew": "{actor} withdrew from {place} {when}, leaving it to {opponent}.",
    "lost": "{actor} lost {place} to {opponent} {when}.",
}


def quote(event: dict, names: dict[str, str], when: str) -> str:
    text = QUOTES[event["event_type"]].format(
        actor=names.get(event["actor_id"], "Unidentified fighters"),
        opponent=names.get(event["opponent_id"], "their opponents"),
        place=event["place_name"],
        when=when,
    )
    if event["status"] == "claimed":
        return f"{event['claimed_by']} claimed that {text}"
    if event["status"] == "disputed":
        return f"{event['claimed_by']} said that {text[:-1]}, a claim others disputed."
    return text


def place_story(ctx: Context, place: Place, count: int) -> Story:
    """`count` events at one place in date order, its state played through `control.step`."""
    rng, story, s = ctx.rng, Story(), control.UNKNOWN
    names, last, seq = place.names, START, defaultdict(int)
    names_odds = [(n, 1.0) for n in names]
    siege_start: int | None = None
    for offset in np.sort(rng.integers(0, DAYS, count)):
        true_day = _day(offset)
        kind, actor, opponent = next_event(ctx, place, true_day, s)
        day, precision = _precision(rng, true_day, last)
        event = {"date": format_partial(day, precision), "date_precision": precision,
                 "seq": seq[day], "date_text": "", "place_id": place.place_id,
                 "place_name": names[0] if rng.random() < 0.85 else pick(rng, names_odds),
                 "event_type": kind, "actor_id": actor or "", "opponent_id": opponent or "",
                 **_status(ctx, place.country, actor), "day": true_day,
                 "country": place.country}  # fmt: skip
        event["quote"] = quote(event, ctx.actor_names, _when(day, precision))
        story.events.append(event)
        seq[day] += 1
        last = day
        if event["status"] in control.UNSETTLED:
            continue
        after = control.step(s, kind, actor, opponent)
        if after.besieger and not s.besieger:
            siege_start = int(offset)
        elif s.besieger and not after.besieger and siege_start is not None:
            story.sieges.append((siege_start, int(offset), s.besieger))
        s = after
    if s.besieger and siege_start is not None:
        story.sieges.append((siege_start, DAYS, s.besieger))
    return story


def allot(total: int, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Split `total` events over places: at least one each, the rest in proportion to weight."""
    extra = rng.multinomial(total - len(weights), weights / weights.sum())
    return extra + 1


# --- aid deliveries -----------------------------------------------------------------------------


@dataclass
class Atlas:
    """What convoys are drawn from: the chosen places, their weights and the sieges."""

    places: list[Place]
    weight: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    country: np.ndarray
    sieges: np.ndarray  # rows of (place index, first day, day it ended), as day offsets
    hubs: np.ndarray  # big towns that convoys may leave from

    @classmethod
    def of(cls, places: list[Place], weight: np.ndarray, sieges: list[tuple]) -> Atlas:
        hubs = np.array([p.index for p in places if fold(p.names[0]) in HUBS], dtype=np.int64)
        return cls(places, weight / weight.sum(), np.array([p.lat for p in places]),
                   np.array([p.lon for p in places]), np.array([p.country for p in places]),
                   np.array(sieges, dtype=np.int64).reshape(-1, 3), hubs)  # fmt: skip

    def hub(self, destinations: list[int]) -> int | None:
        """The nearest hub of the destinations' country that is not one of them."""
        first = destinations[0]
        hubs = [h for h in self.hubs if self.country[h] == self.country[first]
                and h not in destinations]  # fmt: skip
        if not hubs:
            return None
        distance = (self.lat[hubs] - self.lat[first]) ** 2 + (self.lon[hubs] - self.lon[first]) ** 2
        return int(hubs[int(np.argmin(distance))])

    def nearby(self, first: int, count: int) -> list[int]:
        """`first` and its nearest neighbours in the same country."""
        same = np.flatnonzero(self.country == self.country[first])
        distance = (self.lat[same] - self.lat[first]) ** 2 + (self.lon[same] - self.lon[first]) ** 2
        return [int(same[i]) for i in np.argsort(distance, kind="stable")[:count]]

    def destination(self, rng: np.random.Generator, offset: int) -> tuple[int, int | None]:
        """A destination (often a place besieged that day) and its siege's first day, if any."""
        if len(self.sieges) and rng.random() < 0.55:
            now = self.sieges[(self.sieges[:, 1] <= offset) & (self.sieges[:, 2] > offset)]
            if len(now):
                place, start, _ = now[int(rng.integers(len(now)))]
                return int(place), int(start)
        return int(rng.choice(len(self.places), p=self.weight)), None


def _figures(rng: np.random.Generator) -> tuple[int | str, int | str]:
    trucks = int(np.clip(rng.lognormal(2.8, 0.7), 2, 120))
    people = int(round(trucks * rng.uniform(250, 900), -2))
    return (trucks if rng.random() < 0.9 else ""), (people if rng.random() < 0.85 else "")


def _listed(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _some(rng: np.random.Generator, words: list[str]) -> list[str]:
    """One to three of `words`, in their listed order."""
    picked = rng.choice(len(words), size=int(rng.integers(1, 4)), replace=False)
    return [words[i] for i in sorted(picked)]


def convoy(ctx: Context, atlas: Atlas, number: int, size: int) -> list[dict]:
    """One convoy's rows: one per destination, sharing id, date, organisations and origin."""
    rng = ctx.rng
    offset = int(rng.integers(0, DAYS))
    first, siege_start = atlas.destination(rng, offset)
    indices = atlas.nearby(first, size)
    places = [atlas.places[i] for i in indices]
    country = places[0].country
    day, precision = _precision(rng, _day(offset), START)
    orgs, items = _some(rng, ORGANISATIONS[country]), _some(rng, ITEMS)
    origin = atlas.hub(indices) if rng.random() < 0.4 else None
    scope = "convoy" if len(places) > 1 and rng.random() < 0.7 else "destination"
    since = _first_since(rng, siege_start, offset) if siege_start is not None else ("", "")
    status = pick(rng, [("reported", 0.85), ("confirmed", 0.12), ("claimed", 0.03)])
    names = [p.names[0] for p in places]
    whole = _figures(rng)
    rows = []
    for k, place in enumerate(places):
        trucks, people = whole if scope == "convoy" else _figures(rng)
        rows.append({
            "delivery_id": f"syn-aid-{number:06d}-{k}", "convoy_id": f"syn-convoy-{number:06d}",
            "date": format_partial(day, precision), "date_precision": precision, "date_text": "",
            "origin_place_id": "" if origin is None else atlas.places[origin].place_id,
            "destination_place_id": place.place_id, "place_name": names[k],
            "organisations": ";".join(orgs), "trucks": trucks, "beneficiaries": people,
            "figures_scope": scope if trucks != "" or people != "" else "",
            "items": ";".join(items), "reported_first_since": since[0],
            "reported_first_since_precision": since[1], "status": status, "day": _day(offset),
            "country": country,
        })  # fmt: skip
        rows[-1]["quote"] = aid_quote(rows[-1], scope, names, orgs, _when(day, precision))
    if scope == "convoy":
        for row in rows[1:]:
            row["quote"] = rows[0]["quote"]
    return rows


def _first_since(rng: np.random.Generator, siege_start: int, offset: int) -> tuple[str, str]:
    """Sometimes a source says the convoy is the first since the siege began (months ago)."""
    start, day = _day(siege_start), _day(offset)
    if offset - siege_start < 90 or rng.random() > 0.3:
        return "", ""
    precision = "year" if rng.random() < 0.5 and start.year < day.year else "month"
    return format_partial(start, precision), precision


def aid_quote(row: dict, scope: str, names: list[str], orgs: list[str], when: str) -> str:
    """The source's sentence: a convoy's (its totals) or one destination's (its figures)."""
    to = _listed(names) if scope == "convoy" else row["place_name"]
    trucks = f"{row['trucks']}-truck convoy" if row["trucks"] != "" else "convoy"
    article = "An" if trucks.startswith("8") or trucks.startswith(("11-", "18-")) else "A"
    people = f" for {row['beneficiaries']:,} people" if row["beneficiaries"] != "" else ""
    since = ""
    if row["reported_first_since"]:
        first, precision = parse_partial(row["reported_first_since"])
        since = f", the first since {_when(first, precision).removeprefix('in ')}"
    items = _listed(row["items"].split(";"))
    named = [o if o.isupper() or o.startswith("Doctors") else f"the {o}" for o in orgs]
    text = f"{article} {trucks} organised by {_listed(named)} brought {items} aid{people} to {to} "
    text += f"{when}{since}."
    if row["status"] == "claimed":
        return f"{named[0][0].upper()}{named[0][1:]} said that {text[0].lower()}{text[1:]}"
    return text


# --- sources and files --------------------------------------------------------------------------


def attach_sources(rows: list[dict], sources: dict[str, list[str]]) -> None:
    """Each row cites the weekly report of its own (true) day; the report carries its quote."""
    for row in rows:
        year, week, _ = row["day"].isocalendar()
        source_id = f"synthetic-sitrep-{row['country'].lower()}-{year}-w{week:02d}"
        row["source_ids"] = source_id
        sources[source_id].append(row["quote"])


def write_sources(seeds_dir: Path, sources: dict[str, list[str]], seed: int) -> None:
    seeds_dir.mkdir(parents=True, exist_ok=True)
    for source_id, quotes in sorted(sources.items()):
        _, _, country, year, week = source_id.rsplit("-", 4)
        sunday = dt.date.fromisocalendar(int(year), int(week[1:]), 7)
        title = f"Synthetic situation report, {country.upper()}, {year} week {week[1:]}"
        text = title + "\n\n" + "\n".join(dict.fromkeys(quotes)) + "\n"
        (seeds_dir / f"{source_id}.txt").write_text(text, encoding="utf-8")
        meta = {"source_id": source_id, "publisher": PUBLISHER, "title": title,
                "dateline": "Synthetic data", "url": None, "published_at": sunday.isoformat(),
                "text_path": f"{source_id}.txt",
                "notes": f"Generated by benchmarks/make_synthetic.py (seed {seed}): not real "
                         "reporting; for load and performance tests only."}  # fmt: skip
        (seeds_dir / f"{source_id}.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def write_table(table: model.Table, rows: list[dict], data_dir: Path) -> None:
    frame = pd.DataFrame(rows).reindex(columns=table.names, fill_value="")
    frame.to_csv(data_dir / table.file, index=False, lineterminator="\n")


def write_actors(data_dir: Path) -> dict[str, str]:
    """The repository's actors and the new ones; returns names by id."""
    frame = pd.read_csv(REPO_DATA / model.ACTORS.file, dtype=str, keep_default_na=False)
    new = pd.DataFrame(
        [(*a, "Synthetic benchmark data; colour: Paul Tol's palette") for a in NEW_ACTORS],
        columns=model.ACTORS.names,
    )
    frame = pd.concat([frame, new[~new["actor_id"].isin(frame["actor_id"])]], ignore_index=True)
    frame.to_csv(data_dir / model.ACTORS.file, index=False, lineterminator="\n")
    return dict(zip(frame["actor_id"], frame["name"], strict=True))


# --- the whole dataset --------------------------------------------------------------------------


def generate(events: int, out: Path, seed: int = 7, places: int | None = None) -> dict:
    """Write the dataset under `out` (data/ and seeds/); returns counts and paths. The events
    fall on `places` places (by default one per EVENTS_PER_PLACE events, at most the registry's);
    more than the registry holds are topped up with generated hamlets."""
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    data_dir, seeds_dir = out / "data", out / "seeds"
    for folder in (data_dir, seeds_dir):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    (out / "frontline.sqlite").unlink(missing_ok=True)  # a store of the previous dataset
    copy_reference(data_dir)
    names = write_actors(data_dir)
    ctx = Context(rng, names)
    aid_total = round(events * AID_SHARE) if events >= 10 else 0
    control_total = events - aid_total
    candidates = candidate_places(data_dir)
    wanted = places or round(events / EVENTS_PER_PLACE)
    if places and places > len(candidates):
        candidates = add_hamlets(data_dir, candidates, places - len(candidates), rng)
    chosen = choose_places(candidates, min(control_total, wanted), rng)
    weight = chosen["weight"].to_numpy()
    places = as_places(chosen)
    control_rows, sieges = [], []
    for place, count in zip(places, allot(control_total, weight, rng), strict=True):
        story = place_story(ctx, place, int(count))
        control_rows += story.events
        sieges += [(place.index, a, b) for a, b, _ in story.sieges]
    control_rows.sort(key=lambda r: (r["day"], r["place_id"], r["seq"]))
    for n, row in enumerate(control_rows):
        row["event_id"] = f"syn-ev-{n:07d}"
    aid_rows = deliveries(ctx, Atlas.of(places, weight, sieges), aid_total)
    sources: dict[str, list[str]] = defaultdict(list)
    attach_sources(control_rows, sources)
    attach_sources(aid_rows, sources)
    write_table(model.CONTROL_EVENTS, control_rows, data_dir)
    write_table(model.AID_DELIVERIES, aid_rows, data_dir)
    write_sources(seeds_dir, sources, seed)
    used = {r["place_id"] for r in control_rows} | {r["destination_place_id"] for r in aid_rows}
    used |= {r["origin_place_id"] for r in aid_rows if r["origin_place_id"]}
    return {
        "events": events, "seed": seed, "control_events": len(control_rows),
        "aid_deliveries": len(aid_rows), "convoys": len({r["convoy_id"] for r in aid_rows}),
        "places": len(used), "places_available": len(candidates),
        "actors": len(names), "sources": len(sources),
        "generate_s": round(time.perf_counter() - start, 2), "data_dir": str(data_dir),
        "seeds_dir": str(seeds_dir), "database_url": f"sqlite:///{out / 'frontline.sqlite'}",
    }  # fmt: skip


def deliveries(ctx: Context, atlas: Atlas, total: int) -> list[dict]:
    """`total` delivery rows in convoys of one to four nearby destinations."""
    rows: list[dict] = []
    number = 0
    while len(rows) < total:
        size = int(pick(ctx.rng, [("1", 0.6), ("2", 0.25), ("3", 0.1), ("4", 0.05)]))
        rows += convoy(ctx, atlas, number, min(size, total - len(rows)))
        number += 1
    rows.sort(key=lambda r: (r["day"], r["delivery_id"]))
    return rows


def time_load(out: Path) -> dict:
    """Seconds to read and check the dataset, load it into a fresh SQLite file, read it back."""
    from frontline import store
    from frontline.io.dataset import read_dataset

    database = out / "frontline.sqlite"
    database.unlink(missing_ok=True)
    start = time.perf_counter()
    tables = read_dataset(out / "data", out / "seeds")
    read_s = time.perf_counter() - start
    engine = store.connect(f"sqlite:///{database}")
    store.upgrade(engine)
    start = time.perf_counter()
    store.load(engine, tables)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    store.read_tables(engine)
    return {"read_dataset_s": round(read_s, 2), "load_s": round(load_s, 2),
            "read_tables_s": round(time.perf_counter() - start, 2)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, required=True, help="control events + deliveries")
    parser.add_argument(
        "--out", type=Path, required=True, help="folder to write (its data/, seeds/ replaced)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--places", type=int, help="places the events fall on (see generate)")
    parser.add_argument(
        "--time-load",
        action="store_true",
        help="also time read_dataset, store.load and store.read_tables",
    )
    args = parser.parse_args()
    result = generate(args.events, args.out.resolve(), args.seed, args.places)
    if args.time_load:
        result.update(time_load(args.out.resolve()))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
