"""The Aid page's delivery form and sign-in: a single-user laptop asks who records; with
accounts, nobody signed in and a viewer get no form at all (no write path), an editor records
under the signed-in name; every count and date problem is named by its field, and nothing is
rounded, clamped or dropped."""

from __future__ import annotations

import datetime as dt
import getpass
import os

from streamlit.testing.v1 import AppTest

from frontline import auth, store
from frontline.config import PROJECT_ROOT
from frontline.ui import keys
from frontline.ui.delivery_form import SIGN_IN_FIRST

AID = str(PROJECT_ROOT / "pages" / "2_Aid.py")
PASSWORD = "correct horse battery"


def _engine():
    engine = store.connect(os.environ["FRONTLINE_DATABASE_URL"])
    store.upgrade(engine)
    return engine


def _add(name: str, role: str) -> None:
    with store.transaction(_engine()) as conn:
        auth.add_user(conn, name, role, PASSWORD, by="setup")


def _aid(signed_in: auth.Account | None = None) -> AppTest:
    app = AppTest.from_file(AID, default_timeout=60)
    if signed_in is not None:
        app.session_state[keys.SIGNED_IN] = signed_in
    return app.run()


def _labels(app: AppTest) -> set[str]:
    return {w.label for w in [*app.button, *app.text_input, *app.text_area, *app.date_input]}


def _fill(app: AppTest, trucks: str = "12", date: dt.date = dt.date(2016, 7, 3)) -> AppTest:
    app.selectbox[0].set_value("gn:169897")
    inputs = {t.label: t for t in app.text_input}
    inputs["Source publisher"].input("Reuters")
    inputs["Source title"].input("Aid reaches Harasta")
    inputs["Trucks"].input(trucks)
    app.text_area[0].input("Twelve trucks reached Harasta.")
    [d for d in app.date_input if d.label == "Date"][0].set_value(date)
    [save] = [b for b in app.button if b.label == "Save delivery"]  # the sidebar has Sign out
    return save.click().run()


def _beside(app: AppTest, label: str) -> str | None:
    """The error shown right under the widget labelled `label`, if any."""
    for column in app.columns:
        children = list(column.children.values())
        for i, child in enumerate(children):
            if getattr(child, "label", None) == label and i + 1 < len(children):
                after = children[i + 1]
                return after.value if after.type == "error" else None
    return None


def test_a_single_user_laptop_asks_who_records_defaulting_to_the_system_user():
    app = _aid()
    [who] = [t for t in app.text_input if t.label == "Recorded by"]
    assert who.value == getpass.getuser()
    app = _fill(app)
    assert app.success[0].value == "Delivery saved.", [e.value for e in app.error]


def test_with_accounts_nobody_signed_in_gets_no_form_and_no_write_path():
    _add("ed", "editor")
    app = _aid()
    assert not app.exception
    assert SIGN_IN_FIRST in [i.value for i in app.info]
    shown = _labels(app)
    assert not shown & {"Save delivery", "Trucks", "Recorded by", "Quote from the source"}


def test_a_viewer_signed_in_gets_no_form():
    _add("vi", "viewer")
    app = _aid(auth.Account("vi", "viewer"))
    assert "Save delivery" not in _labels(app) and SIGN_IN_FIRST in [i.value for i in app.info]


def test_an_editor_records_under_the_signed_in_name_never_a_typed_one():
    _add("ed", "editor")
    app = _aid(auth.Account("ed", "editor"))
    assert "Recorded by" not in _labels(app)
    assert "Recording as ed" in [c.value for c in app.caption]
    app = _fill(app)
    assert app.success[0].value == "Delivery saved.", [e.value for e in app.error]
    with _engine().connect() as conn:
        [entry] = store.audit_entries(conn, table="aid_deliveries", limit=1)
    assert entry["action"] == "create" and entry["by"] == "ed"
    app = _fill(app)  # the same delivery again: told, not saved over
    told = [m.value for m in [*app.info, *app.warning, *app.error, *app.success]]
    assert "already recorded" in app.info[0].value and "by ed" in app.info[0].value, told


def test_counts_and_dates_the_form_cannot_take_are_named_beside_their_field():
    cases = {
        "2.5": "trucks: 2.5 is not a whole number",
        "-5": "trucks: must be 0 or more",
        str(2**63): "trucks: is over 100,000, more than any delivery carries: check the figure",
        "twelve": "trucks: is not a whole number (digits only, e.g. 12)",
    }
    for typed, says in cases.items():
        app = _fill(_aid(), trucks=typed)
        assert _beside(app, "Trucks") == says and not app.success
    future = dt.date.today() + dt.timedelta(days=30)
    app = _fill(_aid(), date=future)
    assert "give the delivery's date" in (_beside(app, "Date") or "") and not app.success


def test_a_whole_number_is_stored_as_typed():
    app = _fill(_aid(), trucks="1,200")
    assert app.success, [e.value for e in app.error]
    deliveries = store.read_tables(_engine())["aid_deliveries"]
    assert 1200 in set(deliveries["trucks"].dropna())
