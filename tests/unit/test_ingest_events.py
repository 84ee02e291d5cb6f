"""Event rules added with the framing ones (issue 14), each on a sentence written for the test:
who lost a place when it "was driven out of" it, whom "drove X out of" expelled, a denial that
disputes the claim before it, "pushed back a … attack on" as a place held, a report retelling
its own event, "had been held by", a site word that vouches for a spelling, a part of a town
the registry lacks, and names of sides the registry does not list."""

from __future__ import annotations

import datetime as dt

import pytest

from frontline.config import PROJECT_ROOT
from frontline.ingest import Report, actors, ingest

DAY = dt.date(2016, 3, 9)  # a Wednesday


def _found(gazetteer, text: str) -> list[tuple]:
    return [(c.event_type, c.place["place_id"] if c.place else None, c.actor, c.opponent)
            for c in ingest(Report(text, DAY), gazetteer)]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [
    ("IS militants were driven out of Tikrit by Iraqi forces on Tuesday.",
     [("captured", "gn:90150", "iraqi-forces", "is")]),
    ("Islamic State has been expelled from Baiji.", [("captured", "gn:97783", None, "is")]),
    ("Iraqi troops drove IS fighters out of Baiji on Monday.",
     [("captured", "gn:97783", "iraqi-forces", "is")]),
])  # fmt: skip
def test_who_was_driven_out_is_the_opponent(gazetteer, text, expected):
    assert _found(gazetteer, text) == expected


def test_a_denial_after_a_claim_disputes_it(gazetteer):
    text = "IS said on Monday it had seized Khanaser. A government official denied the claim."
    found = ingest(Report(text, DAY), gazetteer)
    assert [(c.event_type, c.status) for c in found] == [("captured", "disputed")]


def test_pushing_back_an_attack_on_a_place_holds_it(gazetteer):
    text = "Government troops pushed back a large Islamic State attack on the town of Khanaser."
    assert _found(gazetteer, text) == [("held", "pc:C2169", "syrian-government", "is")]


def test_a_report_retelling_its_own_event_later_is_one_candidate(gazetteer):
    text = ("Iraqi forces recaptured Baiji on Friday, officials said. The Syrian Observatory "
            "for Human Rights said the troops had taken Baiji.")  # fmt: skip
    found = ingest(Report(text, DAY), gazetteer)
    assert [(c.event_type, c.date, len(c.evidence)) for c in found] == [
        ("captured", "2016-03-04", 2)]  # fmt: skip


def test_held_by_with_a_locating_aside_keeps_its_subject(gazetteer):
    text = "Iraqi forces took Rutba on Friday. The town, near the border with Syria, had been "
    text += "held by IS since 2014."
    found = ingest(Report(text, DAY), gazetteer)
    assert [(c.event_type, c.place["place_id"], c.actor, c.date) for c in found] == [
        ("captured", "gn:98677", "iraqi-forces", "2016-03-04"),
        ("held", "gn:98677", "is", "2014")]  # fmt: skip


def test_a_site_word_vouches_for_an_odd_spelling_of_a_site_of_its_kind(gazetteer):
    text = "Government forces broke the siege of the Kweiris air base on Tuesday."
    assert _found(gazetteer, text) == [
        ("siege_lifted", "fl:kuweires-air-base", "syrian-government", None)]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [
    ("A Red Crescent convoy with 12 trucks arrived in al-Inshaat district of Homs.", []),
    ("A Red Crescent convoy with 12 trucks arrived in the Baba Amr district of Homs.",
     [("delivered", "fl:baba-amr", None, None)]),
    ("Rebels shelled the Aleppo district of Salaheddine on Monday.",
     [("attacked", "fl:salaheddine-aleppo", "rebels", None)]),
    ("Russian jets bombed the Idlib town of Saraqeb on Monday.",
     [("attacked", "gn:164816", "russia", None)]),
])  # fmt: skip
def test_of_a_part_and_its_town_the_part_is_the_place(gazetteer, text, expected):
    """ "The <A> district of <B>": the smaller is the place; a part the registry lacks is not
    the town ("al-Inshaat district of Homs" is not Homs)."""
    assert _found(gazetteer, text) == expected


def test_have_surrounded_is_a_siege_and_declared_liberated_a_capture(gazetteer):
    assert _found(gazetteer, "Iraqi troops have surrounded the town of Tal Afar.") == [
        ("under_siege", "gn:90393", "iraqi-forces", None)]  # fmt: skip
    assert _found(gazetteer, "The city of Baiji was declared liberated by Iraqi forces.") == [
        ("captured", "gn:97783", "iraqi-forces", None)]  # fmt: skip


def test_the_free_syrian_army_is_of_the_opposition_and_kurdish_forces_are_named():
    registry = actors.load(PROJECT_ROOT / "data")
    fsa = registry.find("Free Syrian Army fighters entered the town", 0)
    assert [(m.side, m.actor_id) for m in fsa] == [("opposition", None)]
    kurds = registry.find("Kurdish forces withdrew", 0)
    assert [(m.text, m.actor_id, m.side) for m in kurds] == [("Kurdish forces", None, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The town of Baiji fell to Islamic State fighters in June.",
     [("captured", "gn:97783", "is", None)]),
    ("The army said that it had finally retaken Khanaser.",
     [("captured", "pc:C2169", "syrian-government", None)]),
    ("The siege of Nubl was broken on Tuesday.", [("siege_lifted", "gn:166331", None, None)]),
])  # fmt: skip
def test_fell_to_its_actor_a_pronoun_before_an_auxiliary_and_a_siege_broken(gazetteer, text,
                                                                            expected):  # fmt: skip
    assert _found(gazetteer, text) == expected
