"""`/` before the background index build has finished: the search screen opens
at once, says it is indexing, and fills in from the app's build (never a second one)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

import bbtui.core.search
from bbtui.core.loader import load
from bbtui.ui.app import ExplorerApp
from bbtui.ui.screens.search import QuoteSearchScreen, ResultList

MINI = load(Path(__file__).parent / "data" / "mini.yaml")


def test_slash_while_indexing_opens_at_once_and_fills_in(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    builds: list[str] = []
    real_index = bbtui.core.search.QuoteIndex

    class GatedIndex(real_index):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            builds.append(threading.current_thread().name)
            assert release.wait(10), "the test never released the build"
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(bbtui.core.search, "QuoteIndex", GatedIndex)

    async def main() -> None:
        app = ExplorerApp(MINI, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert builds, "the app starts the index build after the first frame"
            # The build is stuck: `/` must still open the screen (a lock here hangs the test).
            await asyncio.wait_for(pilot.press("slash"), 5)
            screen = app.screen
            assert isinstance(screen, QuoteSearchScreen)
            count = screen.query_one("#search-count", Static)
            assert "Indexing quotes" in str(count.content)
            await pilot.press(*"unfettered")
            assert screen.query_one(ResultList).item_count == 0
            release.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.index is app.explorer.index is not None
            assert screen.query_one(ResultList).item_count > 0  # the typed query, answered
            assert "Indexing" not in str(count.content)
            assert len(builds) == 1  # the screen did not build its own

    asyncio.run(main())
