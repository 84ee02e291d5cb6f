"""The situation map's legend: a Leaflet control holding HTML from `legend.html.j2`."""

from __future__ import annotations

import pandas as pd
from branca.element import MacroElement, Template

from frontline.maps.templating import render

LEGEND_OPEN_UP_TO = 9  # actors; a longer legend starts folded, so it does not hide the map
FOLD_BELOW_PX = 480  # a map narrower than this (a phone) starts with the legend folded, whole
# the most of the map's area the open legend may take: beyond it, its marks start folded ("Marks
# (7)", a click away). At 1366 px the map (about 600 x 620 px) shows the actors (7 %), as the whole
# would take 16 %; at 1920 px (about 965 px wide) the whole fits (10 %, 11 % comparing two days)
MAX_SHARE = 0.12
MAX_HEIGHT = 0.6  # of the map's height, the most the open legend takes (it scrolls inside)
MARK_COLOR = "#c0007a"  # changes and first reports: a magenta no actor's colour comes near
# no holder stated: a grey light enough to stay apart from every actor's colour with deuteranopia
# and protanopia (a #999999 grey is within ΔE 7 of the coalition's pink)
UNKNOWN_COLOR = "#bbbbbb"


class Legend(MacroElement):
    """A Leaflet control with ready-made HTML (rendered, and so escaped, by `legend_html`).

    How much starts open is decided in the browser, where the map's size and the legend's are
    known: on a phone the legend starts folded, whole (one click shows every actor and mark);
    elsewhere it starts open, with its marks folded when the whole would take more than
    `MAX_SHARE` of the map. Opening or folding a part lays the place names out again (the
    layers place them around the map's controls on a "resize"), so none stays under it."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            function area(box) {  // as the corner will show it: Leaflet's CSS may come later
                box.style.width = "max-content";
                var px = box.offsetWidth * box.offsetHeight;
                box.style.width = "";
                return px;
            }
            var legend = L.control({position: "topright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "frontline-legend");
                div.innerHTML = {{ this.html|tojson }};
                div.firstElementChild.style.maxHeight
                    = Math.round(map.getSize().y * {{ this.max_height }}) + "px";
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo(map);
            var box = legend.getContainer().firstElementChild, size = map.getSize();
            var marks = box.querySelector(".frontline-legend-marks");
            if (size.x < {{ this.fold_below }}) box.open = false;  // marks stay open inside
            else if (box.open && marks && area(box) > size.x * size.y * {{ this.max_share }}) {
                marks.open = false;
            }
            function relayout() {  // the size is the same: the controls' boxes changed
                map.fire("resize", {oldSize: map.getSize(), newSize: map.getSize()});
            }
            box.addEventListener("toggle", relayout);
            if (marks) marks.addEventListener("toggle", relayout);
        })();
        {% endmacro %}
    """)

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.fold_below = FOLD_BELOW_PX
        self.max_share = MAX_SHARE
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
