"""Quit and help are shown in the Footer at every width, whichever pane has focus."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bbtui.core.loader import load
from bbtui.ui.app import ExplorerApp
from bbtui.ui.compat import screen_lines

MINI = load(Path(__file__).parent / "data" / "mini.yaml")


async def settled_footer(pilot) -> str:
    """The Footer's line once it has drawn its keys (it composes them after a
    focus change, a frame or more later on a busy machine)."""
    footer = ""
    for _ in range(100):
        await pilot.pause(0.02)
        footer = screen_lines(pilot.app.screen)[-1]
        if "Pane" in footer:
            break
    return footer


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (40, 15)])
def test_quit_and_help_stay_in_the_footer(size: tuple[int, int]) -> None:
    async def main() -> list[str]:
        footers = []
        app = ExplorerApp(MINI, theme="textual-dark")
        async with app.run_test(size=size) as pilot:
            for _ in range(3):  # timeline, detail, precedents
                footers.append(await settled_footer(pilot))
                await pilot.press("tab")
        return footers

    for footer in asyncio.run(main()):
        assert "q Quit" in footer and "? Help" in footer, footer


def test_q_from_the_precedents_quits() -> None:
    async def main() -> bool:
        app = ExplorerApp(MINI, theme="textual-dark")
        async with app.run_test(size=(40, 15)) as pilot:
            await pilot.press("shift+tab", "q")
            await pilot.pause()
            return app.is_running

    assert asyncio.run(main()) is False
