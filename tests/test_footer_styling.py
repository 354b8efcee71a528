"""The explorer's Footer does not restyle its keys while mounting them (a class added, then removed)."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from bbtui.ui.widgets.footer import KeyFooter


def _restyled_keys(footer_class: type[Footer]) -> tuple[int, list[str]]:
    """(how often a Footer key was restyled after mounting, the footer's text)."""

    class Probe(App[None]):
        BINDINGS = [Binding("a", "bell", "Alpha"), Binding("b", "bell", "Beta")]  # noqa: RUF012
        restyled = 0

        def compose(self) -> ComposeResult:
            yield footer_class()

        def update_styles(self, node, animate: bool = True) -> None:
            if type(node).__name__ == "FooterKey":
                self.restyled += 1
            super().update_styles(node, animate)

    async def run() -> tuple[int, list[str]]:
        from bbtui.ui import compat

        app = Probe()
        async with app.run_test(size=(60, 3)) as pilot:
            await pilot.pause()
            await pilot.pause(0.1)
            return app.restyled, compat.screen_lines(app.screen)

    return asyncio.run(run())


def test_key_footer_restyles_no_key_and_looks_like_textuals():
    plain, plain_screen = _restyled_keys(Footer)
    ours, our_screen = _restyled_keys(KeyFooter)
    # Textual's restyles each of the two bound keys (their class changes as
    # they mount); the palette key, which keeps its compact look, once in both.
    assert plain - ours >= 2, (plain, ours)
    assert ours <= 1
    assert our_screen == plain_screen
    assert "Alpha" in our_screen[-1] and "palette" in our_screen[-1]
