"""The private Textual API bbtui relies on is still there, with the same shape.

If this fails after a Textual bump, read `bbtui/ui/compat.py`: each helper
names what it relies on; move it to a public API or adapt it there.
"""

from __future__ import annotations

import asyncio
import inspect

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

from bbtui.ui import compat


@pytest.mark.parametrize("name", sorted(compat.RELIED_ON))
def test_private_name_still_exists(name):
    owner, attribute = compat.RELIED_ON[name]
    assert hasattr(owner, attribute) or attribute in inspect.getsource(owner), (
        f"{owner.__name__}.{attribute} is gone"
    )


def test_size_updated_signature():
    parameters = list(inspect.signature(Widget._size_updated).parameters)
    assert parameters == ["self", "size", "virtual_size", "container_size", "layout"]


def test_breakpoint_classes_signature():
    parameters = list(inspect.signature(Screen._get_breakpoint_classes).parameters)
    assert parameters == ["self", "dimension", "breakpoints"]


def test_keymap_and_breakpoints_and_screen_lines_work():
    asyncio.run(_keymap_and_breakpoints_and_screen_lines())


async def _keymap_and_breakpoints_and_screen_lines():
    class Probe(App[None]):
        HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-normal")]  # noqa: RUF012
        VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012

    app = Probe()
    async with app.run_test(size=(70, 20)) as pilot:
        app.set_keymap({"app.quit": "ctrl+x"})
        assert compat.keymap(app) == {"app.quit": "ctrl+x"}
        assert compat.breakpoint_classes(app.screen, 70, 40, app) == {"-normal", "-tall"}
        assert compat.breakpoint_classes(app.screen, 30, 10, app) == {"-narrow", "-short"}
        await pilot.pause()
        lines = compat.screen_lines(app.screen)
        assert len(lines) == 20 and all(len(line) == 70 for line in lines)


def test_border_subtitle_set_through_compat_reads_back():
    asyncio.run(_border_subtitle())


async def _border_subtitle():
    from textual.widgets import Static

    class Probe(App[None]):
        def compose(self):
            yield Static("x", id="probe")

    app = Probe()
    async with app.run_test(size=(40, 10)) as pilot:
        widget = app.query_one("#probe", Static)
        widget.styles.border = ("round", "white")
        await pilot.pause()
        compat.set_border_subtitle_repainting_one_row(widget, "3/10  filtered")
        await pilot.pause()
        assert widget.border_subtitle == "3/10  filtered"
        assert any("3/10  filtered" in line for line in compat.screen_lines(app.screen))


def test_one_notification_is_dismissed_and_the_others_stay():
    async def scenario() -> list[str]:
        app = App[None]()
        async with app.run_test(notifications=True) as pilot:
            kept = compat.notify_until_dismissed(app, "kept", title="", timeout=30)
            gone = compat.notify_until_dismissed(app, "gone", title="", timeout=30)
            await pilot.pause()
            compat.dismiss_notification(app, gone)
            compat.dismiss_notification(app, gone)  # twice is harmless
            await pilot.pause()
            assert kept is not gone
            return [line.strip() for line in compat.screen_lines(app.screen) if line.strip()]

    shown = " ".join(asyncio.run(scenario()))
    assert "kept" in shown and "gone" not in shown
