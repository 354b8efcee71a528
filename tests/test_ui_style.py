"""The stylesheet uses theme variables only, so every theme and NO_COLOR work."""

from __future__ import annotations

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


def test_every_colour_is_a_theme_variable():
    rules = list(COLOUR_RULE.finditer(TCSS.read_text(encoding="utf-8")))
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
