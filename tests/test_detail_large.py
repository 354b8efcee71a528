"""The detail pane at any size of event: ten thousand quotes, a megabyte of summary.

The pane lays out only what is on screen (`laid_out_lines` says how much), so
opening such an event stays as quick as opening a small one (benchmarks/
detail_large.py times it), and End, the quote keys and the scrollbar still
reach the bottom.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
from pathlib import Path

from textual.pilot import Pilot

from bbtui.core.loader import load
from bbtui.core.model import Dataset
from bbtui.ui.app import ExplorerApp

DATA = Path(__file__).parent / "data"
QUOTES = 10_000
SIZE = (80, 24)


def with_huge_event(dataset: Dataset) -> Dataset:
    """mini.yaml with 10,000 quotes on the first event and a 1 MB summary on the second."""
    first, second = dataset.events[0], dataset.events[1]
    model = next(q for q in dataset.quotes)
    quotes = tuple(
        dataclasses.replace(
            model, id=f"q-many-{n}", event=first.id, text=f"Quote number {n} " + "word " * 40
        )
        for n in range(QUOTES)
    )
    summary = ("A megabyte of summary. " * 45_000) + "The very end of the summary."
    events = list(dataset.events)
    events[1] = dataclasses.replace(second, summary=summary)
    return dataclasses.replace(dataset, events=tuple(events), quotes=quotes + dataset.quotes[1:])


HUGE = with_huge_event(load(DATA / "mini.yaml"))


def screen_text(app: ExplorerApp) -> str:
    detail = app.explorer.detail
    return "\n".join(
        "".join(segment.text for segment in detail.render_line(y))
        for y in range(detail.scrollable_content_region.height)
    )


def run(test) -> None:
    async def main() -> None:
        app = ExplorerApp(HUGE, theme="textual-dark")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await test(app, pilot)

    # A hang guard, not a timing: the old pane took minutes here.
    asyncio.run(asyncio.wait_for(main(), timeout=60))


def test_ten_thousand_quotes_lay_out_only_the_screen():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        detail = app.explorer.detail
        assert len(detail.quotes) == QUOTES
        assert "Quote number 0 " in screen_text(app) or detail.laid_out_lines < 60
        assert detail.laid_out_lines < 60  # a screenful, not 10,000 quotes
        await pilot.press("enter", "end")  # into the pane, to the bottom
        assert "Sources (" in screen_text(app) or "https://" in screen_text(app)
        await pilot.press("home", "left_square_bracket")  # the last quote
        assert detail.highlighted_quote == f"q-many-{QUOTES - 1}"
        assert f"Quote number {QUOTES - 1} " in screen_text(app)

    run(check)


def test_a_megabyte_summary_opens_at_its_top_and_reaches_its_end():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        detail = app.explorer.detail
        await pilot.press("j")
        assert "A megabyte of summary." in screen_text(app)
        assert detail.laid_out_lines < 60
        await pilot.press("enter", "end")
        assert "The very end of the summary." in screen_text(app) or "Sources (" in screen_text(app)
        await pilot.press("pageup")
        assert "A megabyte of summary." in screen_text(app)

    run(check)


def test_an_event_taller_than_the_pane_shows_its_first_screen_before_laying_out_the_rest():
    """The shipped start event (hundreds of lines at 80x24): the first frame lays out the
    lines on screen only; right after it the whole event, so the scrollbar is exact."""
    from bbtui.core.paths import shipped_dataset

    at_first_frame: list[tuple[int, int]] = []

    class Watched(ExplorerApp):
        CSS_PATH = str(Path(inspect.getfile(ExplorerApp)).parent / ExplorerApp.CSS_PATH)

        def on_ready(self) -> None:  # the first frame is drawn next
            super().on_ready()
            detail = self.explorer.detail
            at_first_frame.append((detail.laid_out_lines, detail.virtual_size.height))

    async def main() -> None:
        app = Watched(load(shipped_dataset()), theme="textual-dark")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            detail = app.explorer.detail
            screenful = detail.scrollable_content_region.height
            ((laid_first, _),) = at_first_frame
            assert 0 < laid_first <= 2 * screenful
            height = detail.virtual_size.height
            assert detail.laid_out_lines > 4 * screenful  # all of it, now
            await pilot.press("enter", "end")  # nothing is left to lay out at the bottom
            assert detail.virtual_size.height == height
            assert detail.scroll_y == detail.max_scroll_y > 0

    asyncio.run(asyncio.wait_for(main(), timeout=60))
