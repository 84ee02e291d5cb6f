"""`frontline add delivery`: once the store has accounts it records under the signed-in
FRONTLINE_USER, and refuses a missing sign-in, a viewer and a `--by` naming someone else, writing
nothing; a resubmission is told, not saved over; a count it cannot take is named (SQLite: these
are the command's checks, the store's are in test_recording and test_concurrent_writes)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from frontline import auth, store
from frontline.cli import main
from frontline.seeding import open_store

PASSWORD = "correct horse battery"
DELIVERY = ["add", "delivery", "--place", "gn:169897", "--date", "2016-07-03", "--trucks", "12",
            "--publisher", "Reuters", "--title", "Aid reaches Harasta", "--quote",
            "Twelve trucks reached Harasta."]  # fmt: skip


def _add_account(name: str, role: str, settings) -> None:
    engine = open_store(settings)
    with store.transaction(engine) as conn:
        auth.add_user(conn, name, role, PASSWORD, by="setup")


def _deliveries(settings) -> set[str]:
    return set(store.read_tables(open_store(settings))["aid_deliveries"]["delivery_id"])


def _signed(name: str | None) -> dict[str, str | None]:
    return {"FRONTLINE_USER": name, "FRONTLINE_PASSWORD": PASSWORD if name else None}


def test_add_delivery_with_accounts_needs_an_editor_signed_in(settings):
    _add_account("ed", "editor", settings)
    _add_account("vi", "viewer", settings)
    before = _deliveries(settings)
    runner = CliRunner()
    for env, extra, says in ((_signed(None), [], "FRONTLINE_USER"), (_signed("vi"), [], "viewer"),
                             (_signed("ed"), ["--by", "other"], "not the signed-in")):  # fmt: skip
        refused = runner.invoke(main, [*DELIVERY, *extra], env=env)
        assert refused.exit_code == 1 and says in refused.output, refused.output
        assert _deliveries(settings) == before  # nothing written
    done = runner.invoke(main, DELIVERY, env=_signed("ed"))
    assert done.exit_code == 0 and done.output.startswith("recorded aid-2016-07-03-"), done.output
    [new] = _deliveries(settings) - before
    with open_store(settings).connect() as conn:
        assert [e["by"] for e in store.audit_entries(conn, row_id=new)] == ["ed"]
    again = runner.invoke(main, DELIVERY, env=_signed("ed"))
    assert again.exit_code == 0 and "already recorded" in again.output and "by ed" in again.output
    changed = runner.invoke(main, [*DELIVERY[:-1], "Another quote."], env=_signed("ed"))
    assert changed.exit_code == 1 and "differs in quote" in changed.output


@pytest.mark.parametrize(("trucks", "says"), [("2.5", "2.5 is not a whole number"),
                                              ("-5", "must be 0 or more"),
                                              (str(2**63), "is over 100,000")])  # fmt: skip
def test_add_delivery_names_a_count_it_cannot_take_and_writes_nothing(settings, trucks, says):
    before = _deliveries(settings)
    args = [*DELIVERY[:7], trucks, *DELIVERY[8:], "--by", "tester"]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 1 and "trucks" in refused.output and says in refused.output
    assert _deliveries(settings) == before
