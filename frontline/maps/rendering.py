"""Folium's elements rendered once: their output is kept as text, never read as a template.

branca's `MacroElement.render` (0.8.2, the newest) fills an element's `header`, `html` and
`script` macros, then wraps each result in `Element(result)` — and `Element` compiles the text
it is given as a Jinja template, which is rendered a second time with the whole figure. So any
text that reaches a map — a place's name from an import or a news report, an actor, a quote in a
tooltip — is evaluated as Jinja: a name such as `{{ 7*7 }}` showed as "49", and one reaching for
Python's globals ran code on the server. The second pass is also most of a map's rendering time
(the situation layer's JSON, a megabyte at 5,000 places, was lexed as a template on every step).

`install()` swaps that method for one that keeps the filled macros as they are, for every
element, ours and folium's alike; `frontline.maps` installs it when imported, so no map is ever
rendered without it. Templates themselves are unchanged: values are still inserted by their
`tojson` and escaping filters, exactly once. (Folium's style maps whose values are elements,
such as fill patterns, relied on the second pass; no Frontline map uses them.)

`script_json` is the one way data goes into a map's script, and `kept_json` keeps the JSON of
the fixed layers (borders, base map) made once per process.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from html import escape

import orjson
from branca.element import Element, Figure, MacroElement

PARTS = ("header", "html", "script")  # the macros a MacroElement may define, and their targets


class Rendered(Element):
    """HTML or JavaScript already rendered: given back as it is, never compiled."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "Rendered"
        self._text = text

    def render(self, **kwargs: object) -> str:
        return self._text


def _render(self: MacroElement, **kwargs: object) -> None:
    """MacroElement.render, with each filled macro added to the figure as text."""
    figure = self.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("You cannot render this Element if it is not in a Figure.")
    macros = self._template.module.__dict__
    for part in PARTS:
        macro = macros.get(part)
        if macro is not None:
            getattr(figure, part).add_child(Rendered(macro(self, kwargs)), name=self.get_name())
    for element in self._children.values():
        element.render(**kwargs)


def script_json(data: object) -> str:
    """`data` as compact JSON that is safe inside a <script>: no "<", ">", "&" or quote can
    end the script or open a tag (they become \\u escapes, which JavaScript reads back).
    orjson, not json: the situation layer of 20,000 places took a third of a second per step
    in json; numpy values are written as numbers, a NaN as null (valid JSON, unlike json's)."""
    text = orjson.dumps(data, option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS)
    text = text.decode("utf-8")
    for char in "<>&'":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# What a JavaScript template literal reads as code: folium's Tooltip puts its text inside one
# unescaped, so a place named "al Khashi`ah" ended the literal and no map drew at all, and a
# "${…}" in a name would have run.
TEMPLATE_LITERAL = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def template_text(text: str) -> str:
    """`text` as HTML (escaped once) that a JavaScript template literal keeps as it is: for
    folium's tooltips, which are HTML inside such a literal."""
    return escape(text).translate(TEMPLATE_LITERAL)


_KEPT: dict[tuple[int, Hashable], tuple[object, str]] = {}


def kept_json(data: object, options: Hashable, build: Callable[[], object]) -> str:
    """`script_json(build())`, made once per `data` object and `options`: for the fixed layers
    (borders, the base map), read once per process, whose JSON is the same on every rerun of
    every page. `data` is kept alive with its text, so its id cannot be reused meanwhile."""
    key = (id(data), options)
    if key not in _KEPT or _KEPT[key][0] is not data:
        _KEPT[key] = (data, script_json(build()))
    return _KEPT[key][1]


def install() -> None:
    """Render every MacroElement of this process through `_render` (idempotent)."""
    MacroElement.render = _render
