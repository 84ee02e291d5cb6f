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


def _choice(env: dict[str, str], name: str, allowed: tuple[str, ...]) -> str:
    """A variable that takes one of `allowed` (the first is its default), or ConfigError."""
    value = env.get(name, allowed[0])
    if value not in allowed:
        raise ConfigError(f"{name} must be one of {allowed}, not {value!r}")
    return value


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read FRONTLINE_* variables; defaults work offline with the repository's own data."""
    env = dict(os.environ if env is None else env)
    return Settings(
        database_url=env.get("FRONTLINE_DATABASE_URL") or default_database_url(),
        data_dir=Path(env.get("FRONTLINE_DATA_DIR") or PROJECT_ROOT / "data"),
        seeds_dir=Path(env.get("FRONTLINE_SEEDS_DIR") or PROJECT_ROOT / "seeds"),
        map_assets=_choice(env, "FRONTLINE_MAP_ASSETS", ASSET_MODES),
        geocoder=_choice(env, "FRONTLINE_GEOCODER", GEOCODERS),
        user_agent=env.get("FRONTLINE_USER_AGENT") or "frontline",
        tiles=_choice(env, "FRONTLINE_TILES", TILE_PROVIDERS),
        viewing=_choice(env, "FRONTLINE_VIEWING", VIEWING),
        oidc_role=_choice(env, "FRONTLINE_OIDC_ROLE", ROLES),
    )
