"""The explorer's one-line footer looks exactly like Textual's Footer and works like it.

KeyFooter draws every key itself (widgets/footer.py); Textual's Footer is
the reference: the same bindings, side by side in one app, must give the
same cells (character and style) in every theme, at every width, with the
pointer on a key or not, and with a key disabled.
"""

from __future__ import annotations

import asyncio

from rich.style import Style
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import Footer

from bbtui.ui import compat
from bbtui.ui.widgets.footer import KeyFooter

WIDTHS = (80, 40, 25)  # all keys; cut at the palette key; the palette key alone, nearly


class Probe(App[None]):
    CSS = "Container { height: 1; }" + "".join(
        f"#w{width}-ours, #w{width}-theirs {{ width: {width}; }}" for width in WIDTHS
    )
    BINDINGS = [  # noqa: RUF012
        Binding("a", "ring", "Alpha", tooltip="The first"),
        Binding("b", "never", "Beta"),
        Binding("question_mark", "ring", "Help"),  # the same action: shown once, as "a"
        Binding("ctrl+t", "events", "Events too"),
        Binding("x", "ring_hidden", "Hidden", show=False),
    ]
    pressed: list[str]

    def compose(self) -> ComposeResult:
        self.pressed = []
        for width in WIDTHS:
            with Container(id=f"w{width}-theirs"):
                yield Footer()
            with Container(id=f"w{width}-ours"):
                yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "never" else True  # None: shown, disabled

    def action_ring(self) -> None:
        self.pressed.append("ring")

    def action_events(self) -> None:
        self.pressed.append("events")


def _cells(app: App[None], row: int) -> list[tuple[str, Style | None]]:
    strip = compat.screen_strips(app.screen)[row]
    # Textual's keys carry mouse metadata in their styles; what is drawn is the rest.
    return [
        (char, segment.style.clear_meta_and_links() if segment.style else None)
        for segment in strip
        for char in segment.text
    ]


def _rows(app: App[None], width: int) -> tuple[list, list]:
    theirs = app.query_one(f"#w{width}-theirs").region
    ours = app.query_one(f"#w{width}-ours").region
    return (
        _cells(app, theirs.y)[theirs.x : theirs.right],
        _cells(app, ours.y)[ours.x : ours.right],
    )


def test_the_footer_matches_textuals_cell_for_cell_in_every_theme() -> None:
    async def main() -> list[str]:
        app = Probe()
        problems: list[str] = []
        async with app.run_test(size=(80, 8)) as pilot:
            await pilot.pause()
            for theme in sorted(app.available_themes):
                app.theme = theme
                await pilot.pause()
                for width in WIDTHS:
                    theirs, ours = _rows(app, width)
                    if theirs != ours:
                        problems.append(f"{theme} at {width}: {ours} != {theirs}")
            text = "".join(char for char, _ in _rows(app, 80)[1])
            assert "a Alpha" in text and "b Beta" in text and "^t Events too" in text, text
            assert "Help" not in text and "Hidden" not in text, text
            assert text.endswith("▏^p palette "), text
        return problems

    assert asyncio.run(main()) == []


def test_a_key_under_the_pointer_lights_up_as_on_textuals() -> None:
    async def main() -> list[str]:
        app = Probe()
        problems: list[str] = []
        async with app.run_test(size=(80, 8)) as pilot:
            for theme in ("textual-dark", "textual-light"):
                app.theme = theme
                await pilot.pause()
                for x in (1, 9, 77):  # a, b (disabled), the palette key
                    rows = []
                    for side in ("theirs", "ours"):
                        await pilot.hover(f"#w80-{side}", offset=(x, 0))
                        await pilot.pause()
                        rows.append(_rows(app, 80)[0 if side == "theirs" else 1])
                    if rows[0] != rows[1]:
                        problems.append(f"{theme}, pointer at {x}: {rows[1]} != {rows[0]}")
        return problems

    assert asyncio.run(main()) == []


def test_clicking_a_key_presses_it_and_a_disabled_one_does_nothing() -> None:
    async def main() -> tuple[list[str], object]:
        app = Probe()
        async with app.run_test(size=(80, 8)) as pilot:
            await pilot.click("#w80-ours", offset=(1, 0))  # a
            await pilot.click("#w80-ours", offset=(9, 0))  # b: disabled
            await pilot.click("#w80-ours", offset=(19, 0))  # ^t
            await pilot.hover("#w80-ours", offset=(2, 0))
            await pilot.pause()
            tooltip = app.query_one("#w80-ours KeyFooter").tooltip
            return app.pressed, tooltip

    pressed, tooltip = asyncio.run(main())
    assert pressed == ["ring", "events"]
    assert tooltip == "The first"


def test_the_footer_follows_focus_without_a_widget_per_key() -> None:
    from bbtui.ui.app import ExplorerApp
    from test_footer_reach import MINI, settled_footer

    async def main() -> tuple[str, str, int]:
        app = ExplorerApp(MINI, theme="textual-dark")
        async with app.run_test(size=(80, 24)) as pilot:
            timeline = await settled_footer(pilot)
            await pilot.press("tab", "tab")  # the precedents
            await pilot.pause(0.05)
            precedents = compat.screen_lines(app.screen)[-1]
            return timeline, precedents, len(app.screen.query(KeyFooter).first().children)

    timeline, precedents, children = asyncio.run(main())
    assert timeline != precedents, "the keys of the focused pane are shown"
    assert children == 0


def test_the_wheel_scrolls_keys_that_do_not_fit_and_stops_at_the_last() -> None:
    from textual import events

    def text(app: App[None]) -> str:
        return "".join(char for char, _ in _rows(app, 40)[1])

    async def main() -> list[str]:
        app = Probe()
        seen = []
        async with app.run_test(size=(80, 8)) as pilot:
            await pilot.pause()
            footer = app.query_one("#w40-ours KeyFooter")
            seen.append(text(app))
            for _ in range(10):  # far past the end
                footer.post_message(
                    events.MouseScrollDown(footer, 1, 0, 0, 1, 0, False, False, False)
                )
                await pilot.pause()
            seen.append(text(app))
            footer.post_message(events.MouseScrollUp(footer, 1, 0, 0, -1, 0, False, False, False))
            await pilot.pause()
            seen.append(text(app))
        return seen

    first, last, back = asyncio.run(main())
    assert first.startswith(" a Alpha") and "Events too" not in first, first
    # At the end the last key ends where the palette key starts, and no further.
    assert last.endswith("^t Events too ▏^p palette "), last
    assert last.startswith("lpha"), last  # four cells (one step of the wheel) were off screen
    assert back == first, back
