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
    )


def template(name: str) -> Template:
    """The compiled template `name` (e.g. "aid_popup.html.j2"), for rendering it many times."""
    return environment().get_template(name)


def render(name: str, **values: object) -> str:
    """The template `name` (e.g. "legend.html.j2") filled with `values`, as HTML text."""
    return template(name).render(**values)
