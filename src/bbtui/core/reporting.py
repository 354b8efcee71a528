"""The words for where a quote was first reported and where it was repeated.

The detail pane, plain mode and the exports all say it the same way, so the
wording lives here (as citation wording lives in `cite`):

    First reported: Reuters, 30 Nov 2015 · Repeated in 1 source: Pakistan Today

Without a first report in the dataset the line opens "First reported: not
recorded". Callers pass `escape` for their medium (terminal-safe text by
default); the line never names a page the dataset does not hold.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from bbtui.core.cite import NO_DATE
from bbtui.core.dataset_view import DatasetView
from bbtui.core.model import Quote, Source
from bbtui.core.textsafe import visible_line

Escape = Callable[[str], str]

FIRST_LABEL = "First reported: "
NOT_RECORDED = "not recorded"
SEPARATOR = " · "


class Reporting(NamedTuple):
    """What the dataset says of one quote's reporting, its sources looked up."""

    first: Source | None
    repeats: tuple[Source, ...]
    note: str | None

    def repeated_label(self) -> str:
        """`Repeated in 2 sources: ` (the outlets follow)."""
        n = len(self.repeats)
        return f"Repeated in {n} source{'s' if n != 1 else ''}: "


def reporting(dataset: DatasetView, quote: Quote) -> Reporting | None:
    """The quote's reporting, or None when the dataset says nothing of it."""
    if not quote.reporting_known:
        return None
    sources = dataset.source_by_id
    first = sources.get(quote.first_reported) if quote.first_reported else None
    repeats = tuple(sources[s] for s in quote.repeated_in if s in sources)
    return Reporting(first, repeats, quote.reported_note)


def first_words(source: Source, *, escape: Escape = visible_line) -> str:
    """`Reuters, 30 Nov 2015`: the outlet and the date the page shows (or n.d.)."""
    date = source.published.display() if source.published else NO_DATE
    return f"{escape(source.outlet)}, {date}"


def reporting_line(
    dataset: DatasetView, quote: Quote, *, escape: Escape = visible_line
) -> str | None:
    """The one-line account (note included), or None when there is nothing to say."""
    found = reporting(dataset, quote)
    if found is None:
        return None
    first = first_words(found.first, escape=escape) if found.first else NOT_RECORDED
    line = FIRST_LABEL + first
    if found.repeats:
        outlets = "; ".join(escape(s.outlet) for s in found.repeats)
        line += SEPARATOR + found.repeated_label() + outlets
    if found.note:
        line += f" ({escape(found.note)})"
    return line
