"""The timeline's row arithmetic and its behaviour at 100k events.

Rows are computed from year boundaries rather than stored, so these tests
check the mapping both ways on awkward shapes, then that a 100k-event
timeline paints only the rows on screen and navigates/filters correctly.
"""

from __future__ import annotations

import asyncio
import random

from bbtui.core.model import Country, Dataset, Event, Outcome, PartialDate
from bbtui.ui.app import ExplorerApp
from bbtui.ui.compat import screen_lines
from bbtui.ui.widgets.timeline import Timeline

COUNTRIES = ("PK", "IN", "AE", "SA", "ID")


def synthetic(n: int, seed: int = 7) -> Dataset:
    """`n` events in date order over a few decades, spread over five countries."""
    rng = random.Random(seed)
    dates = sorted(
        (
            PartialDate(year, month, day if month else None)
            for year, month, day in (
                (
                    rng.randint(1990, 2024),
                    rng.choice([None, rng.randint(1, 12)]),
                    rng.randint(1, 28),
                )
                for _ in range(n)
            )
        ),
        key=lambda d: d.sort_key,
    )
    events = tuple(
        Event(
            id=f"e{i}",
            date=date,
            country=COUNTRIES[i % len(COUNTRIES)],
            title=f"Event number {i}",
            summary="Summary.",
            tags=(),
            sources=(),
        )
        for i, date in enumerate(dates)
    )
    countries = tuple(
        Country(code, f"Country {code}", 1990, 2024, "Demand.", Outcome.UNRESOLVED, "", "", ())
        for code in COUNTRIES
    )
    return Dataset("Synthetic", "", (), countries, events, ())


def check_mapping(timeline: Timeline) -> None:
    items = timeline.item_count
    rows = [timeline.row_of(i) for i in range(items)]
    assert rows == sorted(rows) and len(set(rows)) == items
    assert all(timeline.item_at(row) == i for i, row in enumerate(rows))
    headings = [r for r in range(timeline.row_count) if timeline.item_at(r) is None]
    years = [e.date.year for e in timeline.events]
    assert len(headings) == len(set(years))
    assert timeline.row_count == items + len(headings)
    # Each heading comes right before the first event of its year.
    for heading in headings:
        first = timeline.item_at(heading + 1)
        assert first is not None
        assert first == 0 or years[first - 1] != years[first]


def test_rows_map_to_events_and_year_headings():
    dataset = synthetic(400)
    timeline = Timeline(dataset)
    check_mapping(timeline)
    assert timeline.item_at(timeline.row_count) is None
    assert timeline.item_at(-1) is None


def test_rows_after_filtering_and_on_tiny_lists():
    for n in (0, 1, 2, 30):
        timeline = Timeline(synthetic(n))
        check_mapping(timeline)

    async def filtered() -> None:
        app = ExplorerApp(synthetic(500), theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            timeline = app.explorer.timeline
            for code in COUNTRIES:
                app.filter_timeline(code)
                await pilot.pause()
                check_mapping(timeline)
                assert timeline.events and all(e.country == code for e in timeline.events)
            app.filter_timeline(None)
            await pilot.pause()
            check_mapping(timeline)
            assert len(timeline.events) == 500

    asyncio.run(filtered())


def test_100k_events_paint_only_what_is_visible_and_navigate(monkeypatch):
    dataset = synthetic(100_000)
    painted: list[int] = []
    original = Timeline.render_row

    def counting(self, row, width, is_cursor):
        painted.append(row)
        return original(self, row, width, is_cursor)

    monkeypatch.setattr(Timeline, "render_row", counting)

    async def main() -> None:
        app = ExplorerApp(dataset, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            timeline = app.explorer.timeline
            height = timeline.scrollable_content_region.height
            # Rows rendered for the first frames: a few screenfuls at most.
            assert 0 < len(painted) <= 4 * height
            painted.clear()
            await pilot.press("G")
            await pilot.pause()
            assert timeline.event.id == "e99999"
            assert len(painted) <= 4 * height
            await pilot.press("c")
            await pilot.pause()
            assert timeline.event.country == dataset.events[-1].country
            assert timeline.item_count == 20_000
            await pilot.press("g", "pagedown", "pagedown")
            await pilot.pause()
            assert 0 < timeline.cursor < 2 * height
            await pilot.press("escape", "end")
            await pilot.pause()
            assert timeline.event.id == "e99999"

    asyncio.run(main())


def test_an_empty_dataset_opens_and_every_key_is_harmless():
    empty = Dataset("Empty", "", (), (), (), ())

    async def main() -> None:
        app = ExplorerApp(empty, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            keys = ["j", "k", "G", "g", "pagedown", "enter", "c", "escape", "y", "space",
                    "right_square_bracket", "tab", "j", "enter", "tab", "tab"]  # fmt: skip
            await pilot.press(*keys)
            await pilot.pause()
            assert app.is_running
            assert app.explorer.timeline.event is None
            lines = screen_lines(app.screen)
            assert any("No events." in line for line in lines)

    asyncio.run(main())
