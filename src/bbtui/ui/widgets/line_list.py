"""A keyboard list that renders only the rows on screen (Textual's line API).

Mounting a widget per row, as `DataTable` and `OptionList` do, takes seconds
at 100k rows; here a row is painted only when it is visible, so the cost of a
frame does not grow with the data. The timeline and the precedent panel both
build on it, so they share keys, mouse handling and cursor behaviour.

A list has *items* (what the cursor can rest on) and *rows* (what is drawn):
rows may include headings the cursor skips. Subclasses map between the two.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.color import Color
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from bbtui.ui import compat
from bbtui.ui.compat import SkipRepeatedSizeUpdate

TRANSPARENT = Color(0, 0, 0, 0)


class LineList(SkipRepeatedSizeUpdate, ScrollView, can_focus=True, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="cursor.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="cursor.up"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="cursor.page-down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="cursor.page-up"),
        Binding("home,g", "first", "First", show=False, id="cursor.first"),
        Binding("end,G", "last", "Last", show=False, id="cursor.last"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"list--cursor", "list--empty"}

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Index of the item under the cursor (0 when the list is empty)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        # Rendered rows keyed by what makes them look different; cleared when
        # the rows themselves or the theme change.
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        # Styles by component class, cleared with the strips: every row drawn
        # asks for them, and Textual's own cache key walks the ancestors.
        self._styles: dict[tuple[str, ...], Style] = {}

    # --- what subclasses provide -------------------------------------------

    @property
    def item_count(self) -> int:
        raise NotImplementedError

    @property
    def row_count(self) -> int:
        return self.item_count

    def row_of(self, item: int) -> int:
        return item

    def item_at(self, row: int) -> int | None:
        """The item drawn on `row`, or None for a heading or past the end."""
        return row if 0 <= row < self.item_count else None

    def render_row(self, row: int, width: int, is_cursor: bool) -> Strip:
        raise NotImplementedError

    def row_key(self, row: int) -> object:
        """Anything besides the row number that changes how a row looks."""
        return None

    def cursor_moved(self) -> None:
        """Called after the cursor settles on a (possibly new) item."""

    empty_text = "Nothing to show."

    def list_style(self, *components: str) -> Style:
        """`get_visual_style`, kept until the list's styles change."""
        style = self._styles.get(components)
        if style is None:
            style = self._styles[components] = self.get_visual_style(*components)
        return style

    def part_style(self, component: str) -> Style:
        """A component class's style for part of a row, with no background of its own.

        Its colour is resolved against the pane's real background: a partial
        style resolves `auto` colours (the themes' `$text-muted`) against a
        transparent one, which in light themes gave light grey on light grey.
        """
        key = ("", component)  # no component class is named ""
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = replace(
                self.get_visual_style(component), background=TRANSPARENT
            )
        return style

    def _styles_changed(self) -> None:
        self._strips.clear()
        self._styles.clear()

    # --- rows and rendering --------------------------------------------------

    def rows_changed(self) -> None:
        """The set of rows changed: resize the scroll area and repaint."""
        self._strips.clear()
        self.virtual_size = Size(0, self.row_count)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles_changed()

    def on_focus(self, event: events.Focus) -> None:
        self._styles_changed()
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._styles_changed()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        if self.item_count == 0:
            if y == 0:
                content = Content(f" {self.empty_text}").truncate(width, pad=True)
                return Strip(content.render_segments(self.list_style("list--empty")), width)
            return Strip.blank(width, self.rich_style)
        if row >= self.row_count:
            return Strip.blank(width, self.rich_style)
        item = self.item_at(row)
        is_cursor = item is not None and item == self.cursor
        key = (row, width, is_cursor, self.row_key(row))
        strip = self._strips.get(key)
        if strip is None:
            strip = self.render_row(row, width, is_cursor)
            self._strips[key] = strip
        return strip

    def draw_ahead(self, rows: Iterable[tuple[int, bool]]) -> None:
        """Draw rows before they are needed: (row, under the cursor?) pairs.

        Nothing on screen changes: the rows wait in the cache, keyed as
        `render_line` will look for them, so the key that shows them draws
        nothing new.
        """
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        for row, is_cursor in rows:
            if 0 <= row < self.row_count:
                key = (row, width, is_cursor, self.row_key(row))
                if key not in self._strips:
                    self._strips[key] = self.render_row(row, width, is_cursor)

    def draw_ahead_of_a_step(self) -> None:
        """Draw the rows one step of the cursor either way would show."""
        if not self.item_count:
            return
        steps = (self.cursor + 1, self.cursor - 1)
        rows = [(self.row_of(self.cursor), False)]
        rows += [(self.row_of(item), True) for item in steps if 0 <= item < self.item_count]
        self.draw_ahead(rows)

    # --- the cursor ------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.item_count - 1)) if self.item_count else 0

    def watch_cursor(self, old: int, new: int) -> None:
        if old < self.item_count:
            self.refresh_line(self.row_of(old))
        self.refresh_line(self.row_of(new))
        self.scroll_to_cursor()
        self.cursor_moved()

    def move_to(self, item: int) -> None:
        """Put the cursor on `item`; announce it even if it did not move."""
        item = self.validate_cursor(item)
        if item == self.cursor:
            self.refresh_line(self.row_of(item))
            self.scroll_to_cursor()
            self.cursor_moved()
        else:
            self.cursor = item

    def scroll_to_cursor(self) -> None:
        if not self.item_count:
            return
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        row = self.row_of(self.cursor)
        # Keep a heading just above the cursor in view, so moving up into a
        # new year shows which year it is.
        top = row - 1 if row > 0 and self.item_at(row - 1) is None else row
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif row >= y + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # A scroll by a row of 100k leaves the scrollbar as it was: not repainted.
        compat.watch_scroll_y_quietly(self, old_value, new_value)

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self.call_after_refresh(self.scroll_to_cursor)

    def _item_from_row(self, row: int, step: int) -> int:
        """The item on `row`, or the nearest one in direction `step` (then the other way)."""
        row = max(0, min(row, self.row_count - 1))
        for direction in (step, -step):
            probe = row
            while 0 <= probe < self.row_count:
                item = self.item_at(probe)
                if item is not None:
                    return item
                probe += direction
        return self.cursor

    # --- keys and mouse --------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        if self.item_count:
            page = max(1, self.scrollable_content_region.height - 1)
            self.cursor = self._item_from_row(self.row_of(self.cursor) + page, +1)

    def action_page_up(self) -> None:
        if self.item_count:
            page = max(1, self.scrollable_content_region.height - 1)
            self.cursor = self._item_from_row(self.row_of(self.cursor) - page, -1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.item_count - 1

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.item_count:
            return
        row = self.scroll_offset.y + offset.y
        if row >= self.row_count:
            return
        self.cursor = self._item_from_row(row, +1)
        if event.chain >= 2:
            self.action_choose()

    def action_choose(self) -> None:
        """Enter on an item; subclasses announce it."""
