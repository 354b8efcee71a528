"""Hostile dataset text stays inert on screen: markup, escapes, bidi, long words.

tests/data/hostile.yaml is valid, but its text tries to inject Textual markup
(`[bold red]x[/]`, `[@click=app.quit]`), terminal escapes (ESC, OSC 52, C1
CSI) and layout breakers. The screen must show it as characters.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot

from bbtui.core.loader import load
from bbtui.ui import compat
from bbtui.ui.app import ExplorerApp

HOSTILE = load(Path(__file__).parent / "data" / "hostile.yaml")
CONTROL = {chr(c) for c in range(0x20)} | {chr(c) for c in range(0x7F, 0xA0)}
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def screen_lines(app: ExplorerApp) -> list[str]:
    # The composited screen, as the terminal would get it (text only).
    return compat.screen_lines(app.screen)


def run(test, size=(80, 24)) -> None:
    async def main() -> None:
        app = ExplorerApp(HOSTILE, theme="textual-dark")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await test(app, pilot)

    asyncio.run(main())


def assert_inert(lines: list[str]) -> None:
    text = "".join(lines)
    assert not CONTROL & set(text), sorted(map(hex, map(ord, CONTROL & set(text))))
    assert not BIDI & set(text)


def test_markup_in_titles_is_shown_literally():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        screen = "\n".join(screen_lines(app))
        assert "[bold red]x[/]" in screen  # the timeline row and the detail heading
        assert screen.count("[bold red]x[/]") >= 2
        assert "Pak[@click=app.quit]i" in screen  # the precedent row
        detail = app.explorer.detail.text
        assert "[bold red]x[/] [@click=app.quit]quit[/] $accent" in detail
        assert "[link=https://evil.example]a link[/link]" in detail
        assert "[red]Speaker[/red]" in detail
        assert_inert(screen_lines(app))

    run(check)


def test_escape_sequences_become_visible_placeholders():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await pilot.press("down")
        await pilot.pause()
        lines = screen_lines(app)
        assert_inert(lines)
        detail = app.explorer.detail.text
        assert "Escape ␛[2J␛[H clear ␛[10;10H move ␛]0;pwned␇ title" in detail
        assert "␁␂␇␈␡" in detail
        assert "中文引用 with emoji 🫐" in detail
        await pilot.press("G")
        await pilot.pause()
        assert "<U+202E>gnirts desrever<U+202C>" in app.explorer.detail.text
        assert_inert(screen_lines(app))

    run(check)


def test_click_markup_does_not_run_actions():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        # Click on the title in the timeline, the detail heading and the
        # country name: none of them may quit the app.
        await pilot.click("#timeline", offset=(24, 2))
        await pilot.click("#detail", offset=(4, 1))
        await pilot.click("#detail", offset=(10, 2))
        await pilot.click("#precedents", offset=(8, 1))
        await pilot.pause()
        assert app.is_running
        assert app.explorer.timeline.event.id == "markup"

    run(check)


def test_a_very_long_word_does_not_break_the_layout():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        await pilot.press("G")
        await pilot.pause()
        lines = screen_lines(app)
        assert len(lines) == 24
        from rich.cells import cell_len

        assert all(cell_len(line) == 80 for line in lines)
        timeline, detail, _precedents = app.explorer.panes
        assert timeline.region.width >= 40 and detail.region.width >= 34
        # The long title is cut with an ellipsis in the timeline and wrapped in the detail.
        assert any("AAAA…" in line for line in lines)
        assert app.explorer.detail.virtual_size.width <= detail.region.width

    run(check)


def test_palette_shows_hostile_titles_literally():
    async def check(app: ExplorerApp, pilot: Pilot) -> None:
        from textual.command import CommandInput

        await pilot.press("ctrl+p")
        await pilot.pause()
        app.screen.query_one(CommandInput).value = "bold red"
        await pilot.pause(0.2)
        from textual.command import CommandList

        hits = app.screen.query_one(CommandList)
        prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert any("[bold red]x[/] [@click=app.quit]quit[/]" in p for p in prompts), prompts
        assert_inert(screen_lines(app))
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.is_running
        assert app.explorer.timeline.event.id == "markup"

    run(check)
