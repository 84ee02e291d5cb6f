"""The Review page under AppTest: a queued article's candidate with its sentence marked (as
text: the article is data), its place corrected and accepted through the page — it then
counts — or rejected with a reason; a viewer sees the queue but no decision buttons."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from frontline import auth, review, store
from frontline.config import PROJECT_ROOT
from frontline.seeding import open_store
from frontline.ui import keys
from frontline.ui.frame import PAGE_LINKS

PAGE = PROJECT_ROOT / "pages" / "9_Review.py"
TEXT = ("Home News <b>menu</b>. A convoy of 12 trucks reached <img src=x onerror=alert(1)> "
        "Madaya on Tuesday, the Red Crescent said.")  # fmt: skip
START = TEXT.index("A convoy")
CANDIDATE = {"kind": "aid", "event_type": "delivered", "date": "2016-09-06",
             "date_precision": "day", "place": None, "actor": None, "opponent": None,
             "status": "reported", "trucks": 12, "beneficiaries": None,
             "organisations": ["SARC"], "quote": TEXT[START:], "start": START,
             "end": len(TEXT)}  # fmt: skip
MADAYA = "pc:C2450"


@pytest.fixture
def queued(settings) -> str:
    engine = open_store(settings)
    article = review.Article(TEXT, dt.date(2016, 9, 8), "Test <i>wire</i>", "", "")
    return review.queue(engine, article, [CANDIDATE], "Analyst A").added[0]


def run() -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _marked(app: AppTest) -> str:
    return next(h.proto.body for h in app.get("html") if "<mark" in h.proto.body)


def test_the_sentence_is_marked_as_text_and_an_edit_is_accepted(settings, queued):
    assert ("pages/9_Review.py", "Review") in PAGE_LINKS
    app = run()
    body = _marked(app)
    assert "&lt;img src=x onerror=alert(1)&gt;" in body and "<img" not in body
    assert body.index("<mark") < body.index("A convoy of 12 trucks") < body.index("</mark>")
    app.selectbox(key=keys.review("place", queued)).set_value(MADAYA).run()
    app.button(key=keys.review("accept", queued)).click().run()
    assert not app.exception and "Accepted" in app.success[0].value
    deliveries = store.read_tables(open_store(settings))["aid_deliveries"]
    made = deliveries[deliveries["delivery_id"].str.startswith("rev:")]
    assert list(made["destination_place_id"]) == [MADAYA] and list(made["trucks"]) == [12]
    assert app.info and "Nothing awaits review" in app.info[0].value


def test_a_rejection_with_its_reason_leaves_the_queue(settings, queued):
    app = run()
    app.text_input(key=keys.review("reason", queued)).set_value("not a delivery").run()
    app.button(key=keys.review("reject", queued)).click().run()
    assert "Rejected" in app.success[0].value
    [row] = review.listing(open_store(settings), status="rejected").to_dict("records")
    assert row["reason"] == "not a delivery"


def test_a_viewer_sees_the_queue_but_cannot_decide(settings, queued):
    engine = open_store(settings)
    with store.transaction(engine) as conn:
        auth.add_user(conn, "viewer1", "viewer", "long enough password", by="admin")
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.session_state[keys.SIGNED_IN] = auth.Account("viewer1", "viewer")
    app.run()
    assert _marked(app) and not [b for b in app.button if b.label in ("Accept", "Reject")]
    assert any("Sign in as an editor" in c.value for c in app.caption)
