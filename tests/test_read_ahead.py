"""Work done between keys changes nothing on screen; it only takes work off the key.

Between keys the explorer gets the next key ready (`ExplorerScreen.read_ahead`):
the detail pane reads and draws the events either side of the cursor, the
timeline and the precedent panel draw the rows a step would show. And a
scrollbar whose thumb has not moved is not drawn again. So each screen after a
key must be the screen drawn without any of it: the same keys in an app that
never reads ahead, and the same app with every widget repainted from scratch.
benchmarks/cursor.py measures what it saves.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from textual.widget import Widget

from bbtui.core.loader import load
from bbtui.core.model import Dataset
from bbtui.ui import compat
from bbtui.ui.app import ExplorerApp
from bbtui.ui.screens import explorer
from bbtui.ui.widgets import detail_blocks
from bbtui.ui.widgets.event_detail import EventDetail

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import generate

SIZE = (80, 24)
# Enough rows that one step moves the timeline's thumb by less than an eighth of a cell.
EVENTS = 400
# Space marks an event (its detail says so): the way back to it must show the mark.
KEYS = ["down"] * 14 + ["space", "down", "up", "up", "pagedown", "down", "end", "up"]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load(generate.write_dataset(EVENTS, tmp_path_factory.mktemp("ahead") / "ahead.yaml"))


class ReadsWhileShowing:
    """Counts the events whose blocks are read while the detail pane shows one (the key's work)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self._showing = False
        event_blocks, show_event = detail_blocks.event_blocks, EventDetail.show_event

        def counting_event_blocks(*args, **kwargs):
            self.count += self._showing
            return event_blocks(*args, **kwargs)

        def showing(detail, *args, **kwargs):
            self._showing = True
            try:
                return show_event(detail, *args, **kwargs)
            finally:
                self._showing = False

        monkeypatch.setattr(detail_blocks, "event_blocks", counting_event_blocks)
        monkeypatch.setattr(EventDetail, "show_event", showing)


def screens_after_each_key(
    dataset: Dataset, reads: ReadsWhileShowing, read_ahead: bool
) -> tuple[list[list[str]], list[int]]:
    """The screen after each key, and the events read while showing each key's event."""

    async def scenario() -> tuple[list[list[str]], list[int]]:
        app = ExplorerApp(dataset, theme="textual-dark")
        shots, read_per_key = [], []
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for key in KEYS:
                if read_ahead:  # the timer's turn, between keys
                    await pilot.pause(explorer.READ_AHEAD_DELAY * 4)
                before = reads.count
                await pilot.press(key)
                await pilot.pause()
                read_per_key.append(reads.count - before)
                shot = compat.screen_lines(app.screen)
                if read_ahead:  # and a scrollbar left alone shows what a repainted one does
                    for widget in app.screen.query(Widget):
                        widget.refresh()
                        if widget.show_vertical_scrollbar:
                            widget.vertical_scrollbar.refresh()
                    await pilot.pause()
                    assert compat.screen_lines(app.screen) == shot, f"stale after {key}"
                shots.append(shot)
        return shots, read_per_key

    return asyncio.run(scenario())


def test_reading_ahead_draws_what_a_key_without_it_draws(dataset, monkeypatch):
    reads = ReadsWhileShowing(monkeypatch)
    delay = explorer.READ_AHEAD_DELAY
    monkeypatch.setattr(explorer, "READ_AHEAD_DELAY", 3600)  # never, in the first run
    cold, cold_reads = screens_after_each_key(dataset, reads, read_ahead=False)
    monkeypatch.setattr(explorer, "READ_AHEAD_DELAY", delay)
    warm, warm_reads = screens_after_each_key(dataset, reads, read_ahead=True)
    for key, (without, with_) in enumerate(zip(cold, warm, strict=True)):
        assert with_ == without, f"key {key} ({KEYS[key]}) drew differently after reading ahead"
    # Without reading ahead each step read its event; with it, none did.
    steps = [n for n, key in enumerate(KEYS) if key in ("up", "down")]
    assert all(cold_reads[n] for n in steps)
    assert [warm_reads[n] for n in steps] == [0] * len(steps)
