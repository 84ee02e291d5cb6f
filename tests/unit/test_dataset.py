"""The curated seed dataset: every fact the seed report states, each checked against its text;
and the `Dataset` the reports read it through."""

import csv
import datetime as dt
from dataclasses import FrozenInstanceError
from pathlib import Path

import pandas as pd
import pytest

from frontline.dataset import Dataset
from frontline.errors import ValidationError
from frontline.io.dataset import read_dataset


def _edit(path: Path, row_id: str, field: str, value: str) -> None:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row_id in row.values():
            row[field] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_seed_dataset_loads_with_sources(seed_tables):
    events = seed_tables["control_events"]
    assert len(seed_tables["sources"]) == 1
    source = seed_tables["sources"].iloc[0]
    assert (source["publisher"], source["dateline"]) == ("Associated Press", "Beirut")
    assert source["published_at"].date().isoformat() == "2016-06-29"
    assert all(events["source_ids"].map(len) > 0) and events["quote"].notna().all()
    assert all(seed_tables["aid_deliveries"]["source_ids"].map(len) > 0)


def test_seed_facts_are_present(seed_tables):
    events = seed_tables["control_events"].set_index("event_id")
    entered = events.loc["hamdan-2016-06-29-nsa-entered"]
    assert (entered["event_type"], entered["actor_id"], str(entered["date"].date())) == (
        "entered",
        "nsa",
        "2016-06-29",
    )
    retaken = events.loc["hamdan-2016-06-29-is-recaptured"]
    assert retaken["claimed_by"].startswith("Aamaq") and "Saloum" in retaken["confirmed_by"]
    assert retaken["seq"] > entered["seq"]
    taken = events.loc["hamdan-2016-06-29-nsa-captured"]  # the rebels' brief hold, between the two
    assert (taken["event_type"], taken["actor_id"], taken["status"]) == ("captured", "nsa",
                                                                         "confirmed")  # fmt: skip
    assert entered["seq"] < taken["seq"] < retaken["seq"]
    assert "Observatory" in taken["claimed_by"] and taken["confirmed_by"].startswith("Aamaq")
    assert "had briefly captured" in taken["quote"] and "takeover of the base" in taken["quote"]
    offensive = events.loc["boukamal-2016-06-28-offensive"]
    assert str(offensive["date"].date()) == "2016-06-28"
    seized = events.loc["boukamal-2014-is-captured"]
    assert (seized["date"].year, seized["date_precision"]) == (2014, "year")
    russia = events.loc["syria-2016-06-15-russian-bombing-claim"]
    assert (russia["date_precision"], russia["status"]) == ("week", "claimed")
    harasta = seed_tables["places"].set_index("place_id").loc["fl:west-harasta"]
    assert harasta["population"] == 12500


def test_seed_sieges_say_whether_their_start_is_known(seed_tables):
    """'Since 2012, when … were besieged' dates a start; 'have besieged Manbij' and 'the
    besieged suburb' only observe a siege on the report's day (`under_siege`)."""
    events = seed_tables["control_events"].set_index("event_id")
    sieges = events[events["event_type"].isin(["besieged", "under_siege"])]
    assert sieges["event_type"].to_dict() == {
        "zamalka-2012-besieged": "besieged",
        "irbin-2012-besieged": "besieged",
        "manbij-2016-06-29-sdf-besieged": "under_siege",
        "west-harasta-2016-06-29-besieged": "under_siege",
    }
    assert set(sieges.loc[["zamalka-2012-besieged", "irbin-2012-besieged"], "date_precision"]) == {
        "year"
    }


def test_seed_aid_convoy(seed_tables):
    aid = seed_tables["aid_deliveries"].set_index("delivery_id")
    zamalka = aid.loc["aid-2016-06-29-zamalka"]
    assert (zamalka["trucks"], zamalka["beneficiaries"]) == (37, 20000)
    assert zamalka["convoy_id"] == aid.loc["aid-2016-06-29-irbin", "convoy_id"]
    assert zamalka["organisations"] == [
        "International Committee of the Red Cross",
        "United Nations",
        "Syrian Arab Red Crescent",
    ]
    assert (zamalka["reported_first_since"].year, zamalka["reported_first_since_precision"]) == (
        2012,
        "year",
    )
    assert aid.loc["aid-2016-06-29-west-harasta", "items"] == ["food", "medical"]


def test_curated_places_name_their_source(seed_tables):
    places = seed_tables["places"]
    assert places["source"].str.len().min() > 10
    for place_id in ("fl:zamalka", "fl:hamdan-air-base", "fl:qaim-border-crossing"):
        assert place_id in set(places["place_id"])


@pytest.mark.parametrize(
    ("row_id", "field", "value", "message"),
    [
        (
            "hamdan-2016-06-29-nsa-entered",
            "quote",
            "The rebels held the base all week.",
            "quote not found in its source",
        ),
        (
            "syria-2016-06-15-russian-bombing-claim",
            "date",
            "2016-06-01",
            "'Two weeks ago' resolves to 2016-06-15",
        ),
        ("manbij-2016-06-29-is-held", "place_name", "Aleppo", "not a known name of gn:167357"),
        ("fallujah-2016-06-29-iraqi-captured", "actor_id", "iraqi-army", "unknown actors id"),
    ],
)
def test_a_wrong_fact_is_caught_with_its_row(data_copy, row_id, field, value, message):
    events = data_copy / "data" / "control_events.csv"
    _edit(events, row_id, field, value)
    with pytest.raises(ValidationError, match=message) as info:
        read_dataset(data_copy / "data", data_copy / "seeds")
    error = info.value.errors[0]
    assert error.file.endswith("control_events.csv") and error.row > 1


def test_a_dataset_answers_the_lookups_every_report_shares(seed, seed_tables):
    assert Dataset.from_tables(seed_tables, version=7).version == 7
    assert seed.place_names["fl:zamalka"] == "Zamalka"
    assert seed.places_by_id.at["gn:167357", "name"] == "Manbij"
    assert "fl:west-harasta" in seed.place_ids and "is" in seed.actor_ids
    assert seed.actor_names["sdf"] == "Syrian Democratic Forces"
    assert seed.source_labels == {"ap-2016-06-29-boukamal": "Associated Press, 2016-06-29"}
    cited = pd.Series([["ap-2016-06-29-boukamal", "unknown"], []])
    assert seed.cite(cited).tolist() == ["Associated Press, 2016-06-29", ""]
    assert seed.match_places("Arbin") == {"gn:169372"}
    assert seed.resolve_actor("Daesh") == "is"
    first, last = seed.span
    assert last == dt.date(2016, 6, 29) and first < last  # the report's day


def test_each_place_has_its_events_in_order(seed):
    hamdan = seed.events_at("fl:hamdan-air-base")
    assert hamdan["event_id"].tolist() == ["hamdan-2014-is-captured",
                                           "hamdan-2016-06-29-nsa-entered",
                                           "hamdan-2016-06-29-nsa-captured",
                                           "hamdan-2016-06-29-is-recaptured"]  # fmt: skip
    assert seed.events_at("nowhere").empty
    every = sum(len(seed.events_at(p)) for p in seed.place_ids)
    assert every == len(seed.control_events)


def test_a_dataset_is_frozen_and_builds_each_lookup_once(seed):
    with pytest.raises(FrozenInstanceError):
        seed.places = seed.places.iloc[:0]
    assert seed.place_names is seed.place_names and seed.coded is seed.coded


def test_a_table_left_out_is_empty():
    ds = Dataset.from_tables({})
    assert ds.span is None and ds.events_at("p").empty and ds.actor_names == {}
    assert list(ds.aid_deliveries.columns)[:2] == ["delivery_id", "convoy_id"]
    assert set(ds.tables()) == {"places", "actors", "sources", "control_events", "aid_deliveries",
                                "context_events"}  # fmt: skip
