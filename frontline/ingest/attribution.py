"""Who says it: the sources a sentence cites, the side each speaks for, and what that makes
of an event's status.

"The Islamic State-linked Aamaq news agency said …", "…, rebel spokesman Mozahem al-Saloum
said.", "according to ICRC spokeswoman Ingy Sedky", "Al-Saloum acknowledged that …", "He said
…" (the speaker before), "The Observatory … confirmed the account." A source's side comes
from its words (Aamaq and "IS-linked" speak for IS, "rebel spokesman" for the rebels, "state
media" for the government; the Observatory, the ICRC, the UN and news agencies for no side).

Status (`status`): a claim by a side in its own favour stays `claimed`; one source of no side,
or a side conceding its own loss in so many words ("acknowledged"), is `reported` or
`confirmed`; two sources that are not the same side, at least one of them not claiming for
itself, make it `confirmed`; a denial by another source makes it `disputed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERBS = (r"said|says|told|reported|reports|announced|announces|claimed|claims|confirmed|"
          r"confirms|acknowledged|acknowledges|admitted|admits|conceded|concedes|denied|denies|"
          r"stated|accused|accuses|alleged|added|tweeted|posted|insisted|quoted|cited")  # fmt: skip
_BEFORE_VERB = re.compile(rf"(?:^|[,;:—–]\s*|\bthat\s+|\band\s+)(?P<np>"
                          rf"[^,;:—–]{{2,90}}?)\s*,?\s+(?:also\s+|later\s+|earlier\s+|on\s+\w+day\s+)?"
                          rf"(?P<verb>{_VERBS})\b", re.IGNORECASE)  # fmt: skip
# A subject with an appositive or a relative clause: "The Observatory's chief, Rami
# Abdurrahman, said", "The … Observatory for Human Rights, which relies on local activists,
# confirmed".
_FROM_START = re.compile(rf"^(?P<np>[^;:—–]{{2,100}}?),\s+"
                         rf"(?P<verb>{_VERBS})\b", re.IGNORECASE)  # fmt: skip
_ANY_VERB = re.compile(rf"\b(?:{_VERBS}|according to|citing|quoting|as reported by)\b", re.I)
_ACCORDING = re.compile(r"\b(?:according to|citing|quoting|as reported by)\s+(?P<np>[^,;.]{2,80})",
                        re.IGNORECASE)  # fmt: skip
_INVERTED = re.compile(r"[,”\"]\s*(?P<verb>said|says|told \w+)\s+(?P<np>(?:the\s+|a\s+|an\s+)?"
                       r"[A-Z][^,;.]{2,70})", re.IGNORECASE)  # fmt: skip
_SPEAKER = re.compile(
    r"spokes(?:man|woman|person)|agency|observatory|monitor|media|\btv\b|television|official|"
    r"source|group|command|ministry|army|military|statement|activists|witness|reporter|"
    r"correspondent|journalist|chief|head|commander|director|council|committee|\bicrc\b|"
    r"\bu\.?n\.?\b|united nations|red cross|red crescent|\bsarc\b|ocha|wfp|unicef|unhcr|msf|"
    r"government|officials|forces|coalition|pentagon|centcom|washington|moscow|kremlin|"
    r"\bsana\b|reuters|\bap\b|afp|bbc|aamaq|amaq|hospital|doctors|residents|sources",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"^(?:he|she|it|they|the group|the agency|the monitor)$", re.IGNORECASE)
# The side a source speaks for, by its words; the first row that matches decides.
# fmt: off
_SIDES: tuple[tuple[str | None, re.Pattern], ...] = (
    (None, re.compile(r"observatory|\bsohr\b|monitor|activist|\bicrc\b|red cross|red crescent|"
                      r"\bsarc\b|\bu\.?n\.?\b|united nations|ocha|\bwfp\b|unicef|unhcr|\bmsf\b|"
                      r"doctors without|witness|reporter|correspondent|journalist|reuters|"
                      r"\bap\b|\bafp\b|bbc|analyst|humanitarian", re.I)),  # fmt: skip
    ("jihadist", re.compile(r"aamaq|amaq|islamic state|\bisis\b|\bisil\b|daesh|(?-i:\bIS\b)|"
                            r"jihadist", re.I)),  # fmt: skip
    ("kurdish-led", re.compile(r"\bsdf\b|syrian democratic|kurdish|\bypg\b|manbij military", re.I)),
    ("opposition", re.compile(r"rebel|opposition|\bfsa\b|free syrian|jaish|ahrar|new syrian",
                              re.I)),
    ("coalition", re.compile(r"central command|centcom|coalition|pentagon|u\.?s\.? (?:military|"
                             r"official|defen[cs]e)|washington|state department",
                             re.I)),
    ("foreign", re.compile(r"russia|kremlin|moscow", re.I)),
    ("government", re.compile(r"state (?:media|tv|television|news)|\bsana\b|army|military|"
                              r"ministry|government|regime|al-manar|hezbollah|iraqiya|"
                              r"joint operations|security (?:source|official)", re.I)),  # fmt: skip
)
# fmt: on
GAINS = frozenset(
    {"captured", "entered", "held", "besieged", "under_siege", "siege_lifted", "attacked"}
)  # fmt: skip
CONCEDING = frozenset({"acknowledged", "acknowledges", "admitted", "admits", "conceded",
                       "concedes", "confirmed", "confirms"})  # fmt: skip
DENYING = frozenset({"denied", "denies"})


@dataclass(frozen=True)
class Source:
    """A source cited: its name as written, the side it speaks for (None: no side), and the
    verb it is cited with."""

    name: str
    side: str | None
    verb: str
    start: int = -1
    end: int = -1


def find(text: str, offset: int, previous: list[Source]) -> list[Source]:
    """The sources one sentence cites; a pronoun or a surname is the speaker named before.
    Where two readings give a speaker for the same verb, the longer name is kept."""
    by_verb: dict[int, list[Source]] = {}
    if not _ANY_VERB.search(text):
        return []
    for pattern in (_FROM_START, _BEFORE_VERB, _ACCORDING, _INVERTED):
        for match in pattern.finditer(text):
            verb = match.groupdict().get("verb") or "said"
            key = match.start("verb") if match.groupdict().get("verb") else match.start()
            sources = []
            for part in re.split(r"\s+and\s+", match.group("np").strip()):
                source = _source(part, verb.lower().split()[0], previous,
                                 offset + match.start("np"))  # fmt: skip
                if source:
                    sources.append(source)
            if sources and (key not in by_verb or _longer(sources, by_verb[key])):
                by_verb[key] = sources
    found: list[Source] = []
    for key in sorted(by_verb):
        found += [s for s in by_verb[key] if all(f.name != s.name for f in found)]
    return found


def _longer(new: list[Source], old: list[Source]) -> bool:
    return sum(len(s.name) for s in new) > sum(len(s.name) for s in old)


def _source(np: str, verb: str, previous: list[Source], at: int) -> Source | None:
    name = re.sub(r"^(?:the|a|an)\s+", "", np.strip(" \"“”'’"), flags=re.IGNORECASE)
    name = re.sub(r"\s+(?:on|in)\s+(?:a\s+)?(?:\w+day|statement|briefing)\b.*$", "", name)
    name = re.sub(r",\s+(?:which|who|whose)\b[^,]*$", "", name).strip(" ,")
    if not name or len(name.split()) > 12:
        return None
    if _PRONOUN.match(name):
        return _again(previous[-1], verb) if previous else None
    for before in reversed(previous):
        if _surname(before.name) and name.lower() == _surname(before.name):
            return _again(before, verb)
    if not _SPEAKER.search(name) and not re.match(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}$", name):
        return None
    side = next((s for s, pattern in _SIDES if pattern.search(name)), None)
    return Source(name, side, verb, at, at + len(np))


def _again(source: Source, verb: str) -> Source:
    return Source(source.name, source.side, verb, source.start, source.end)


def _surname(name: str) -> str:
    """'rebel spokesman Mozahem al-Saloum' → 'al-saloum' (how the report names him again)."""
    words = re.findall(r"[A-Z][\w'’-]+|(?:al|el|ad|as)-[\w'’-]+", name)
    return words[-1].lower() if len(words) >= 2 else ""


def stance(source: Source, event_type: str, actor_side: str | None,
           opponent_side: str | None) -> str:  # fmt: skip
    """ "claim" (a side telling of its own gain or its enemy's loss), "admission" (telling of
    its own loss or its enemy's gain), "denial", or "neutral" (a source of no side)."""
    if source.verb in DENYING:
        return "denial"
    if source.side is None:
        return "neutral"
    gain = event_type in GAINS
    if source.side == actor_side:
        return "claim" if gain else "admission"
    if source.side == opponent_side:
        return "admission" if gain else "claim"
    return "neutral"


def status(stances: list[tuple[Source, str]]) -> str:
    """The event's status from its sources' stances (see the module's docstring)."""
    if not stances:
        return "reported"
    if any(kind == "denial" for _, kind in stances):
        return "disputed"
    sides = {(s.side or s.name) for s, _ in stances}
    if len(sides) >= 2 and any(kind != "claim" for _, kind in stances):
        return "confirmed"
    if all(kind == "claim" for _, kind in stances):
        return "claimed"
    if any(kind == "admission" and s.verb in CONCEDING for s, kind in stances):
        return "confirmed"
    if any(s.verb in ("claimed", "claims", "accused", "accuses", "alleged") for s, _ in stances):
        return "claimed"
    return "reported"
