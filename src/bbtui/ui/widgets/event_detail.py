"""The detail pane: one event (with its quotes and sources) or one country in full.

The pane draws through Textual's line API and lays out only what is on
screen. What it shows is a list of blocks (`detail_blocks`): a block's text is
built and wrapped when it first comes into view, and until then its height is
an estimate from its length. An event with ten thousand quotes, or a megabyte
of summary, opens as fast as a small one, and a cursor move repaints the pane
once.

Estimates are corrected as blocks are laid out. When a block above the top of
the screen turns out taller or shorter than estimated (scrolling up into it,
after End or a jump to a quote), the scroll position moves by the difference,
so what is on screen stays put.

Quote blocks are drawn with a bar at their left (thick and tinted when the
quote is selected, in the warning colour when it is marked for export).

A cursor move in the timeline shows the next event at once: the screen asks
the pane to read the neighbouring events ahead (`read_ahead`), between keys,
and the pane keeps each one ready to show: its blocks (read from the store),
laid out at the pane's width, and its first screenful drawn. The key then
only swaps them in. What is ready is dropped whenever it could look
different (the width, the theme, focus, the marks).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import replace
from itertools import accumulate
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.color import Color
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from bbtui.core.model import Country, Dataset, Event, Quote
from bbtui.ui import compat
from bbtui.ui.compat import SkipRepeatedSizeUpdate
from bbtui.ui.outcomes import STYLE_CLASS
from bbtui.ui.widgets import detail_blocks
from bbtui.ui.widgets.detail_blocks import Block
from bbtui.ui.widgets.wrap import LaidOut

BAR_WIDTH = 2  # the bar and a space, left of a quote
BAR = "▌"
BAR_SELECTED = "█"
TAB_SIZE = 8
TRANSPARENT = Color(0, 0, 0, 0)
EXACT_BELOW = 20_000  # characters: events smaller than this are laid out whole
READY_EVENTS = 8  # events kept ready to show (the neighbours read ahead, the last shown)


class _Ready(NamedTuple):
    """An event's blocks as a fresh `show_event` would leave them, and its first lines drawn."""

    width: int
    blocks: list[Block]
    laid: dict[int, LaidOut]
    heights: list[int]
    strips: dict[tuple[int, int, int], Strip]


class EventDetail(SkipRepeatedSizeUpdate, ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="detail.scroll-down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="detail.scroll-up"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="detail.page-down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="detail.page-up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="detail.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="detail.bottom"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = detail_blocks.COMPONENT_CLASSES | {
        "detail--quote-bar",
        "detail--quote-bar-marked",
        "detail--quote-bar-selected",
        "detail--quote-selected",
        *STYLE_CLASS.values(),
    }

    def __init__(
        self, dataset: Dataset, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.dataset = dataset
        self.shown: Event | Country | None = None
        self.highlighted_quote: str | None = None
        self.marked: frozenset[str] = frozenset()
        self._blocks: list[Block] = detail_blocks.nothing_blocks()
        self._layout_width = 0
        self._laid: dict[int, LaidOut] = {}  # block index -> its lines, at _layout_width
        self._heights: list[int] = []  # exact for laid-out blocks, estimated for the rest
        self._starts: list[int] | None = None  # first line of each block, and the total
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(512)
        self._title: str | None = None
        # Event id -> what showing it takes, built ahead (see read_ahead).
        self._ready: LRUCache[str, _Ready] = LRUCache(READY_EVENTS)

    # --- what is shown -----------------------------------------------------------

    @property
    def quotes(self) -> tuple[Quote, ...]:
        if isinstance(self.shown, Event):
            return self.dataset.quotes_for(self.shown.id)
        return ()

    @property
    def text(self) -> str:
        """Everything the pane shows, unwrapped, as plain text (for tests and copying)."""
        return "\n".join(block.build(self._style).plain for block in self._blocks)

    @property
    def laid_out_lines(self) -> int:
        """How many lines have been laid out (wrapped) so far; the rest are an estimate."""
        return sum(len(laid.cuts) for laid in self._laid.values())

    def show_event(self, event: Event | None, highlight_quote_id: str | None = None) -> None:
        """Show an event; optionally pick one of its quotes (search jumps, copying)."""
        self.shown = event
        self.highlighted_quote = highlight_quote_id
        self._set_title("Event")
        self.scroll_to(y=0, animate=False, immediate=True)
        ready = None
        if event is not None and highlight_quote_id is None:
            ready = self._ready.get(event.id)
        if ready is not None and ready.width == self._layout_width:
            self._show_ready(ready)
        elif event is None:
            self._set_blocks(detail_blocks.nothing_blocks())
        else:
            self._set_blocks(self._event_blocks(event))
        if highlight_quote_id is not None:
            self._scroll_to_highlight()

    def _set_title(self, title: str) -> None:
        # Setting a border title repaints the whole pane, borders and all,
        # even to the same title: a cursor move only changes the text.
        if self._title != title:
            self._title = title
            self.border_title = title

    # --- reading ahead ----------------------------------------------------------

    def read_ahead(self, events: Iterable[Event]) -> None:
        """Make `events` ready to show, so showing one later costs no store read or layout.

        Nothing on screen changes. Only events small enough to be laid out
        whole are made ready; a bigger one is shown lazily, as before.
        """
        width, height = self._layout_width, self.size.height
        if width <= 0 or height <= 0:
            return
        for event in events:
            if event.id in self._ready:
                continue
            blocks = detail_blocks.event_blocks(
                self.dataset, event, highlighted=None, marked=self.marked
            )
            if self._size_of(blocks) > EXACT_BELOW:
                continue
            laid = {index: self._laid_out(blocks, index) for index in range(len(blocks))}
            for one in laid.values():
                one.extend(1 << 62)
            heights = [one.height for one in laid.values()]
            strips: dict[tuple[int, int, int], Strip] = {}
            index, line = 0, 0
            for _ in range(height):
                while index < len(blocks) and line >= heights[index]:
                    index, line = index + 1, 0
                if index >= len(blocks):
                    break
                strips[index, line, width] = self._draw_line(
                    blocks[index], laid[index], line, width
                )
                line += 1
            self._ready[event.id] = _Ready(width, blocks, laid, heights, strips)

    def _show_ready(self, ready: _Ready) -> None:
        # What _set_blocks does for a new event, with the work already done.
        self._blocks = ready.blocks
        self._laid = dict(ready.laid)
        self._heights = list(ready.heights)
        self._starts = None
        self._strips.clear()
        for key, strip in ready.strips.items():
            self._strips[key] = strip
        self._settle()
        self._publish_size()
        self.refresh(self.size.region)  # the text: the borders stay as they are

    def _forget_ready(self) -> None:
        self._ready.clear()

    def show_country(self, country: Country) -> None:
        """Show a country's precedent in full."""
        self.shown = country
        self.highlighted_quote = None
        self._set_title("Country precedent")
        self.scroll_to(y=0, animate=False, immediate=True)
        self._set_blocks(detail_blocks.country_blocks(self.dataset, country))

    def _event_blocks(self, event: Event) -> list[Block]:
        return detail_blocks.event_blocks(
            self.dataset, event, highlighted=self.highlighted_quote, marked=self.marked
        )

    # --- picking a quote -----------------------------------------------------

    def highlight_quote(self, quote_id: str | None) -> None:
        self.highlighted_quote = quote_id
        if isinstance(self.shown, Event):
            self._replace_blocks(self._event_blocks(self.shown))
        if quote_id is not None:
            self._scroll_to_highlight()

    def step_quote(self, step: int) -> None:
        """Pick the next (+1) or previous (-1) quote; past either end, none."""
        ids = [q.id for q in self.quotes]
        if not ids:
            return
        if self.highlighted_quote in ids:
            index = ids.index(self.highlighted_quote) + step
            self.highlight_quote(ids[index] if 0 <= index < len(ids) else None)
        else:
            self.highlight_quote(ids[0] if step > 0 else ids[-1])

    def set_marked(self, marked: frozenset[str]) -> None:
        self.marked = marked
        self._forget_ready()
        if isinstance(self.shown, Event):
            self._replace_blocks(self._event_blocks(self.shown))

    def _scroll_to_highlight(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            self.call_after_refresh(self._scroll_to_highlight)
            return
        for index, block in enumerate(self._blocks):  # noqa: B007 (used after the loop)
            if block.quote is not None and block.quote.id == self.highlighted_quote:
                break
        else:
            return
        self._lay_out(index)  # all of it
        starts = self._block_starts()
        top, bottom = starts[index], starts[index + 1]
        y = round(self.scroll_y)
        if top < y or bottom - top > height:
            y = top
        elif bottom > y + height:
            y = bottom - height
        self._publish_size()
        # force: a pane hidden until now (narrow) gets its scrollbar at the next layout.
        self.scroll_to(y=y, animate=False, immediate=True, force=True)
        self._settle()

    # --- laying out, lazily -------------------------------------------------------

    def _set_blocks(self, blocks: list[Block], same_until: int = 0) -> None:
        """Show `blocks`; the first `same_until` of them look as before and keep their lines."""
        old_heights = self._heights
        self._blocks = blocks
        self._laid = {n: laid for n, laid in self._laid.items() if n < same_until}
        self._heights = old_heights[:same_until] + [
            self._estimate(block) for block in blocks[same_until:]
        ]
        self._starts = None
        self._strips.clear()
        if self._layout_width > 0 and self._size_after_first(same_until) <= EXACT_BELOW:
            # A small event is laid out whole, so its scrollbar is exact. When it
            # clearly overflows the pane (the scrollbar shows either way) and the
            # pane is at its top, only what is on screen is laid out before this
            # frame, the rest after it: at start-up the start event's 23 blocks
            # took 12 ms before the first frame, the screenful 2 ms.
            if self._overflows_clearly() and round(self.scroll_y) == 0:
                self.call_after_refresh(self._lay_out_rest, blocks)
            else:
                self._lay_out_rest(blocks, publish=False)
        self._settle()
        self._publish_size()
        self.refresh()

    def _overflows_clearly(self) -> bool:
        """True if the estimated heights are well past the pane's height (twice it)."""
        return self._block_starts()[-1] > 2 * max(1, self.size.height)

    def _lay_out_rest(self, blocks: list[Block], publish: bool = True) -> None:
        """Lay out every block of `blocks` not laid out yet, if they are still the ones shown."""
        if blocks is not self._blocks:
            return
        for index in range(len(blocks)):
            self._lay_out(index)
        if publish:
            self._publish_size()  # the scrollbar, exact now

    def _size_after_first(self, count: int) -> int:
        return self._size_of(self._blocks[count:])

    @staticmethod
    def _size_of(blocks: list[Block]) -> int:
        if len(blocks) > EXACT_BELOW // 100:
            return EXACT_BELOW + 1
        return sum(block.size for block in blocks)

    def _replace_blocks(self, blocks: list[Block]) -> None:
        """New blocks for the same thing shown (marks or selection changed)."""
        old = self._blocks
        same = 0
        if len(old) == len(blocks):
            while same < len(old) and old[same].key == blocks[same].key:
                same += 1
        self._set_blocks(blocks, same_until=same)

    def _relayout(self) -> None:
        """Lay everything out again (a new width, a new theme)."""
        self._set_blocks(self._blocks)

    def _estimate(self, block: Block, width: int | None = None) -> int:
        """Lines `block` may take at `width` (default: the width laid out at), before laying it out."""
        width = self._layout_width if width is None else width
        width = max(1, width - (BAR_WIDTH if block.quote is not None else 0))
        return 1 + block.size // width + 1

    def _lay_out(self, index: int, lines: int = 1 << 62) -> LaidOut:
        """Lay out block `index` at the current width, its first `lines` lines at least."""
        laid = self._laid.get(index)
        if laid is None:
            laid = self._laid[index] = self._laid_out(self._blocks, index)
        if not laid.exact and len(laid.cuts) < lines:
            laid.extend(lines)
        if self._heights[index] != laid.height:
            self._heights[index] = laid.height
            self._starts = None
        return laid

    def _laid_out(self, blocks: list[Block], index: int) -> LaidOut:
        """Block `index` of `blocks`, built, to be laid out at the current width."""
        block = blocks[index]
        content = block.build(self._style)
        if "\t" in content.plain:
            content = content.expand_tabs(TAB_SIZE)
        width = self._layout_width - (BAR_WIDTH if block.quote is not None else 0)
        gap = block.gap and index < len(blocks) - 1
        return LaidOut(content, width, gap)

    def _block_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *accumulate(self._heights)]
        return self._starts

    def _block_at(self, row: int) -> int:
        starts = self._block_starts()
        return max(0, min(bisect_right(starts, row) - 1, len(self._blocks) - 1))

    def _settle(self) -> None:
        """Lay out what is on screen; keep the top line steady if a block above it changed."""
        if self._layout_width <= 0 or not self._blocks:
            return
        top = round(self.scroll_y)
        height = max(1, self.size.height)
        first = self._block_at(top)
        start = self._block_starts()[first]
        was_estimated = first not in self._laid
        before = self._heights[first]
        self._lay_out(first, top - start + height)
        shift = 0
        if was_estimated and start < top:
            # Scrolled up into a block never laid out: its last lines stay
            # where its estimate put them.
            shift = max(self._heights[first] - before, start - top)
        line, bottom = start + self._heights[first], top + shift + height
        index = first + 1
        while line < bottom and index < len(self._blocks):
            line += self._lay_out(index, bottom - line).height
            index += 1
        if shift:
            self._publish_size()
            self.scroll_to(y=top + shift, animate=False, immediate=True)

    def _publish_size(self) -> None:
        if self._layout_width <= 0:
            # Not sized yet (shown while the screen mounts): heights estimated one
            # column wide showed a scrollbar that Textual kept. The first resize publishes.
            return
        size = Size(self._layout_width, self._block_starts()[-1])
        if size == self.virtual_size:
            return
        if not self._scrollbar_unchanged_by(size.height):
            self.virtual_size = size  # a layout: the scrollbar comes or goes
            return
        # Assigning virtual_size lays the whole screen out, and the scrollbar
        # repaints a frame after that layout (with the timeline's frame, three
        # writes per key): nothing moves, so only the scrollbar hears of it.
        self.set_reactive(EventDetail.virtual_size, size)
        if self.show_vertical_scrollbar:
            compat.set_scrollbar_quietly(self.vertical_scrollbar, virtual_size=size.height)
        if self.scroll_y > self.max_scroll_y:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def _scrollbar_unchanged_by(self, height: int) -> bool:
        """True if content `height` lines tall keeps the vertical scrollbar shown (or hidden)."""
        if self.styles.overflow_y != "auto" or not self.container_size:
            return False
        return self.show_vertical_scrollbar == (height > self.container_size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_width()

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        # A scrollbar narrows the text without resizing the widget.
        self._fit_width()

    def _fit_width(self) -> None:
        width = self.scrollable_content_region.width
        if self._scrollbar_is_coming(width):
            # Laid out at this width, the text would show the scrollbar, which
            # narrows it, and all of it would be laid out again (twice per event
            # at start-up): lay it out at the narrower width now.
            width -= self.styles.scrollbar_size_vertical
        if width != self._layout_width:
            self._layout_width = width
            self._forget_ready()
            self._relayout()
        else:
            self._settle()
            self._publish_size()

    def _scrollbar_is_coming(self, width: int) -> bool:
        """True if the vertical scrollbar is hidden but the blocks clearly overflow `width`.

        Clearly: estimated at over twice the pane's height, so that a wrong
        estimate never leaves the text narrower than a pane with no scrollbar.
        """
        height = self.container_size.height
        if (
            self.show_vertical_scrollbar
            or self.styles.overflow_y != "auto"
            or min(width, height) <= 0
        ):
            return False
        # Block by block, stopping once it clearly overflows: a 10k-quote event stops in a dozen.
        lines = 0
        for block in self._blocks:
            lines += self._estimate(block, width)
            if lines > 2 * height:
                return True
        return False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # Lay out ahead of the paint, so the scrollbar knows the height.
        self._settle()
        self._publish_size()
        compat.watch_scroll_y_quietly(self, old_value, new_value)

    def action_scroll_end(self) -> None:
        # Lay out from the bottom up until a screenful is exact, then go there.
        height = max(1, self.size.height)
        index, exact = len(self._blocks) - 1, 0
        while index >= 0 and exact < height:
            exact += self._lay_out(index).height
            index -= 1
        self._publish_size()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    # --- drawing ----------------------------------------------------------------

    def _style(self, component: str) -> Style:
        # Resolved against the pane's real background (as LineList.part_style
        # does): a partial style resolves the themes' `auto` muted colour
        # against a transparent one, unreadable in light themes.
        return replace(self.get_visual_style(component), background=TRANSPARENT)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_ready()
        if self._blocks and self._layout_width:
            # Styles are baked into the built text, so it is built again; but
            # not now: a new theme restyles this widget before its component
            # classes (the title, the headings), and text built now kept the
            # old theme's colours (white on light grey after a switch to a
            # light theme in the palette). Built once the restyle is done.
            self.call_later(self._relayout)

    def on_focus(self, event: events.Focus) -> None:
        self._strips.clear()
        self._forget_ready()
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._strips.clear()
        self._forget_ready()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._layout_width:
            self._fit_width()
        row = round(self.scroll_y) + y
        starts = self._block_starts()
        if not self._blocks or row >= starts[-1]:
            return Strip.blank(width, self.rich_style)
        index = self._block_at(row)
        key = (index, row - starts[index], width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_block_line(index, row - starts[index], width)
            self._strips[key] = strip
        return strip

    def _render_block_line(self, index: int, line: int, width: int) -> Strip:
        return self._draw_line(self._blocks[index], self._lay_out(index, line + 1), line, width)

    def _draw_line(self, block: Block, laid: LaidOut, line: int, width: int) -> Strip:
        if line >= len(laid.cuts):  # the blank line after the block
            return Strip.blank(width, self.get_visual_style().rich_style)
        start, end = laid.cuts[line]
        content = laid.content[start:end]
        if block.quote is None:
            base = self.get_visual_style()
            segments = _segments(content, base)
            return Strip(segments).adjust_cell_length(width, base.rich_style)
        base = (
            self.get_visual_style("detail--quote-selected")
            if block.highlighted
            else self.get_visual_style()
        )
        bar_class = "detail--quote-bar-marked" if block.marked else "detail--quote-bar"
        if block.highlighted and not block.marked:
            bar_class = "detail--quote-bar-selected"
        bar = base + self._style(bar_class)
        bar_text = BAR_SELECTED if block.highlighted else BAR
        segments = [
            Segment(bar_text, bar.rich_style),
            Segment(" ", base.rich_style),
            *_segments(content, base),
        ]
        return Strip(segments).adjust_cell_length(width, base.rich_style)


def _segments(content: Content, base: Style) -> list[Segment]:
    if not content.plain:
        return []
    return [Segment(text, style.rich_style) for text, style in content.render(base, end="")]
