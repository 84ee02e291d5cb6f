"""Issue 14's "Done when" on the seed report: the candidates it names, each with its sentence,
in the issue's JSON; and the CLI that prints them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from frontline.cli import main
from frontline.config import PROJECT_ROOT
from frontline.ingest import JSON_FIELDS, Report, ingest
from frontline.ingest.cleaning import clean

SEED_FILE = PROJECT_ROOT / "seeds" / "000_6aaf4593ca1a5acc.txt"
SEED = SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def found(gazetteer):
    return ingest(Report(SEED, dt.date(2016, 6, 29)), gazetteer)


def _one(found, **want):
    """The one candidate whose fields (and place id) are those given."""
    place = want.pop("place", None)
    hits = [c for c in found if all(getattr(c, k) == v for k, v in want.items())
            and (place is None or c.place["place_id"] == place)]  # fmt: skip
    assert len(hits) == 1, (want, place, [c.to_json() for c in found])
    return hits[0]


def test_the_nsa_enters_hamdan_air_base_and_the_observatory_confirms_it(found):
    c = _one(found, event_type="entered", place="fl:hamdan-air-base", actor="nsa")
    assert (c.date, c.date_precision, c.status) == ("2016-06-29", "day", "confirmed")
    assert "al-Saloum" in c.claimed_by and "Observatory" in c.confirmed_by
    assert c.quote.startswith("Earlier Wednesday, the -trained force entered the Hamdan air base")


def test_is_retakes_the_base_by_aamaq_acknowledged_by_the_rebel_spokesman(found):
    c = _one(found, event_type="captured", place="fl:hamdan-air-base", actor="is")
    assert (c.date, c.opponent, c.status) == ("2016-06-29", "nsa", "confirmed")
    assert "Aamaq" in c.claimed_by and "al-Saloum" in c.confirmed_by
    assert "IS militants repelled the New Syrian from an air base" in c.quote
    assert any("unable to keep the base" in e.quote for e in c.evidence)
    assert [(f.what, f.value) for f in c.figures] == [("hostages", 15)]


def test_the_offensive_began_the_day_before(found):
    c = _one(found, event_type="attacked", place="gn:174448", date="2016-06-28")
    assert c.actor in ("nsa", "rebels") and c.claimed_by == "Observatory"
    assert "the offensive, which began on Tuesday" in c.quote


def test_manbij_besieged_and_fallujah_taken(found):
    manbij = _one(found, place="gn:167357")
    assert (manbij.event_type, manbij.actor) == ("under_siege", "sdf")
    fallujah = _one(found, place="gn:99454")
    assert (fallujah.event_type, fallujah.actor, fallujah.opponent) == (
        "captured",
        "iraqi-forces",
        "is",
    )
    assert manbij.quote == fallujah.quote and "have besieged Manbij" in manbij.quote


@pytest.mark.parametrize("place", ["fl:zamalka", "gn:169372"])
def test_zamalka_and_irbin_besieged_since_2012_and_reached_by_the_37_truck_convoy(found, place):
    siege = _one(found, kind="control", place=place)
    assert (siege.event_type, siege.actor, siege.date, siege.date_precision) == (
        "besieged",
        "syrian-government",
        "2012",
        "year",
    )
    aid = _one(found, kind="aid", place=place)
    assert (aid.trucks, aid.beneficiaries, aid.first_since, aid.date) == (
        37,
        20000,
        "2012",
        "2016-06-29",
    )
    assert aid.organisations == ["International Committee of the Red Cross", "United Nations",
                                 "Syrian Arab Red Crescent"]  # fmt: skip
    assert aid.quote.startswith("Meanwhile, aid was delivered to the besieged Syrian towns")
    assert any(e.quote.startswith("The 37-truck convoy") for e in aid.evidence)


def test_the_convoy_to_west_harasta_with_its_population(found):
    aid = _one(found, kind="aid", place="fl:west-harasta")
    assert (aid.trucks, aid.beneficiaries, aid.organisations) == (None, None, [])
    assert [(f.what, f.value, f.approximate) for f in aid.figures] == [("population", 12500, True)]
    assert aid.claimed_by == "ICRC spokeswoman Ingy Sedky"


def test_each_candidate_quotes_its_sentence_at_its_offsets_in_the_cleaned_text(found):
    text = clean(SEED).text
    assert found
    for c in found:
        assert text[c.start : c.end] == c.quote
        assert list(c.to_json()) == list(JSON_FIELDS)
        assert c.kind in ("control", "aid", "other")


def test_the_cli_prints_only_the_json(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(SEED_FILE), "--published", "2016-06-29",
                                       "--url", "https://example.org/ap"])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and set(JSON_FIELDS) <= set(rows[0])
    hamdan = [r for r in rows if r["place"]["place_id"] == "fl:hamdan-air-base"]
    assert {r["event_type"] for r in hamdan} == {"captured", "entered"}
    assert rows[0]["evidence"][0]["url"] == "https://example.org/ap"
    assert rows[0]["evidence"][0]["publisher"] == "Associated Press"  # from the dateline


def test_the_cli_refuses_a_missing_dateline():
    result = CliRunner().invoke(main, ["ingest", str(SEED_FILE)])
    assert result.exit_code != 0 and "--published" in result.output
