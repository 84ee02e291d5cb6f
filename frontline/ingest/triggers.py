"""The words that state an event, each mapped onto a `frontline.vocabulary.EventType` word (or
"delivered" for aid), with the grammatical form that says where its place and actors stand.

Forms: "verb" (the actor before, the place after: "IS seized Manbij"), "expelled" (the place
after, the actor after "by", the opponent before: "IS was driven out of Manbij by the SDF"),
"under" (the place before, the actor inside: "the city remained under ISIS control"),
"passive" (the place before, the actor after "by": "Zamalka was besieged by government
forces", "two towns … besieged by rebels", "Douma was shelled"), "apposed" (the places just
before, the actor inside: "Madaya and Zabadani, two regime-besieged towns", "Rastan, a town
under siege"), "fell" (the place before, the actor after "to"), "noun" ("the capture of", "the
Boukamal offensive", "airstrikes on"), "adjective" ("the besieged suburb of"), "from" (the
opponent after the verb, the place after "from": "repelled the New Syrian from an air base").
What a word means can depend on what follows: "repelled … from the outskirts of" defends a
place (held), "repelled … from an air base" retakes it (captured), "repelled an attack on"
defends it; a convoy that "entered" a town delivers aid. Words in a clause that says the event
did not (yet) happen — "aims to sever", "a bid to recapture", "would", "whether", "not", "was
to be delivered", "due to", "prevented the trucks from" — are left out (`realised`), unless
it did ("the latest town to be retaken", "completed the operation to recapture").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontline.vocabulary import EventType

_R = re.IGNORECASE
# Words between a passive's auxiliary and its participle ("are both besieged", "was
# reportedly taken", "have all been encircled").
_ADVERBS = (r"(?:(?:\w+ly|both|all|still|now|also|already|again|long|being|declared|reported|"
            r"first|then|later|soon|last\s+(?:week|month|year|night)|this\s+(?:week|month|year))"
            r"\s+){0,2}")  # fmt: skip
# "the recapture in July of Mosul", "the capture last week of Dabiq"
_WHEN = (r"(?:(?:in|on|at|during|since)\s+(?:early\s+|late\s+|mid-?)?[\w-]+(?:\s+\d{1,4})?"
         r"|last\s+(?:week|month|year|[A-Z]\w+))")  # fmt: skip
# (words one of which the sentence must hold, pattern, event type, kind, form): the first match
# at a position wins; the words spare most sentences most patterns.
# fmt: off
LEXICON: tuple[tuple[tuple[str, ...], re.Pattern, str, str, str], ...] = (
    (('siege', 'blockade', 'encirclement'),
     re.compile(r"\b(?:lift(?:ed|s|ing)?|br(?:oke|oken|eak|eaks|eaking)(?:\s+through)?|end(?:ed|s|ing)?)"
                r"\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w-]+\s+){0,4}?(?:siege|blockade|encirclement)"
                r"(?:\s+(?:of|on|around|imposed on))?", _R),
     EventType.SIEGE_LIFTED, "control", "verb"),
    (('siege',),
     re.compile(r"\bsiege\s+(?:of|on)\b(?=[^.;]{0,60}?\b(?:was|has been|had been)\s+(?:lifted|"
                r"broken))", _R), EventType.SIEGE_LIFTED, "control", "noun"),
    (('siege', 'blockade', 'encirclement'),
     re.compile(r"\b(?:siege|blockade|encirclement)\s+(?:[\w-]+\s+){0,3}?(?:began|started|"
                r"was imposed|"
                r"was laid)\b", _R), EventType.BESIEGED, "control", "noun"),
    (('control',),
     re.compile(r"\b(?:remain(?:s|ed)?|(?-i:is|are|was|were|been)(?:\s+(?:still|now|back))?)\s+"
                r"under\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+|firm\s+)?(?:[\w-]+\s+){0,2}?"
                r"control\b", _R),
     EventType.HELD, "control", "under"),
    (('hands',),  # "fell into Islamic State hands", "was back in government hands"
     re.compile(r"\bf(?:e|a)ll(?:s|en|ing)?\s+into\s+(?:the\s+)?(?:[\w-]+\s+){1,3}?hands\b", _R),
     EventType.CAPTURED, "control", "under"),
    (('hands',),
     re.compile(r"\b(?-i:is|are|was|were|been|remains?|remained)\s+(?:still\s+|now\s+|back\s+)*"
                r"in\s+(?:the\s+)?(?:[\w-]+\s+){1,3}?hands\b", _R), EventType.HELD, "control",
     "under"),
    (('besieg', 'encircl', 'surround', 'blockad', 'siege'),
     re.compile(r"\b(?-i:were|was|been|being|be|are|is|remains?|remained|Were|Was|Is|Are)\s+"
                rf"{_ADVERBS}(?:besieged|"
                r"encircled|surrounded|blockaded|under\s+(?:a\s+)?siege)\b", _R),
     EventType.BESIEGED, "control", "passive"),
    (('besieged by', 'encircled by', 'surrounded by', 'blockaded by'),
     re.compile(r"(?<!\bhave\s)(?<!\bhas\s)(?<!\bhad\s)(?<!-)\b(?:besieged|encircled|surrounded|"
                r"blockaded)(?=\s+by\b)", _R),
     EventType.UNDER_SIEGE, "control", "passive"),  # "a town blockaded by …": seen, not begun
    (('-besieged', 'under siege'),
     re.compile(r"\b\w+-besieged\b|\b(?:towns?|city|cities|areas?|suburbs?|enclaves?|"
                r"districts?|villages?)\s+under\s+(?:a\s+)?siege\b", _R),
     EventType.UNDER_SIEGE, "control", "apposed"),
    (('besieg', 'encircl', 'surround', 'blockad', 'siege'),
     re.compile(r"\b(?:have|has|had)\s+(?:\w+ly\s+)?(?:besieged|encircled|surrounded|blockaded)\b"
                r"|(?<!\bin\s)(?<!\bof\s)(?<!\bto\s)(?<!\bthe\s)(?<!\ban\s)(?<!\ba\s)(?<!\binto\s)"
                r"\b(?:besieg(?:ed|es|e|ing)|encircl(?:ed|es|e|ing)|blockad(?:ed|es|e|ing)|laid\s+"
                r"siege\s+to|imposed\s+(?:a\s+)?siege\s+on)\b(?!\s+(?:town|towns|city|suburb|area|"
                r"areas|village|villages|enclave|district|neighbou?rhoods?|pocket|air ?base|base|"
                r"syrian|rebel-held|government-held|[\w-]+-held)\b)", _R),
     EventType.BESIEGED, "control", "verb"),
    (('siege',),  # "a two-month siege imposed by IS on Amerli", "after a weeklong siege"
     re.compile(r"\b[\w]+[- ](?:year|month|week|day)s?[- ](?:long\s+)?siege\b|\b(?:week|month|year)"
                r"long\s+siege\b", _R), EventType.BESIEGED, "control", "noun"),
    (('besieged',),
     re.compile(r"\b(?:the\s+)?besieged\b", _R), EventType.UNDER_SIEGE, "control", "adjective"),
    (('siege',),
     re.compile(r"\bsiege\s+(?:of|on)\b", _R), EventType.UNDER_SIEGE, "control", "noun"),
    (('unable', 'failed', 'could not', 'withdr', 'retreat', 'pull', 'fled', 'abandoned'),
     re.compile(r"\b(?:unable|failed)\s+to\s+(?:keep|hold|retain)\b|\bcould\s+not\s+(?:keep|hold)\b"
                r"|\b(?:withdr(?:ew|awn|aw|awing)|retreat(?:ed|ing)?|pull(?:ed)?\s+out|pulled\s+back"
                r"|fled|abandoned\s+(?:their|its)\s+(?:posts|positions|bases?|weapons))"
                r"\b(?:\s+(?:from|of))?", _R), EventType.WITHDREW, "control", "verb"),
    (('lost',),
     re.compile(r"\blost\s+(?:control\s+of\s+)?(?=\S)", _R), EventType.LOST, "control", "verb"),
    (('repel', 'repuls', 'push', 'beat back', 'drove back', 'fought off', 'rout'),
     re.compile(r"\b(?:repel(?:led|s)?|repuls(?:ed|es)|push(?:ed|es)?\s+back|beat\s+back|"
                r"drove\s+back|fought\s+off|rout(?:ed|s)?)\b", _R), EventType.CAPTURED, "control",
     "from"),
    (('thwart', 'foil'),
     re.compile(r"\b(?:thwart(?:ed|s)?|foil(?:ed|s)?)\b", _R), EventType.HELD, "control", "from"),
    (('fell',),
     re.compile(r"\bfell\s+(?:in)?to\b", _R), EventType.CAPTURED, "control", "fell"),
    (('hands of',),
     re.compile(r"\b(?:fell|fall|falls|fallen|falling)\s+into\s+the\s+hands\s+of\b", _R),
     EventType.CAPTURED, "control", "fell"),
    (('capture', 'takeover', 'liberation', 'fall', 'retaking', 'seizure'),
     re.compile(r"\b(?:the\s+)?(?:re)?(?:capture|takeover|liberation|fall|retaking|seizure)\s+"
                rf"(?:{_WHEN}\s+)?of\b", _R), EventType.CAPTURED, "control", "noun"),
    (('driven', 'pushed', 'expelled', 'ousted', 'kicked', 'forced', 'chased', 'flushed'),
     re.compile(r"\b(?-i:was|were|been|being|be|is|are|Was|Were|Is|Are)\s+"
                rf"{_ADVERBS}(?:driven|pushed|expelled|ousted|kicked|forced|chased|flushed)\s+"
                r"(?:out\s+of|out\s+from|from)\b", _R), EventType.CAPTURED, "control", "expelled"),
    (('captured', 'taken', 'seized', 'liberated', 'overrun', 'retaken', 'recaptured'),
     re.compile(r"\b(?-i:was|were|been|being|be|is|are|Was|Were|Is|Are)\s+"
                rf"{_ADVERBS}(?:re)?(?:captured|taken|seized|"
                r"liberated|overrun|retaken|recaptured)\b", _R), EventType.CAPTURED, "control",
     "passive"),
    (("captur", "took", "take", "seiz", "overr", "liberat", "conquer", "regain", "retook",
      "wrest", "won", "gained", "secured", "storm", "drove", "driven", "pushed", "ousted",
      "evicted", "expelled", "kicked", "forced", "recovered", "restored", "reestablished",
      "re-established"),
     re.compile(r"\b(?:re)?captur(?:ed|es|e|ing)\b|\b(?:re)?(?:took|taken|take|takes|taking)"
                r"(?!\s+(?:part|place|aback|advantage|into|to\s+hospital|refuge|shelter|cover))"
                r"(?:\s+(?:back|over|full|complete|total))*(?:\s+control(?:\s+of)?)?\b"
                r"|\b(?:seiz(?:ed|es|e|ing)|overr(?:an|un)|liberat(?:ed|es|e|ing)|conquer(?:ed|s)?|"
                r"regain(?:ed|s)?|retook|wrest(?:ed)?|won|gained|secured|stormed|storm(?:s|ing)?)"
                r"(?:\s+(?:full|complete|total))?(?:\s+control(?:\s+of|\s+over)?)?\b"
                r"|\b(?:recovered|restored|re-?established)\s+(?:full\s+|complete\s+|total\s+)?"
                r"control(?:\s+of|\s+over)?\b"
                r"|\b(?:drove|driven|pushed|ousted|expelled|kicked|forced)\s+(?:[\w-]+\s+){1,4}?out"
                r"(?:\s+of)?\b"
                r"|\b(?:expelled|ousted|evicted)\b",
                _R), EventType.CAPTURED, "control", "verb"),
    (('held', 'controlled', 'occupied'),
     re.compile(r"\b(?-i:was|were|been|being|be|is|are|Was|Were|Is|Are)\s+"
                rf"{_ADVERBS}(?:held|controlled|occupied)(?=\s+by\b)", _R),
     EventType.HELD, "control", "passive"),
    (('held by', 'controlled by', 'occupied by'),
     re.compile(r"(?<=,\s)(?:held|controlled|occupied)(?=\s+by\b)", _R), EventType.HELD,
     "control", "passive"),  # "the Idlib province, controlled by the armed opposition"
    (('controlling', 'now control'),
     re.compile(r"\b(?:controlling|now\s+control)\b", _R), EventType.HELD, "control", "verb"),
    (('control', 'held', 'holds', 'occupied'),
     re.compile(r"\b(?-i:are|is|was|were|remains?|remained)\s+(?:now\s+)?(?:fully\s+)?(?:in|under)\s+"
                r"(?:full\s+|complete\s+|firm\s+|total\s+)?control\s+of\b|(?<![-‑])\b(?:has|have|had)"
                r"\s+(?:\w+ly\s+)?(?:held|occupied|controlled)\b|\b(?:now\s+)?controls\b|\b(?:still\s+)?holds\b",
                _R), EventType.HELD, "control",
     "verb"),
    (('enter', 'push', 'advanced into', 'broke into', 'moved into', 'swept into', 'rolled into',
      'went into', 'marched into', 'drove into', 'breach', 'way into'),
     re.compile(r"\b(?:entered|enter|enters|entering|push(?:ed)?\s+into|advanced\s+into|broke\s+into|"
                r"moved\s+into|swept\s+into|rolled\s+into|went\s+into|marched\s+into|"
                r"drove\s+into|breach(?:ed|es|ing)|fought\s+(?:their|its|his)\s+way\s+into)\b", _R),
     EventType.ENTERED, "control", "verb"),
    (('reach', 'arriv', 'got into', 'crossed into', 'made it'),
     re.compile(r"\b(?:reach(?:ed|es|ing)|arriv(?:ed|es|ing)|got\s+into|crossed\s+into|"
                r"made\s+it\s+(?:in)?to)\b", _R), "delivered", "aid", "verb"),
    (('shelled', 'bombed', 'bombarded', 'attacked', 'targeted', 'struck', 'pounded', 'raided',
      'stormed', 'hit'),
     re.compile(r"\b(?-i:was|were|been|being|is|are|Was|Were|Is|Are)\s+"
                rf"{_ADVERBS}(?:shelled|bombed|bombarded|attacked|targeted|struck|pounded|raided|"
                r"hit)\b(?!\s+(?:back|out)\b)", _R), EventType.ATTACKED, "control", "passive"),
    (('shelling', 'bombing', 'bombarding', 'attacking', 'pounding', 'targeting', 'storming'),
     re.compile(r"\b(?:was|were|is|are|been)\s+(?:still\s+|also\s+|reportedly\s+)?(?:shelling|"
                r"bombing|bombarding|attacking|pounding|targeting|storming)\b", _R),
     EventType.ATTACKED, "control", "verb"),  # "were still shelling the town"
    (('strike', 'raid', 'bomb', 'shelling'),
     re.compile(r"\b(?:air\s*strikes?|airstrikes?|air\s+raids?|raids|bombing|bombardment|shelling|"
                r"strikes)\b", _R), EventType.ATTACKED, "control", "noun"),
    (('bomb', 'shell', 'attack', 'assault', 'pound', 'struck', 'targeted'),
     re.compile(r"\b(?:bomb(?:ed|s)|bombard(?:ed|s)|shell(?:ed|s)|attack(?:ed|s)|assault(?:ed|s)|"
                r"pound(?:ed|s)|struck|targeted)\b", _R), EventType.ATTACKED, "control", "verb"),
    (('offensive', 'attack', 'assault', 'campaign', 'operation'),
     re.compile(r"\b(?:offensive|attack|assault|campaign|operation)s?\b", _R), EventType.ATTACKED,
     "control", "noun"),
    (('deliver', 'unload', 'offload', 'distribut', 'drop', 'brought', 'parachut', 'transported'),
     re.compile(r"\b(?:deliver(?:ed|s|ing)|unload(?:ed|ing)|offload(?:ed|ing)|distribut(?:ed|ing)|"
                r"air-?dropp?(?:ed|ing|s)?|parachut(?:ed|ing)|brought|transported|"
                r"distribution\s+of|distributions?\s+(?:took\s+place|was\s+(?:held|carried\s+"
                r"out)))\b", _R), "delivered", "aid", "verb"),
)
# fmt: on
AID_NOUN = re.compile(
    r"\b(?:aid|convoys?|trucks?|lorr(?:y|ies)|supplies|food|medicines?|"
    r"assistance|relief|shipments?|deliver(?:y|ies)|flour|parcels|airdrops?)\b",
    _R,
)  # fmt: skip
# Before a trigger, words saying it did not happen, or not yet.
_UNREAL = re.compile(
    r"(?:\bto\s+(?:be\s+)?(?:\w+ly\s+)?$|\b(?:would|will|could|might|may|must|should|can|if|whether|"
    r"not|never|no|n't|cannot|due|scheduled|slated|supposed|meant|intended|awaiting|waiting|"
    r"neither|nor|aims?|aimed|aiming|seeks?|seeking|plans?|planning|bid|tried|tries|trying|attempts?|"
    r"attempting|expected|poised|set|vowed|vows|threatens?|threatened|hoping|hopes?|preparing|"
    r"prepares?|ready|close\s+to|verge\s+of|denied|deny|denies|before)\s+(?:\w+\s+){0,2}$"
    r"|\b(?:prevent(?:ed|s|ing)?|stop(?:ped|s|ping)?|block(?:ed|s|ing)?|barr(?:ed|ing)|bars|"
    r"kept|keep(?:s|ing)?|hinder(?:ed|s)?|obstruct(?:ed|s)?)\s+(?:[\w'’-]+\s+){0,4}?from\s+$)",
    _R,
)
# "managed to enter"; "the latest town to be retaken", "the first convoy to reach" (it did).
_SUCCEEDED = re.compile(r"\b(?:succeeded|managed|able|continued|began|started|begun)\s+to\s+"
                        r"(?:\w+ly\s+)?$|\b(?:completed|concluded|finished|ended|wrapped\s+up)\s+"
                        r"(?:the|an?|its|their)\s+(?:[\w-]+\s+){0,2}?(?:operation|offensive|"
                        r"campaign|battle|push|drive|mission)\s+to\s+$|\b(?:first|latest|last|second|third|only)\s+"
                        r"(?:[\w'’-]+\s+){0,3}?to\s+(?:be\s+|have\s+been\s+)?(?:\w+ly\s+)?$",
                        _R)  # fmt: skip
# Earlier in the clause, words that make what follows a purpose or a condition: "an offensive
# aimed at cutting the road and regain control of Aleppo", "whether".
_PURPOSE = re.compile(r"\bwhether\b|\bif\b|\b(?:aim(?:ed|ing|s)?\s+(?:at|to)|in\s+a\s+bid\s+to|"
                      r"seeking\s+to|in\s+order\s+to|so\s+as\s+to|intended\s+to|designed\s+to)\b",
                      _R)  # fmt: skip
_SUPPORT = re.compile(r"\b(?:provid(?:ed|es|ing)|backed\s+by|supported\s+by|support\s+of|"
                      r"cover\s+of|offered|(?<!-)promised)\b[^.;]{0,80}$", _R)  # fmt: skip
_NOUN_EVENT = re.compile(r"\b(?:began|begun|begin|begins|started|launched|launch|kicked off|"
                         r"resumed|under\s*way|continued|intensified|pressed|part\s+of)\b",
                         _R)  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    """Words stating an event: their span, the event type, kind and grammatical form."""

    start: int
    end: int
    text: str
    event_type: str
    kind: str
    form: str


def find(text: str, offset: int) -> list[Trigger]:
    """The triggers of one sentence, left to right, none overlapping another."""
    found: list[Trigger] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    for words, pattern, event_type, kind, form in LEXICON:
        if not holds(lowered, words):
            continue
        for match in pattern.finditer(text):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            found.append(Trigger(offset + span[0], offset + span[1], match.group(),
                                 str(event_type), kind, form))  # fmt: skip
    return sorted(found, key=lambda t: t.start)


def holds(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds one of `words` (a loop of `in`: the cheapest test there is)."""
    for word in words:
        if word in text:
            return True
    return False


def realised(clause: str, at: int, trigger: Trigger, rest: str = "") -> bool:
    """Whether the clause states the event as having happened: no "to", "would", "not",
    "whether", "bid to" … just before its word (an adjective, "the besieged town", only
    needs no negation). A noun ("the offensive") counts when the clause or what follows says
    it began ("the offensive, which began on Tuesday")."""
    before = clause[max(0, at - 40) : at]
    if trigger.form == "adjective":
        return not re.search(r"\b(?:not|no|never)\s+(?:\w+\s+)?$", before, _R)
    if _SUCCEEDED.search(before):
        return True
    if _UNREAL.search(before) or _PURPOSE.search(clause[:at]):
        return False
    if trigger.form == "noun" and trigger.event_type == EventType.ATTACKED:
        if _SUPPORT.search(
            clause[max(0, at - 120) : at]
        ):  # "provided … airstrikes in support of", "backed by strikes"
            return False
        if re.match(r"(?:offensive|attack|assault|campaign|operation)s?$", trigger.text, _R):
            return bool(_NOUN_EVENT.search(clause) or _NOUN_EVENT.search(rest))
    return True


def aid_clause(clause: str) -> bool:
    """Whether a clause speaks of aid (a convoy, trucks, food …), so that its "entered" or
    "reached" is a delivery, not a change of hands."""
    return bool(AID_NOUN.search(clause))
