"""The explorer at different sizes: narrow one-pane mode, wide, and resizing.

Under 60 columns only the active pane is on screen; Tab cycles. Resizing
between sizes never crashes and never loses the selection or the filter.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot

from bbtui.core.loader import load
from bbtui.ui.app import ExplorerApp

MINI = load(Path(__file__).parent / "data" / "mini.yaml")


def run(test, size) -> None:
    async def main() -> None:
        app = ExplorerApp(MINI, theme="textual-dark")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await test(app, pilot)

    asyncio.run(main())


def on_screen(app: ExplorerApp) -> set[str | None]:
    """Ids of the panes that currently occupy screen space."""
    return {pane.id for pane in app.explorer.panes if pane.display and pane.region.area > 0}


def selected(app: ExplorerApp) -> str | None:
    event = app.explorer.timeline.event
    return event.id if event else None


async def press(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)  # waits until the app is idle after each key


def test_80x24_shows_all_three_panes():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        assert on_screen(app) == {"timeline", "detail", "precedents"}
        timeline, detail, precedents = app.explorer.panes
        # Every pane gets usable room: a readable title column, and all three
        # mini-dataset countries visible in the precedent panel.
        assert timeline.region.width >= 40 and detail.region.width >= 34
        assert timeline.region.height >= 10
        assert precedents.region.height >= 5

    run(check, (80, 24))


def test_120x40_uses_the_room():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        timeline, detail, _precedents = app.explorer.panes
        # Room for whole titles (the row prefix is 19 cells) and a reading column.
        assert timeline.region.width - 19 >= 38
        assert detail.region.width >= 56
        assert timeline.region.height >= 25

    run(check, (120, 40))


def test_narrow_shows_one_pane_at_a_time_and_tab_cycles():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        explorer = app.explorer
        assert explorer.is_narrow
        assert on_screen(app) == {"timeline"}
        assert explorer.timeline.region.width == 50  # the whole width, not crushed
        await press(pilot, "down")
        assert selected(app) == "in-reprieve"
        await press(pilot, "tab")
        assert on_screen(app) == {"detail"}
        assert explorer.detail.has_focus
        assert "India grants a 60-day reprieve" in explorer.detail.text
        await press(pilot, "tab")
        assert on_screen(app) == {"precedents"}
        assert explorer.precedents.has_focus
        await press(pilot, "tab")
        assert on_screen(app) == {"timeline"}
        await press(pilot, "shift+tab")
        assert on_screen(app) == {"precedents"}
        # Escape goes back to the timeline when there is no filter to clear.
        await press(pilot, "escape")
        assert on_screen(app) == {"timeline"}
        assert selected(app) == "in-reprieve"

    run(check, (50, 20))


def test_narrow_enter_reads_and_filters():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        explorer = app.explorer
        await press(pilot, "enter")
        assert on_screen(app) == {"detail"}
        await press(pilot, "tab", "up", "enter")  # precedents: Pakistan, filter
        assert explorer.filter_country == "PK"
        assert on_screen(app) == {"timeline"}
        assert selected(app) == "pk-directive"
        await press(pilot, "c", "escape")
        assert explorer.filter_country is None

    run(check, (50, 20))


def test_resizing_keeps_the_selection_and_filter():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        explorer = app.explorer
        await press(pilot, "G", "c")
        assert selected(app) == "pk-reversal" and explorer.filter_country == "PK"
        for size in [(50, 20), (120, 40), (30, 10), (80, 24), (59, 24), (60, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert selected(app) == "pk-reversal", size
            assert explorer.filter_country == "PK", size
            assert explorer.is_narrow == (size[0] < 60), size
            # The selected row stays in view.
            timeline = explorer.timeline
            row = timeline.row_of(timeline.cursor)
            top = timeline.scroll_offset.y
            assert top <= row < top + max(1, timeline.scrollable_content_region.height), size
        assert on_screen(app) == {"timeline", "detail", "precedents"}

    run(check, (80, 24))


def test_narrow_precedent_rows_keep_the_outcome_word():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await press(pilot, "shift+tab")
        panel = app.explorer.precedents
        width = panel.scrollable_content_region.width
        rows = [panel.render_row(i, width, False).text for i in range(3)]
        assert any("○ withdrawn" in row for row in rows)
        assert any("◑ partial access" in row for row in rows)
        assert any("◇ settled" in row for row in rows)

    run(check, (40, 16))
