"""Precedents side by side: one column per country, the same rows aligned across them.

Each row of `core.compare.ROWS` (how it ended, what the government asked, ...)
starts on the same line in every column, so a reader's eye moves across to
compare. The header (country, outcome symbol and word, years) stays put while
the rows scroll. As many columns are shown as fit at a readable width (two
at 80 columns, three at 120); the others are a `←`/`→` away (the screen's
keys), a whole column at a time. Under about 70 columns that is one country
per screen: scrolling sideways keeps the rows aligned, where stacking the
countries would put the two endings a screen apart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from bbtui.core.compare import ROWS, Precedent
from bbtui.core.model import Outcome
from bbtui.ui.outcomes import STYLE_CLASS, SYMBOLS
from bbtui.ui.text import inert, inert_line
from bbtui.ui.widgets.line_list import TRANSPARENT
from bbtui.ui.widgets.wrap import line_cuts

MIN_WIDTH = 34  # a column narrower than this reads as a word list
GAP = " │ "


@dataclass(frozen=True)
class TableLayout:
    """The table at one width, showing columns `first` to `first + shown`."""

    first: int
    shown: int
    header: list[Content]
    body: list[Content]


class CompareTable(ScrollView, can_focus=True, inherit_bindings=False):
    # Parsed when this first opens, not at start-up (see bbtui.tcss).
    DEFAULT_CSS = """
    CompareTable {
        height: 1fr;
        border: round $border;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .compare--name { color: $text-primary; text-style: bold; }
        & > .compare--muted { color: $text-muted; }
        & > .compare--label { color: $text-accent; text-style: bold; }
        & > .compare--rule { color: $border-blurred; }
        & > .compare--disputed { color: $text-warning; text-style: italic; }
        & > .outcome--none { color: $text-success; text-style: bold; }
        & > .outcome--some { color: $text-warning; text-style: bold; }
        & > .outcome--full { color: $text-error; text-style: bold; }
        & > .outcome--unknown { color: $text-muted; text-style: bold; }
        & > .outcome--disputed { color: $text-warning; text-style: bold italic; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="compare.scroll-down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="compare.scroll-up"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="compare.page-down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="compare.page-up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="compare.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="compare.bottom"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "compare--name",
        "compare--muted",
        "compare--label",
        "compare--rule",
        "compare--disputed",
        *STYLE_CLASS.values(),
    }

    def __init__(self, precedents: list[Precedent], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.precedents = precedents
        self.first = 0  # the leftmost column shown
        self._layouts: LRUCache[tuple[int, int], TableLayout] = LRUCache(8)

    # --- what is shown -------------------------------------------------------

    def fitting(self, width: int) -> int:
        """How many columns of at least MIN_WIDTH fit in `width` cells."""
        return max(1, (width + len(GAP)) // (MIN_WIDTH + len(GAP)))

    @property
    def shown(self) -> list[Precedent]:
        """The precedents whose columns are on screen, left to right."""
        layout = self.table_layout()
        return self.precedents[layout.first : layout.first + layout.shown]

    def table_layout(self) -> TableLayout:
        # One cell kept free on the right: text against the scrollbar reads as cut off.
        width = max(1, self.scrollable_content_region.width - 1)
        shown = min(len(self.precedents), self.fitting(width))
        first = max(0, min(self.first, len(self.precedents) - shown))
        key = (width, first)
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._lay_out(width, first, shown)
            self._layouts[key] = layout
        return layout

    def _lay_out(self, width: int, first: int, shown: int) -> TableLayout:
        # The cells left over go one each to the first columns: equal to a cell.
        base, extra = divmod(max(shown, width - len(GAP) * (shown - 1)), max(1, shown))
        widths = [base + (i < extra) for i in range(shown)]
        chosen = self.precedents[first : first + shown]
        header = self._join(
            [self._header(p, w) for p, w in zip(chosen, widths, strict=True)], widths
        )
        spacer = self._join([[] for _ in chosen], widths)
        label = self._part("compare--label")
        body: list[Content] = []
        for title, text_of in ROWS:
            cells = [
                [Content.styled(title, label), *_wrapped(inert(text_of(p)), w)]
                for p, w in zip(chosen, widths, strict=True)
            ]
            body += [*spacer, *self._join(cells, widths)] if body else self._join(cells, widths)
        return TableLayout(first, shown, header, body)

    def _header(self, precedent: Precedent, width: int) -> list[Content]:
        country = precedent.country
        name = Content.assemble(
            inert_line(country.name), (f" ({country.code})", self._part("compare--muted"))
        ).stylize_before(self._part("compare--name"))
        outcome = self._part(STYLE_CLASS[country.outcome])
        meta = [
            (f"{SYMBOLS[country.outcome]} {country.outcome.label}", outcome),
            (f" · {country.years}", self._part("compare--muted")),
        ]
        if precedent.disputes and country.outcome is not Outcome.DISPUTED:
            meta.append((" · accounts differ", self._part("compare--disputed")))
        rule = Content.styled("─" * width, self._part("compare--rule"))
        return [*_wrapped(name, width), *_wrapped(Content.assemble(*meta), width), rule]

    def _join(self, cells: list[list[Content]], widths: list[int]) -> list[Content]:
        """Columns of lines side by side, the shorter ones padded, a rule between."""
        height = max(1, *(len(lines) for lines in cells))
        gap = Content.styled(GAP, self._part("compare--rule"))
        rows = []
        for y in range(height):
            parts = [
                (lines[y] if y < len(lines) else Content("")).truncate(width, pad=True)
                for lines, width in zip(cells, widths, strict=True)
            ]
            rows.append(gap.join(parts))
        return rows

    def _part(self, component: str) -> Style:
        # No background of its own: colours resolve against the table's (see LineList.part_style).
        return replace(self.get_visual_style(component), background=TRANSPARENT)

    # --- rendering -----------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self.table_layout()
        if y < len(layout.header):
            line = layout.header[y]
        else:
            row = self.scroll_offset.y + y - len(layout.header)
            line = layout.body[row] if 0 <= row < len(layout.body) else Content("")
        base = self.get_visual_style()
        return Strip(line.truncate(width, pad=True).render_segments(base), width)

    def _update_size(self) -> None:
        layout = self.table_layout()
        self.virtual_size = Size(0, len(layout.header) + len(layout.body))
        total = len(self.precedents)
        self.border_title = f"Comparing {total} countries"
        if layout.shown < total:
            first, last = layout.first + 1, layout.first + layout.shown
            which = f"{first}" if first == last else f"{first}–{last}"
            self.border_subtitle = f"{which} of {total} · ← → the others · esc back"
        else:
            self.border_subtitle = "esc back"
        self.refresh()
        # The screen offers ← and → only while some columns are off screen.
        self.screen.refresh_bindings()

    def on_mount(self) -> None:
        self._update_size()

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._layouts.clear()

    @property
    def can_page(self) -> bool:
        """Whether some columns are off screen."""
        return self.table_layout().shown < len(self.precedents)

    def page(self, step: int) -> None:
        """Move the columns shown by `step` countries."""
        layout = self.table_layout()
        last_first = len(self.precedents) - layout.shown
        self.first = max(0, min(layout.first + step, last_first))
        self._update_size()


def _wrapped(content: Content, width: int) -> list[Content]:
    return [content[start:end] for start, end in line_cuts(content.plain, width)]
