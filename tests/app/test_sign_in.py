"""Sign-in on the pages (`frontline.ui.signin`, drawn by `frame.open_page`): no sidebar form on
a single-user store; with accounts, a name and password form that signs in, refuses the same way
for any failure and makes a session that keeps failing wait; viewing closed by
FRONTLINE_VIEWING=signed-in shows nothing but the form."""

import os

import pytest
from streamlit.testing.v1 import AppTest

from frontline import auth, store
from frontline.config import PROJECT_ROOT
from frontline.ui import keys

HOME = str(PROJECT_ROOT / "dashboard.py")
PASSWORD = "correct horse battery"


def add(name: str, role: str) -> None:
    engine = store.connect(os.environ["FRONTLINE_DATABASE_URL"])
    store.upgrade(engine)
    with store.transaction(engine) as conn:
        auth.add_user(conn, name, role, PASSWORD, by="setup")


def home() -> AppTest:
    return AppTest.from_file(HOME, default_timeout=60).run()


def sign_in(app: AppTest, name: str, password: str) -> AppTest:
    app.sidebar.text_input[0].input(name)
    app.sidebar.text_input[1].input(password)
    app.sidebar.button[0].click()
    return app.run()


def captions(app: AppTest) -> str:
    return " ".join(c.value for c in app.sidebar.caption)


def test_single_user_store_has_no_sign_in():
    app = home()
    assert not app.exception
    assert not app.sidebar.text_input and "Signed in" not in captions(app)


def test_an_account_signs_in_and_out():
    add("ed", "editor")
    app = home()
    assert [t.label for t in app.sidebar.text_input] == ["Name", "Password"]
    assert app.sidebar.text_input[1].proto.type == app.sidebar.text_input[1].proto.PASSWORD
    app = sign_in(app, "ed", PASSWORD)
    assert not app.exception and "Signed in as ed (editor)" in captions(app)
    assert app.session_state[keys.SIGNED_IN] == auth.Account("ed", "editor")
    app.button(key=keys.SIGN_OUT).click()
    app.run()
    assert keys.SIGNED_IN not in app.session_state and app.sidebar.text_input


def test_failures_answer_alike_and_a_session_that_keeps_failing_waits():
    add("ed", "editor")
    app = home()
    for name in ("ed", "nobody", "ed", "ed", "ed"):
        app = sign_in(app, name, "wrong password")
        assert [e.value for e in app.error] == ["Not signed in: unknown name or wrong password."]
    app = sign_in(app, "ed", PASSWORD)  # the right password, but this session must wait
    assert "Too many failed sign-ins" in app.error[0].value
    assert keys.SIGNED_IN not in app.session_state


def test_closed_viewing_shows_only_the_form(monkeypatch):
    """One page: every page opens through `open_page`, which holds the gate."""
    page = "pages/2_Aid.py"
    add("vi", "viewer")
    monkeypatch.setenv("FRONTLINE_VIEWING", "signed-in")
    app = AppTest.from_file(str(PROJECT_ROOT / page), default_timeout=60).run()
    assert not app.exception
    assert "signed-in accounts only" in app.info[0].value
    assert not app.metric and not app.dataframe and not app.get("html")
    app.text_input[0].input("vi")
    app.text_input[1].input(PASSWORD)
    app.button[0].click()
    app.run()
    assert not app.exception and "Signed in as vi (viewer)" in captions(app)
    assert not any("signed-in accounts only" in i.value for i in app.info)


WRITE_WORDS = ("save", "record", "restore", "delete", "import", "accept", "reject", "upload")


@pytest.mark.parametrize(
    "page",
    [HOME, *map(str, sorted((PROJECT_ROOT / "pages").glob("*.py")))],
    ids=lambda p: p.split("/")[-1],
)
def test_a_viewer_reaches_no_write_path(page):
    """With accounts in the store, a session that is not an editor's sees no button, form or
    upload that changes the store, on any page."""
    add("vi", "viewer")
    app = AppTest.from_file(page, default_timeout=60)
    app.session_state[keys.SIGNED_IN] = auth.Account("vi", "viewer")  # nobody: the same gate
    app.run()
    assert not app.exception
    labels = [b.label.lower() for b in [*app.button, *app.get("form_submit_button")]]
    writes = [x for x in labels if any(w in x for w in WRITE_WORDS)]
    assert not writes and not app.get("file_uploader"), writes


def test_the_sweep_sees_a_write_path_where_one_is_open():
    """The control of the sweep above: on a single-user store the Aid page's form is there."""
    app = AppTest.from_file(str(PROJECT_ROOT / "pages/2_Aid.py"), default_timeout=60).run()
    labels = [b.label.lower() for b in app.button]
    assert any(w in x for x in labels for w in WRITE_WORDS), labels
