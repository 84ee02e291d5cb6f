"""Settings, read from the environment once, so the CLI, the app and the tests agree on them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from frontline.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ASSET_MODES = ("local", "cdn")
GEOCODERS = ("offline", "nominatim")
TILE_PROVIDERS = ("none", "osm", "carto")
VIEWING = ("open", "signed-in")  # who may read the pages: anyone who reaches them, or accounts
ROLES = ("viewer", "editor", "admin")


@dataclass(frozen=True)
class Settings:
    """Where data comes from and goes to, and whether the map may use the internet."""

    database_url: str
    data_dir: Path
    seeds_dir: Path
    map_assets: str  # "local": Leaflet served by this app; "cdn": folium's public CDNs
    geocoder: str = "offline"  # "offline", or "nominatim" to ask it when the gazetteer cannot
    user_agent: str = "frontline"
    tiles: str = "none"  # "osm" or "carto": web map tiles under the borders (needs the internet)
    viewing: str = "open"  # "signed-in": the pages show nothing until someone signs in
    oidc_role: str = "viewer"  # the role of an OIDC identity that has no account of its own


def default_database_url() -> str:
    """A SQLite file in the user's data folder (e.g. ~/.local/share/frontline/frontline.sqlite)."""
    return f"sqlite:///{user_data_path('frontline') / 'frontline.sqlite'}"


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read FRONTLINE_* variables; defaults work offline with the repository's own data."""
    env = dict(os.environ if env is None else env)
    assets = env.get("FRONTLINE_MAP_ASSETS", "local")
    if assets not in ASSET_MODES:
        raise ConfigError(f"FRONTLINE_MAP_ASSETS must be one of {ASSET_MODES}, not {assets!r}")
    geocoder = env.get("FRONTLINE_GEOCODER", "offline")
    if geocoder not in GEOCODERS:
        raise ConfigError(f"FRONTLINE_GEOCODER must be one of {GEOCODERS}, not {geocoder!r}")
    tiles = env.get("FRONTLINE_TILES", "none")
    if tiles not in TILE_PROVIDERS:
        raise ConfigError(f"FRONTLINE_TILES must be one of {TILE_PROVIDERS}, not {tiles!r}")
    viewing = env.get("FRONTLINE_VIEWING", "open")
    if viewing not in VIEWING:
        raise ConfigError(f"FRONTLINE_VIEWING must be one of {VIEWING}, not {viewing!r}")
    oidc_role = env.get("FRONTLINE_OIDC_ROLE", "viewer")
    if oidc_role not in ROLES:
        raise ConfigError(f"FRONTLINE_OIDC_ROLE must be one of {ROLES}, not {oidc_role!r}")
    return Settings(
        database_url=env.get("FRONTLINE_DATABASE_URL") or default_database_url(),
        data_dir=Path(env.get("FRONTLINE_DATA_DIR") or PROJECT_ROOT / "data"),
        seeds_dir=Path(env.get("FRONTLINE_SEEDS_DIR") or PROJECT_ROOT / "seeds"),
        map_assets=assets,
        geocoder=geocoder,
        user_agent=env.get("FRONTLINE_USER_AGENT") or "frontline",
        tiles=tiles,
        viewing=viewing,
        oidc_role=oidc_role,
    )
