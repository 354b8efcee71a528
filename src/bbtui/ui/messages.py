"""Messages the panes post; the explorer screen routes them to the other panes.

Panes never reach into each other: a list says what its cursor points at, and
the screen decides what the rest of the view shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from bbtui.core.model import Country, Event


@dataclass
class EventHighlighted(Message):
    """The timeline cursor moved (None: the timeline is empty)."""

    event: Event | None


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
