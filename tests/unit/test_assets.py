from pathlib import Path

from frontline import assets


def test_install_static_copies_leaflet_and_jquery(tmp_path: Path):
    vendor = assets.install_static(tmp_path)
    js, css = assets.links("local")
    for _, url in js + css:
        assert (tmp_path / url.removeprefix(assets.URL_PREFIX + "/")).stat().st_size > 10_000
    assert any(vendor.glob("leaflet-*/images/marker-icon.png"))
    assets.install_static(tmp_path)  # idempotent


def test_cdn_links_are_public_addresses():
    js, css = assets.links("cdn")
    assert all(url.startswith("https://") for _, url in js + css)
