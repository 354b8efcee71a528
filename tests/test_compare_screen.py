"""Comparing precedents side by side: pick countries with space in the precedent
panel, `v` opens one column per country, Escape goes back to where you were.

Driven from the keyboard through the real app (Pilot); what the screen shows is
read from its rendered lines.
"""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot

from bbtui.core.compare import precedents
from bbtui.core.loader import load
from bbtui.core.paths import shipped_dataset
from bbtui.ui.app import ExplorerApp
from bbtui.ui.compat import screen_lines
from bbtui.ui.screens.compare import CompareScreen
from bbtui.ui.screens.explorer import ExplorerScreen
from bbtui.ui.screens.help import HelpScreen
from bbtui.ui.widgets.compare_table import CompareTable
from test_app import DATA, press, run
from test_contrast import _each_theme

SHIPPED = load(shipped_dataset())
# The shipped panel's order: PK, IN, AE, SA, ID, GB, CA, LB, KW, DZ.
UAE_ENDING = "On 8 Oct 2010 the regulator said"
SAUDI_ENDING = "After a cut of a few hours on 6 Aug"


def screen_text(app: ExplorerApp) -> str:
    return "\n".join(screen_lines(app.screen))


def flat(app: ExplorerApp) -> str:
    """The screen's words with line breaks and column rules gone, so a sentence
    wrapped inside its column can be found whole (columns sit side by side, so
    this only joins a column's own lines when it is alone on screen)."""
    drawn = "".join(" " if 0x2500 <= ord(c) <= 0x259F else c for c in screen_text(app))
    return " ".join(drawn.split())  # rules, borders and the scrollbar's thumb gone


def table_of(app: ExplorerApp) -> CompareTable:
    assert isinstance(app.screen, CompareScreen)
    return app.screen.table


async def pick_uae_and_saudi(pilot: Pilot) -> None:
    """Into the precedents, pick the UAE and Saudi Arabia (rows 3 and 4)."""
    await press(pilot, "shift+tab")
    assert isinstance(pilot.app, ExplorerApp) and pilot.app.explorer.precedents.has_focus
    await press(pilot, "home", "down", "down", "space", "down", "space")


# Each walk below takes one app through several states (an app start-up costs
# more than the keys between them); each step says what it checks.


def test_picking_marking_and_comparing_at_80_columns():
    shown: list[str] = []

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        app.notify = lambda message, **_: shown.append(message)  # type: ignore[method-assign]
        panel = app.explorer.precedents

        # Outside the precedents, space still marks for export and v does nothing.
        assert app.explorer.timeline.has_focus
        await press(pilot, "space", "v")
        assert len(app.explorer.session.marks) == 1
        assert panel.picked == ()
        assert isinstance(app.screen, ExplorerScreen)  # v compares only from the precedents
        await press(pilot, "space")  # unmarked again
        assert app.explorer.session.marks == frozenset()

        # With nothing picked, v says how to pick.
        shown.clear()  # what marking said
        await press(pilot, "shift+tab", "v")
        assert isinstance(app.screen, ExplorerScreen)
        assert shown == ["Pick two or more countries with space, then press v to compare them."]

        # With one picked, v compares it with the country under the cursor.
        await press(pilot, "home", "space", "down", "down")  # Pakistan, then to UAE
        await press(pilot, "v")
        assert [p.country.code for p in table_of(app).shown] == ["PK", "AE"]
        await press(pilot, "escape", "home", "space")  # Pakistan unpicked
        assert panel.picked == ()

        # Picked rows carry a mark of their own, and space unpicks.
        await press(pilot, "down", "down", "space", "down", "space")  # the UAE and Saudi Arabia
        rows = [
            "".join(s.text for s in panel.render_line(y))
            for y in range(panel.content_region.height)
        ]
        picked = [row for row in rows if "✓" in row]
        assert len(picked) == 2 and "United Arab Emirates" in picked[0]
        await press(pilot, "space")  # on Saudi Arabia again
        assert [*panel.picked] == ["AE"]
        # In the panel, space picks and does not mark the timeline's event for export.
        assert app.explorer.session.marks == frozenset()
        await press(pilot, "space")
        assert [*panel.picked] == ["AE", "SA"]

        # Escape goes back to the precedents with the picks kept.
        await press(pilot, "v")
        assert isinstance(app.screen, CompareScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, ExplorerScreen)
        assert panel.has_focus and panel.country.code == "SA"
        assert [*panel.picked] == ["AE", "SA"]
        assert app.explorer.detail.shown is panel.country  # the precedent, still in the detail
        assert app.explorer.filter_country is None  # Escape closed the comparison only

        # At 80 columns two countries show and the arrows bring the others.
        await press(pilot, "down", "space", "v")  # and Indonesia
        table = table_of(app)
        assert [p.country.code for p in table.shown] == ["AE", "SA"]
        assert "1–2 of 3" in str(table.border_subtitle)
        assert "→ Next" in screen_lines(app.screen)[-1]
        await press(pilot, "right")
        assert [p.country.code for p in table.shown] == ["SA", "ID"]
        await press(pilot, "right")  # already showing the last: stays
        assert [p.country.code for p in table.shown] == ["SA", "ID"]
        await press(pilot, "left", "left")
        assert [p.country.code for p in table.shown] == ["AE", "SA"]
        # The rows scroll under a header that stays.
        await press(pilot, "end")
        await pilot.wait_for_scheduled_animations()  # End scrolls smoothly: read where it ends
        lines = screen_lines(app.screen)
        assert "United Arab Emirates (AE)" in lines[1]
        assert any("In the record" in line for line in lines)
        assert any("6 events · 10 quotes · 5 sources" in line for line in lines)

        # Help lists the comparison's keys; q quits from the comparison.
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        assert "Comparing precedents" in text
        for keys, what in [("space", "pick or unpick"), ("v", "side by side")]:
            assert any(keys in line and what in line for line in text.splitlines()), keys
        await press(pilot, "escape")
        assert isinstance(app.screen, CompareScreen)
        await press(pilot, "q")
        assert not app.is_running

    run(check, dataset=SHIPPED)


def test_side_by_side_at_120_columns():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        # Two countries picked and v shows both endings side by side.
        await pick_uae_and_saudi(pilot)
        panel = app.explorer.precedents
        assert [*panel.picked] == ["AE", "SA"]
        assert "✓ 2 picked · v compares" in str(panel.border_subtitle)
        await press(pilot, "v")
        assert isinstance(app.screen, CompareScreen)
        text = screen_text(app)
        header = next(line for line in text.splitlines() if "United Arab Emirates (AE)" in line)
        assert "Saudi Arabia (SA)" in header  # one column each, on the same line
        assert "◇ settled · 2009–2010" in text and "◇ settled · 2010" in text
        # Both outcome sentences, each starting on the same line as the other.
        ending = next(line for line in text.splitlines() if UAE_ENDING in line)
        assert SAUDI_ENDING in ending
        assert [p.country.code for p in table_of(app).shown] == ["AE", "SA"]

        # Three countries side by side (of four picked).
        await press(pilot, "escape", "down", "space", "down", "space", "v")
        table = table_of(app)
        assert [p.country.code for p in table.shown] == ["AE", "SA", "ID"]
        assert table.border_title == "Comparing 4 countries"
        header = screen_lines(app.screen)[1]
        assert header.count("│") >= 4  # the border twice, a rule between each column

        # Disputed endings are marked: Pakistan (disputed) and Canada (covert
        # access, whose accounts differ), once the four are unpicked.
        await press(pilot, "escape", "space", "up", "space", "up", "space", "up", "space")
        assert panel.picked == ()
        await press(pilot, "home", "space", *["down"] * 6, "space", "v")
        text = screen_text(app)
        assert "◌ disputed · 2011–2016" in text
        assert "◆ covert access · 2010–2016 · accounts differ" in text
        assert "What Pakistan obtained is disputed." in text

    run(check, size=(120, 40), dataset=SHIPPED)


@pytest.mark.parametrize("size", [(60, 20), (40, 15)])
def test_narrow_screens_show_one_country_at_a_time_and_keep_quit_and_help(size):
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await pick_uae_and_saudi(pilot)
        await press(pilot, "v")
        table = table_of(app)
        assert [p.country.code for p in table.shown] == ["AE"]
        assert UAE_ENDING in flat(app)
        footer = screen_lines(app.screen)[-1]
        assert "q Quit" in footer and "? Help" in footer
        await press(pilot, "right")
        assert [p.country.code for p in table.shown] == ["SA"]
        assert SAUDI_ENDING in flat(app)

    run(check, size=size, dataset=SHIPPED)


def test_a_remapped_compare_key_opens_the_comparison_and_v_no_longer_does():
    async def main() -> tuple[bool, bool, str]:
        keymap = {"precedents.compare": "ctrl+o", "precedents.pick": "p"}
        app = ExplorerApp(SHIPPED, theme="textual-dark", keymap=keymap)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await press(pilot, "shift+tab", "home", "down", "down", "p", "down", "p")
            subtitle = str(app.explorer.precedents.border_subtitle)
            await press(pilot, "v")
            by_v = isinstance(app.screen, CompareScreen)
            await press(pilot, "ctrl+o")
            return by_v, isinstance(app.screen, CompareScreen), subtitle

    by_v, by_remap, subtitle = asyncio.run(main())
    assert (by_v, by_remap) == (False, True)
    assert "^o compares · p unpicks" in subtitle  # the panel names the keys in force


def test_dataset_text_is_shown_literally():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        # The hostile dataset has one country: compared with itself, to see its text.
        (country,) = app.dataset.countries
        app.push_screen(CompareScreen(precedents(app.dataset, [country.code] * 2)))
        await pilot.pause()
        text = screen_text(app)
        assert "Pak[@click=app.quit]istan[/]" in text
        assert "\x1b" not in text
        await press(pilot, "escape")
        assert app.is_running

    run(check, size=(120, 40), dataset=load(DATA / "hostile.yaml"))


def test_no_color_keeps_the_meaning_in_words_and_symbols(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await pick_uae_and_saudi(pilot)
        await press(pilot, "v")
        text = screen_text(app)
        assert "◇ settled · 2009–2010" in text and "How it ended" in text

    run(check, dataset=SHIPPED)


def test_the_comparison_is_readable_in_every_theme() -> None:
    # One app, every theme switched in on each screen as the palette does
    # (test_contrast checks a switched theme looks as a started one).
    async def main() -> list[str]:
        app = ExplorerApp(SHIPPED, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await press(pilot, "shift+tab", "home", "space", *["down"] * 6, "space")
            found = [f"panel: {f}" for f in await _each_theme(app, pilot, "#precedents")]
            await press(pilot, "v")
            await pilot.pause()
            return found + [f"compare: {f}" for f in await _each_theme(app, pilot, None)]

    found = asyncio.run(main())
    assert not found, "\n".join(found[:10])
