"""The stylesheets use theme variables only, so every theme and NO_COLOR work.

That is bbtui.tcss and the rules the other screens carry (DEFAULT_CSS).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import bbtui.ui

TCSS = Path(bbtui.ui.__file__).parent / "bbtui.tcss"
COLOUR_RULE = re.compile(
    r"^\s*(color|background|border[-a-z]*|tint|scrollbar[-a-z]*)\s*:\s*(?P<value>[^;]+);",
    re.MULTILINE,
)
LITERAL = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(|\b(red|green|blue|yellow|white|black|magenta|cyan|gr[ae]y)\b"
)


def own_default_css() -> dict[str, str]:
    """Every DEFAULT_CSS a class in bbtui.ui defines itself, by class name."""
    found = {}
    for module in pkgutil.walk_packages(bbtui.ui.__path__, "bbtui.ui."):
        loaded = importlib.import_module(module.name)
        for name, cls in inspect.getmembers(loaded, inspect.isclass):
            if cls.__module__ == loaded.__name__ and "DEFAULT_CSS" in vars(cls):
                found[name] = vars(cls)["DEFAULT_CSS"]
    return found


def test_the_other_screens_rules_are_found():
    assert {"HelpScreen", "ExportScreen", "QuoteSearchScreen", "CompareTable"} <= set(
        own_default_css()
    )


def test_every_colour_is_a_theme_variable():
    sheets = [TCSS.read_text(encoding="utf-8"), *own_default_css().values()]
    rules = [rule for sheet in sheets for rule in COLOUR_RULE.finditer(sheet)]
    assert rules  # the pattern does find the colour rules
    for rule in rules:
        value = rule.group("value")
        assert not LITERAL.search(value), rule.group(0)
        if rule.group(1) in ("color", "background"):
            assert value.strip().startswith("$"), rule.group(0)


def test_the_stylesheet_ships_with_the_package():
    # pyproject's package-data carries ui/*.tcss; the app finds it beside app.py.
    from bbtui.ui.app import ExplorerApp

    assert TCSS.name == ExplorerApp.CSS_PATH
    assert TCSS.is_file()
