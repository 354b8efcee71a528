"""The precedent panel: one row per country, laid out for comparison.

Each row shows the country, its years, how the demand ended (symbol and
word, so it survives NO_COLOR) and the sentence saying how, so two endings can
be compared without opening either. The selected event's country is marked
`→` (the timeline's `•` means something else: an event with marked quotes);
when the panel has focus its own cursor picks a country to read in full, and
Enter filters the timeline to it. `?` explains the outcome symbols.

Space picks countries to compare (`✓`, a mark of their own: the detail's
marks are for export) and `v` shows the picked ones side by side.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.strip import Strip
from textual.style import Style

from bbtui.core.model import Country, Dataset
from bbtui.ui.messages import CountryChosen, CountryHighlighted
from bbtui.ui.outcomes import LABEL_WIDTH, STYLE_CLASS, SYMBOLS
from bbtui.ui.text import Part, inert_line
from bbtui.ui.widgets.line_list import LineList

YEARS_WIDTH = len("2008–2013")
NAME_WIDTH_MAX = 22
CURRENT_MARK = "→"  # the selected event's country
PICK_MARK = "✓"  # picked to compare
SUBTITLE = f"{CURRENT_MARK} this event's country · ? symbols · enter filters"
LEAD = 3  # the cursor, pick and current-country columns before the name


class PrecedentPanel(LineList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "choose",
            "Filter timeline",
            id="precedents.filter",
            # The panel's subtitle says it; in the Footer it pushed quit and help off narrow screens.
            show=False,
            tooltip="Show only this country's events in the timeline",
        ),
        # `c` does what Enter does here, which the subtitle says: the Footer
        # leaves it out in this pane (a binding of the panel's own, same id so
        # a keymap moves both) to make room for picking and comparing.
        Binding("c", "screen.filter_country", "", show=False, id="filter.country"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "precedents--current",
        "precedents--picked",
        "precedents--years",
        "precedents--demand",
        *STYLE_CLASS.values(),
    }

    empty_text = "No country precedents in this dataset."

    def __init__(
        self, dataset: Dataset, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.dataset = dataset
        self.countries = dataset.countries
        self.current: str | None = None  # the selected event's country
        self._picked: list[str] = []  # codes picked to compare, in the order picked
        self._index = {c.code: i for i, c in enumerate(self.countries)}
        self._name_width = min(
            NAME_WIDTH_MAX, max((len(c.name) for c in self.countries), default=0)
        )

    @property
    def item_count(self) -> int:
        return len(self.countries)

    @property
    def country(self) -> Country | None:
        """The country under the cursor."""
        return self.countries[self.cursor] if self.countries else None

    def set_current(self, code: str | None) -> None:
        """Mark the selected event's country; the cursor follows while unfocused."""
        if code == self.current:
            return
        # Only the rows of the old and new country change (the row cache is
        # keyed on "current"): repainting just those keeps a cursor move cheap.
        for changed in (self.current, code):
            if changed in self._index:
                self.refresh_line(self._index[changed])
        self.current = code
        if not self.has_focus and code in self._index:
            self.move_to(self._index[code])

    def draw_ahead_of_current(self, codes: Iterable[str]) -> None:
        """Draw the rows `set_current(code)` would show, for each of `codes`.

        The new country's row (marked current, under the cursor while the
        panel is unfocused), the rows around it that scrolling to it may
        bring into view, and the old country's row unmarked.
        """
        shown = self.current
        height = self.scrollable_content_region.height
        try:
            for code in codes:
                if code == shown or code not in self._index:
                    continue
                self.current = code  # only to key and draw the rows as they will be
                row = self._index[code]
                rows = [(row, not self.has_focus)]
                rows += [
                    (near, False) for near in range(row - height + 1, row + height) if near != row
                ]
                if shown in self._index:
                    rows.append((self._index[shown], False))
                self.draw_ahead(rows)
        finally:
            self.current = shown

    @property
    def picked(self) -> tuple[str, ...]:
        """The codes picked to compare, in the order they were picked."""
        return tuple(self._picked)

    def toggle_pick(self, code: str | None = None) -> bool:
        """Pick or unpick a country (default: the cursor's); True when it is now picked."""
        if code is None and self.country is not None:
            code = self.country.code
        if code not in self._index:
            return False
        if code in self._picked:
            self._picked.remove(code)
        else:
            self._picked.append(code)
        self.refresh_line(self._index[code])
        self.border_subtitle = self._subtitle()
        return code in self._picked

    def compare_codes(self) -> tuple[str, ...]:
        """What `v` compares: the picked countries, with the cursor's when only one is picked."""
        codes = list(self._picked)
        country = self.country
        if len(codes) == 1 and country is not None and country.code not in codes:
            codes.append(country.code)
        return tuple(codes)

    def _subtitle(self) -> str:
        from bbtui.ui.screens.explorer_keys import keys_of

        pick = keys_of(self.app, "precedents.pick")
        if not self._picked:
            return f"{SUBTITLE} · {pick} picks"
        compare = keys_of(self.app, "precedents.compare")
        return f"{PICK_MARK} {len(self._picked)} picked · {compare} compares · {pick} unpicks"

    def select_country(self, code: str) -> bool:
        if code not in self._index:
            return False
        self.move_to(self._index[code])
        return True

    # --- rendering -------------------------------------------------------------

    def row_key(self, row: int) -> object:
        code = self.countries[row].code
        return (self.has_focus, code == self.current, code in self._picked)

    def render_row(self, row: int, width: int, is_cursor: bool) -> Strip:
        country = self.countries[row]
        is_current = country.code == self.current
        base = self.get_visual_style("list--cursor") if is_cursor else self.get_visual_style()
        # On the cursor row the cursor colours win, for contrast in every theme.
        part = self._part_style if not is_cursor else _no_style
        name_style = part("precedents--current") if is_current else ""
        outcome_style = part(STYLE_CLASS[country.outcome])
        # Columns give way from the right and the name shrinks, but the outcome
        # word always fits: it is what the panel is for.
        outcome_width = 2 + 2 + LABEL_WIDTH
        show_years = width >= LEAD + 8 + 2 + YEARS_WIDTH + outcome_width
        fixed = LEAD + outcome_width + (2 + YEARS_WIDTH if show_years else 0)
        name_width = max(4, min(self._name_width, width - fixed))
        name = inert_line(country.name, name_style).truncate(name_width, ellipsis=True, pad=True)
        parts: list[Part] = [
            ("▸" if is_cursor else " ", ""),
            (PICK_MARK if country.code in self._picked else " ", part("precedents--picked")),
            (CURRENT_MARK if is_current else " ", name_style),
            name,
        ]
        if show_years:
            parts += ["  ", (country.years.ljust(YEARS_WIDTH), part("precedents--years"))]
        parts += [
            "  ",
            (SYMBOLS[country.outcome], outcome_style),
            " ",
            (country.outcome.label.ljust(LABEL_WIDTH), outcome_style),
        ]
        if width - (fixed + name_width) > 12:
            # How it ended, in the dataset's words: what a reader compares.
            parts += ["  ", inert_line(country.outcome_summary, part("precedents--demand"))]
        content = Content.assemble(*parts).truncate(width, ellipsis=True, pad=True)
        return Strip(content.render_segments(base), width)

    def _part_style(self, component: str) -> Style:
        return self.part_style(component)

    # --- announcing ------------------------------------------------------------

    def cursor_moved(self) -> None:
        country = self.country
        if country is not None:
            self.post_message(CountryHighlighted(country))

    def action_choose(self) -> None:
        country = self.country
        if country is not None:
            self.post_message(CountryChosen(country))

    def on_mount(self) -> None:
        self.rows_changed()
        n = len(self.countries)
        self.border_title = f"Precedents · {n} {'country' if n == 1 else 'countries'}"
        self.border_subtitle = self._subtitle()


def _no_style(component: str) -> str:
    return ""
