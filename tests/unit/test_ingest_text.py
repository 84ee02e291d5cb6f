"""Ingestion's reading of text: page chrome and glued words, sentences, dates against the
dateline, figures, organisations — each checked on the words the seed and real reports use."""

from __future__ import annotations

import datetime as dt

import pytest

from frontline.config import PROJECT_ROOT
from frontline.ingest import cleaning, dating, figures, organisations, sentences

SEED = (PROJECT_ROOT / "seeds" / "000_6aaf4593ca1a5acc.txt").read_text(encoding="utf-8")
WEDNESDAY = dt.date(2016, 6, 29)


def test_page_chrome_goes_and_the_headline_is_kept_once():
    text = cleaning.clean(SEED).text
    for chrome in ("Home News", "report it here", "Please enter your comment",
                   "Please enter your name", "contributed to this report"):  # fmt: skip
        assert chrome not in text
    assert text.count("IS pushes back advance by US-backed Syria rebels near Iraq border") == 1
    assert "Meanwhile, aid was delivered" in text


@pytest.mark.parametrize(("raw", "clean"), [
    ("ISsaid it seized", "IS said it seized"),
    ("Syrian PresidentBashar Assad", "Syrian President Bashar Assad"),
    ("SyriaBEIRUT (AP)", "Syria BEIRUT (AP)"),
    ("Brett McGurk and DeMistura on YouTube", "Brett McGurk and DeMistura on YouTube"),
    ("ISIS and the IDPs", "ISIS and the IDPs"),
    ("two  spaces\tand a tab", "two spaces and a tab"),
])  # fmt: skip
def test_glued_words_are_split_and_names_written_in_one_piece_are_not(raw, clean):
    assert cleaning.clean(raw).text == clean


def test_every_cleaned_character_maps_back_to_the_same_character_of_the_raw_text():
    cleaned = cleaning.clean(SEED)
    assert len(cleaned.origin) == len(cleaned.text) + 1
    for i, char in enumerate(cleaned.text):
        if not char.isspace():
            assert SEED[cleaned.origin[i]] == char
    start = cleaned.text.index("Hamdan air base")
    raw_start, raw_end = cleaned.raw_span(start, start + len("Hamdan air base"))
    assert SEED[raw_start:raw_end] == "Hamdan air base"


def test_sentences_skip_abbreviations_and_leave_the_dateline_out():
    text = cleaning.clean(SEED).text
    found = sentences.split(text)
    first = next(s for s in found if not s.headline)
    assert first.text.startswith("Islamic State militants on Wednesday pushed back")
    assert any(s.text.startswith("Col. Chris Garver, a spokesman for the U.S.-led coalition")
               for s in found)  # fmt: skip
    assert any(s.text.startswith("The 37-truck convoy organized by the International Committee"
                                 " of the Red Cross, the U.N. and the Syrian Arab Red Crescent")
               for s in found)  # fmt: skip
    assert all(text[s.start : s.end] == s.text for s in found)
    assert sentences.dateline("BEIRUT (AP) — Islamic State") == "Associated Press"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Islamic State militants on Wednesday pushed back", [("2016-06-29", "day", "at")]),
    ("which the rebels had briefly captured earlier in the day.", [("2016-06-29", "day", "at")]),
    ("the offensive, which began on Tuesday.", [("2016-06-28", "day", "at")]),
    ("Two weeks ago, Washington accused", [("2016-06-15", "week", "at")]),
    ("airstrikes in support of Assad's forces since September.", [("2015-09", "month", "since")]),
    ("IS seized much of the border in its 2014 blitz", [("2014", "year", "at")]),
    ("for the first time since 2012, when the two areas", [("2012", "year", "first_since")]),
    ("in the first such delivery since a regime siege began in 2012.",
     [("2012", "year", "first_since")]),
    ("under siege since the beginning of the siege in November 2012",
     [("2012-11", "month", "since")]),
    ("on Sunday, Dec. 27, 2015", [("2015-12-27", "day", "at")]),
    ("carried enough food for 2000 people", []),
])  # fmt: skip
def test_dates_resolve_against_the_dateline_with_precision_and_role(sentence, expected):
    found = dating.find(sentence, 0, WEDNESDAY)
    assert [(d.iso(), d.precision, d.role) for d in found] == expected


def test_a_date_after_the_dateline_is_never_given():
    assert dating.find("on Thursday", 0, WEDNESDAY)[0].date == dt.date(2016, 6, 23)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The 37-truck convoy carried enough food and medical aid for 20,000 people.",
     [("trucks", 37, False), ("beneficiaries", 20000, False)]),
    ("west Harasta, which has a population of about 12,500, according to ICRC",
     [("population", 12500, True)]),
    ("IS said it seized 15 hostages and ammunition", [("hostages", 15, False)]),
    ("several hundred rebels from different factions", [("fighters", None, True)]),
    ("Nine lorries are currently being unloaded", [("trucks", 9, False)]),
    ("as many as 70 trucks with food", [("trucks", 70, True)]),
    ("The town's 40,000 residents", [("population", 40000, False)]),
])  # fmt: skip
def test_figures_are_read_with_what_they_count(sentence, expected):
    assert [(f.what, f.value, f.approximate) for f in figures.find(sentence, 0)] == expected


def test_organisations_get_their_curated_names():
    text = "organized by the International Committee of the Red Cross, the U.N. and SARC"
    assert [o[0] for o in organisations.find(text)] == [
        "International Committee of the Red Cross",
        "United Nations",
        "Syrian Arab Red Crescent",
    ]
    assert [o[0] for o in organisations.find("the UN's Office for the Coordination of "
                                            "Humanitarian Affairs (OCHA)")] == ["OCHA"]  # fmt: skip
