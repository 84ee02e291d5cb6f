"""Armed actors a sentence names, through the actor registry's aliases (data/actors.csv).

Besides the registry's own names ("IS militants", "the New Syrian", "U.S.-backed and Kurdish-led
forces"), news names actors in ways no list holds: damaged ("the -trained force", where the page
lost "U.S."), generic ("the rebels", "the militants", "the army", "the Sunni extremist group"),
by nationality and arm ("Syrian troops", "Russian warplanes", "Iraqi security forces"), or as a
holder ("rebel-held", "IS-held"). A damaged name is matched to the one alias that contains its
fragment; a generic one is resolved later against the document (`resolve_generic`): the actor
of that side named most recently, else the side's actor of the country the document is about.
Named groups the registry lacks (Hezbollah, Nusra Front — listed in gazetteer/not_places.csv)
are found too, so that they are never taken for another actor; they carry no actor id.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from frontline.ingest.triggers import holds

_MILITARY = (
    r"(?:army|troops|soldiers|military|forces|government forces|government troops|"
    r"security forces|counter-?terrorism (?:forces|service|units)|special forces|"
    r"air ?force|warplanes|jets|aircraft|planes|helicopters|drones|bombers|artillery)"
)
_HELD = r"(?=[-‑](?:held|controlled|besieged))"
_JIHADIST = (
    r"\b(?:the\s+)?(?:(?:islamist|sunni|jihadist|extremist|militant|terror(?:ist)?)\s+){1,3}"
    r"(?:group|organi[sz]ation)\b|\b(?:the\s+)?(?:islamist\s+)?(?:militants|jihadists|extremists)\b"
)
_OPPOSITION = (
    r"\b(?:the\s+)?(?:rebels|insurgents|opposition (?:fighters|forces)"
    r"|rebel (?:group|groups|forces|fighters|factions)|free syrian army|fsa)\b"
)
_GOVERNMENT = (
    rf"\b(?:the\s+)?(?:(?:pro-?government|regime|loyalist|government)\s+{_MILITARY}"
    rf"|forces loyal to (?:syria['’]s\s+)?(?:president\s+)?(?:bashar\s+)?(?:al-)?assad"
    rf"|(?:the\s+)?(?:army|troops|soldiers)(?![- ]held))\b"
)
# (side, words one of which the sentence must hold, pattern)
_GENERIC: tuple[tuple[str, tuple[str, ...], re.Pattern], ...] = (
    ("jihadist", ("group", "organi", "militant", "jihadist", "extremist"),
     re.compile(_JIHADIST, re.I)),
    ("opposition", ("rebel", "insurgent", "opposition", "free syrian", "fsa"),
     re.compile(_OPPOSITION, re.I)),
    ("opposition", ("-held", "-controlled", "-besieged"),
     re.compile(rf"\b(?:rebel|opposition|insurgent){_HELD}", re.I)),
    ("jihadist", ("-held", "-controlled", "-besieged"),
     re.compile(rf"\b(?:militant|jihadist|extremist){_HELD}", re.I)),
    ("government", ("-held", "-controlled", "-besieged"),
     re.compile(rf"\b(?:government|regime|army|loyalist){_HELD}", re.I)),
    ("government", ("government", "regime", "loyalist", "army", "troops", "soldiers", "assad"),
     re.compile(_GOVERNMENT, re.I)),
)  # fmt: skip
_NATIONAL = re.compile(
    rf"\b(Syrian(?: Arab)?|Iraqi|Syria['’]s|Iraq['’]s|Russian|U\.S\.|US|American|coalition)"
    rf"(?:-led coalition)?\s+{_MILITARY}\b",
    re.I,
)  # fmt: skip
_HOLDER = re.compile(r"^[-‑](?:held|controlled|occupied|besieged)\b", re.I)
_LINKED = re.compile(r"^[-‑](?:linked|affiliated|run|allied|aligned|leaning)\b", re.I)
_FRAGMENT = re.compile(r"(?<![\w.])-([a-z]+)\b((?:\s+(?:force|forces|rebels|fighters|militia|"
                       r"troops|group))?)")  # fmt: skip
_EXTRA_GROUPS = ("peshmerga", "Kurdish peshmerga", "Kurdish forces", "Kurdish fighters",
                 "Hashd al-Shaabi", "Popular Mobilization Forces", "Popular Mobilisation Forces",
                 "PMF", "Popular Mobilization Units", "PMU", "YPG", "YPJ", "Shiite militias",
                 "Turkish army", "Turkish forces", "Turkish troops", "Jaish al-Islam",
                 "Jaish al-Fateh", "Army of Conquest", "al-Qaida", "al-Qaeda")  # fmt: skip


@dataclass(frozen=True)
class Actor:
    """A registry actor: its id, side, parent, and the country its side fights for."""

    actor_id: str
    name: str
    side: str
    parent: str
    aliases: tuple[str, ...]
    country: str | None


@dataclass(frozen=True)
class ActorMention:
    """An actor named in the text. `actor_id` is None for a group the registry lacks, or for a
    generic name not yet resolved (`side` says which side it means); `role` is "agent", or
    "holder" ("rebel-held") or "linked" ("Islamic State-linked")."""

    start: int
    end: int
    text: str
    actor_id: str | None
    role: str = "agent"
    side: str | None = None  # set for generic mentions
    country: str | None = None  # a nationality the words state ("Iraqi troops")


class Registry:
    """The actor registry as patterns: aliases, damaged fragments, generic names."""

    def __init__(self, actors: list[Actor], unregistered: list[str]) -> None:
        self.actors = {a.actor_id: a for a in actors}
        names: dict[str, str] = {}
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                for variant in _variants(alias):
                    names.setdefault(variant, actor.actor_id)
        self._names = {k.lower(): v for k, v in names.items()}
        self._alias = _alternation(names)
        self._unregistered = _alternation(dict.fromkeys(unregistered, ""))
        self._by_fragment = _fragments(actors)

    def find(self, text: str, offset: int) -> list[ActorMention]:
        """Actor mentions of one sentence, longest first where they overlap."""
        found: list[ActorMention] = []
        for match in self._alias.finditer(text):
            actor_id = self._names[match.group().lower()]
            generic = self.actors[actor_id].side if _lowercase(match.group()) else None
            found.append(self._mention(text, match, offset, actor_id, generic))
        for match in self._unregistered.finditer(text):
            found.append(self._mention(text, match, offset, None, None))
        lowered = text.lower()
        for side, words, pattern in _GENERIC:
            if not holds(lowered, words):
                continue
            for match in pattern.finditer(text):
                found.append(self._mention(text, match, offset, None, side))
        if holds(lowered, ("syria", "iraq", "russian", "u.s.", "us ", "american", "coalition")):
            found += self._national(text, offset)
        if " -" in text:
            found += self._damaged(text, offset)
        return _without_overlaps(found)

    def _mention(self, text: str, match: re.Match, offset: int, actor_id: str | None,
                 side: str | None) -> ActorMention:  # fmt: skip
        after = text[match.end() : match.end() + 14]
        role = "holder" if _HOLDER.match(after) else "linked" if _LINKED.match(after) else "agent"
        return ActorMention(offset + match.start(), offset + match.end(), match.group(),
                            None if side else actor_id, role, side)  # fmt: skip

    def _national(self, text: str, offset: int) -> list[ActorMention]:
        """ "Syrian troops", "Iraqi forces", "Russian warplanes", "coalition jets": the registry
        actor of that nation's government side, or the one whose alias starts with the word."""
        found = []
        for match in _NATIONAL.finditer(text):
            nation = re.sub(r"['’]s$", "", match.group(1).lower().replace(".", ""))
            country = {"syrian": "SY", "syrian arab": "SY", "iraqi": "IQ", "syria": "SY",
                       "iraq": "IQ"}.get(nation)  # fmt: skip
            actor_id = None
            if country:
                actor_id = next((a.actor_id for a in self.actors.values()
                                 if a.side == "government" and a.country == country),
                                None)  # fmt: skip
            else:
                word = {"us": "u.s.", "american": "u.s."}.get(nation, nation)
                actor_id = next((a.actor_id for a in self.actors.values()
                                 if a.side in ("coalition", "foreign")
                                 and any(x.lower().startswith(word) for x in a.aliases)),
                                None)  # fmt: skip
            if actor_id:
                found.append(ActorMention(offset + match.start(), offset + match.end(),
                                          match.group(), actor_id, country=country))  # fmt: skip
        return found

    def _damaged(self, text: str, offset: int) -> list[ActorMention]:
        """ "the -trained force": a word that lost what stood before its hyphen, matched to the
        only actor one of whose aliases holds "-trained" ("Turkey -backed" lost only a space)."""
        found = []
        for match in _FRAGMENT.finditer(text):
            owners = self._by_fragment.get(match.group(1).lower(), set())
            if len(owners) == 1 and not re.search(r"\b[A-Z][\w.]*\s$", text[: match.start()]):
                found.append(ActorMention(offset + match.start(), offset + match.end(),
                                          match.group(), next(iter(owners))))  # fmt: skip
        return found

    def resolve_generic(self, mention: ActorMention, recent: list[str],
                        country: str | None) -> ActorMention:  # fmt: skip
        """A generic mention as the actor it means in this document: the most recent named
        actor of its side (`recent`, newest last), else the side's actor of the stated
        nationality or of the country the sentence (else the document) is about, else the
        side's only actor; a holder ("rebel-held") is the side's root actor."""
        if mention.side is None:
            return mention
        side = [a for a in self.actors.values() if a.side == mention.side]
        roots = [a for a in side if not a.parent]
        if mention.role == "holder" and mention.side != "government" and len(roots) == 1:
            return replace(mention, actor_id=roots[0].actor_id)  # "rebel-held": the rebels
        want = mention.country or _nationality(mention.text) or country
        for actor_id in reversed(recent):
            actor = self.actors.get(actor_id)
            if actor and actor.side == mention.side and (not want or actor.country in (want, None)):
                return replace(mention, actor_id=actor_id)
        matching = [a for a in side if want and a.country == want]
        if len(matching) == 1:
            return replace(mention, actor_id=matching[0].actor_id)
        return replace(mention, actor_id=roots[0].actor_id if len(roots) == 1 else None)


@lru_cache(maxsize=8)
def load(data_dir: Path) -> Registry:
    """The registry of `data_dir` (actors.csv, and gazetteer/not_places.csv's armed groups)."""
    actors = []
    with (data_dir / "actors.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
            actors.append(Actor(row["actor_id"], row["name"], row["side"], row.get("parent") or "",
                                aliases, _country(row["name"], aliases)))  # fmt: skip
    groups = list(_EXTRA_GROUPS)
    listed = data_dir / "gazetteer" / "not_places.csv"
    if listed.exists():
        with listed.open(encoding="utf-8") as f:
            groups += [r["name"] for r in csv.DictReader(f) if r.get("kind") == "armed group"]
    known = {v.lower() for a in actors for n in (a.name, *a.aliases) for v in _variants(n)}
    return Registry(actors, [g for g in groups if g.lower() not in known])


def _country(name: str, aliases: tuple[str, ...]) -> str | None:
    """SY or IQ when the actor's names say one of them and not the other."""
    words = " ".join((name, *aliases)).lower()
    syria, iraq = "syria" in words, "iraq" in words
    return "SY" if syria and not iraq else "IQ" if iraq and not syria else None


def _nationality(text: str) -> str | None:
    return "SY" if "syria" in text.lower() else "IQ" if "iraq" in text.lower() else None


def _variants(alias: str) -> set[str]:
    """An alias as news writes it: with and without the dots of U.S. and U.N., and "the"."""
    out = {alias, alias.replace("U.S.", "US"), alias.replace("US-", "U.S.-")}
    return {v.removeprefix("the ") for v in out if v}


def _lowercase(text: str) -> bool:
    """A name with no capital ("rebels", "regime", "coalition") is a generic one."""
    return text == text.lower()


def _alternation(names: dict[str, str]) -> re.Pattern:
    """One pattern for many names, as a trie (the engine branches on each next letter instead
    of trying every name at every position); acronyms and short names match with their case
    ("IS" is never "is"), others in any case."""
    exact = [n for n in names if len(n) <= 4 or n.isupper()]
    loose = [n.lower() for n in names if n not in exact]
    parts = [
        p for p in (f"(?i:{_trie(loose)})" if loose else "", _trie(exact)) if p
    ]  # longer first
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])")


def _trie(words: list[str]) -> str:
    """A regex matching exactly `words`, longest first at each branch."""
    if not words:
        return ""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(tree)


def _branch(node: dict) -> str:
    options = [re.escape(char) + _branch(child) for char, child in sorted(node.items()) if char]
    if len(options) == 1 and "" not in node:
        return options[0]
    body = "(?:" + "|".join(options) + ")"
    return body + "?" if "" in node else body


def _fragments(actors: list[Actor]) -> dict[str, set[str]]:
    """'-trained' → the actors one of whose aliases has a word ending so ('U.S.-trained')."""
    table: dict[str, set[str]] = {}
    for actor in actors:
        for alias in actor.aliases:
            for piece in re.findall(r"\S-([a-z]+)\b", alias):
                table.setdefault(piece, set()).add(actor.actor_id)
    return table


def _weight(mention: ActorMention) -> int:
    """Of two as long: a registry actor, then a side ("Free Syrian Army": the opposition),
    then a group the registry lacks."""
    return 0 if mention.actor_id else 1 if mention.side else 2


def _without_overlaps(found: list[ActorMention]) -> list[ActorMention]:
    """Where mentions overlap keep the longest (a named actor before a generic one)."""
    kept: list[ActorMention] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), _weight(m))):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)
