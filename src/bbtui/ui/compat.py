"""Every use of Textual's private API, in one place, each checked by a test.

Textual is pinned exactly for the tests (see constraints) and ranged for
users. Each function here leans on something Textual does not promise to
keep; `tests/test_compat.py` checks the private names and signatures they
rely on, so a Textual bump fails loudly in that one test instead of subtly
on screen. Prefer public API: when Textual grows one, move the caller to it
and delete the function here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.app import App
from textual.geometry import Region
from textual.notifications import Notification, Notify
from textual.screen import Screen
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
}


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
