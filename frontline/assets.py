"""Leaflet and jQuery, served by the app itself so that maps draw with no internet.

folium points its maps at public CDNs; on a field laptop those never load and the map stays blank.
The PyPI packages XStatic-Leaflet and XStatic-jQuery ship the files (folium's popups need jQuery),
pip installs them, and `install_static` copies them into `static/vendor/` (ignored by git), which
Streamlit serves at /app/static/ when `server.enableStaticServing` is on.
`FRONTLINE_MAP_ASSETS=cdn` switches back to the public CDNs.
"""

from __future__ import annotations

import base64
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

import xstatic.pkg.jquery as xjquery
import xstatic.pkg.leaflet as xleaflet

from frontline.config import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "static"
URL_PREFIX = "/app/static"


@dataclass(frozen=True)
class Asset:
    """One library file folium's HTML links, with its local copy and its public CDN address."""

    name: str
    package: ModuleType
    file: str
    cdn: str
    extra: tuple[str, ...] = ()  # files the asset loads itself (Leaflet's marker images)

    @property
    def folder(self) -> str:
        return f"vendor/{self.package.NAME.lower()}-{self.package.VERSION}"

    @property
    def local_url(self) -> str:
        return f"{URL_PREFIX}/{self.folder}/{self.file}"


_LEAFLET_CDN = f"https://cdn.jsdelivr.net/npm/leaflet@{xleaflet.VERSION}/dist"
JS = (
    Asset("leaflet", xleaflet, "leaflet.js", f"{_LEAFLET_CDN}/leaflet.js"),
    Asset(
        "jquery",
        xjquery,
        "jquery.min.js",
        f"https://code.jquery.com/jquery-{xjquery.VERSION}.min.js",
    ),
)
CSS = (Asset("leaflet_css", xleaflet, "leaflet.css", f"{_LEAFLET_CDN}/leaflet.css", ("images",)),)


def install_static(static_dir: Path = STATIC_DIR) -> Path:
    """Copy the assets from their installed packages into the served folder; idempotent."""
    for asset in (*JS, *CSS):
        for name in (asset.file, *asset.extra):
            src, dst = Path(asset.package.BASE_DIR) / name, static_dir / asset.folder / name
            if dst.exists():
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst)
            else:
                shutil.copy2(src, dst)
    return static_dir / "vendor"


def links(mode: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(js, css) for a folium map: the app's own copies ('local') or the public CDNs ('cdn')."""

    def pick(asset: Asset) -> tuple[str, str]:
        return asset.name, asset.cdn if mode == "cdn" else asset.local_url

    return [pick(a) for a in JS], [pick(a) for a in CSS]


def inline(asset: Asset) -> str:
    """An asset's text, to write into a self-contained file (the briefing export): the images
    its CSS names become data: URIs and the source-map comment goes, so that opening the file
    asks no server for anything."""
    folder = Path(asset.package.BASE_DIR)
    text = (folder / asset.file).read_text(encoding="utf-8")
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)

    def data_uri(match: re.Match) -> str:
        payload = base64.b64encode((folder / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{payload})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, text)


@cache
def inline_scripts() -> tuple[str, str]:
    """(JavaScript, CSS) of every asset a map needs, inline: see `inline`. jQuery is left out:
    only folium's popups use it, and the briefing has none. Read once per process."""
    scripts = "\n".join(inline(a) for a in JS if a.name != "jquery")
    return scripts, "\n".join(inline(a) for a in CSS)
