"""Messages the panes post; the explorer screen routes them to the other panes.

Panes never reach into each other: a list says what its cursor points at, and
the screen decides what the rest of the view shows. The timeline's cursor
moves are the exception to "by message": it calls the screen's listener, so
the detail pane changes in the frame that moves the cursor (one write to the
terminal per key, where a message arrived a frame late).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.message import Message

from bbtui.core.model import Country, Event

if TYPE_CHECKING:
    from bbtui.core.search import QuoteIndex
    from bbtui.core.store.search import StoreIndex


@dataclass
class EventChosen(Message):
    """Enter (or a double click) on a timeline row: the reader wants the detail."""

    event: Event


@dataclass
class CountryHighlighted(Message):
    """The precedent panel cursor moved."""

    country: Country


@dataclass
class CountryChosen(Message):
    """Enter on a country: filter the timeline to it."""

    country: Country


@dataclass
class IndexReady(Message):
    """The search index finished building (None, with `error`, when it failed)."""

    index: QuoteIndex | StoreIndex | None
    error: str | None = None


@runtime_checkable
class IndexConsumer(Protocol):
    """A screen that waits for the search index (the search screen)."""

    def index_ready(self, index: QuoteIndex | StoreIndex | None, error: str | None) -> None: ...
