"""Every session-state key and URL parameter the pages use, named once.

Streamlit keeps a widget's value in `st.session_state` under the widget's key, and several
modules read and write the same keys: the sidebar seeds them from the URL, Play moves the day, a
click on the map chooses the place that the Place page then opens on. A key spelt differently in
two places fails silently at run time, so none is written as a literal anywhere else in
`frontline/ui` (a test checks). The values are what the URL shows and what the AppTests address
widgets by (`app.toggle(key="playing")`): change one and a saved link or a test breaks.

No Streamlit here: `urlstate` (pure, tested without a page) names its parameters from this too.
"""

from __future__ import annotations

# URL query parameters: the shareable view (`urlstate.encode` / `decode`)
PARAM_DATE = "date"
PARAM_LAYERS = "layers"
PARAM_SINCE = "since"
PARAM_PLACE = "place"
PARAM_ACTORS = "actors"
PARAM_TYPES = "types"
PARAM_STEP = "step"  # the date player's step (day, week, month, year)
PARAM_SECTION = "section"  # the Briefing page's section shown
PARAM_THEME = "theme"  # the Briefing page's theme (light, dark)

# The view every page shares (`frame`): sidebar widgets, seeded from the URL
AS_OF = "as_of"  # the day shown: the situation at its end
LAYERS = "layers"
SINCE = "since"  # the Map page's comparison day
PLACE = "place"  # the place a page is about (Place page; the Map page's side panel)
ACTORS = "actors"  # the Map and Timeline pages' filters
TYPES = "types"
PENDING_DAY = "_pending_day"  # a day set by code once the date widget exists: the next run sets it
LINK_NOTE = "_link_note"  # what the page says about the link's date, and the day it is about

# Sign-in (`signin`): the signed-in account of this session, failed attempts
SIGNED_IN = "_signed_in"
SIGN_IN_FAILURES = "_sign_in_failures"  # (count, time of the last) in this session
SIGN_IN_FORM = "sign_in"
SIGN_OUT = "sign_out"

# Map page: the map, its side panel, the date player
CONTROL_MAP = "control_map"
MAP_CLICK = "_map_click"  # the last click handled, so a rerun does not handle it again
PLACE_FROM_MAP = "_place_from_map"  # the place was clicked on the map: do not re-centre on it
CLOSE_PLACE = "close_place"
DAY_SLIDER = "day_slider"
STEP = "step"  # day, week, month or year
STEP_BACK = "step_back"
STEP_ON = "step_on"
PLAYING = "playing"
STOP_PLAY = "_stop_play"  # set by the last tick: the next run switches Play off
PLAYED_AT = "_played_at"  # monotonic time of the last step taken while playing

# Aid page
AID_SPAN = "aid_span"
AID_PLACES = "aid_places"
AID_ORGS = "aid_orgs"
AID_ITEMS = "aid_items"
AID_TOTALS_BY = "aid_totals_by"
AID_CSV = "aid_csv"
AID_XLSX = "aid_xlsx"
AID_MAP = "aid_map"
DELIVERY_FORM = "delivery_form"

# Places page
GEO_QUERY = "geo_query"
GEO_COUNTRY = "geo_country"
CANDIDATES_MAP = "candidates_map"

# Briefing page
BRIEF_SECTION = "brief_section"
BRIEF_THEME = "brief_theme"
BRIEF_BACK = "brief_back"
BRIEF_ON = "brief_on"
BRIEF_FILE = "brief_file"

# Timeline page
EVENTS_PER_WEEK = "events_per_week"
EVENTS_CSV = "events_csv"
GANTT_PLACES = "gantt_places"


def gantt_places(actors: frozenset[str], types: frozenset[str]) -> str:
    """The Gantt's place picker, keyed by the filters: new filters, new default places."""
    return f"{GANTT_PLACES}:{','.join(sorted(actors))}|{','.join(sorted(types))}"


# History page (`history_view`): its filters, as the URL names them and as the widgets keep them
PARAM_RECORD, PARAM_TABLE, PARAM_BY = "record", "table", "by"
PARAM_ACTION, PARAM_FROM, PARAM_TO = "action", "from", "to"
HISTORY_PARAMS = (PARAM_RECORD, PARAM_TABLE, PARAM_BY, PARAM_ACTION, PARAM_FROM, PARAM_TO)
HISTORY_RECORD, HISTORY_TABLE, HISTORY_BY = "history_record", "history_table", "history_by"
HISTORY_ACTION, HISTORY_FROM, HISTORY_TO = "history_action", "history_from", "history_to"
HISTORY_LIMIT, HISTORY_VERSION = "history_limit", "history_version"  # version: to restore
HISTORY_RESTORE, HISTORY_UNDELETE = "history_restore", "history_undelete"  # the two forms
HISTORY_WHY, HISTORY_WHO = "history_why", "history_who"  # their reason and "Restored by"
HISTORY_WHY_BACK, HISTORY_WHO_BACK = "history_why_back", "history_who_back"  # (undelete's)
HISTORY_DONE = "_history_done"  # what the last restore did, shown after the rerun

# Review page (`review_view`): the shown candidate's widgets, keyed by its id
REVIEW_DONE = "_review_done"  # the last decision's message, shown after the rerun


def review(field: str, candidate_id: str) -> str:
    """A field's widget for one candidate: another candidate, fresh widgets."""
    return f"review_{field}:{candidate_id}"
