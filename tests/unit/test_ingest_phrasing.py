"""Rules written after rounds 2 and 3 of the real reports were scored (issue 14), each on a
sentence written for the test: sieges stated without an auxiliary ("two towns besieged by rebels",
"regime-besieged", "a town under siege"), a place in apposition, passive attacks, more words
for entering, a finished operation and a blocked delivery, a noun split from its "of", an
aside that is no clause ("as well as"), events somewhere in a place rather than at it, a
convoy's vehicles and figures told sentences later, families kept apart from people; then
purposes, shared subjects, counted places named next, site words, how often against when."""

from __future__ import annotations

import datetime as dt

import pytest

from frontline.ingest import Report, ingest

DAY = dt.date(2016, 3, 9)  # a Wednesday


def _found(gazetteer, text: str) -> list[tuple]:
    return [(c.kind, c.event_type, c.place["name"] if c.place else None, c.actor)
            for c in ingest(Report(text, DAY), gazetteer)]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [
    ("Aid reached Foah and Kefraya, two towns in northwestern Idlib province besieged by rebels.",
     [("control", "under_siege", "Foah", "rebels"),
      ("control", "under_siege", "Kefraya", "rebels")]),
    ("Food reached Madaya and Zabadani, two government-besieged towns near the border.",
     [("control", "under_siege", "Madaya", "syrian-government"),
      ("control", "under_siege", "Zabadani", "syrian-government")]),
])  # fmt: skip
def test_a_siege_stated_without_an_auxiliary_is_read(gazetteer, text, expected):
    assert [f for f in _found(gazetteer, text) if f[0] == "control"] == expected


def test_a_town_under_siege_in_apposition_is_the_place_before(gazetteer):
    found = ingest(Report("Aid reached Rastan, an opposition-held town under siege.", DAY),
                   gazetteer)  # fmt: skip
    assert [(c.event_type, c.place["name"], c.opponent) for c in found if c.kind == "control"] \
        == [("under_siege", "Rastan", "rebels")]


def test_a_site_word_in_apposition_is_the_place_named_before_it(gazetteer):
    text = "Food reached Daraya, a town near Damascus encircled by government forces."
    assert _found(gazetteer, text) == [("aid", "delivered", "Daraya", None),
                                       ("control", "under_siege", "Daraya", "syrian-government")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Activists said Douma was shelled by government forces on Tuesday.",
     [("control", "attacked", "Douma", "syrian-government")]),
    ("A convoy of 20 trucks went into Madaya on Monday.", [("aid", "delivered", "Madaya", None)]),
    ("Iraqi troops breached the city limits of Fallujah on Monday.",
     [("control", "entered", "Al Fallujah", "iraqi-forces")]),
    ("Iraqi forces completed the operation to recapture Ramadi on Sunday.",
     [("control", "captured", "Ramadi", "iraqi-forces")]),
    ("Iraqi forces launched an operation to recapture Ramadi.",
     [("control", "attacked", "Ramadi", "iraqi-forces")]),
    ("Sniper fire prevented the trucks from reaching Madaya on Monday.", []),
    ("Syrian troops pressed east after the recapture in March of Palmyra.",
     [("control", "captured", "Palmyra", "syrian-government")]),
    ("Rebels backed by Turkish tanks, as well as air cover by the U.S.-led coalition, "
     "stormed Jarablus on Wednesday.", [("control", "captured", "Jarablus", "rebels")]),
])  # fmt: skip
def test_event_words(gazetteer, text, expected):
    assert _found(gazetteer, text) == expected


@pytest.mark.parametrize("text", [
    "A convoy entered the southern part of Idlib province on Monday.",
    "Aid has reached besieged areas of Syria.",
    "Trucks entered the countryside of north Hama on Monday.",
    "The UN delivered food for 8,000 people in Qaryat Zuhur in the Hama area on Monday.",
])  # fmt: skip
def test_an_event_somewhere_in_a_place_is_not_at_it(gazetteer, text):
    assert _found(gazetteer, text) == []


def test_strikes_on_a_country_keep_the_country(gazetteer):
    text = "The U.S.-led coalition has carried out airstrikes in Iraq and Syria since 2014."
    assert [f[2] for f in _found(gazetteer, text)] == ["Iraq", "Syria"]


def test_an_assimilated_article_is_part_of_the_name(gazetteer):
    found = _found(gazetteer, "A convoy of 12 trucks entered the town of a-Dumayr on Monday.")
    assert [(f[1], f[2]) for f in found] == [("delivered", "a-Dumayr")]


def test_vehicles_are_a_convoys_only_after_aid_was_spoken_of(gazetteer):
    text = "Trucks of food left Damascus on Monday. About 30 vehicles later arrived in Madaya."
    assert [(c.event_type, c.place["name"], c.trucks) for c in ingest(Report(text, DAY),
            gazetteer)] == [("delivered", "Madaya", 30)]  # fmt: skip
    assert _found(gazetteer, "About 30 armoured vehicles arrived in Madaya on Monday.") == []


def test_families_are_not_counted_as_people(gazetteer):
    [found] = ingest(Report("A convoy delivered food for 2,200 families to Madaya.", DAY),
                     gazetteer)  # fmt: skip
    assert found.beneficiaries is None
    assert [(f.what, f.value) for f in found.figures] == [("families", 2200)]


def test_people_expected_to_receive_the_aid_are_its_beneficiaries(gazetteer):
    text = "A convoy delivered aid to Madaya on Monday. Some 40,000 people are expected to "
    text += "receive the aid."
    [found] = ingest(Report(text, DAY), gazetteer)
    assert found.beneficiaries == 40000


def test_the_convoys_figures_told_sentences_later_are_its_own(gazetteer):
    text = ("The Red Crescent delivered aid to Madaya on Monday. Residents had waited for months. "
            "Prices had risen tenfold. Many had left. Doctors said children were malnourished. "
            "The convoy is made up of 30 trucks.")  # fmt: skip
    [found] = ingest(Report(text, DAY), gazetteer)
    assert found.trucks == 30


def test_a_gerund_subject_takes_the_actor_of_the_advance_before(gazetteer):
    text = ("The Syrian army captured a key town in the Aleppo countryside after battles with IS. "
            "Capturing the town of Tadef enables the army to secure the road.")  # fmt: skip
    assert _found(gazetteer, text) == [("control", "captured", "Tadef", "syrian-government")]


def test_the_enclave_is_the_place_named_before(gazetteer):
    text = "Rebels entered Douma on Monday. Government forces have besieged the enclave since 2013."
    assert [(c.event_type, c.place["name"], c.actor, c.date) for c in ingest(Report(text, DAY),
            gazetteer)][1:] == [("besieged", "Douma", "syrian-government", "2013")]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [
    ("The army began an offensive aimed at cutting the road and regain control of Aleppo.", []),
    ("Aid is needed in Hayan and Anadan that have been heavily bombed in recent days.",
     [("control", "attacked", "Hayan", None), ("control", "attacked", "Anadan", None)]),
    ("IS lost Tikrit this month, but struck back at Baiji on Friday.",
     [("control", "lost", "Tikrit", "is"), ("control", "attacked", "Baiji", "is")]),
    ("Officials announced on Tuesday that the city of Tikrit was under the control of Iraqi "
     "forces.", [("control", "held", "Tikrit", "iraqi-forces")]),
    ("Tikrit was first attacked by IS in 2014.", [("control", "attacked", "Tikrit", "is")]),
    ("Iraqi troops routed IS from the city of Tikrit on Tuesday.",
     [("control", "captured", "Tikrit", "iraqi-forces")]),
    ("Government forces retook four neighbourhoods in Mayadeen on Thursday.", []),
    ("The UN sent aid to villages in the besieged northern rural Homs on Sunday.", []),
    ("The Red Crescent resumed distribution of aid in Madaya on Tuesday.",
     [("aid", "delivered", "Madaya", None)]),
    ("On Friday, the Tiger Forces – supported by allied factions – recaptured Khattab.",
     [("control", "captured", "Khattab", "syrian-government")]),
    ("The Red Crescent delivered food to rebel-held areas of Homs city on Saturday.", []),
])  # fmt: skip
def test_round_three_phrasing(gazetteer, text, expected):
    """Rules written after round 3 of the real reports was scored, each on a sentence of its
    own: a purpose read as a plan, a relative "that" with a passive attack, a subject shared
    across "but", the actor after "control of", an adverb of order, "routed", quarters of a
    town (no place: the text names none of them), "rural" as a countryside, aid as a noun, an
    aside between dashes, held areas."""
    assert _found(gazetteer, text) == expected


def test_counted_places_are_those_named_next(gazetteer):
    text = ("A convoy of food entered two besieged towns near Damascus on Wednesday. The towns of "
            "Zamalka and Irbin had received no aid since 2012.")  # fmt: skip
    assert sorted(_found(gazetteer, text)) == [
        ("aid", "delivered", "Irbin", None), ("aid", "delivered", "Zamalka", None),
        ("control", "under_siege", "Irbin", None), ("control", "under_siege", "Zamalka", None)]


def test_a_site_word_points_to_the_place_named_with_it(gazetteer):
    text = ("UNRWA delivered aid to the Yarmouk refugee camp on Monday. In May, the Syrian army "
            "liberated the camp from IS.")  # fmt: skip
    assert [f[1:] for f in _found(gazetteer, text)][1:] in (
        [("captured", name, "syrian-government")] for name in ("Yarmouk", "Yarmuk"))  # one camp
    text = "Iraqi forces have retaken most of the country's largest refinery near Baiji."
    assert [f[2] for f in _found(gazetteer, text)] == []  # no refinery named: nothing to point to


def test_how_often_is_not_when(gazetteer):
    text = "Trucks entered Madaya for the second time this week, the Red Crescent said on Thursday."
    [found] = ingest(Report(text, DAY), gazetteer)
    assert (found.date, found.date_precision) == ("2016-03-03", "day")


def test_it_after_an_events_verb_is_the_place_the_sentences_are_about(gazetteer):
    text = ("The Baiji refinery shut in June 2014 when IS fighters seized it. Iraqi forces retook "
            "it in November, officials said.")  # fmt: skip
    assert [(c.event_type, c.place["place_id"], c.actor) for c in ingest(Report(text, DAY),
            gazetteer)] == [("captured", "wm:baiji-oil-refinery", "is"),
                            ("captured", "wm:baiji-oil-refinery", "iraqi-forces")]  # fmt: skip
    assert _found(gazetteer, "The army said it took it as a warning.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Government forces were still shelling Douma on Monday.",
     [("control", "attacked", "Douma", "syrian-government")]),
    ("Syrian troops launched two offensives against IS on Sunday in the province of Raqqa.",
     [("control", "attacked", "province of Raqqa", "syrian-government")]),
    ("On Tuesday the Iraqi army launched a long-promised campaign to retake Ramadi.",
     [("control", "attacked", "Ramadi", "iraqi-forces")]),
    ("IS fighters seized Baiji at the same time as the city of Mosul in June 2014.",
     [("control", "captured", "Baiji", "is"), ("control", "captured", "Mosul", "is")]),
    ("Aid reached rebel-held areas of Homs city that have been under siege since 2012.",
     []),
    ("Food was parachuted to the city of Deir ez-Zor on Sunday.",
     [("aid", "delivered", "Deir ez-Zor", None)]),
])  # fmt: skip
def test_more_event_words(gazetteer, text, expected):
    assert _found(gazetteer, text) == expected


def test_a_drop_and_its_trucks_named_sentences_later(gazetteer):
    text = ("WFP food was parachuted to Deir ez-Zor on Sunday. The city is cut off. "
            "Prices are high. Many have left. Sunday's drop delivered food enough to feed 2,500 "
            "people for a month.")  # fmt: skip
    [found] = ingest(Report(text, DAY), gazetteer)
    assert found.beneficiaries == 2500
    [found] = ingest(Report("A convoy of 13 Red Crescent trucks entered Madaya.", DAY), gazetteer)
    assert found.trucks == 13


def test_later_is_the_day_told_before(gazetteer):
    text = "Aid trucks left Damascus on Monday. About 35 vehicles later arrived in Madaya."
    [found] = ingest(Report(text, DAY), gazetteer)
    assert (found.place["name"], found.date) == ("Madaya", "2016-03-07")


@pytest.mark.parametrize(("text", "expected"), [
    ("The al-Qaeda breakaway group, which is also fighting government forces in Iraq, stormed "
     "the Tabqa air base on Sunday.", []),
    ("Baba Amr was the first Homs neighbourhood to fall into the hands of rebels in 2012.",
     [("control", "captured", "Baba Amr", "rebels")]),
    ("The army began an attack on rebel-controlled areas south and west of Hama on Sunday.", []),
    ("Rebels hold Idlib province, controlled by the armed opposition since 2015.",
     [("control", "held", "Idlib province", "rebels")]),
    ("The town of Douma (12 kilometers away from Damascus), held by the Jaish al-Islam "
     "militants, remains the last rebel stronghold.", [("control", "held", "Douma", None)]),
    ("UNRWA also transported aid to the Yarmouk camp on Thursday.",
     [("aid", "delivered", "Yarmouk camp", None)]),
    ("Units of Turkey -backed Free Syrian Army have seized control over Afrin.",
     [("control", "captured", "Afrin", "rebels")]),
    ("Six aid trucks reached the besieged Idlib Governorate towns of Foua and Kafraya.",
     [("aid", "delivered", "Foua", None), ("aid", "delivered", "Kafraya", None),
      ("control", "under_siege", "Foua", None), ("control", "under_siege", "Kafraya", None)]),
    ("Aid reached Talbiseh, and food went to nearby Al-Jabriya village on Monday.",
     [("aid", "delivered", "Talbiseh", None)]),
    ("Trucks entered Houla, in northern Homs and neighbouring southern Hama province, "
     "blockaded by regime forces since early 2012.",
     [("aid", "delivered", "Houla", None), ("control", "besieged", "Houla", "syrian-government")]),
    ("We are entering #Madaya with @SYRedCrescent delivering food, the ICRC said.",
     [("aid", "delivered", "Madaya", None)]),
])  # fmt: skip
def test_round_four_phrasing(gazetteer, text, expected):
    """Rules written after round 4 was scored: a relative clause closed before the main verb,
    "fall into the hands of", areas around a place, a reduced "controlled by", a place in
    brackets, "transported", a stray space before "-backed", a province's towns of, "nearby",
    places joined across a locating phrase, a hashtag."""
    assert _found(gazetteer, text) == expected


def test_the_towns_of_so_many_people_are_the_towns_named_before(gazetteer):
    text = "Aid entered Foua and Kafarya on Monday. The towns of 20,000 people have been under "
    text += "siege since 2013."
    assert [(c.event_type, c.place["place_id"], c.date) for c in ingest(Report(text, DAY),
            gazetteer) if c.kind == "control"] == [("besieged", "pc:C3905", "2013"),
                                                   ("besieged", "pc:C3952", "2013")]  # fmt: skip


def test_the_reports_country_settles_a_doubtful_namesake(gazetteer):
    text = ("Iraqi forces recaptured the town of Hawija on Thursday, the Iraqi army said. Iraqi "
            "officials said the town had been held by IS since 2014.")  # fmt: skip
    assert ingest(Report(text, DAY), gazetteer)[0].place["place_id"] == "wm:hawija~2"


@pytest.mark.parametrize(("text", "expected"), [
    ("By last week the northern half of Daraa city was in regime hands.",
     [("control", "held", "Daraa city", "syrian-government")]),
    ("The town of Zumar fell into Islamic State hands on Saturday.",
     [("control", "captured", "Zumar", "is")]),
    ("The city of Mosul has been under IS control since June 2014.",
     [("control", "held", "Mosul", "is")]),
    ("Syrian troops fought their way into the Kuweires air base on Tuesday.",
     [("control", "entered", "Kuweires air base", "syrian-government")]),
    ("A food distribution took place in Hammam al-Alil on Monday.",
     [("aid", "delivered", "Hammam al-Alil", None)]),
    ("Iraqi forces pressed on as part of a major offensive aimed at liberating the city of Mosul.",
     [("control", "attacked", "Mosul", "iraqi-forces")]),
    ("Government forces captured one Homs neighbourhood after another.", []),
    ("The fall of Mosul is a blow to Prime Minister Nouri al-Maliki, Iraqi officials said.", []),
    ("The militant group on Sunday forced Iraqi troops out of Ramadi.",
     [("control", "captured", "Ramadi", "is")]),
    ("Iraqi troops abandoned their posts in Mosul on Tuesday.",
     [("control", "withdrew", "Mosul", "iraqi-forces")]),
    ("Rebels captured the strategic town of Jisr al Shughur on Saturday.",
     [("control", "captured", "Jisr al Shughur", "rebels")]),
])  # fmt: skip
def test_round_five_and_six_phrasing(gazetteer, text, expected):
    """Rules written after rounds 5 and 6 were scored: "in regime hands", "fell into IS
    hands", "has been under IS control", "fought their way into", a distribution that took
    place, an offensive aimed at a place (an attack; its aim no capture), a town's
    neighbourhoods, a person's title, "forced … out of", "abandoned their posts", an article
    written apart."""
    assert _found(gazetteer, text) == expected


def test_a_neighbouring_village_is_the_namesake_beside_the_place_named(gazetteer):
    found = ingest(Report("The rebels also captured Dabiq's neighbouring village of Soran.", DAY),
                   gazetteer)  # fmt: skip
    assert found[-1].place["place_id"] == "pc:C1664"  # not Souran in Hama


@pytest.mark.parametrize(("text", "expected"), [
    ("Madaya has been besieged by government forces for six months.",
     [("besieged", "Madaya", "2015-09", "month")]),
    ("IS seized Palmyra after a weeklong siege.",
     [("captured", "Palmyra", "2016-03-09", "day"), ("besieged", "Palmyra", "2016-03-02", "week")]),
    ("The army said a nearly two-year siege of Kuweires air base had ended.",
     [("besieged", "Kuweires air base", "2014", "year")]),
])  # fmt: skip
def test_a_sieges_length_dates_its_start(gazetteer, text, expected):
    found = ingest(Report(text, DAY), gazetteer)
    assert [(c.event_type, c.place["name"], c.date, c.date_precision) for c in found] == expected
