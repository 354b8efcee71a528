"""What a reader has in hand while exploring: filter, marks, search results.

A plain object, so the explorer's behaviour can be driven and tested without
a terminal. The screens render it and send it intents; it never knows about
widgets. The panes keep their own cursors (what is on screen); the session
keeps what outlives a cursor move.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple, Protocol

from bbtui.core.model import Dataset

ItemKind = Literal["event", "quote"]


class Result(Protocol):
    """A search hit as the session needs it (see `bbtui.core.search.Hit`)."""

    @property
    def id(self) -> str: ...

    @property
    def event_id(self) -> str: ...

    @property
    def is_quote(self) -> bool: ...


class Item(NamedTuple):
    """The event or quote that copy and mark act on."""

    kind: ItemKind
    id: str


class Jump(NamedTuple):
    """Where a search result leads: an event, and the quote to pick in it."""

    event_id: str
    quote_id: str | None
    position: int
    total: int


class Session:
    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.country_filter: str | None = None
        self._marks: set[str] = set()
        self.last_query = ""
        self.search_events = False  # the search screen's "events too" toggle
        self._results: tuple[Result, ...] = ()
        self._position = -1

    # --- filter ----------------------------------------------------------------

    def set_filter(self, code: str | None) -> bool:
        """Show only one country's events (None: all). False for an unknown code."""
        if code is not None and code not in self.dataset.country_by_code:
            return False
        self.country_filter = code
        return True

    # --- marks -----------------------------------------------------------------

    @property
    def marks(self) -> frozenset[str]:
        """Marked event and quote ids, for export."""
        return frozenset(self._marks)

    def toggle_mark(self, item: Item) -> bool:
        """Mark or unmark `item`; True when it is now marked."""
        if item.id in self._marks:
            self._marks.discard(item.id)
            return False
        self._marks.add(item.id)
        return True

    def marked_events(self) -> frozenset[str]:
        return frozenset(m for m in self._marks if m in self.dataset.event_by_id)

    def events_with_marked_quotes(self) -> frozenset[str]:
        quotes = self.dataset.quote_by_id
        return frozenset(quotes[m].event for m in self._marks if m in quotes)

    def mark_message(self, item: Item, marked: bool) -> str:
        """What the reader is told after `toggle_mark`."""
        verb = "Marked" if marked else "Unmarked"
        count = len(self._marks)
        if count:
            return f"{verb} this {item.kind}; {count} marked for export"
        return f"{verb} this {item.kind}; nothing marked"

    def export_scope(self) -> str:
        """What an export will hold, in the reader's words."""
        quotes = sum(1 for m in self._marks if m in self.dataset.quote_by_id)
        events = len(self._marks) - quotes
        if not self._marks:
            return "Everything (nothing is marked: space marks an event or quote)"
        parts = []
        if events:
            parts.append(f"{events} marked event{'s' if events != 1 else ''}")
        if quotes:
            parts.append(f"{quotes} marked quote{'s' if quotes != 1 else ''}")
        return " and ".join(parts)

    # --- search results --------------------------------------------------------

    @property
    def results(self) -> tuple[Result, ...]:
        return self._results

    def take_results(
        self, query: str, include_events: bool, hits: Sequence[Result], selected: int
    ) -> Jump | None:
        """Remember a finished search; the jump to the chosen hit, if any."""
        self.last_query = query
        self.search_events = include_events
        self._results = tuple(hits)
        self._position = -1
        if 0 <= selected < len(self._results):
            return self._jump(selected)
        return None

    def step_result(self, step: int) -> Jump | None:
        """The next (or previous, step -1) result, wrapping; None with no results."""
        if not self._results:
            return None
        return self._jump((self._position + step) % len(self._results))

    def _jump(self, position: int) -> Jump:
        self._position = position
        hit = self._results[position]
        quote_id = hit.id if hit.is_quote else None
        return Jump(hit.event_id, quote_id, position, len(self._results))
