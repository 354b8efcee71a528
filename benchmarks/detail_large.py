"""How long the detail pane takes to show an event of any size (10,000 quotes, a 1 MB summary).

    python benchmarks/detail_large.py            # prints one line of JSON

The explorer opens tests/data/mini.yaml with its first event given 10,000
quotes and its second a 1 MB summary, at 80x24 headless, then times: moving
the cursor onto each big event (key press until the app is idle after the
frame), End in the pane, and the same move onto a small event as the yardstick.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from pathlib import Path

from bbtui.core.loader import load
from bbtui.core.model import Dataset
from bbtui.ui.app import ExplorerApp

MINI = Path(__file__).resolve().parents[1] / "tests" / "data" / "mini.yaml"


def huge(dataset: Dataset, quotes: int = 10_000) -> Dataset:
    first, second = dataset.events[0], dataset.events[1]
    model = dataset.quotes[0]
    many = tuple(
        dataclasses.replace(model, id=f"q-{n}", event=first.id, text=f"Quote {n} " + "word " * 40)
        for n in range(quotes)
    )
    events = list(dataset.events)
    events[1] = dataclasses.replace(second, summary="A megabyte of summary. " * 45_000)
    return dataclasses.replace(dataset, events=tuple(events), quotes=many + dataset.quotes[1:])


async def measure() -> dict[str, float]:
    app = ExplorerApp(huge(load(MINI)), theme="textual-dark")
    figures: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        async def timed(name: str, *keys: str) -> None:
            start = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            figures[name] = round(time.perf_counter() - start, 3)

        await timed("to_1mb_summary_s", "j")
        await timed("to_small_event_s", "j")
        await timed("back_to_1mb_summary_s", "k")
        await timed("to_10k_quotes_s", "k")
        app.explorer.activate(app.explorer.detail)
        await timed("end_of_10k_quotes_s", "end")
    return figures


if __name__ == "__main__":
    print(json.dumps(asyncio.run(measure())))
