"""Referential integrity across a load (issue 16): an actor taken out of data/ while a record
entered in the app still names it refuses the load, naming that record, and changes nothing; a
place an app-entered record uses stays when data/ stops using it."""

import pytest
from click.testing import CliRunner

from frontline.cli import main

pytestmark = pytest.mark.store
TESTERS = "testers,Test Brigade,Test Brigade,#999999,opposition,,a test row\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_an_actor_still_named_by_an_entry_keeps_data_from_dropping_it(data_copy, monkeypatch):
    actors = data_copy / "data" / "actors.csv"
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(data_copy / "data"))
    monkeypatch.setenv("FRONTLINE_SEEDS_DIR", str(data_copy / "seeds"))
    original = actors.read_text(encoding="utf-8")
    actors.write_text(original + TESTERS, encoding="utf-8")
    code, out = run("add", "event", "--place", "Dabiq", "--country", "SY", "--date",
                    "2016-10-16", "--type", "captured", "--actor", "testers", "--opponent", "is",
                    "--publisher", "Reuters", "--title", "Dabiq", "--quote", "They took Dabiq",
                    "--by", "tester")  # fmt: skip
    assert code == 0, out
    before = run("audit", "--limit", "1000", "--format", "json")[1]
    actors.write_text(original, encoding="utf-8")
    code, out = run("load")
    assert code == 1, out
    assert "data/ no longer has actors testers (cited by control_events" in out
    assert "nothing was saved" in out
    assert run("audit", "--limit", "1000", "--format", "json")[1] == before
    actors.write_text(original + TESTERS, encoding="utf-8")
    assert run("load")[0] == 0  # with the row back, data/ and the store agree again
