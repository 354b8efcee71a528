"""The private Textual API bbtui relies on is still there, with the same shape.

If this fails after a Textual bump, read `bbtui/ui/compat.py`: each helper
names what it relies on; move it to a public API or adapt it there.
"""

from __future__ import annotations

import asyncio
import errno
import inspect
import io
import itertools
import os
import selectors
import threading
import time

import pytest
from textual.app import App
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
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


def test_a_scrollbar_thumb_decides_what_the_bar_draws():
    # Bars with the same thumb must draw the same, or a bar left alone
    # (set_scrollbar_quietly) would be stale. Positions step by 1/8, as
    # ScrollBar.validate_position rounds them; near both ends of long lists.
    drawn_for: dict[tuple[int, ...], tuple[object, ...]] = {}
    steps = len(ScrollBarRender.VERTICAL_BARS)
    for size, virtual_size, window in itertools.product(
        (1, 5, 13, 24), (3, 14, 40, 121, 100_000), (5, 13, 24)
    ):
        window_size = window if window < virtual_size else 0
        top = max(0, virtual_size - window_size)
        positions = {min(top, n / 8) for n in range(8 * 60 + 1)}
        positions |= {max(0, top - n / 8) for n in range(8 * 60)}
        for position in positions:
            thumb = compat.thumb_of(size, virtual_size, window_size, position, 1, steps)
            bar = ScrollBarRender.render_bar(
                size=size, virtual_size=virtual_size, window_size=window_size, position=position
            )
            drawn = tuple((segment.text, segment.style) for segment in bar.segments)
            assert drawn_for.setdefault(thumb, drawn) == drawn, (size, virtual_size, position)
    assert len(drawn_for) > 1000  # the thumbs told many bars apart


def test_scrollbar_code_is_what_the_quiet_scrollbar_copies():
    # scrollbar_thumb takes its sizes as ScrollBar._render_bar does, and
    # watch_scroll_y_quietly does what ScrollView.watch_scroll_y does.
    source = inspect.getsource(ScrollBar._render_bar)
    assert "self.window_size if self.window_size < self.window_virtual_size else 0" in source
    assert "virtual_size=ceil(virtual_size)" in source
    assert "window_size=ceil(window_size)" in source
    watch = [line.strip() for line in inspect.getsource(ScrollView.watch_scroll_y).splitlines()]
    assert watch[1:] == [
        "if self.show_vertical_scrollbar:",
        "self.vertical_scrollbar.position = new_value",
        "if round(old_value) != round(new_value):",
        "self.refresh(self.size.region)",
    ]


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


def test_linux_driver_builds_its_input_selector_from_the_name_we_replace():
    from textual.drivers.linux_driver import LinuxDriver

    source = inspect.getsource(LinuxDriver.run_input_thread)
    assert compat.INPUT_THREAD_SELECTOR in source
    assert "self.exit_event.is_set()" in source
    assert "_key_thread" in inspect.getsource(LinuxDriver.disable_input)


def test_prompt_exit_driver_wraps_only_the_terminal_driver():
    from textual.drivers.headless_driver import HeadlessDriver
    from textual.drivers.linux_driver import LinuxDriver

    assert compat.prompt_exit_driver(HeadlessDriver) is HeadlessDriver
    wrapped = compat.prompt_exit_driver(LinuxDriver)
    assert issubclass(wrapped, LinuxDriver) and wrapped is not LinuxDriver


def _selector_in_thread(terminal_fd: int, timeout: float) -> tuple[threading.Thread, list]:
    """A wakeable selector waiting on `terminal_fd` in its own thread, as Textual's input thread."""
    from textual.drivers import linux_driver

    compat.prompt_exit_driver(linux_driver.LinuxDriver)  # installs the selector
    got: list = []
    ready = threading.Event()

    def wait() -> None:
        selector = linux_driver.selectors.SelectSelector()  # type: ignore[attr-defined]
        selector.register(terminal_fd, selectors.EVENT_READ)
        ready.set()
        started = time.monotonic()
        got.append(([key.fd for key, _ in selector.select(timeout)], time.monotonic() - started))
        selector.close()

    thread = threading.Thread(target=wait)
    thread.start()
    ready.wait(10)
    return thread, got


def test_a_woken_input_selector_returns_at_once_without_inventing_input():
    read, write = os.pipe()
    try:
        thread, got = _selector_in_thread(read, timeout=30)
        time.sleep(0.05)
        assert compat.wake_input_thread(thread)
        thread.join(10)
        assert not thread.is_alive(), "select(30) was not woken"
        ((fds, waited),) = got
        assert fds == [] and waited < 10  # the wake-up pipe itself is never reported
    finally:
        os.close(read)
        os.close(write)


def test_a_woken_input_selector_still_reports_input_already_waiting():
    read, write = os.pipe()
    try:
        os.write(write, b"q")
        thread, got = _selector_in_thread(read, timeout=30)
        thread.join(10)
        ((fds, _),) = got
        assert fds == [read]
    finally:
        os.close(read)
        os.close(write)


def test_draw_at_once_draws_every_change_in_one_frame(monkeypatch):
    """Changed widgets are drawn together at once, even one too busy to go idle soon."""
    from textual.widgets import Static

    frames = [0]
    drawn_in: dict[str, int] = {}
    tick = Screen._on_timer_update

    def counting_tick(self):
        frames[0] += 1
        tick(self)

    monkeypatch.setattr(Screen, "_on_timer_update", counting_tick)

    class Probe(App[None]):
        def compose(self):
            yield Static("a", id="one")
            yield Static("b", id="two")

    async def scenario() -> None:
        app = Probe()
        async with app.run_test(size=(40, 10)) as pilot:
            await pilot.pause()
            one, two = app.query_one("#one", Static), app.query_one("#two", Static)
            for widget in (one, two):
                render_lines = widget.render_lines

                def spy(crop, widget=widget, render_lines=render_lines):
                    drawn_in.setdefault(widget.id or "", frames[0])
                    return render_lines(crop)

                widget.render_lines = spy  # type: ignore[method-assign]
            busy_done = asyncio.Event()

            async def busy() -> None:
                await asyncio.sleep(0.5)  # `two` goes idle (and sends its repaint) only then
                busy_done.set()

            one.update("A")
            two.update("B")
            two.call_later(busy)
            done = asyncio.get_running_loop().create_future()
            compat.draw_at_once(app.screen, [one, two], lambda: done.set_result(frames[0]))
            frame = await asyncio.wait_for(done, 10)
            assert not busy_done.is_set()
            assert drawn_in == {"one": frame, "two": frame}
            await busy_done.wait()

    asyncio.run(scenario())


def test_draw_at_once_does_not_wait_for_the_frame_timer(monkeypatch):
    from textual import screen as screen_module
    from textual.screen import Screen as TextualScreen
    from textual.widgets import Static

    class Slow(TextualScreen[None]):
        def compose(self):
            yield Static("a", id="one")

    async def scenario() -> None:
        app = App[None]()
        async with app.run_test(size=(40, 10)) as pilot:
            # The pushed screen's frame timer ticks once an hour: a frame drawn
            # in this test is drawn by draw_at_once.
            monkeypatch.setattr(screen_module, "UPDATE_PERIOD", 3600)
            await app.push_screen(Slow())
            await pilot.pause()
            one = app.screen.query_one("#one", Static)
            drawn = asyncio.get_running_loop().create_future()
            render_lines = one.render_lines

            def spy(crop):
                if "A" in str(one.content) and not drawn.done():
                    drawn.set_result(None)
                return render_lines(crop)

            one.render_lines = spy  # type: ignore[method-assign]
            one.update("A")
            compat.draw_at_once(app.screen, [one])
            await asyncio.wait_for(drawn, 10)

    asyncio.run(scenario())


def test_the_writer_copied_into_compat_is_textuals_and_the_driver_builds_it_by_name():
    from textual.drivers._writer_thread import WriterThread
    from textual.drivers.linux_driver import LinuxDriver

    run = [line.strip() for line in inspect.getsource(WriterThread.run).splitlines()]
    for line in ("text: str | None = get()", "write(text)", "if qsize() == 0:", "flush()"):
        assert line in run
    assert "WriterThread(self._file)" in inspect.getsource(LinuxDriver.start_application_mode)
    assert "self._sigcont_application" in inspect.getsource(LinuxDriver.__init__)
    assert "self.resume_application_mode()" in inspect.getsource(LinuxDriver._sigcont_application)


class _GoneTerminal(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.EIO, "Input/output error")


def test_a_writer_on_a_terminal_that_went_away_never_blocks_the_app():
    from textual.drivers import linux_driver

    compat.prompt_exit_driver(linux_driver.LinuxDriver)  # installs the writer
    writer = getattr(linux_driver, "WriterThread")(_GoneTerminal())  # noqa: B009 - compat's
    writer.start()
    done = threading.Event()

    def shutdown_writes() -> None:  # more than the queue holds (Textual's: 30)
        for _ in range(200):
            writer.write("\x1b[?1000l")
        writer.stop()
        done.set()

    threading.Thread(target=shutdown_writes, daemon=True).start()
    assert done.wait(10), "a write waited on a writer whose terminal had gone"
