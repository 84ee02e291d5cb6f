import numpy as np

from frontline import clusters


def test_neighbours_cluster_when_zoomed_out_and_part_when_zoomed_in():
    lat = np.array([36.00, 36.02, 33.30])
    lon = np.array([38.00, 38.03, 44.40])  # two villages 3 km apart, and Baghdad
    assert clusters.grid(lat, lon, 5).tolist() == [0, 0, -1]
    assert clusters.grid(lat, lon, 12).tolist() == [-1, -1, -1]


def test_levels_list_each_zoom_and_every_point_at_most_once():
    rng = np.random.default_rng(1)
    lat, lon = rng.uniform(32, 37, 500), rng.uniform(36, 45, 500)
    found = clusters.levels(lat, lon)
    assert [f["zoom"] for f in found] == list(range(clusters.FIRST_ZOOM, clusters.LAST_ZOOM + 1))
    sizes = []
    for level in found:
        members = [i for c in level["clusters"] for i in c]
        assert len(members) == len(set(members)) and all(len(c) > 1 for c in level["clusters"])
        sizes.append(len(level["clusters"]))
    assert sizes[0] < sizes[-1] or sizes[-1] == 0  # fewer, bigger clusters when zoomed out
    assert len(found[0]["clusters"]) < 40


def test_no_points_no_clusters():
    assert clusters.grid(np.array([]), np.array([]), 5).size == 0
