"""Folium maps built from pandas tables, with no Streamlit: testable by rendering to HTML.

- `base`: the map every page starts from (offline Leaflet, bundled borders, sea, optional tiles);
- `situation`: the Map page's layer of places, drawn in the browser from compact rows whose
  fields and state codes travel by name (`templates/situation.js`), and its fixed part;
- `legend`, `aid`: HTML fragments from Jinja2 templates (`templates/*.html.j2`), autoescaped;
- `candidates`: the geocoder's candidates.

Every text from a source is escaped once, where it becomes HTML: by a template's autoescape, or
by `html.escape` where the browser inserts it (tooltips, JSON for the layer). Importing this
package makes every folium element render its text once, never as a template (`rendering`).
"""

from frontline.maps import rendering

rendering.install()  # before any map is built: see frontline/maps/rendering.py

# ruff: noqa: E402  (the imports below come after the install on purpose)

from frontline.maps.aid import AID_POPUP_ROWS, AidBadges, add_aid, aid_icon, aid_map, aid_popups
from frontline.maps.base import TILES, Sea, base_map, boundaries, bounds
from frontline.maps.candidates import candidates_map
from frontline.maps.legend import (
    LEGEND_OPEN_UP_TO,
    MARK_COLOR,
    UNKNOWN_COLOR,
    Legend,
    legend_html,
)
from frontline.maps.situation import (
    ACTOR_FIELDS,
    SITUATION_JS,
    FitControl,
    SituationLayer,
    areas_label,
    areas_layer,
    clicked_place,
    control_map,
    situation_data,
    situation_layer,
    situation_map,
)

__all__ = [
    "ACTOR_FIELDS", "AID_POPUP_ROWS", "LEGEND_OPEN_UP_TO", "MARK_COLOR", "SITUATION_JS", "TILES",
    "UNKNOWN_COLOR", "AidBadges", "FitControl", "Legend", "Sea", "SituationLayer", "add_aid",
    "aid_icon", "aid_map", "aid_popups", "areas_label", "areas_layer", "base_map", "boundaries",
    "bounds",
    "candidates_map", "clicked_place", "control_map", "legend_html", "situation_data",
    "situation_layer", "situation_map",
]  # fmt: skip
