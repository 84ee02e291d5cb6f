"""The Briefing page's blocks: a bar to prepare the briefing (comparison day, theme, the section
shown, the file to save) and the briefing itself, the very document `frontline brief` writes.

The page's buttons step through the sections (and the ← → keys, through the buttons'
shortcuts), so the section, like the days and the filters, lives in the URL: a briefing is
prepared, its link saved, and reopened on the same section.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from frontline import briefing
from frontline.briefing.content import DEFAULT_SINCE_DAYS
from frontline.ui import data, keys
from frontline.ui.frame import PageContext
from frontline.ui.urlstate import EARLIEST

SECTIONS = list(briefing.SECTIONS)
# the room's view: the bar just below Streamlit's header, the briefing as tall as the window
STYLE = """<style>
.block-container { padding-top: 3.9rem !important; padding-bottom: 0.5rem !important; }
iframe[title^="Briefing"] { height: calc(100vh - 11rem) !important; min-height: 420px; }
</style>"""


def _seed(key: str, param: str, allowed: list[str], default: str) -> None:
    """A widget's first value: the URL's when it is one of `allowed`, else `default`."""
    if key not in st.session_state:
        linked = st.query_params.get(param)
        st.session_state[key] = linked if linked in allowed else default


def _step(by: int) -> None:
    """The section before or after the one shown (a button's callback, before the rerun)."""
    at = SECTIONS.index(st.session_state[keys.BRIEF_SECTION])
    st.session_state[keys.BRIEF_SECTION] = SECTIONS[max(0, min(len(SECTIONS) - 1, at + by))]


def since_day(ctx: PageContext) -> dt.date:
    """The comparison day: the URL's or the reader's, else DEFAULT_SINCE_DAYS before the day
    shown; one not before the day shown is refused with a word, and the default used."""
    default = ctx.view.as_of - dt.timedelta(days=DEFAULT_SINCE_DAYS)
    if keys.SINCE not in st.session_state or st.session_state[keys.SINCE] is None:
        st.session_state[keys.SINCE] = ctx.view.since or default
    chosen = st.date_input("Changes since the end of", key=keys.SINCE, format="YYYY-MM-DD",
                           min_value=EARLIEST, max_value=dt.date.today())  # fmt: skip
    if chosen >= ctx.view.as_of:
        st.caption(f"The comparison day must come before {ctx.view.as_of}: "
                   f"showing changes since {default}.")  # fmt: skip
        return default
    return chosen


def controls(ctx: PageContext) -> tuple[dt.date, str, str, DeltaGenerator]:
    """The bar above the briefing: comparison day, theme, sections (buttons with the ← → keys
    as shortcuts); returns (comparison day, theme, section), each also put in the URL, and the
    bar's last slot, for the file to save."""
    _seed(keys.BRIEF_SECTION, keys.PARAM_SECTION, SECTIONS, SECTIONS[0])
    _seed(keys.BRIEF_THEME, keys.PARAM_THEME, list(briefing.THEMES), briefing.THEMES[0])
    st.html(STYLE)
    when, theme, back, section, on, save = st.columns([1.2, 0.9, 0.5, 3.1, 0.5, 1],
                                                      vertical_alignment="bottom")  # fmt: skip
    with when:
        since = since_day(ctx)
    with theme:
        st.radio("Theme", briefing.THEMES, key=keys.BRIEF_THEME, horizontal=True,
                 format_func=str.capitalize)  # fmt: skip
    with back:
        st.button("Back", key=keys.BRIEF_BACK, icon=":material/chevron_left:", on_click=_step,
                  args=(-1,), shortcut="Left", help="Previous section (←)")  # fmt: skip
    with section:
        st.radio("Section", SECTIONS, key=keys.BRIEF_SECTION, horizontal=True,
                 format_func=briefing.SECTIONS.get, label_visibility="collapsed")  # fmt: skip
    with on:
        st.button("Next", key=keys.BRIEF_ON, icon=":material/chevron_right:", on_click=_step,
                  args=(1,), shortcut="Right", help="Next section (→)")  # fmt: skip
    chosen, shade = st.session_state[keys.BRIEF_SECTION], st.session_state[keys.BRIEF_THEME]
    st.query_params[keys.PARAM_SECTION], st.query_params[keys.PARAM_THEME] = chosen, shade
    return since, shade, chosen, save


def show(ctx: PageContext, since: dt.date, theme: str, section: str,
         save: DeltaGenerator) -> None:  # fmt: skip
    """The briefing on its section, and in `save` the same briefing as one file, which opens
    on its first section with no internet, its own buttons and keys stepping through it."""
    v = ctx.view
    args = (ctx.settings, ctx.version, v.as_of, since, v.actors, v.types, theme)
    save.download_button(
        "Save as HTML", data.briefing_document(*args, SECTIONS[0], False),
        file_name=f"briefing-{v.as_of}-since-{since}.html", mime="text/html",
        key=keys.BRIEF_FILE, on_click="ignore", icon=":material/download:",
        help="One self-contained file: opens with no internet; arrow keys step, P prints.",
    )  # fmt: skip
    st.iframe(data.briefing_document(*args, section, True), height=760,
              alt=f"Briefing: the situation at the end of {v.as_of}")  # fmt: skip
