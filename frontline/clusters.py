"""How the map clusters its places, in numbers: at each zoom up to LAST_ZOOM, places closer than
about CELL_PX screen pixels share a cell of a grid and are drawn as one cluster; from
LAST_ZOOM + 1 on every place is drawn alone. The browser does the clustering
(`templates/clusters.js`, the one place the rule lives), per zoom when it is first shown, so a
map of 20,000 places carries no cluster lists (they were 0.8 MB of its 3 MB) and the server
spends nothing on them."""

from __future__ import annotations

from pathlib import Path

CELL_PX = 40  # a cluster's reach on screen, about two markers wide
FIRST_ZOOM, LAST_ZOOM = 3, 8  # from zoom LAST_ZOOM + 1 on, every point is drawn on its own
CLUSTERS_JS = (Path(__file__).resolve().parent / "templates" / "clusters.js").read_text(
    encoding="utf-8"
)
