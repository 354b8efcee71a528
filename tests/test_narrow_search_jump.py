"""Single-pane mode (under 60 columns): Enter on a search result opens the event at the quote."""

from __future__ import annotations

import asyncio

from textual.widgets import Input

from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from bbtui.ui.app import ExplorerApp

SHIPPED = load(shipped_dataset())


def test_enter_on_a_result_shows_the_quote_not_the_top():
    # The last quote of the exit announcement sits far below the event's top.
    event = SHIPPED.event_by_id["pk-2015-11-30-exit-announced"]
    quote = SHIPPED.quotes_for(event.id)[-1]
    words = " ".join(quote.text.split()[:6])

    async def scenario() -> tuple[str | None, bool, float]:
        app = ExplorerApp(SHIPPED, theme="textual-dark")
        async with app.run_test(size=(50, 20)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()  # the index
            await pilot.press("slash")
            await pilot.pause()
            app.screen.query_one(Input).value = f'"{words}"'
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause(0.2)
            detail = app.explorer.detail
            return detail.highlighted_quote, detail.display and detail.has_focus, detail.scroll_y

    highlighted, showing, scrolled = asyncio.run(scenario())
    assert highlighted == quote.id
    assert showing
    assert scrolled > 0  # not the event's top
