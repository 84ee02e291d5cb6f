"""The UI's layout holds: every session-state key and URL parameter is named in
`frontline/ui/keys.py` only, pages stay thin, modules stay short, harnesses stay out of the
package. Read from the source, so a slip fails here rather than as a widget that forgets."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

from frontline.config import PROJECT_ROOT

UI = PROJECT_ROOT / "frontline" / "ui"
PAGES = [PROJECT_ROOT / "dashboard.py", *sorted((PROJECT_ROOT / "pages").glob("*.py"))]
STATE = {"session_state", "query_params"}


def _is_state(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in STATE


def _literal_keys(path: Path) -> list[str]:
    """String literals used as a widget's `key=`, a session-state or URL key: `st.session_state
    ["x"]`, `.get("x")`, `.pop("x")`, `"x" in st.session_state`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        text = None
        if isinstance(node, ast.keyword) and node.arg == "key":
            text = node.value
        elif isinstance(node, ast.Subscript) and _is_state(node.value):
            text = node.slice
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and _is_state(node.func.value) and node.args):  # fmt: skip
            text = node.args[0]
        elif isinstance(node, ast.Compare) and any(_is_state(c) for c in node.comparators):
            text = node.left
        if isinstance(text, ast.Constant | ast.JoinedStr):
            found.append(f"{path.name}:{node.lineno}")
    return found


@pytest.mark.parametrize("path", [*sorted(UI.glob("*.py")), *PAGES], ids=lambda p: p.name)
def test_state_keys_are_named_in_the_registry_only(path):
    assert path.name == "keys.py" or _literal_keys(path) == []


def test_the_registry_names_each_key_once():
    values = {}
    for node in ast.parse((UI / "keys.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            values.setdefault(node.value.value, []).append(node.targets[0].id)
    # a widget named as its parameter
    shared = {"layers", "since", "place", "actors", "types", "step"}
    assert {v: n for v, n in values.items() if len(n) > 1 and v not in shared} == {}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_page_opens_with_one_call_and_defines_nothing(page):
    tree = ast.parse(page.read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr == "open_page"]  # fmt: skip
    assert len(calls) == 1
    assert not [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)]


def test_modules_stay_short_and_harnesses_out_of_the_package():
    modules = [*sorted((PROJECT_ROOT / "frontline").glob("**/*.py")), *PAGES]
    long = {
        str(m.relative_to(PROJECT_ROOT)): n
        for m in modules
        if (n := len(m.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert long == {}
    assert importlib.util.find_spec("frontline.headless") is None  # tests/harness.py
    assert importlib.util.find_spec("frontline.ui.views") is None  # one module per page
