"""Every use of Textual's private API, in one place, each checked by a test.

Textual is pinned exactly for the tests (see constraints) and ranged for
users. Each function here leans on something Textual does not promise to
keep; `tests/test_compat.py` checks the private names and signatures they
rely on, so a Textual bump fails loudly in that one test instead of subtly
on screen. Prefer public API: when Textual grows one, move the caller to it
and delete the function here.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import threading
import types
import weakref
from collections.abc import Callable, Iterable, Mapping
from math import ceil
from typing import Any

from textual.app import App
from textual.geometry import Region
from textual.notifications import Notification, Notify
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import Widget

# The private names relied on below, for the compat test to check.
RELIED_ON: dict[str, tuple[type, str]] = {
    "size_updated": (Widget, "_size_updated"),
    "breakpoint_classes": (Screen, "_get_breakpoint_classes"),
    "compositor": (Screen, "_compositor"),
    "border_subtitle_store": (Widget, "_border_subtitle"),
    "unnotify": (App, "_unnotify"),
    "notifications": (App, "_notifications"),
    "scrollbar_render_sizes": (ScrollBar, "_render_bar"),
    "draw_now": (Screen, "_on_timer_update"),
    "hand_over_repaint": (Widget, "_check_refresh"),
}
# The Linux driver's input thread, for `prompt_exit_driver` (checked by source in the test).
INPUT_THREAD_SELECTOR = "selectors.SelectSelector()"


class SkipRepeatedSizeUpdate:
    """Mixin for a ScrollView that draws with the line API.

    Textual's `_size_updated` runs after every layout anywhere on the screen;
    a ScrollView compares the layout's virtual size with its own (the row
    count), which never match, so each layout repainted the list's scrollbar.
    This skips the update when nothing that affects the widget changed.
    """

    _last_size_update: tuple[Any, ...] | None = None

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:  # type: ignore[no-untyped-def]
        widget: Any = self
        key = (size, container_size, widget.virtual_size, widget.styles.gutter)
        if key == self._last_size_update:
            return False
        self._last_size_update = key
        return super()._size_updated(size, virtual_size, container_size, layout)  # type: ignore[misc, no-any-return]


class NoRelayoutOnSizeChange:
    """Mixin for a widget whose size change never needs a second layout pass.

    The layout that resized it has already placed everything (scrollbars are
    still updated), so the extra pass only made a cursor move cost two frames.
    """

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:  # type: ignore[no-untyped-def]
        return super()._size_updated(size, virtual_size, container_size, layout=False)  # type: ignore[misc, no-any-return]


def scrollbar_thumb(bar: ScrollBar) -> tuple[int, ...]:
    """Where a vertical scrollbar's thumb is drawn: the sizes `ScrollBar._render_bar` uses."""
    window_size = bar.window_size if bar.window_size < bar.window_virtual_size else 0
    return thumb_of(
        bar.size.height,
        ceil(bar.window_virtual_size),
        ceil(window_size),
        bar.position,
        bar.thickness,
        len(bar.renderer.VERTICAL_BARS),
    )


def thumb_of(
    size: int, virtual_size: int, window_size: int, position: float, thickness: int, steps: int
) -> tuple[int, ...]:
    """The part of `ScrollBarRender.render_bar`'s arithmetic that decides what it draws.

    Two bars with the same thumb draw the same (the compat test checks it
    against render_bar): the thumb's ends in `steps` (eighths) of a cell.
    """
    if not (window_size and size and virtual_size and size != virtual_size):
        return (size, thickness)
    thumb_size = max(1, window_size / (virtual_size / size))
    start = int((size - thumb_size) * (position / (virtual_size - window_size)) * steps)
    return (size, thickness, start, start + ceil(thumb_size * steps))


def set_scrollbar_quietly(
    bar: ScrollBar, *, position: float | None = None, virtual_size: int | None = None
) -> None:
    """Move a vertical scrollbar's thumb, repainting the bar only if it looks different.

    Textual repaints a scrollbar whenever its position or content height
    changes, though at 100k rows a cursor move shifts the thumb by a
    thousandth of a cell: the same bar, drawn again each key (a scrollbar is
    a slow thing to draw: a Rich renderable, line by line).
    """
    before = scrollbar_thumb(bar)
    if position is not None:
        bar.set_reactive(ScrollBar.position, bar.validate_position(position))
    if virtual_size is not None:
        bar.set_reactive(ScrollBar.window_virtual_size, virtual_size)
    if scrollbar_thumb(bar) != before:
        bar.refresh()


def watch_scroll_y_quietly(view: ScrollView, old_value: float, new_value: float) -> None:
    """`ScrollView.watch_scroll_y`, with the scrollbar moved by `set_scrollbar_quietly`."""
    if view.show_vertical_scrollbar:
        set_scrollbar_quietly(view.vertical_scrollbar, position=new_value)
    if round(old_value) != round(new_value):
        view.refresh(view.size.region)


def keymap(app: App[Any]) -> Mapping[str, str]:
    """The keymap the app applied (binding id -> keys); Textual keeps it private."""
    return getattr(app, "_keymap", None) or {}


def breakpoint_classes(screen: Screen[Any], width: int, height: int, app: App[Any]) -> set[str]:
    """The breakpoint classes Textual will give `screen` at this size.

    Textual adds them on the first resize, which styles every widget a second
    time before the first frame; a screen can start with them instead (a wrong
    guess is corrected by Textual on that resize, with its own rule).
    """
    horizontal = (
        app.HORIZONTAL_BREAKPOINTS
        if screen.HORIZONTAL_BREAKPOINTS is None
        else screen.HORIZONTAL_BREAKPOINTS
    ) or []
    vertical = (
        app.VERTICAL_BREAKPOINTS
        if screen.VERTICAL_BREAKPOINTS is None
        else screen.VERTICAL_BREAKPOINTS
    ) or []
    return screen._get_breakpoint_classes(width, horizontal) | screen._get_breakpoint_classes(
        height, vertical
    )


def draw_at_once(
    screen: Screen[Any], widgets: Iterable[Widget], then: Callable[[], object] | None = None
) -> None:
    """Draw what `widgets` just changed, in one frame, now rather than at the
    screen's next frame slot; then call `then`.

    Textual draws from a timer ticking on a fixed 1/60 s grid: a change made
    within a period or two of the last frame waits for the next tick (the
    search probe's paced floor, 16-17 ms a key when keys follow frames
    closely). And a widget hands its repaint to the screen only when it next
    goes idle, each in its own turn: after a quiet spell, when the timer
    draws at once, the first repaint to arrive was drawn alone (a keystroke's
    echo in one frame, its results in the next). Here each widget hands its
    repaint over now (`_check_refresh`, what its idle would do; later it finds
    nothing left), the draw request queues behind those repaints, and drawing
    is what the timer's tick does (Textual's Pilot calls it the same way). The
    tick pauses the timer, so the slot it was waiting for finds nothing left
    to draw: still one frame, only sooner.
    """

    def draw() -> None:
        if screen.is_current:  # a dismissed screen draws nothing
            screen._on_timer_update()
        if then is not None:
            then()

    for widget in widgets:
        widget._check_refresh()
    screen.call_later(draw)


def screen_strips(screen: Screen[Any]) -> list[Strip]:
    """Every line the screen shows now, with its styles, as the compositor has it.

    For tests that read the screen as a reader (or a contrast meter) would:
    export_screenshot gives SVG only.
    """
    strips: Iterable[Strip] = screen._compositor.render_strips()
    return list(strips)


def screen_lines(screen: Screen[Any]) -> list[str]:
    """The text of every line the screen shows now."""
    return ["".join(segment.text for segment in strip) for strip in screen_strips(screen)]


def set_border_subtitle_repainting_one_row(widget: Widget, subtitle: str) -> None:
    """Set `widget.border_subtitle`, repainting only the bottom border row.

    Textual's setter stores the rendered subtitle in `_border_subtitle` and
    repaints the whole widget; when a cursor move changes only the position
    shown in the subtitle, that repaint is the most expensive part of the move.
    """
    widget._border_subtitle = widget.render_str(subtitle).expand_tabs(4).split()[0]
    offset = widget.content_offset
    height, width = widget.outer_size.height, widget.outer_size.width
    widget.refresh(Region(-offset.x, height - 1 - offset.y, width, 1))


def notify_until_dismissed(
    app: App[Any], message: str, *, title: str, timeout: float
) -> Notification:
    """Show a toast and return it, so that `dismiss_notification` can take it away.

    `App.notify` returns nothing; the toast it makes cannot be removed alone
    (only all of them, with `clear_notifications`).
    """
    notification = Notification(message, title, timeout=timeout, markup=False)
    app.post_message(Notify(notification))
    return notification


def dismiss_notification(app: App[Any], notification: Notification) -> None:
    """Take away one toast, leaving any others (Textual's `_unnotify`)."""
    if notification in app._notifications:
        app._unnotify(notification)


class _WakeableSelector(selectors.SelectSelector):
    """The input thread's selector, with a pipe that `wake` makes readable.

    Textual's input thread waits in `select(0.1)` until its exit event is set,
    then once more in `select(0.1)` for late input: leaving the app waited
    100-200 ms for those timeouts. Woken, both return at once; input already
    waiting is still read (the pipe never hides the terminal's own fd).
    """

    def __init__(self) -> None:
        super().__init__()
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_write, False)
        super().register(self._wake_read, selectors.EVENT_READ)
        self._open = True
        _INPUT_SELECTORS[threading.current_thread()] = self

    def wake(self) -> None:
        if not self._open:  # closed: its fd numbers may belong to another file now
            return
        with contextlib.suppress(BlockingIOError):  # the pipe is full: woken already
            os.write(self._wake_write, b"\0")

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        ready = super().select(timeout)
        return [(key, mask) for key, mask in ready if key.fd != self._wake_read]

    def close(self) -> None:
        super().close()
        if self._open:
            self._open = False
            for fd in (self._wake_read, self._wake_write):
                os.close(fd)


# Input thread -> its selector; an ended thread drops out by itself.
_INPUT_SELECTORS: weakref.WeakKeyDictionary[threading.Thread, _WakeableSelector] = (
    weakref.WeakKeyDictionary()
)


def wake_input_thread(thread: threading.Thread | None) -> bool:
    """Make the selector `thread` waits in return at once; False if it has none."""
    selector = _INPUT_SELECTORS.get(thread) if thread is not None else None
    if selector is None:
        return False
    selector.wake()
    return True


def _sturdy_writer_class() -> type[Any]:
    from textual.drivers._writer_thread import WriterThread

    class SturdyWriterThread(WriterThread):
        """Textual's writer thread, except that a terminal gone away ends the writing, not the
        thread. Textual's `run` (copied here, see test_compat) let the OSError of a closed
        terminal (EIO) end the thread; the next 30 writes then filled its queue and the
        31st, during shutdown, waited for ever."""

        def run(self) -> None:
            write, flush = self._file.write, self._file.flush
            get, qsize = self._queue.get, self._queue.qsize
            gone = False
            while True:
                text: str | None = get()
                if text is None:
                    break
                if gone:
                    continue  # taken and dropped: a writer never waits on a dead terminal
                try:
                    write(text)
                    if qsize() == 0:
                        flush()
                except OSError:
                    gone = True
            if not gone:
                with contextlib.suppress(OSError):
                    flush()

    return SturdyWriterThread


def prompt_exit_driver(driver_class: type[Any]) -> type[Any]:
    """`driver_class`, made to stop its input thread at once when the app exits, and to end
    when its terminal goes away (a closed window, `tmux kill-server`) instead of hanging.

    Only Textual's Linux (and macOS) driver has the threads in question;
    any other driver (headless, web, Windows) is returned as it is. The
    driver's module gets a `selectors` whose SelectSelector can be woken: the
    thread builds its selector from that name (INPUT_THREAD_SELECTOR); and a
    `WriterThread` that survives a dead terminal (it builds its writer from that name).
    """
    from textual.drivers import linux_driver

    if not issubclass(driver_class, linux_driver.LinuxDriver):
        return driver_class
    if getattr(linux_driver, "selectors", selectors).SelectSelector is not _WakeableSelector:
        wakeable = types.ModuleType("selectors")
        wakeable.__dict__.update(vars(selectors))
        wakeable.SelectSelector = _WakeableSelector  # type: ignore[attr-defined]
        setattr(linux_driver, "selectors", wakeable)  # noqa: B010 - a module's global
    if getattr(linux_driver, "WriterThread").__name__ != "SturdyWriterThread":  # noqa: B009
        setattr(linux_driver, "WriterThread", _sturdy_writer_class())  # noqa: B010

    class PromptExitDriver(driver_class):  # type: ignore[misc]
        _stopped_by_us = False

        def disable_input(self) -> None:
            # Wake the thread first: Textual's disable_input then sets the
            # exit event and joins a thread that is already running its loop.
            wake_input_thread(getattr(self, "_key_thread", None))
            super().disable_input()

        def _sigtstp_application(self, *args: Any) -> None:
            self._stopped_by_us = True
            super()._sigtstp_application(*args)

        def _sigcont_application(self, *args: Any) -> None:
            # Textual restarts application mode on every SIGCONT, but a
            # SIGCONT also comes with a hangup (tmux sends it with SIGHUP,
            # as the kernel does to a stopped group): a second writer and
            # input thread then started on a terminal that was gone, while
            # shutdown wrote to the first writer. Only a stop of our own
            # (Ctrl+Z, the app's suspend) is resumed.
            if self._stopped_by_us:
                self._stopped_by_us = False
                super()._sigcont_application(*args)

    PromptExitDriver.__name__ = PromptExitDriver.__qualname__ = f"PromptExit{driver_class.__name__}"
    return PromptExitDriver
