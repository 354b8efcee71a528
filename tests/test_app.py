"""The explorer driven from the keyboard and mouse (Textual Pilot), at 80x24.

Each test presses real keys and checks what the panes then show: the selected
event, the detail text, the highlighted country and the filter.

Timeline order of tests/data/mini.yaml:
    2008 in-pressure (IN), 2010-08-30 in-reprieve (IN), 2010-10 ae-withdrawn (AE),
    2015-07-24 pk-directive, 2015-11-30 pk-exit-announced, 2015-12-31 pk-reversal (PK)
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from bbtui.core.loader import load
from bbtui.ui.app import ExplorerApp
from bbtui.ui.screens.help import HelpScreen

DATA = Path(__file__).parent / "data"
MINI = load(DATA / "mini.yaml")
ORDER = [
    "in-pressure", "in-reprieve", "ae-withdrawn",
    "pk-directive", "pk-exit-announced", "pk-reversal",
]  # fmt: skip


def run(test: Callable[[ExplorerApp, Pilot], Awaitable[None]], size=(80, 24), dataset=MINI) -> None:
    async def main() -> None:
        app = ExplorerApp(dataset, theme="textual-dark")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await test(app, pilot)

    asyncio.run(main())


def selected(app: ExplorerApp) -> str | None:
    event = app.explorer.timeline.event
    return event.id if event else None


def detail(app: ExplorerApp) -> str:
    return app.explorer.detail.text


async def palette(app: ExplorerApp, pilot: Pilot, query: str) -> None:
    """Open the command palette, type `query` (in one go, for speed) and take the top hit."""
    from textual.command import CommandInput

    await press(pilot, "ctrl+p")
    app.screen.query_one(CommandInput).value = query
    await pilot.pause(0.2)
    await press(pilot, "down", "enter")


async def press(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)  # waits until the app is idle after each key


# The walks below take one app through several states (an app start-up costs
# more than the keys between them); each step says what it checks.


def test_opens_in_step_and_the_keys_move_through_the_timeline():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        explorer = app.explorer
        # It opens on the first event with all panes in step.
        assert selected(app) == "in-pressure"
        assert explorer.timeline.has_focus
        assert "Indian security agencies press for interception" in detail(app)
        assert "2008 · India (IN)" in detail(app)
        assert explorer.precedents.current == "IN"
        assert explorer.precedents.country.code == "IN"
        assert explorer.timeline.border_title == "Timeline · 6 events"
        assert explorer.filter_country is None

        # Arrow and vim keys move, and the other panes follow.
        seen = []
        for key in ["down", "j", "down", "k", "up"]:
            await press(pilot, key)
            seen.append(selected(app))
        assert seen == [
            "in-reprieve",
            "ae-withdrawn",
            "pk-directive",
            "ae-withdrawn",
            "in-reprieve",
        ]
        await press(pilot, "j")
        assert "UAE withdraws the planned suspension" in detail(app)
        assert "Oct 2010 · United Arab Emirates (AE)" in detail(app)
        assert app.explorer.precedents.current == "AE"

        # First and last.
        await press(pilot, "end")
        assert selected(app) == "pk-reversal"
        assert "CONFLICT" in detail(app)  # the note where sources disagree
        await press(pilot, "home")
        assert selected(app) == "in-pressure"
        await press(pilot, "G")
        assert selected(app) == "pk-reversal"
        await press(pilot, "g")
        assert selected(app) == "in-pressure"
        await press(pilot, "up")  # already at the top: stays
        assert selected(app) == "in-pressure"

        # The page keys move by a screenful.
        await press(pilot, "pagedown")
        assert selected(app) == "pk-reversal"  # six events fit: a page reaches the end
        await press(pilot, "pageup")
        assert selected(app) == "in-pressure"

        # Escape without a filter does nothing harmful.
        await press(pilot, "down", "escape")
        assert selected(app) == "in-reprieve"
        assert app.is_running

        # Themes switch without losing the selection.
        for theme in ["textual-light", "nord", "gruvbox"]:
            app.theme = theme
            await pilot.pause()
            assert selected(app) == "in-reprieve"
        app.theme = "textual-dark"

        # Enter on an event moves to the detail pane.
        await press(pilot, "home", "enter")
        assert app.explorer.detail.has_focus
        await press(pilot, "j", "k", "G", "g")  # scroll keys in the detail
        assert selected(app) == "in-pressure"  # the timeline did not move

        # q quits.
        await press(pilot, "q")
        assert not app.is_running

    run(check)


def test_the_detail_shows_quotes_notes_and_picks_them_with_brackets():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        explorer = app.explorer
        # Quotes with speaker, date and citation.
        assert app.jump_to_event("pk-exit-announced")
        await pilot.pause()
        text = detail(app)
        assert "Quotes (2)" in text
        assert "unfettered access to all of our BES customers' information" in text
        assert "— Marty Beard, Chief operating officer, BlackBerry · said 30 Nov 2015" in text
        # A source that shows no date says so, with the note on when it appeared.
        assert "International Business Times UK, “BlackBerry to exit Pakistan”, n.d." in text
        assert "on or after 30 Nov 2015" in text
        assert "https://www.theverge.com/2015/11/30/9818502" in text
        assert "Sources (2)" in text
        assert "#exit  #bes" in text

        # Brackets pick quotes in the detail.
        assert explorer.detail.highlighted_quote is None
        await press(pilot, "right_square_bracket")
        assert explorer.detail.highlighted_quote == "q-beard-unfettered"
        assert "▶ selected" in detail(app)
        await press(pilot, "right_square_bracket")
        assert explorer.detail.highlighted_quote == "q-beard-swath"
        await press(pilot, "left_square_bracket")
        assert explorer.detail.highlighted_quote == "q-beard-unfettered"

        # A date note and reported speech are shown.
        app.jump_to_event("pk-directive")
        await pilot.pause()
        text = detail(app)
        assert 'date: derived: "said on Friday"' in text
        assert "[reported]" in text

    run(check)


def test_tab_cycles_panes_and_the_precedent_panel_drives_the_detail():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        explorer = app.explorer
        await press(pilot, "tab")
        assert explorer.detail.has_focus
        await press(pilot, "tab")
        assert explorer.precedents.has_focus
        # The panel starts on the selected event's country and shows it in full.
        assert explorer.precedents.country.code == "IN"
        text = detail(app)
        assert "India (IN)" in text and "Demand" in text and "◑ partial access" in text
        await press(pilot, "down")
        assert explorer.precedents.country.code == "AE"
        assert "United Arab Emirates (AE)" in detail(app)
        assert "◇ settled" in detail(app)
        await press(pilot, "up", "up")
        assert explorer.precedents.country.code == "PK"
        assert "○ withdrawn" in detail(app)
        assert "3 events in the timeline" in detail(app)
        await press(pilot, "tab")
        assert explorer.timeline.has_focus
        assert "Indian security agencies" in detail(app)  # back to the event
        await press(pilot, "shift+tab")
        assert explorer.precedents.has_focus
        await press(pilot, "shift+tab")
        assert explorer.detail.has_focus

    run(check)


def test_enter_on_a_country_filters_the_timeline_and_escape_clears_it():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        explorer = app.explorer
        await press(pilot, "tab", "tab", "up")  # precedents, on Pakistan
        assert explorer.precedents.country.code == "PK"
        await press(pilot, "enter")
        assert explorer.filter_country == "PK"
        assert explorer.timeline.has_focus
        assert [e.id for e in explorer.timeline.events] == ORDER[3:]
        # The nearest Pakistani event in time to the 2008 selection.
        assert selected(app) == "pk-directive"
        assert "Regulator orders operators" in detail(app)
        assert "Pakistan · 3 of 6 events" in str(explorer.timeline.border_title)
        assert "filtered" in str(explorer.timeline.border_subtitle)
        await press(pilot, "G")
        assert selected(app) == "pk-reversal"
        await press(pilot, "escape")
        assert explorer.filter_country is None
        assert len(explorer.timeline.events) == 6
        assert selected(app) == "pk-reversal"  # the selection survives
        assert explorer.timeline.border_title == "Timeline · 6 events"

    run(check)


def test_c_filters_to_the_selected_events_country():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        explorer = app.explorer
        await press(pilot, "down", "down")  # ae-withdrawn
        await press(pilot, "c")
        assert explorer.filter_country == "AE"
        assert [e.id for e in explorer.timeline.events] == ["ae-withdrawn"]
        assert selected(app) == "ae-withdrawn"
        await press(pilot, "down", "G", "pagedown")  # a one-event list stays put
        assert selected(app) == "ae-withdrawn"
        await press(pilot, "escape")
        assert explorer.filter_country is None
        assert selected(app) == "ae-withdrawn"

    run(check)


def test_jump_to_a_quote_highlights_it_even_through_a_filter():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        explorer = app.explorer
        await press(pilot, "c")  # India only: the Pakistani event is hidden
        assert app.jump_to_event("pk-reversal", quote_id="q-beard-grateful")
        await pilot.pause()
        assert explorer.filter_country is None
        assert selected(app) == "pk-reversal"
        assert explorer.detail.highlighted_quote == "q-beard-grateful"
        assert explorer.detail.has_focus
        assert not app.jump_to_event("no-such-event")

    run(check)


def test_mouse_click_selects_a_row():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        # Rows: 0 "2008", 1 in-pressure, 2 "2010", 3 in-reprieve, 4 ae-withdrawn;
        # +1 for the border.
        await pilot.click("#timeline", offset=(10, 5))
        await pilot.pause()
        assert selected(app) == "ae-withdrawn"
        await pilot.click("#timeline", offset=(10, 3))  # a year heading: the event after it
        await pilot.pause()
        assert selected(app) == "in-reprieve"
        await pilot.click("#precedents", offset=(10, 1))
        await pilot.pause()
        assert app.explorer.precedents.has_focus
        assert app.explorer.precedents.country.code == "PK"
        assert "Pakistan (PK)" in detail(app)

    run(check)


def test_help_screen_lists_the_keys_and_closes():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        for words in [
            "Next pane", "Show only the selected event's", "Show all countries again",
            "Select the next quote", "Show every key", "Leave bbtui",
            "Show only this country's events", "Jump to an event or a country",
            "Read the selected event",
        ]:  # fmt: skip
            assert words in text
        about = str(app.screen.query_one("#help-about", Static).content)
        assert about == "Mini dataset for tests: 6 events, 6 quotes, 3 countries, 7 sources"
        assert "↓ / j" in text and "end / G" in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)
        await press(pilot, "question_mark", "question_mark")
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running

    run(check)


def test_palette_jumps_to_an_event_and_a_country():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await palette(app, pilot, "rescinded")
        assert selected(app) == "pk-reversal"

        await palette(app, pilot, "Country: United")
        assert app.explorer.precedents.has_focus
        assert "United Arab Emirates (AE)" in detail(app)

        await palette(app, pilot, "Filter timeline: Pakistan")
        assert app.explorer.filter_country == "PK"

    run(check)


def test_quote_search_end_to_end():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        from textual.widgets import Input

        from bbtui.ui.screens.search import QuoteSearchScreen

        await press(pilot, "slash")
        assert isinstance(app.screen, QuoteSearchScreen)
        app.screen.query_one(Input).value = "unfetterd"  # a typo still finds
        await pilot.pause(0.2)
        await press(pilot, "enter")
        assert not isinstance(app.screen, QuoteSearchScreen)
        assert selected(app) == "pk-exit-announced"
        assert app.explorer.detail.highlighted_quote == "q-beard-unfettered"
        await press(pilot, "slash", "escape")  # Esc: the view stays
        assert app.explorer.detail.highlighted_quote == "q-beard-unfettered"

    run(check)


def test_a_source_note_is_shown_beside_its_citation():
    from dataclasses import replace

    from bbtui.core.model import Note, NoteKind

    note = Note(NoteKind.UNCONFIRMED, "The original article was not found.", ("verge-2015-11-30",))
    sources = tuple(
        replace(s, notes=(note,)) if s.id == "ibtimes-uk-exit" else s for s in MINI.sources
    )
    dataset = replace(MINI, sources=sources)

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        app.jump_to_event("pk-exit-announced")
        await pilot.pause()
        text = detail(app)
        sources_part = text[text.index("Sources (2)") :]
        assert "UNCONFIRMED  The original article was not found. (The Verge)" in sources_part

    run(check, dataset=dataset)
