"""Briefings: the situation as of a day and what changed, for a screen in a room and as one
self-contained HTML file (`frontline brief`, the Briefing page).

- `content`: what a briefing says (`build`), as plain values from the report functions;
- `document`: the HTML document (`document`), with the map, the presenter's keys and print.
"""

from frontline.briefing.content import Briefing, build, long_date
from frontline.briefing.document import SECTIONS, THEMES, MapParts, document, map_parts

__all__ = ["SECTIONS", "THEMES", "Briefing", "MapParts", "build", "document", "long_date",
           "map_parts"]
