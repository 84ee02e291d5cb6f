"""The History page under AppTest: filters narrow the table (and live in the URL), a deleted
record's old version is put back through the page (the store changes, the audit keeps before
and after), and nobody who may not write sees a Restore button."""

import pytest
from streamlit.testing.v1 import AppTest
from test_pages import html_tables  # tests/app/test_pages.py

from frontline import auth, store
from frontline.config import PROJECT_ROOT
from frontline.seeding import open_store
from frontline.ui import keys as view
from frontline.ui.frame import PAGE_LINKS

PAGE = PROJECT_ROOT / "pages" / "7_History.py"
EVENT = "hamdan-2016-06-29-is-recaptured"


def tables(app: AppTest) -> list[list[dict]]:
    """The page's HTML tables, each as its rows keyed by the header."""
    return [frame.to_dict("records") for frame in html_tables(app)]


def run(**params: str) -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.fixture
def engine(settings):
    return open_store(settings)


def _restore_buttons(app: AppTest) -> list[str]:
    return [b.label for b in app.button if b.label.startswith("Restore")]


def test_the_page_is_in_the_sidebar_and_filters_narrow_the_table(engine):
    assert ("pages/7_History.py", "History") in PAGE_LINKS
    with store.transaction(engine) as conn:
        store.delete(conn, "event", EVENT, "Analyst A", "a duplicate <b>really</b>")
    app = run()
    everything = tables(app)[0]
    assert len(everything) > 40 and everything[0]["Who"] == "Analyst A"  # newest first
    assert everything[0]["Reason"] == "a duplicate <b>really</b>"  # text, not markup
    app.selectbox(key=view.HISTORY_BY).set_value("Analyst A").run()
    assert [(r["Who"], r["Change"]) for r in tables(app)[0]] == [("Analyst A", "deleted")]
    assert app.query_params[view.PARAM_BY] == "Analyst A"
    app.selectbox(key=view.HISTORY_BY).set_value("").run()
    app.selectbox(key=view.HISTORY_TABLE).set_value("places").run()
    places = tables(app)[0]
    assert places and all(r["Record"].startswith("Places") for r in places)
    assert len(places) < len(everything)
    app.selectbox(key=view.HISTORY_ACTION).set_value("delete").run()
    assert not tables(app) and app.info  # no place was deleted
    linked = run(record=EVENT, action="delete")  # a link opened on these filters
    assert [r["Change"] for r in tables(linked)[0]] == ["deleted"]
    assert linked.text_input(key=view.HISTORY_RECORD).value == EVENT


def test_restoring_a_version_through_the_page(engine, seed_tables):
    events = seed_tables["control_events"]
    edited = events[events["event_id"] == EVENT].assign(notes="a wrong note")
    store.load(engine, {"control_events": edited}, actor="Analyst A")
    with store.transaction(engine) as conn:
        store.delete(conn, "event", EVENT, "Analyst A", "by mistake")
    app = run(record=EVENT)
    versions = tables(app)[1]
    assert [v["Change"] for v in versions] == ["created", "changed", "deleted"]
    assert versions[-1]["State"] == "deleted · now"
    assert versions[0]["Differs from now"].startswith("notes: ")  # now: "a wrong note"
    assert versions[1]["Differs from now"] == "its state only"  # live, now deleted
    assert sorted(_restore_buttons(app)) == ["Restore", "Restore this version"]
    first = int(versions[0]["Version"])
    app.selectbox(key=view.HISTORY_VERSION).set_value(first)
    app.text_input(key=view.HISTORY_WHY).input("the first reading was right")
    app.text_input(key=view.HISTORY_WHO).input("Analyst B")  # a single-user laptop: typed
    next(b for b in app.button if b.label == "Restore this version").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert "restored version" in app.success[0].value
    with engine.connect() as conn:
        last = store.audit_entries(conn, EVENT)[-1]
        row = store.read_tables(conn)["control_events"].set_index("event_id").loc[EVENT]
    assert (last["action"], last["by"]) == ("restore", "Analyst B")
    assert last["before"]["notes"] == "a wrong note" and last["before"]["deleted_at"]
    assert last["after"]["deleted_at"] is None and last["after"]["notes"] != "a wrong note"
    assert row["notes"] != "a wrong note"
    assert tables(app)[0][0]["Change"] == "restored"


def test_no_restore_button_for_who_may_not_write(engine):
    with store.transaction(engine) as conn:
        store.delete(conn, "event", EVENT, "Analyst A", "check")
        auth.add_user(conn, "ed", "editor", "a long password", by="admin")
    assert _restore_buttons(run(record=EVENT)) == []  # nobody signed in
    viewer = AppTest.from_file(str(PAGE), default_timeout=60)
    viewer.query_params[view.PARAM_RECORD] = EVENT
    viewer.session_state["_signed_in"] = auth.Account("v", "viewer")
    viewer.run()
    assert tables(viewer)[1] and _restore_buttons(viewer) == []  # the versions, no button
    editor = AppTest.from_file(str(PAGE), default_timeout=60)
    editor.query_params[view.PARAM_RECORD] = EVENT
    editor.session_state["_signed_in"] = auth.Account("ed", "editor")
    editor.run()
    assert "Restore" in _restore_buttons(editor)
    assert all(t.label != "Restored by" for t in editor.text_input)  # the signed-in name
    editor.text_input(key=view.HISTORY_WHY_BACK).input("checked: it stands")
    next(b for b in editor.button if b.label == "Restore").click().run()
    assert not editor.error, [e.value for e in editor.error]
    with engine.connect() as conn:
        last = store.audit_entries(conn, EVENT)[-1]
    assert (last["action"], last["by"], last["reason"]) == ("restore", "ed", "checked: it stands")
    assert last["before"]["deleted_at"] and last["after"]["deleted_at"] is None
    assert "recorded under ed" in editor.success[0].value
