"""The store's commands through click's runner, on SQLite and PostgreSQL: the issue's
delete → restore → audit walk on the Hamdan air base, and clear refusals."""

import json

import pytest
from click.testing import CliRunner

from frontline.cli import main

pytestmark = pytest.mark.store
EVENT = "hamdan-2016-06-29-is-recaptured"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _hamdan() -> dict:
    code, out = run("snapshot", "--as-of", "2016-06-29", "--format", "json")
    assert code == 0, out
    return next(r for r in json.loads(out) if r["place"] == "Hamdan air base")


def test_delete_restore_and_audit_of_one_event():
    assert (_hamdan()["state"], _hamdan()["last_event_id"]) == ("held", EVENT)
    code, out = run("delete", "event", EVENT, "--by", "tester", "--reason", "check")
    assert code == 0 and out.strip() == f"deleted event {EVENT} (by tester: check)"
    after = _hamdan()  # without IS's recapture the rebels' brief hold is the last word
    assert (after["controller_id"], after["state"]) == ("nsa", "held")
    assert after["last_event_id"] == "hamdan-2016-06-29-nsa-captured"
    assert run("restore", "event", EVENT, "--by", "tester", "--reason", "back")[0] == 0
    assert (_hamdan()["state"], _hamdan()["last_event_id"]) == ("held", EVENT)
    code, out = run("audit", EVENT, "--format", "json")
    entries = json.loads(out)
    assert [(e["action"], e["by"]) for e in entries] == [
        ("create", "data/"), ("delete", "tester"), ("restore", "tester")]  # fmt: skip
    assert all({"action", "by", "at", "before", "after"} <= set(e) for e in entries)
    assert entries[1]["after"]["deleted_reason"] == "check"
    assert entries[2]["after"]["deleted_at"] is None
    code, text = run("audit", EVENT)
    assert code == 0 and text.count("tester") == 2 and "check" in text


def test_refusals_name_the_record_and_change_nothing():
    code, out = run("delete", "event", "nope", "--by", "tester", "--reason", "x")
    assert code == 1 and "no event with id 'nope'" in out
    code, out = run("delete", "source", "ap-2016-06-29-boukamal", "--by", "t", "--reason", "x")
    assert code == 1 and "still cited by control_events" in out
    code, out = run("restore", "event", EVENT, "--by", "tester", "--reason", "x")
    assert code == 1 and "is not deleted" in out
    assert run("restore", "event", EVENT, "--by", "tester")[0] == 2  # a reason is required
    code, out = run("delete", "event", EVENT, "--by", " ", "--reason", "x")
    assert code == 2 and "--by" in out
    assert run("delete", "event", EVENT, "--by", "tester")[0] == 2  # a reason is required
    assert _hamdan()["last_event_id"] == EVENT


def test_load_soft_deletes_a_row_taken_out_of_data(data_copy, monkeypatch):
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data_copy / "data"))
    monkeypatch.setenv("FRONTLINE_SEEDS_DIR", str(data_copy / "seeds"))
    assert run("load")[0] == 0
    events = data_copy / "data" / "control_events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(EVENT)]
    events.write_text("".join(kept), encoding="utf-8")
    code, out = run("load")
    assert code == 0 and "control_events: 0 added, 0 updated, 1 deleted" in out
    entries = json.loads(run("audit", EVENT, "--format", "json")[1])
    assert entries[-1]["action"] == "delete" and entries[-1]["reason"] == "taken out of data/"
    assert _hamdan()["last_event_id"] != EVENT


def test_a_deleted_delivery_leaves_the_aid_figures():
    week = json.loads(run("aid-totals", "--by", "week", "--format", "json")[1])
    assert (week[0]["trucks"], week[0]["deliveries"]) == (37, 3)
    rows = json.loads(run("aid", "--format", "json")[1])
    harasta = next(r["delivery_id"] for r in rows if r["destination"] != "Zamalka"
                   and r["destination"] != "Irbin")  # fmt: skip
    assert run("delete", "delivery", harasta, "--by", "tester", "--reason", "duplicate")[0] == 0
    week = json.loads(run("aid-totals", "--by", "week", "--format", "json")[1])
    assert week[0]["deliveries"] == 2
    assert harasta not in {r["delivery_id"] for r in json.loads(run("aid", "--format", "json")[1])}


def test_an_unreachable_store_is_named_without_its_password(monkeypatch):
    from harness import free_port

    url = f"postgresql+psycopg://me:secret@127.0.0.1:{free_port()}/none"
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", url)
    code, out = run("snapshot", "--as-of", "2016-06-29")
    assert code == 1 and "cannot open the store postgresql+psycopg://me:***@127.0.0.1" in out
    assert "secret" not in out


def _entries(*args: str) -> list[dict]:
    code, out = run("audit", *args, "--format", "json")
    assert code == 0, out
    return json.loads(out)


def test_audit_filters_by_record_kind_person_action_and_day():
    assert run("delete", "event", EVENT, "--by", "Analyst A", "--reason", "check")[0] == 0
    assert run("restore", "event", EVENT, "--by", "Analyst B", "--reason", "confirmed")[0] == 0
    everything = _entries("--limit", "100000")
    day = everything[-1]["at"][:10]
    assert [e["by"] for e in _entries("--by", "Analyst B")] == ["Analyst B"]
    assert [e["action"] for e in _entries(EVENT, "--action", "delete")] == ["delete"]
    kinds = {e["table"] for e in _entries("--kind", "place", "--limit", "100000")}
    assert kinds == {"places"}
    assert _entries("--table", "places", "--limit", "100000") == _entries(
        "--kind", "place", "--limit", "100000"
    )
    assert len(_entries("--since", day, "--until", day, "--limit", "100000")) == len(everything)
    assert _entries("--until", "2000-01-01") == []
    assert [e["audit_id"] for e in _entries("--limit", "2")] == [
        e["audit_id"] for e in everything[-2:]]  # fmt: skip
    code, out = run("audit", "--kind", "event", "--table", "places")
    assert code == 2 and "--kind event is the table control_events" in out
    code, out = run("audit", "--since", "yesterday")
    assert code == 2 and "--since" in out
    code, text = run("audit", "--by", "Analyst B")
    assert code == 0 and "confirmed" in text and "Analyst A" not in text


def test_restore_a_version_through_the_cli():
    trail = _entries(EVENT)
    create = trail[0]["audit_id"]
    code, out = run("restore", "event", EVENT, "--version", str(create), "--by", "Analyst A",
                    "--reason", "x")  # fmt: skip
    assert code == 1 and "already reads as the version" in out  # nothing changed yet
    assert run("delete", "event", EVENT, "--by", "Analyst A", "--reason", "by mistake")[0] == 0
    code, out = run("restore", "event", EVENT, "--version", str(create), "--by", "Analyst B",
                    "--reason", "the create was right")  # fmt: skip
    assert code == 0 and out.strip() == (f"restored version {create} of event {EVENT} (by "
                                          "Analyst B: the create was right)")  # fmt: skip
    last = _entries(EVENT)[-1]
    assert (last["action"], last["by"]) == ("restore", "Analyst B")
    assert last["before"]["deleted_reason"] == "by mistake" and last["after"]["deleted_at"] is None
    assert last["reason"].startswith(f"restored version of {trail[0]['at']} (audit {create})")
    assert _hamdan()["last_event_id"] == EVENT
    code, out = run("restore", "event", EVENT, "--version", "999999", "--reason", "x")
    assert code == 1 and "no audit entry 999999" in out
    code, out = run("audit", EVENT)
    assert code == 0 and str(create) in out


def test_with_accounts_only_a_signed_in_editor_deletes_restores_and_loads(monkeypatch):
    from frontline import auth, store
    from frontline.config import load_settings
    from frontline.seeding import open_store

    engine = open_store(load_settings())
    with store.transaction(engine) as conn:
        auth.add_user(conn, "ed", "editor", "a long password", by="admin")
        auth.add_user(conn, "vi", "viewer", "another password", by="admin")
    for name, password in (("", ""), ("vi", "another password"), ("ed", "wrong password")):
        monkeypatch.setenv("FRONTLINE_USER", name)
        monkeypatch.setenv("FRONTLINE_PASSWORD", password)
        for args in (["delete", "event", EVENT, "--reason", "x"],
                     ["restore", "event", EVENT, "--reason", "x"], ["load"]):  # fmt: skip
            code, out = run(*args)
            assert code == 1, (name, args, out)
    assert _hamdan()["last_event_id"] == EVENT
    monkeypatch.setenv("FRONTLINE_USER", "ed")
    monkeypatch.setenv("FRONTLINE_PASSWORD", "a long password")
    code, out = run("delete", "event", EVENT, "--by", "someone else", "--reason", "x")
    assert code == 1 and "not the signed-in account" in out
    assert run("delete", "event", EVENT, "--reason", "x")[0] == 0
    assert run("restore", "event", EVENT, "--reason", "y")[0] == 0
    assert run("load")[0] == 0
    assert [(e["action"], e["by"]) for e in _entries(EVENT)][-2:] == [
        ("delete", "ed"),
        ("restore", "ed"),
    ]


def test_load_confirms_a_mass_deletion(data_copy, monkeypatch):
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data_copy / "data"))
    monkeypatch.setenv("FRONTLINE_SEEDS_DIR", str(data_copy / "seeds"))
    assert run("load")[0] == 0
    events = data_copy / "data" / "control_events.csv"
    events.write_text(events.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    code, out = run("load")
    assert code == 1 and "--confirm-deletions" in out
    assert _hamdan()["last_event_id"] == EVENT
    code, out = run("load", "--confirm-deletions")
    assert code == 0 and "control_events: 0 added, 0 updated," in out
    assert "Hamdan air base" not in {r["place"] for r in json.loads(
        run("snapshot", "--as-of", "2016-06-29", "--format", "json")[1])}  # fmt: skip
