"""What the browser tests share: a page that refuses the internet, the map's drawn counts."""

from __future__ import annotations

from urllib.parse import urlparse

from frontline.config import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
MAP = "iframe[title*='streamlit_folium']"


def open_map(browser, url: str):
    """A page on `url` that refuses the internet; returns it, the map element and the
    requests it refused."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []

    def only_local(route):
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(url)
    return page, page.frame_locator(MAP).first.locator(".leaflet-container"), outside


def drawn(container, timeout: float = 60) -> dict[str, str]:
    """The counts the situation layer writes on the map once its markers are drawn."""
    done = container.page.frame_locator(MAP).first.locator(
        ".leaflet-container[data-frontline-drawn]"
    )
    done.wait_for(timeout=timeout * 1000)
    return done.evaluate("e => ({...e.dataset})")
