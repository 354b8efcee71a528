"""Marks are not lost on `q` without a word: the explorer asks first."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from bbtui.ui.app import ExplorerApp
from bbtui.ui.screens.confirm_quit import ConfirmQuit
from test_app import press, run


def test_q_with_marks_asks_and_n_stays_y_quits():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await press(pilot, "space")  # mark the selected event
        await press(pilot, "q")
        assert isinstance(app.screen, ConfirmQuit) and app.is_running
        words = str(app.screen.query_one(Static).content)
        assert "1 marked item is not exported and will be lost" in words
        await press(pilot, "n")
        assert not isinstance(app.screen, ConfirmQuit) and app.is_running
        await press(pilot, "q", "escape")
        assert app.is_running
        await press(pilot, "q", "y")
        assert not app.is_running

    run(check)


def test_q_without_marks_quits_at_once():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await press(pilot, "space", "space")  # marked, then unmarked
        await press(pilot, "q")
        assert not app.is_running

    run(check)
