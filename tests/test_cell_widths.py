"""Borders stay in line in every terminal, whatever emoji the dataset holds.

Rich measures 👩‍👩‍👧 as one 2-cell glyph, as kitty or WezTerm draw it; xterm,
VTE and other terminals that count each codepoint draw 6 cells, and each
border after it moves right. The screen drops what the two disagree on
(`steady_width`): here every line is measured the way a per-codepoint
terminal (wcwidth) measures it, and must be exactly as wide as the screen.
"""

from __future__ import annotations

import asyncio
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from bbtui.core.loader import load
from bbtui.core.textsafe import steady_width
from bbtui.ui import compat
from bbtui.ui.app import ExplorerApp

HOSTILE = load(Path(__file__).parent / "data" / "hostile.yaml")
UNSTEADY = {
    "family": "👩\u200d👩\u200d👧",
    "coder": "👩\u200d💻",
    "heart": "❤\ufe0f",
    "thumb": "👍\U0001f3fd",
    "keycap": "#\ufe0f\u20e3",
    "joined letters": "\u0628\u200d\u0628",
}


def per_codepoint_width(text: str) -> int:
    """Cells as wcwidth counts them: marks and format characters none, wide ones two."""
    width = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


@pytest.mark.parametrize("name", list(UNSTEADY))
def test_rich_and_a_per_codepoint_terminal_disagree_until_made_steady(name: str) -> None:
    text = UNSTEADY[name]
    assert cell_len(text) != per_codepoint_width(text)
    steady = steady_width(text)
    assert cell_len(steady) == per_codepoint_width(steady) > 0


def test_a_sequence_is_shown_as_its_parts() -> None:
    assert steady_width("a 👩\u200d👩\u200d👧 b") == "a 👩👩👧 b"
    assert steady_width("❤\ufe0f 👍\U0001f3fd") == "❤ 👍"


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "中文字符 🫐",
        "Urdu \u0632\u06cc\u0631\u0648\u200c\u0648\u0646\u0688\u0648",
        "e\u0301",
    ],
)
def test_text_both_measure_alike_is_left_alone(text: str) -> None:
    assert steady_width(text) is text
    assert cell_len(text) == per_codepoint_width(text)


def test_borders_line_up_with_emoji_sequences_on_screen() -> None:
    async def main() -> list[str]:
        app = ExplorerApp(HOSTILE, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.jump_to_country("PK")
            await pilot.pause()
            return compat.screen_lines(app.screen)

    lines = asyncio.run(main())
    widths = [(y, per_codepoint_width(line), line) for y, line in enumerate(lines)]
    assert [w for w in widths if w[1] != 80] == []
    assert any("👩👩👧 ❤ 👍" in line for line in lines), "\n".join(lines)
