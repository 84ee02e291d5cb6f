"""What the browser tests share: a page that refuses the internet, the map's drawn counts."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlparse

from frontline.config import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
MAP = "iframe[title*='streamlit_folium']"


def refuse_the_internet(page, answers: Mapping[str, str] | None = None) -> list[str]:
    """Route `page`: each address of `answers` gets its HTML, the app's own addresses pass,
    anything else is refused and recorded in the list returned."""
    outside: list[str] = []

    def route(r):
        url = r.request.url
        if answers and url in answers:
            r.fulfill(body=answers[url], content_type="text/html")
        elif urlparse(url).hostname in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    page.route("**/*", route)
    return outside


def open_map(browser, url: str):
    """A page on `url` that refuses the internet; returns it, the map element and the
    requests it refused."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    outside = refuse_the_internet(page)
    page.goto(url)
    return page, page.frame_locator(MAP).first.locator(".leaflet-container"), outside


def drawn(container, timeout: float = 60, **counts: int) -> dict[str, str]:
    """The counts the situation layer writes on the map once its markers are drawn.

    With `counts` (e.g. `total=5`, for data-frontline-total), waits for a drawing with those
    counts: every redraw rewrites them, so a redraw of the layer shown before (on a zoom, say)
    can come before the one asked for."""
    wanted = "".join(f"[data-frontline-{name}='{n}']" for name, n in counts.items())
    done = container.page.frame_locator(MAP).first.locator(
        f".leaflet-container[data-frontline-drawn]{wanted}"
    )
    done.wait_for(timeout=timeout * 1000)
    return done.evaluate("e => ({...e.dataset})")
