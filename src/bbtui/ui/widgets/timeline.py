"""The timeline: every event in date order, one line each, grouped by year.

Rows are computed, never stored: events arrive sorted by date, so the year
groups are found by binary search and a row number maps to an event (or a
year heading) in O(log years). Filtering to a country swaps the list of
positions and nothing else, so 100k events filter and paint instantly.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.strip import Strip
from textual.style import Style

from bbtui.core.model import Dataset, Event
from bbtui.ui import compat
from bbtui.ui.messages import EventChosen
from bbtui.ui.text import inert_line
from bbtui.ui.widgets.line_list import LineList

DATE_WIDTH = len("30 Nov 2015")


class Timeline(LineList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "choose",
            "Read",
            id="timeline.read",
            show=False,
            tooltip="Read the selected event in the detail pane",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--year",
        "timeline--date",
        "timeline--country",
        "timeline--mark",
    }

    empty_text = "No events."

    def __init__(
        self,
        dataset: Dataset,
        *,
        id: str | None = None,
        classes: str | None = None,
        highlight_listener: Callable[[Event | None], None] | None = None,
        start_event: str | None = None,
    ) -> None:
        """`start_event`: the id of the event the cursor starts on (None or unknown: the first)."""
        super().__init__(id=id, classes=classes)
        self.dataset = dataset
        # Told the event under the cursor each time it settles (None: empty).
        self.highlight_listener = highlight_listener
        self.country: str | None = None  # the active filter
        self.marked: frozenset[str] = frozenset()  # event ids
        self.with_marked_quotes: frozenset[str] = frozenset()  # event ids
        self._positions: Sequence[int] = range(len(dataset.events))
        self._group_starts: list[int] = []  # item index where each year begins
        self._group_years: list[int] = []
        self._heading_rows: list[int] = []  # row of each year heading
        self._titles: tuple[str | Content, str | None] | None = (
            None  # (border title, filter) last shown
        )
        self._subtitle_text: str | None = None
        self._regroup()
        start = dataset.event_index.get(start_event) if start_event is not None else None
        if start is not None:
            # Set, not assigned: the watcher would announce it before mount;
            # on_mount announces it once (unfiltered, an item is a position).
            self.set_reactive(LineList.cursor, start)

    # --- what the timeline holds -------------------------------------------

    @property
    def item_count(self) -> int:
        return len(self._positions)

    @property
    def row_count(self) -> int:
        return len(self._positions) + len(self._group_starts)

    @property
    def event(self) -> Event | None:
        """The event under the cursor."""
        if not self._positions:
            return None
        return self.dataset.events[self._positions[self.cursor]]

    def events_near(self, reach: int = 1) -> list[Event]:
        """The events up to `reach` items after and before the cursor, nearest first."""
        items = [self.cursor + step for n in range(1, reach + 1) for step in (n, -n)]
        positions = self._positions
        return [self.dataset.events[positions[i]] for i in items if 0 <= i < len(positions)]

    @property
    def events(self) -> list[Event]:
        """The events shown, in order (for tests and exports; O(n))."""
        return [self.dataset.events[p] for p in self._positions]

    def _year(self, position: int) -> int:
        # One small read on a store, not the event's whole row (bisected 600 times at 100k).
        return self.dataset.year_at(position)

    def _regroup(self) -> None:
        positions = self._positions
        starts: list[int] = []
        years: list[int] = []
        item = 0
        while item < len(positions):
            year = self._year(positions[item])
            starts.append(item)
            years.append(year)
            item = bisect_right(positions, year, lo=item, key=self._year)
        self._group_starts = starts
        self._group_years = years
        self._heading_rows = [start + n for n, start in enumerate(starts)]

    def row_of(self, item: int) -> int:
        return item + bisect_right(self._group_starts, item)

    def item_at(self, row: int) -> int | None:
        group = bisect_right(self._heading_rows, row) - 1
        if group < 0 or row == self._heading_rows[group]:
            return None
        item = row - group - 1
        return item if item < len(self._positions) else None

    # --- filtering and jumping ---------------------------------------------

    def set_filter(self, country: str | None) -> None:
        """Show only `country`'s events (None: all), keeping the selection close.

        The selected event stays selected if it is still shown; otherwise the
        cursor goes to the shown event nearest in time.
        """
        current = self._positions[self.cursor] if self._positions else 0
        self.country = country
        if country is None:
            self._positions = range(len(self.dataset.events))
        else:
            self._positions = self.dataset.events_by_country.get(country, ())
        self._regroup()
        self.rows_changed()
        self.move_to(self._nearest_item(current))
        self.call_after_refresh(self.scroll_to_cursor)

    def _nearest_item(self, position: int) -> int:
        positions = self._positions
        if not positions:
            return 0
        item = bisect_right(positions, position) - 1
        if item >= 0 and positions[item] == position:
            return item
        before, after = item, item + 1
        if before < 0:
            return after
        if after >= len(positions):
            return before
        key = self.dataset.events[position].date.sort_key
        gap_before = _distance(self.dataset.events[positions[before]].date.sort_key, key)
        gap_after = _distance(self.dataset.events[positions[after]].date.sort_key, key)
        return before if gap_before <= gap_after else after

    def select_event(self, event_id: str) -> bool:
        """Move the cursor to an event; False if it is not shown."""
        position = self.dataset.event_index.get(event_id)
        if position is None:
            return False
        item = bisect_right(self._positions, position) - 1
        if item < 0 or self._positions[item] != position:
            return False
        self.move_to(item)
        return True

    def set_marked(self, events: frozenset[str], with_quotes: frozenset[str] = frozenset()) -> None:
        """Events marked for export (●) and events with marked quotes (•)."""
        self.marked = events
        self.with_marked_quotes = with_quotes
        self._strips.clear()
        self.refresh()

    # --- rendering -------------------------------------------------------------

    def row_key(self, row: int) -> object:
        return self.has_focus

    def render_row(self, row: int, width: int, is_cursor: bool) -> Strip:
        item = self.item_at(row)
        if item is None:
            group = bisect_right(self._heading_rows, row) - 1
            return self._render_year(self._group_years[group], width)
        event = self.dataset.events[self._positions[item]]
        base = self.get_visual_style("list--cursor") if is_cursor else self.get_visual_style()
        # On the cursor row the cursor colours win, for contrast in every theme.
        part = self._part_style if not is_cursor else _no_style
        content = Content.assemble(
            ("▸" if is_cursor else " ", ""),
            (self._mark(event.id), part("timeline--mark")),
            (event.date.display().rjust(DATE_WIDTH), part("timeline--date")),
            "  ",
            inert_line(event.country, part("timeline--country")),
            "  ",
            inert_line(event.title),
        ).truncate(width, ellipsis=True, pad=True)
        return Strip(content.render_segments(base), width)

    def _render_year(self, year: int, width: int) -> Strip:
        label = f" {year} "
        content = Content.styled(
            "─" * (DATE_WIDTH - len(label) + 2) + label + "─" * width,
        ).truncate(width)
        return Strip(content.render_segments(self.get_visual_style("timeline--year")), width)

    def _mark(self, event_id: str) -> str:
        if event_id in self.marked:
            return "●"
        return "•" if event_id in self.with_marked_quotes else " "

    def _part_style(self, component: str) -> Style:
        return self.part_style(component)

    # --- announcing ------------------------------------------------------------

    def cursor_moved(self) -> None:
        self._update_titles()
        # Called, not posted as a message: whatever the listener changes (the
        # detail pane) is then drawn in the same frame as the cursor. A message
        # reached the screen after the timeline's own frame had been written,
        # so one key cost two or three writes to the terminal.
        if self.highlight_listener is not None:
            self.highlight_listener(self.event)

    def action_choose(self) -> None:
        event = self.event
        if event is not None:
            self.post_message(EventChosen(event))

    def _update_titles(self) -> None:
        total = len(self.dataset.events)
        shown = len(self._positions)
        title: str | Content
        if self.country is None:
            title = f"Timeline · {total:,} events"
        else:
            country = self.dataset.country_by_code.get(self.country)
            name = country.name if country else self.country
            title = Content.assemble(
                "Timeline · ", inert_line(name), f" · {shown:,} of {total:,} events"
            )
        subtitle = (
            f"{self.cursor + 1:,}/{shown:,}" + ("  filtered · esc clears" if self.country else "")
            if shown
            else ("esc clears the filter" if self.country else "")
        )
        # Setting a border title repaints the whole pane: on a plain cursor
        # move only the position in the subtitle changes, so repaint that row.
        if (title, self.country) != self._titles:
            self._titles = (title, self.country)
            self.border_title = title
            self.border_subtitle = subtitle
        elif subtitle != self._subtitle_text:
            compat.set_border_subtitle_repainting_one_row(self, subtitle)
        self._subtitle_text = subtitle

    def on_mount(self) -> None:
        self.rows_changed()
        self.move_to(self.cursor)


def _distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> int:
    """A rough gap in days between two sort keys (missing parts count as 0)."""
    return abs((a[0] - b[0]) * 372 + (a[1] - b[1]) * 31 + (a[2] - b[2]))


def _no_style(component: str) -> str:
    return ""
