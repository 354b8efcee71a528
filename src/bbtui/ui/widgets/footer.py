"""The key footer as one line: Textual's Footer look, without a widget per key.

Textual's Footer composes a widget per key (16 on the explorer) and composes
them all again whenever the bindings change, which is every focus change.
Mounting, styling and laying out those keys was ~160 M instructions of the
shipped dataset's first frame (~9% of it; callgrind, see benchmarks/README).
This widget draws the same line from the screen's active bindings with the
line API: the same text and the same colours, from the same CSS variables and
the same rules (tests/test_footer_styling.py compares it with Textual's
Footer, cell by cell, in every theme). Pressing a key's cell with the mouse
presses the key, as on a Footer key; a disabled key rings the bell.

What it leaves out: binding groups are shown key by key (bbtui binds none),
and keys that do not fit are cut at the palette key, as Textual's are, but
scrolled with the mouse wheel rather than animated.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.css.styles import RenderStyles
    from textual.screen import Screen

PALETTE_BORDER = "▏"  # Textual's `vkey` border, left side


class FooterItem(NamedTuple):
    """One key as the footer shows it."""

    key: str  # what pressing it simulates
    display: str  # the key as shown ("^p", "?")
    description: str
    enabled: bool
    tooltip: str
    palette: bool = False  # the command palette's key, kept at the right edge


class _Placed(NamedTuple):
    item: FooterItem
    start: int  # first cell, in the footer's scrolled line (the palette key: on screen)
    end: int


class KeyFooter(Widget, can_focus=False):
    """The active bindings of the screen, one line at the bottom."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-key--item",
        "footer-key--hover",
        "footer-key--key",
        "footer-key--description",
        "footer-key--border",
    }
    # Textual's Footer and FooterKey rules (widgets/_footer.py), one per layer.
    DEFAULT_CSS = """
    KeyFooter {
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
        width: 1fr;
        & > .footer-key--item { background: $footer-item-background; }
        & > .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer-key--border { color: $foreground 20%; }
    }
    """

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        show_command_palette: bool = True,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.show_command_palette = show_command_palette
        self._items: list[FooterItem] | None = None  # None: read at the next paint
        self._hover: FooterItem | None = None
        self._scroll = 0  # cells of the keys scrolled off to the left (mouse wheel)

    # --- what is shown ---------------------------------------------------------------

    @property
    def items(self) -> list[FooterItem]:
        """The keys shown now, left to right (the palette key last)."""
        if self._items is None:
            self._items = list(self._read_items())
        return self._items

    def _read_items(self) -> Iterator[FooterItem]:
        app = self.app
        active = self.screen.active_bindings
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            # A Footer shows an action once, by its first key.
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                yield FooterItem(
                    binding.key, app.get_key_display(binding), binding.description,
                    enabled, tooltip,
                )  # fmt: skip
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                yield FooterItem(
                    binding.key, app.get_key_display(binding), binding.description,
                    enabled, binding.tooltip or binding.description, palette=True,
                )  # fmt: skip

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self._items = None
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()  # a new theme: the colours are read again at the paint

    # --- where each key is -------------------------------------------------------------

    @staticmethod
    def _pieces(item: FooterItem) -> list[tuple[str, str]]:
        """A key's cells as (text, part): what its width and its drawing both come from."""
        if item.palette:  # compact, after its border, with the Footer's padding-right
            return [(PALETTE_BORDER, "border"), (item.display, "key"),
                    (" " + item.description, "description"), (" ", "padding")]  # fmt: skip
        return [(f" {item.display} ", "key"), (f"{item.description} ", "description")]

    def _width(self, item: FooterItem) -> int:
        return sum(cell_len(text) for text, _part in self._pieces(item))

    def _placed(self) -> tuple[list[_Placed], _Placed | None, int]:
        """(the keys, at their cells in the scrolled line; the palette key, on screen; the
        width left for the keys)."""
        keys, palette = [], None
        at = 0
        for item in self.items:
            if item.palette:
                width = self._width(item)
                start = max(0, self.size.width - width)
                palette = _Placed(item, start, self.size.width)
            else:
                end = at + self._width(item)
                keys.append(_Placed(item, at, end))
                at = end
        room = palette.start if palette is not None else self.size.width
        return keys, palette, room

    def _item_at(self, x: int) -> FooterItem | None:
        keys, palette, room = self._placed()
        if palette is not None and x >= palette.start:
            return palette.item
        if x >= room:
            return None
        for placed in keys:
            if placed.start <= x + self._scroll < placed.end:
                return placed.item
        return None

    # --- drawing -------------------------------------------------------------------------

    def _base(self) -> tuple[Color, Color]:
        """The footer's own background and colour, over the screen's."""
        background, color, _text = Color(0, 0, 0, 0), Color(255, 255, 255, 0), Style()
        for node in reversed(self.ancestors_with_self):
            background, color, _text = _over(node.styles, background, color, _text)
        return background, color

    def _segments(
        self,
        item: FooterItem,
        base: tuple[Color, Color],
        memo: dict[tuple[bool, bool], dict[str, Style]],
    ) -> list[Segment]:
        """A key drawn as Textual's FooterKey draws it, over the footer's `base`
        (`memo`: the styles worked out for other keys in the same paint)."""
        look = (item is self._hover, item.enabled)
        styles = memo.get(look)
        if styles is None:
            styles = memo[look] = self._part_styles(*look, base)
        return [Segment(text, styles[part]) for text, part in self._pieces(item)]

    def _part_styles(
        self, hovered: bool, enabled: bool, base: tuple[Color, Color]
    ) -> dict[str, Style]:
        """The style of each part of a key (see _pieces) that looks like this."""
        background, color = base
        text_style = self.rich_style.without_color
        layers = ["footer-key--item"]
        if hovered:
            layers.append("footer-key--hover")
        for layer in layers:
            background, color, text_style = _over(self.get_component_styles(layer),
                                                  background, color, text_style)  # fmt: skip
        if not enabled:
            text_style += Style(dim=True)
        border = self.get_component_styles("footer-key--border").color
        under = _rich(background, color, text_style).bgcolor  # the key's own background

        def over_key(component: str) -> Style:
            return _rich(
                *_over(self.get_component_styles(component), background, color, text_style)
            )

        return {
            "key": over_key("footer-key--key"),
            "description": over_key("footer-key--description"),
            # Padding and border are painted as Textual paints them: no text style.
            "padding": Style(bgcolor=under),
            "border": Style.from_color((base[0] + border).rich_color, under),
        }

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y != 0 or width <= 0:
            return Strip.blank(width, self.rich_style)
        keys, palette, room = self._placed()
        self._scroll = _clamped(self._scroll, keys, room)  # the keys may have changed
        base = self._base()
        memo: dict[tuple[bool, bool], dict[str, Style]] = {}  # most keys look alike
        segments = [
            segment for placed in keys for segment in self._segments(placed.item, base, memo)
        ]
        line = Strip(segments).crop(self._scroll, self._scroll + room)
        # The cells no key covers: the footer's background alone, as Textual paints it.
        line = line.extend_cell_length(room, Style(bgcolor=self.rich_style.bgcolor))
        if palette is not None:
            line = Strip.join(
                [line, Strip(self._segments(palette.item, base, memo)).crop(0, width - room)]
            )
        return line.simplify()

    # --- the mouse ---------------------------------------------------------------------

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._item_at(event.x)
        if item != self._hover:
            self._hover = item
            self.tooltip = item.tooltip if item is not None and item.tooltip else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll_by(4, event)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll_by(-4, event)

    def _scroll_by(self, cells: int, event: events.MouseEvent) -> None:
        keys, _palette, room = self._placed()
        scrolled = _clamped(self._scroll + cells, keys, room)
        if scrolled != self._scroll:
            self._scroll = scrolled
            self.refresh()
            event.stop()


def _clamped(scroll: int, keys: list[_Placed], room: int) -> int:
    """`scroll` kept between no scroll and the last key's end at the right edge of `room`."""
    return max(0, min(scroll, (keys[-1].end if keys else 0) - room))


def _over(
    styles: RenderStyles, background: Color, color: Color, text_style: Style
) -> tuple[Color, Color, Style]:
    """A layer's rules over what is under it, as Textual's DOMNode.rich_style composes them."""
    if styles.has_rule("background"):
        background = background + styles.background.tint(styles.background_tint)
    if styles.has_rule("color"):
        color = styles.color
    return background, color, text_style + styles.text_style


def _rich(background: Color, color: Color, text_style: Style) -> Style:
    return text_style + Style.from_color(
        (background + color).rich_color if (background.a or color.a) else None,
        background.rich_color if background.a else None,
    )
