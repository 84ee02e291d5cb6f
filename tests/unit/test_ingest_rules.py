"""Ingestion's rules one at a time: actors through the registry (damaged and generic names
too), places referred to by their kind, what a source's side makes of a claim, and one event
from several reports merged into one candidate whose status the independent source raises."""

from __future__ import annotations

import datetime as dt

import pytest

from frontline.config import PROJECT_ROOT
from frontline.ingest import Report, actors, attribution, ingest, ingest_many

DAY = dt.date(2016, 1, 12)


@pytest.fixture(scope="module")
def registry():
    return actors.load(PROJECT_ROOT / "data")


@pytest.mark.parametrize(("text", "expected"), [
    ("IS militants repelled the New Syrian from an air base", [("is", None), ("nsa", None)]),
    ("Earlier Wednesday, the -trained force entered the base", [("nsa", None)]),
    ("The U.S.-backed and Kurdish-led forces have besieged Manbij", [("sdf", None)]),
    ("Syrian troops recaptured a village", [("syrian-government", None)]),
    ("Russian warplanes struck", [("russia", None)]),
    ("the rebels had briefly captured", [(None, "opposition")]),
    ("the rebel-held town", [(None, "opposition")]),
    ("backed by Hezbollah", [(None, None)]),  # a group the registry lacks: no other actor's id
])  # fmt: skip
def test_actor_mentions(registry, text, expected):
    assert [(m.actor_id, m.side) for m in registry.find(text, 0)] == expected


def test_a_generic_name_is_the_actor_of_its_side_met_last_else_the_countrys(registry):
    rebels = registry.find("the rebels", 0)[0]
    assert registry.resolve_generic(rebels, ["is", "nsa"], "SY").actor_id == "nsa"
    army = registry.find("government forces", 0)[0]
    assert registry.resolve_generic(army, ["iraqi-forces"], "SY").actor_id == "syrian-government"
    assert registry.resolve_generic(army, [], "IQ").actor_id == "iraqi-forces"
    holder = registry.find("rebel-held", 0)[0]
    assert registry.resolve_generic(holder, ["nsa"], "SY").actor_id == "rebels"


@pytest.mark.parametrize(("speaker", "event", "actor", "opponent", "expected"), [
    ("Aamaq news agency", "captured", "jihadist", "opposition", "claim"),
    ("rebel spokesman", "withdrew", "opposition", "jihadist", "admission"),
    ("rebel spokesman", "captured", "jihadist", "opposition", "admission"),
    ("Syrian Observatory for Human Rights", "captured", "jihadist", "opposition", "neutral"),
    ("state media", "captured", "government", "jihadist", "claim"),
])  # fmt: skip
def test_a_sources_side_makes_its_word_a_claim_or_an_admission(speaker, event, actor,
                                                             opponent, expected):  # fmt: skip
    source = attribution.find(f"{speaker} said IS took the town.", 0, [])[0]
    assert attribution.stance(source, event, actor, opponent) == expected


def _sources(*pairs):
    return [(attribution.Source(name, side, verb), stance) for name, side, verb, stance in pairs]


def test_status_a_claim_stays_a_claim_until_someone_else_confirms_it():
    claim = ("SANA", "government", "said", "claim")
    assert attribution.status(_sources(claim)) == "claimed"
    assert (
        attribution.status(_sources(claim, ("state TV", "government", "said", "claim")))
        == "claimed"
    )  # the same side twice
    assert (
        attribution.status(_sources(claim, ("Observatory", None, "said", "neutral"))) == "confirmed"
    )
    assert attribution.status(_sources(("Observatory", None, "said", "neutral"))) == "reported"
    assert attribution.status(_sources(("rebel spokesman", "opposition", "acknowledged",
                                        "admission"))) == "confirmed"  # fmt: skip
    assert (
        attribution.status(_sources(claim, ("rebels", "opposition", "denied", "denial")))
        == "disputed"
    )
    assert attribution.status([]) == "reported"


AP = (
    "An aid convoy arrived on Monday night in the besieged town of Madaya in rural Damascus "
    "with food and humanitarian supplies."
)
OTHER = (
    "The London-based Syrian Observatory for Human Rights said as many as 70 trucks with "
    "food and medical supplies arrived in the rebel-held town of Madaya."
)
CLAIM = "Syrian state media said the army captured the town of Khanaser on Monday."
SAME_CLAIM = "The army recaptured Khanaser on Monday, Syrian state television said."


def test_two_reports_of_one_delivery_become_one_candidate_with_both_sources(gazetteer):
    alone = ingest(Report(AP, DAY, "Associated Press"), gazetteer)
    assert [(c.kind, c.status) for c in alone if c.kind == "aid"] == [("aid", "reported")]
    merged = ingest_many([Report(AP, DAY, "Associated Press"), Report(OTHER, DAY, "CNC")],
                         gazetteer)  # fmt: skip
    aid = [c for c in merged if c.kind == "aid"]
    assert len(aid) == 1
    assert (aid[0].place["place_id"], aid[0].date, aid[0].trucks) == ("pc:C2450", "2016-01-11", 70)
    assert aid[0].status == "confirmed"
    assert {e.publisher for e in aid[0].evidence} == {"Associated Press", "CNC"}


def test_two_reports_repeating_one_sides_claim_stay_a_claim(gazetteer):
    merged = ingest_many([Report(CLAIM, DAY, "Reuters"), Report(SAME_CLAIM, DAY, "AFP")],
                         gazetteer)  # fmt: skip
    captured = [c for c in merged if c.event_type == "captured"]
    assert len(captured) == 1 and len(captured[0].evidence) == 2
    assert (captured[0].actor, captured[0].status) == ("syrian-government", "claimed")


@pytest.mark.parametrize("text", [
    "Aid agencies are to deliver relief supplies to Daraya on Thursday.",
    "It was not clear whether the army had entered Palmyra.",
    "44 aid trucks were heading to Madaya.",
])  # fmt: skip
def test_what_did_not_happen_is_no_candidate(gazetteer, text):
    assert [c.to_json() for c in ingest(Report(text, DAY), gazetteer)] == []


def test_an_offensive_launched_is_an_attack_its_aim_no_capture(gazetteer):
    found = ingest(Report("Iraqi forces launched an offensive aimed at retaking Hit.", DAY),
                   gazetteer)  # fmt: skip
    assert [(c.event_type, c.place["name"]) for c in found] == [("attacked", "Hit")]
