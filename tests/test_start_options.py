"""`bbtui --event ID` and `--country CODE` open the explorer where plain mode prints."""

from __future__ import annotations

import asyncio

from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from bbtui.ui.app import ExplorerApp

EXIT_EVENT = "pk-2015-11-30-exit-announced"


async def _opens_on_the_event() -> None:
    app = ExplorerApp(load(str(shipped_dataset())), start_event=EXIT_EVENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.explorer.timeline.event is not None
        assert app.explorer.timeline.event.id == EXIT_EVENT


async def _opens_filtered_to_the_country() -> None:
    dataset = load(str(shipped_dataset()))
    app = ExplorerApp(dataset, start_country="GB")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        event = app.explorer.timeline.event
        assert event is not None and event.country == "GB"
        await pilot.press("j", "j", "G")
        assert app.explorer.timeline.event.country == "GB"


def test_opens_on_the_event() -> None:
    asyncio.run(_opens_on_the_event())


def test_opens_filtered_to_the_country() -> None:
    asyncio.run(_opens_filtered_to_the_country())
