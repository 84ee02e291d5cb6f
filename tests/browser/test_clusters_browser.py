"""The map's clustering rule (templates/clusters.js), run in Chromium on points of our own: the
browser clusters the places per zoom, so the rule is tested where it runs."""

from __future__ import annotations

import numpy as np
import pytest

from frontline import clusters

pytestmark = pytest.mark.browser

CALL = """([lat, lon, zoom, cell, last]) => frontlineClusters(lat.length, i => lat[i], i => lon[i],
                                                              zoom, cell, last)"""


@pytest.fixture(scope="module")
def page(browser):
    page = browser.new_page()
    page.set_content(f"<script>{clusters.CLUSTERS_JS}</script>")
    yield page
    page.close()


def _clusters(page, lat, lon, zoom: int) -> list[list[int]]:
    args = [
        list(map(float, lat)),
        list(map(float, lon)),
        zoom,
        clusters.CELL_PX,
        clusters.LAST_ZOOM,
    ]
    return page.evaluate(CALL, args)


def test_neighbours_cluster_when_zoomed_out_and_part_when_zoomed_in(page):
    lat, lon = [36.00, 36.02, 33.30], [38.00, 38.03, 44.40]  # two villages 3 km apart, Baghdad
    assert _clusters(page, lat, lon, 5) == [[0, 1]]
    assert _clusters(page, lat, lon, clusters.LAST_ZOOM + 1) == []  # every place alone
    assert _clusters(page, [36.0, 36.3], [38.0, 38.3], clusters.LAST_ZOOM) == []  # 40 km apart


def test_each_zoom_lists_every_point_at_most_once_fewer_bigger_clusters_when_zoomed_out(page):
    rng = np.random.default_rng(1)
    lat, lon = rng.uniform(32, 37, 500), rng.uniform(36, 45, 500)
    sizes = []
    for zoom in range(clusters.FIRST_ZOOM, clusters.LAST_ZOOM + 1):
        found = _clusters(page, lat, lon, zoom)
        members = [i for c in found for i in c]
        assert len(members) == len(set(members)) and all(len(c) > 1 for c in found)
        assert all(c == sorted(c) for c in found) and [c[0] for c in found] == sorted(
            c[0] for c in found
        )
        sizes.append(len(found))
        assert sum(len(c) for c in found) <= 500
    assert sizes[0] < 40 and sizes[0] < sizes[-1]


def test_no_points_no_clusters(page):
    assert _clusters(page, [], [], 5) == []
