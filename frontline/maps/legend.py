"""The situation map's legend: a Leaflet control holding HTML from `legend.html.j2`."""

from __future__ import annotations

import pandas as pd
from branca.element import MacroElement, Template

from frontline.maps.base import UNKNOWN_COLOR
from frontline.maps.templating import render

LEGEND_OPEN_UP_TO = 8  # actors; a longer legend starts folded, so it does not hide the map


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


def legend_html(actors: pd.DataFrame, changed: bool = False) -> str:
    """Colours of the actors, then the symbols for sieges, contests, aid, clusters and (when
    comparing two dates) changes. Every actor is listed, so the legend stays put as the day
    and the filters change; a long list starts folded."""
    return render(
        "legend.html.j2",
        actors=[{"name": a.name, "color": a.color} for a in actors.itertuples()],
        unknown_color=UNKNOWN_COLOR,
        changed=changed,
        folded=len(actors) > LEGEND_OPEN_UP_TO,
    )
