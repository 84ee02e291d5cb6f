"""The Briefing page under AppTest: the briefing for the URL's days, section, theme and filters,
stepped by its buttons with the section kept in the URL, and the file it offers."""

import pytest
from streamlit.testing.v1 import AppTest

from frontline.config import PROJECT_ROOT

BRIEFING = PROJECT_ROOT / "pages" / "6_Briefing.py"
REPORT = {"date": "2016-06-30", "since": "2016-06-01"}


def run(**params: str) -> AppTest:
    app = AppTest.from_file(str(BRIEFING), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def document(app: AppTest) -> str:
    """The briefing the page shows: the HTML of its one iframe."""
    (frame,) = app.get("iframe")
    return frame.proto.srcdoc


def section(app: AppTest) -> str:
    return app.radio(key="brief_section").value


def test_the_page_shows_the_briefing_of_the_urls_days():
    app = run(**REPORT)
    assert not app.exception, [e.value for e in app.exception]
    html = document(app)
    assert 'class="theme-light embedded" data-start="situation"' in html
    assert "Situation at the end of 30 June 2016" in html
    assert "What changed since the end of 1 June 2016" in html
    assert "Hamdan air base" in html and "Zamalka" in html and "Irbin" in html
    assert '<nav class="brief-nav"' not in html  # the page's own buttons step through it
    (save,) = app.get("download_button")
    assert save.proto.label == "Save as HTML"


def test_next_and_back_step_through_the_sections_and_the_url_keeps_the_one_shown():
    app = run(**REPORT)
    assert section(app) == "situation"
    app.button(key="brief_back").click().run()
    assert section(app) == "situation"  # nothing before the first
    for expected in ("changes", "aid", "sources", "sources"):
        app.button(key="brief_on").click().run()
        assert section(app) == expected
        assert app.query_params["section"] == expected
        assert f'data-start="{expected}"' in document(app)
    app.button(key="brief_back").click().run()
    assert section(app) == "aid" and app.query_params["section"] == "aid"
    assert app.query_params["date"] == "2016-06-30" and app.query_params["since"] == "2016-06-01"


def test_a_saved_link_reopens_on_its_section_theme_and_filters():
    app = run(**REPORT, section="aid", theme="dark", actors="is")
    assert section(app) == "aid" and app.radio(key="brief_theme").value == "dark"
    html = document(app)
    assert 'class="theme-dark embedded" data-start="aid"' in html
    assert "Places held, besieged or contested by Islamic State" in html
    assert "Zamalka" not in html  # held by rebels: filtered out of every section
    assert app.query_params["theme"] == "dark" and app.query_params["actors"] == "is"


@pytest.mark.parametrize("params", [
    {"section": "<script>", "theme": "neon"},  # unknown values fall back to the defaults
    {"date": "2016-06-28", "since": "2016-06-30"},  # comparison day after the day
])  # fmt: skip
def test_odd_links_fall_back_to_defaults(params):
    app = run(**{**REPORT, **params})
    assert not app.exception, [e.value for e in app.exception]
    assert section(app) == "situation" and app.radio(key="brief_theme").value == "light"
    assert 'class="theme-light embedded" data-start="situation"' in document(app)
    assert "<script>" not in document(app).split("<body>")[1].split("<script>")[0]


def test_a_comparison_day_not_before_the_day_is_refused_with_a_word():
    app = run(date="2016-06-30")
    app.date_input(key="since").set_value(REPORT["date"]).run()
    assert any("must come before 2016-06-30" in c.value for c in app.caption)
    assert "What changed since the end of 23 June 2016" in document(app)
