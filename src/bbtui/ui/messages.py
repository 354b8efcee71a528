"""Messages the panes post; the explorer screen routes them to the other panes.

Panes never reach into each other: a list says what its cursor points at, and
the screen decides what the rest of the view shows. The timeline's cursor
moves are the exception to "by message": it calls the screen's listener, so
the detail pane changes in the frame that moves the cursor (one write to the
terminal per key, where a message arrived a frame late).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.message import Message

from bbtui.core.model import Country, Event

if TYPE_CHECKING:
    from bbtui.core.search import QuoteIndex
    from bbtui.core.store.search import StoreIndex


class EventChosen(Message):
    """Enter (or a double click) on a timeline row: the reader wants the detail."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event


class CountryHighlighted(Message):
    """The precedent panel cursor moved."""

    def __init__(self, country: Country) -> None:
        super().__init__()
        self.country = country


class CountryChosen(Message):
    """Enter on a country: filter the timeline to it."""

    def __init__(self, country: Country) -> None:
        super().__init__()
        self.country = country


class IndexReady(Message):
    """The search index finished building (None, with `error`, when it failed)."""

    def __init__(self, index: QuoteIndex | StoreIndex | None, error: str | None = None) -> None:
        super().__init__()
        self.index = index
        self.error = error


@runtime_checkable
class IndexConsumer(Protocol):
    """A screen that waits for the search index (the search screen)."""

    def index_ready(self, index: QuoteIndex | StoreIndex | None, error: str | None) -> None: ...
