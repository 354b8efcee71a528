"""The cycle collector is paused while the explorer starts and resumed after its first frame.

`bbtui` pauses it before importing the explorer (cli/explore.py); the app
resumes it once the first frame is drawn. Never turned on by us when someone
else turned it off.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from bbtui.core.loader import load
from bbtui.ui import collector
from bbtui.ui.app import ExplorerApp

MINI = Path(__file__).parent / "data" / "mini.yaml"


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    collector.resume()
    (gc.enable if was else gc.disable)()


def test_pause_stops_collecting_and_resume_starts_it_again() -> None:
    gc.enable()
    collector.pause()
    assert not gc.isenabled()
    collector.resume()
    assert gc.isenabled()


def test_a_collector_turned_off_elsewhere_stays_off() -> None:
    gc.disable()
    collector.pause()
    collector.resume()
    assert not gc.isenabled()
    gc.enable()
    collector.resume()  # nothing paused: nothing to do
    assert gc.isenabled()


def test_the_explorer_resumes_collecting_after_its_first_frame() -> None:
    gc.enable()
    collector.pause()
    seen: list[bool] = []

    async def main() -> None:
        app = ExplorerApp(load(MINI), theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            seen.append(gc.isenabled())  # the app is ready: its first frame is being drawn
            await pilot.pause()
            seen.append(gc.isenabled())

    asyncio.run(main())
    assert seen == [False, True]  # paused through the start, collecting once it is drawn
