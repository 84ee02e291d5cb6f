"""The maps' HTML fragments (legend, aid popups, aid icon) from Jinja2 templates, autoescaped.

The templates live in `frontline/templates/*.html.j2`, beside the situation layer's JavaScript.
Autoescape is on for every template, so text from a source (a place's or an actor's name, an
organisation) is escaped exactly once, where it becomes HTML, and markup sits in the template
instead of in Python strings. Values a template receives are plain text, never pre-escaped: an
escaped value would show as "&amp;amp;".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from frontline.html_text import bidi_closed

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@cache
def environment() -> Environment:
    """One environment for every map fragment: autoescaped, a missing value an error."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package: no file check per render
        finalize=_closed,
    )


def _closed(value: object) -> object:
    """Every text a template writes has its direction marks closed (`html_text.bidi_closed`):
    an RTL override in a name never reverses the template's own words after it. Markup (the
    map's script, Leaflet) is left as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return bidi_closed(value)
    return value


def template(name: str) -> Template:
    """The compiled template `name` (e.g. "aid_popup.html.j2"), for rendering it many times."""
    return environment().get_template(name)


def render(name: str, **values: object) -> str:
    """The template `name` (e.g. "legend.html.j2") filled with `values`, as HTML text."""
    return template(name).render(**values)
