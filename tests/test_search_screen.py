"""The search screen on its own, pushed by a tiny app: type, count, pick, Enter, Esc, toggle."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

import bbtui.ui
from bbtui.core.loader import load
from bbtui.core.model import Dataset
from bbtui.core.search import HitKind, QuoteIndex
from bbtui.ui.screens.search import QuoteSearchScreen, ResultList, SearchOutcome

DATA = Path(__file__).parent / "data"
STYLESHEET = Path(bbtui.ui.__file__).parent / "bbtui.tcss"
NOT_YET = object()


@pytest.fixture(scope="module")
def mini() -> Dataset:
    return load(DATA / "mini.yaml")


class SearchApp(App[None]):
    """Pushes the search screen and keeps what it dismissed with."""

    CSS_PATH = STYLESHEET

    def __init__(self, dataset: Dataset, index: QuoteIndex | None, query: str = "") -> None:
        super().__init__()
        self.dataset, self.index, self.typed = dataset, index, query
        self.outcome: object = NOT_YET

    def on_mount(self) -> None:
        self.push_screen(QuoteSearchScreen(self.dataset, self.index, self.typed), self._done)

    def _done(self, outcome: SearchOutcome | None) -> None:
        self.outcome = outcome


def count_text(app: App) -> str:
    return str(app.screen.query_one("#search-count", Static).content)


def results(app: App) -> ResultList:
    return app.screen.query_one(ResultList)


def test_typing_updates_results_and_count(mini: Dataset) -> None:
    async def scenario() -> None:
        app = SearchApp(mini, QuoteIndex(mini))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"customers")
            assert count_text(app) == "3 matches in quotes"
            assert [h.id for h in results(app).hits] == [
                "q-beard-unfettered",
                "q-beard-swath",
                "q-beard-grateful",
            ]
            await pilot.press("space", *"swath")
            assert count_text(app) == "1 match in quotes"
            assert [h.id for h in results(app).hits] == ["q-beard-swath"]

    asyncio.run(scenario())


def test_rows_show_highlighted_match_speaker_date_event(mini: Dataset) -> None:
    async def scenario() -> None:
        app = SearchApp(mini, QuoteIndex(mini), query="unfettered")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            listing = results(app)
            first, second = listing.render_line(0), listing.render_line(1)
            assert "unfettered access" in first.text
            assert (
                "Marty Beard · 30 Nov 2015 · BlackBerry announces it will leave Pakistan"
                in second.text
            )
            styled = [seg for seg in first if seg.text.strip() == "unfettered"]
            assert styled and styled[0].style and styled[0].style.bold

    asyncio.run(scenario())


def test_arrows_and_enter_return_the_chosen_hit(mini: Dataset) -> None:
    async def scenario() -> None:
        app = SearchApp(mini, QuoteIndex(mini))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"customers", "down", "down", "up", "enter")
            await pilot.pause()
            assert isinstance(app.outcome, SearchOutcome)
            assert app.outcome.query == "customers"
            assert app.outcome.selected == 1
            assert app.outcome.hit.id == "q-beard-swath"
            assert [h.id for h in app.outcome.hits] == [
                "q-beard-unfettered",
                "q-beard-swath",
                "q-beard-grateful",
            ]
            assert not isinstance(app.screen, QuoteSearchScreen)

    asyncio.run(scenario())


def test_escape_returns_none(mini: Dataset) -> None:
    async def scenario() -> None:
        app = SearchApp(mini, QuoteIndex(mini))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"pakistan", "escape")
            await pilot.pause()
            assert app.outcome is None
            assert not isinstance(app.screen, QuoteSearchScreen)

    asyncio.run(scenario())


def test_enter_with_no_results_stays_open(mini: Dataset) -> None:
    async def scenario() -> None:
        app = SearchApp(mini, QuoteIndex(mini))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"proposals speaker:beard")
            assert count_text(app) == "No matches in quotes."
            assert "try removing speaker:beard" in results(app).render_line(0).text
            await pilot.press("enter")
            assert app.outcome is NOT_YET and isinstance(app.screen, QuoteSearchScreen)

    asyncio.run(scenario())


def test_toggle_extends_search_to_events(mini: Dataset) -> None:
    async def scenario() -> None:
        app = SearchApp(mini, QuoteIndex(mini))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"reprieve")
            assert results(app).hits == ()
            await pilot.press("ctrl+t")
            await app.workers.wait_for_complete()  # events are indexed in a worker
            await pilot.pause()
            assert "event titles and summaries" in count_text(app)
            assert [(h.kind, h.id) for h in results(app).hits] == [
                (HitKind.EVENT_TITLE, "in-reprieve")
            ]
            assert "[title] India grants a 60-day reprieve" in results(app).render_line(0).text
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.outcome, SearchOutcome) and app.outcome.include_events
            assert app.outcome.hit.event_id == "in-reprieve"

    asyncio.run(scenario())


def test_toggle_is_shown_in_the_footer(mini: Dataset) -> None:
    async def scenario() -> None:
        app = SearchApp(mini, QuoteIndex(mini))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            footer_keys = {
                b.binding.key for b in app.screen.active_bindings.values() if b.binding.show
            }
            assert "ctrl+t" in footer_keys

    asyncio.run(scenario())


def test_waits_for_the_index_then_answers_the_typed_query(mini: Dataset) -> None:
    async def scenario() -> None:
        app = SearchApp(mini, None, query="grateful")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert count_text(app) == "Indexing quotes…"
            assert results(app).hits == ()
            screen = app.screen
            assert isinstance(screen, QuoteSearchScreen)
            screen.index_ready(QuoteIndex(mini))
            await pilot.pause()
            assert [h.id for h in results(app).hits] == ["q-beard-grateful"]

    asyncio.run(scenario())


def test_a_failed_index_build_is_said(mini: Dataset) -> None:
    async def scenario() -> None:
        app = SearchApp(mini, None, query="grateful")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuoteSearchScreen)
            screen.index_ready(None, "MemoryError: out of memory")
            await pilot.pause()
            assert count_text(app) == "Search is unavailable: MemoryError: out of memory"

    asyncio.run(scenario())


def test_hostile_text_is_inert(mini: Dataset) -> None:
    async def scenario() -> None:
        hostile = load(DATA / "hostile.yaml")
        app = SearchApp(hostile, QuoteIndex(hostile), query="not")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            first, second = results(app).render_line(0).text, results(app).render_line(1).text
            assert "[bold]not bold[/bold] [link=https://evil.example]" in first
            assert "\x1b" not in first and "␛" in first
            assert "[red]Speaker[/red]" in second

    asyncio.run(scenario())


def test_a_filter_still_being_typed_asks_for_more(mini: Dataset) -> None:
    async def scenario() -> None:
        app = SearchApp(mini, QuoteIndex(mini))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"speaker:")
            assert count_text(app) == "Searching quotes."
            assert "Keep typing" in results(app).render_line(0).text

    asyncio.run(scenario())


@pytest.mark.parametrize(
    "text",
    [
        "The ministry wants access to every message " * 8,
        "word " * 40 + "access at last, far from the start " + "word " * 40,
        "e\u0301" * 300 + " access " + "x" * 50,  # zero-width accents: fewer cells than characters
        "access " + "e\u0301\u0302\u0303" * 200,  # four characters a cell
        "漢字の文 access " * 30,  # two cells a character
        "line one\r\nline two\ttab \x1b[31m red " * 20 + " access",
        "👩\u200d👩\u200d👧 family access " * 25,
    ],
)
def test_a_long_hit_is_cut_to_its_row_as_the_whole_text_would_be(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the part of a long quote that fits is made into a row: the same row."""
    from textual.style import Style

    from bbtui.core.search import Tier
    from bbtui.core.search_hits import Hit, Marker
    from bbtui.ui.screens import search

    marker = Marker(frozenset({"access"}), ("wor",), ())
    style = Style(bold=True)
    for width in (10, 37, 76, 118):
        hit = Hit(HitKind.QUOTE, "q-x", "e-x", Tier.ALL_WORDS, text, marker)
        cut = search.snippet(hit, style, width).truncate(width, ellipsis=True, pad=True)
        with monkeypatch.context() as whole:
            whole.setattr(search, "SPARE", 10**9)  # never cut
            full = search.snippet(hit, style, width).truncate(width, ellipsis=True, pad=True)
        assert cut.render_segments() == full.render_segments(), width
        assert cut.plain == full.plain
