"""The CLI through click's runner: the issue's acceptance answers, formats and errors."""

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner

from frontline.cli import main
from frontline.config import PROJECT_ROOT

pytestmark = pytest.mark.store


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _by_name(rows: list[dict]) -> dict[str, dict]:
    return {r["place"]: r for r in rows}


def test_snapshot_json_on_the_report_day():
    code, out = run("snapshot", "--as-of", "2016-06-29", "--format", "json")
    assert code == 0
    places = _by_name(json.loads(out))
    hamdan = places["Hamdan air base"]
    assert (hamdan["controller"], hamdan["controller_id"], hamdan["state"]) == (
        "Islamic State",
        "is",
        "held",
    )
    assert hamdan["last_event_type"] == "captured" and hamdan["since"] == "2016-06-29"
    manbij = places["Manbij"]
    assert (manbij["state"], manbij["besieged_by"], manbij["controller"]) == (
        "besieged",
        "Syrian Democratic Forces",
        "Islamic State",
    )
    assert places["Al Fallujah"]["controller"] == "Iraqi forces"
    for town in ("Zamalka", "Irbin"):
        assert (places[town]["state"], places[town]["besieged_by"]) == (
            "besieged",
            "Syrian government forces",
        )
    required = {
        "place_id",
        "place",
        "lat",
        "lon",
        "controller",
        "controller_id",
        "state",
        "besieged_by",
        "since",
        "last_event_type",
        "source_ids",
    }
    assert all(required <= set(r) for r in places.values())


def test_snapshot_before_the_entry_day():
    places = _by_name(json.loads(run("snapshot", "--as-of", "2016-06-28")[1]))
    assert places["Hamdan air base"]["last_event_type"] == "captured"
    assert places["Hamdan air base"]["since"] == "2014-01-01"
    assert places["Manbij"]["state"] == "unknown"


def test_snapshot_csv():
    code, out = run("snapshot", "--as-of", "2016-06-29", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["place"] for r in rows} >= {"Manbij", "Zamalka", "Hamdan air base"}
    manbij = next(r for r in rows if r["place"] == "Manbij")
    assert manbij["source_ids"] == "ap-2016-06-29-boukamal" and manbij["state"] == "besieged"


def test_aid_json():
    code, out = run("aid", "--format", "json")
    deliveries = {d["destination"]: d for d in json.loads(out)}
    assert code == 0 and set(deliveries) == {"Zamalka", "Irbin", "west Harasta"}
    zamalka = deliveries["Zamalka"]
    assert (zamalka["trucks"], zamalka["beneficiaries"], zamalka["reported_first_since"]) == (
        37,
        20000,
        "2012-01-01",
    )
    assert zamalka["reported_first_since_precision"] == "year"
    assert "Syrian Arab Red Crescent" in zamalka["organisations"]
    assert zamalka["convoy_id"] == deliveries["Irbin"]["convoy_id"]
    assert deliveries["west Harasta"]["items"] == ["food", "medical"]


def test_aid_for_one_place_accepts_other_spellings():
    code, out = run("aid", "--place", "Arbin")
    assert code == 0 and [d["destination"] for d in json.loads(out)] == ["Irbin"]


def test_errors_are_one_line_and_nonzero():
    code, out = run("aid", "--place", "Atlantis")
    assert code == 1 and "no place called 'Atlantis'" in out
    code, out = run("snapshot", "--as-of", "29/06/2016")
    assert code == 2 and "--as-of" in out


def test_load_reports_nothing_new_the_second_time():
    run("load")
    code, out = run("load")
    assert code == 0 and "control_events: 0 added, 0 updated, 0 deleted" in out


def test_access_on_the_issue_date():
    code, out = run("access", "--as-of", "2016-07-15", "--format", "json")
    rows = {r["place"]: r for r in json.loads(out)}
    assert code == 0
    for town in ("Zamalka", "Irbin"):
        assert (rows[town]["days_without_aid"], rows[town]["besieged_by"]) == (
            16,
            "Syrian government forces",
        )
        assert rows[town]["last_delivery"] == "2016-06-29"
    assert rows["west Harasta"]["population"] == 12500
    assert rows["Manbij"]["last_delivery"] is None


def test_access_gives_no_count_where_the_siege_start_is_unknown():
    code, out = run("access", "--as-of", "2016-06-29", "--format", "json")
    rows = {r["place"]: r for r in json.loads(out)}
    manbij = rows["Manbij"]  # "have besieged Manbij": besieged by 29 June, since when unknown
    assert code == 0 and manbij["days_without_aid"] is None and manbij["counted_from"] is None
    assert manbij["besieged_since"] is None
    assert manbij["days_without_aid_reason"] == (
        "siege start not known: first reported besieged on 2016-06-29; no delivery recorded"
    )
    for town in ("Zamalka", "Irbin", "west Harasta"):  # aid reached them that day
        assert (rows[town]["days_without_aid"], rows[town]["counted_from"]) == (0, "last_delivery")
        assert rows[town]["days_without_aid_reason"] is None
    assert rows["Zamalka"]["besieged_since"] == "2012-01-01"  # 'since 2012': a start, to the year


def test_aid_since_filters_by_date():
    assert json.loads(run("aid", "--since", "2016-06-30")[1]) == []
    assert len(json.loads(run("aid", "--since", "2016-06-29")[1])) == 3


def test_changes_show_first_reports_and_the_round_trip_apart():
    code, out = run("changes", "--since", "2016-06-27", "--until", "2016-06-30")
    found = json.loads(out)
    assert code == 0 and set(found) == {"changed", "first_reported", "round_trips"}
    first = {r["place"]: r for r in found["first_reported"]}
    # they first appear in the report of 29 June: nothing was known of them before, so no change
    assert {"Manbij", "Al Fallujah", "west Harasta"} <= set(first)
    assert not {r["place"] for r in found["changed"]} & set(first)
    assert first["Manbij"]["before"] == {"controller": None, "controller_id": None,
                                         "state": "unknown"}  # fmt: skip
    assert first["Manbij"]["after"]["state"] == "besieged"
    assert first["Al Fallujah"]["after"]["controller"] == "Iraqi forces"
    trips = {r["place"]: r for r in found["round_trips"]}
    hamdan = trips["Hamdan air base"]  # no net change for the base, but it changed hands and back
    assert "Hamdan air base" not in first and "Hamdan air base" not in found["changed"]
    assert (
        hamdan["before"]
        == hamdan["after"]
        == {"controller": "Islamic State", "controller_id": "is", "state": "held"}
    )
    assert hamdan["via"] == ["is:contested", "nsa:held", "is:held"]


def test_changes_csv_marks_the_kind():
    code, out = run("changes", "--since", "2016-06-27", "--until", "2016-06-30", "--format", "csv")
    rows = {r["place"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["Hamdan air base"]["kind"] == "round_trip"
    assert rows["Hamdan air base"]["via"] == "is:contested → nsa:held → is:held"
    manbij = rows["Manbij"]
    assert (manbij["kind"], manbij["before_state"]) == ("first_reported", "unknown")


def test_history_of_a_place_by_any_spelling():
    code, out = run("history", "Hamdan airbase")
    found = json.loads(out)
    assert code == 0 and found["place_id"] == "fl:hamdan-air-base"
    spans = [(i["controller"], i["state"], i["from"], i["opened_by"]) for i in found["intervals"]]
    assert spans == [
        ("Islamic State", "held", "2014-01-01", "hamdan-2014-is-captured"),
        ("Islamic State", "contested", "2016-06-29", "hamdan-2016-06-29-nsa-entered"),
        ("New Syrian Army", "held", "2016-06-29", "hamdan-2016-06-29-nsa-captured"),  # briefly
        ("Islamic State", "held", "2016-06-29", "hamdan-2016-06-29-is-recaptured"),
    ]
    assert found["intervals"][0]["closed_by"] == "hamdan-2016-06-29-nsa-entered"
    assert found["intervals"][2]["closed_by"] == "hamdan-2016-06-29-is-recaptured"
    assert found["intervals"][-1]["to"] is None
    events = found["events"]
    assert [e["event_type"] for e in events] == ["captured", "entered", "captured", "captured"]
    assert events[1]["actor"] == events[2]["actor"] == "New Syrian Army"
    taken = events[2]
    assert (taken["status"], taken["confirmed_by"]) == ("confirmed", "Aamaq news agency (IS)")


def test_history_csv_and_unknown_place():
    code, out = run("history", "gn:167357", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("controller,controller_id,state")
    assert run("history", "Nowhere")[0] == 1


def test_changes_refuses_a_reversed_window():
    code, out = run("changes", "--since", "2016-06-30", "--until", "2016-06-27")
    assert code == 1 and "comes after" in out


def test_map_places_with_filters_and_weekly_counts():
    code, out = run("map-places", "--as-of", "2016-06-29", "--actors", "sdf")
    assert code == 0 and [r["place"] for r in json.loads(out)] == ["Manbij"]
    code, out = run("weekly", "--types", "captured", "--until", "2016-06-30", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["event_type"] for r in rows} == {"captured"}
    assert rows[-1]["week"] == "2016-06-27"  # Monday of the report's week


def test_unknown_filter_values_are_named():
    code, out = run("map-places", "--as-of", "2016-06-29", "--actors", "is,martians")
    assert code == 1 and "unknown actors: martians" in out
    code, out = run("weekly", "--types", "teleported")
    assert code == 1 and "unknown types: teleported" in out


def test_aid_totals_by_week_count_the_convoy_once():
    code, out = run("aid-totals", "--by", "week", "--format", "json")
    assert code == 0
    (week,) = json.loads(out)  # one convoy to Zamalka and Irbin, one to west Harasta
    assert week == {"week": "2016-06-27", "deliveries": 3, "convoys": 2, "trucks": 37,
                    "beneficiaries": 20000}  # fmt: skip


def test_aid_totals_by_each_key_and_window():
    rows = json.loads(run("aid-totals", "--by", "month")[1])
    assert [(r["month"], r["trucks"]) for r in rows] == [("2016-06", 37)]
    places = {r["place"]: r for r in json.loads(run("aid-totals", "--by", "place")[1])}
    assert places["Zamalka"]["trucks"] == places["Irbin"]["trucks"] == 37
    assert places["Irbin"]["place_id"] == "gn:169372"
    assert places["west Harasta"]["trucks"] is None  # not stated: no figure, not 0
    orgs = {r["organisation"]: r for r in json.loads(run("aid-totals", "--by", "organisation")[1])}
    assert orgs["United Nations"]["beneficiaries"] == 20000
    assert json.loads(run("aid-totals", "--by", "week", "--since", "2016-06-30")[1]) == []
    assert len(json.loads(run("aid-totals", "--by", "week", "--until", "2016-06-29")[1])) == 1


def test_aid_totals_csv_and_errors():
    code, out = run("aid-totals", "--by", "week", "--format", "csv")
    assert code == 0 and list(csv.DictReader(io.StringIO(out))) == [
        {"week": "2016-06-27", "deliveries": "3", "convoys": "2", "trucks": "37",
         "beneficiaries": "20000"}]  # fmt: skip
    code, out = run("aid-totals", "--by", "year")
    assert code == 2 and "--by" in out
    code, out = run("aid-totals", "--by", "week", "--since", "2016-07-01", "--until", "2016-06-01")
    assert code == 1 and "comes after" in out


def _refuse(constant: str) -> None:
    raise ValueError(f"not JSON: {constant}")


# Each command that prints JSON, with arguments that reach its missing values (a place nothing
# is known of before 29 June, a siege with no start, a delivery with no figures, no results).
JSON_RUNS = {
    ("snapshot",): [["--as-of", "2016-06-28"], ["--as-of", "2016-06-29"]],
    ("aid",): [[], ["--place", "west Harasta"]],
    ("access",): [["--as-of", "2016-06-28"], ["--as-of", "2016-06-29"], ["--as-of", "2016-07-15"]],
    ("changes",): [
        ["--since", "2016-06-27", "--until", "2016-06-30"],
        ["--since", "2010-01-01", "--until", "2010-01-02"],
    ],  # fmt: skip
    ("history",): [["Hamdan air base"], ["west Harasta"], ["Manbij"]],
    ("map-places",): [["--as-of", "2016-06-28"], ["--as-of", "2016-06-29"]],
    ("weekly",): [[]],
    ("aid-totals",): [["--by", by] for by in ("week", "month", "organisation", "place")],
    ("audit",): [[], ["hamdan-2016-06-29-is-recaptured"]],
    ("review", "list"): [[], ["--status", "accepted"]],  # an empty queue
    ("ingest",): [[str(PROJECT_ROOT / "seeds" / "000_6aaf4593ca1a5acc.txt"), "--published",
                   "2016-06-29"]],  # fmt: skip
}


def _offers_json(param: click.Parameter) -> bool:
    return param.name == "fmt" and "json" in getattr(param.type, "choices", ())


def _json_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every command (in subgroups too) whose --format offers json."""
    found = set()
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found |= _json_commands(command, (*prefix, name))
        elif any(_offers_json(p) for p in command.params):
            found.add((*prefix, name))
    return found


def test_every_json_the_cli_prints_is_valid_json():
    """NaN, Infinity and -Infinity are what Python's json writes by default and no other parser
    reads: every command with --format json, on the seed's missing values, must print none."""
    assert _json_commands(main) == set(JSON_RUNS)  # a new JSON command needs its runs here
    for command, runs in JSON_RUNS.items():
        for args in runs:
            code, out = run(*command, *args, "--format", "json")
            assert code == 0, (command, args, out)
            json.loads(out, parse_constant=_refuse)  # raises on NaN / Infinity
    first = json.loads(run("changes", "--since", "2016-06-27", "--until", "2016-06-30")[1])
    assert first["first_reported"][0]["before"]["controller_id"] is None  # was NaN
