"""The situation map's legend: a Leaflet control holding HTML from `legend.html.j2`."""

from __future__ import annotations

import pandas as pd
from branca.element import MacroElement, Template

from frontline.maps.templating import render

LEGEND_OPEN_UP_TO = 9  # actors; a longer legend starts folded, so it does not hide the map
FOLD_BELOW_PX = 480  # a map narrower than this (a phone) starts with the legend folded
MARKS_FOLD_BELOW_PX = 800  # … and narrower than this (a laptop) with its marks folded
MAX_HEIGHT = 0.6  # of the map's height, the most the open legend takes (it scrolls inside)
MARK_COLOR = "#c0007a"  # changes and first reports: a magenta no actor's colour comes near
# no holder stated: a grey light enough to stay apart from every actor's colour with deuteranopia
# and protanopia (a #999999 grey is within ΔE 7 of the coalition's pink)
UNKNOWN_COLOR = "#bbbbbb"


class Legend(MacroElement):
    """A Leaflet control with ready-made HTML (rendered, and so escaped, by `legend_html`)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var legend = L.control({position: "topright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "frontline-legend");
                div.innerHTML = {{ this.html|tojson }};
                var box = div.firstElementChild, size = map.getSize();
                if (size.x < {{ this.fold_below }}) box.open = false;
                var marks = box.querySelector(".frontline-legend-marks");
                if (marks && size.x < {{ this.marks_fold_below }}) marks.open = false;
                box.style.maxHeight = Math.round(size.y * {{ this.max_height }}) + "px";
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo(map);
        })();
        {% endmacro %}
    """)

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.fold_below = FOLD_BELOW_PX
        self.marks_fold_below = MARKS_FOLD_BELOW_PX
        self.max_height = MAX_HEIGHT


def legend_html(actors: pd.DataFrame, changed: bool = False, routes: bool = True) -> str:
    """Colours of the actors, then every mark the situation layer draws (how well dated, sieges,
    contests, aid, clusters, and when comparing two dates changes and first reports). Every
    actor is listed, so the legend stays put as the day and the filters change; a long list
    starts folded, and so does any legend on a narrow map (see `Legend`)."""
    return render(
        "legend.html.j2",
        actors=[{"name": a.name, "color": a.color} for a in actors.itertuples()],
        unknown_color=UNKNOWN_COLOR,
        changed=changed,
        routes=routes,  # the briefing's map draws none
        mark=MARK_COLOR,
        folded=len(actors) > LEGEND_OPEN_UP_TO,
    )
