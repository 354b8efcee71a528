"""Which events and quotes an export covers.

A reader marks events and quotes (or names them with `--only`): an event
brings all its quotes; a quote brings only itself, with its event as
context (its date and title, to say when and about what), not the event's
summary, notes and sources, and not the event's other quotes. Nothing named
means everything.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from bbtui.core.dataset_view import DatasetView
from bbtui.core.model import Country, Event, Note, Quote, Source


class UnknownIdError(ValueError):
    """An id that names neither an event nor a quote."""

    def __init__(self, unknown: str, suggestion: str | None) -> None:
        self.unknown = unknown
        self.suggestion = suggestion
        # repr() shows control characters as escapes: the id came from the user.
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        super().__init__(f"no event or quote has the id {unknown!r}{hint}")


@dataclass(frozen=True)
class Selection:
    """The chosen part of a dataset, in the dataset's own orders."""

    dataset: DatasetView
    # With nothing named these are the dataset's own sequences, which a store
    # reads a chunk at a time: exporters iterate them, never copy them.
    events: Sequence[Event]  # timeline order, context events included
    quotes: Sequence[Quote]  # file order
    # Events present only as the context of marked quotes: exporters show
    # their date and title, not their summary, notes or sources.
    context: frozenset[str] = frozenset()
    everything: bool = False

    def is_context(self, event_id: str) -> bool:
        return event_id in self.context

    @cached_property
    def _quote_ids(self) -> frozenset[str]:
        return frozenset(q.id for q in self.quotes)

    def quotes_for(self, event_id: str) -> tuple[Quote, ...]:
        quotes = self.dataset.quotes_for(event_id)
        if len(self.quotes) == len(self.dataset.quotes):
            return quotes  # everything chosen
        return tuple(q for q in quotes if q.id in self._quote_ids)

    @property
    def countries(self) -> tuple[Country, ...]:
        codes = {e.country for e in self.events}
        return tuple(c for c in self.dataset.countries if c.code in codes)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source the chosen records (and their notes) cite, in file order."""
        return tuple(self.iter_sources())

    def iter_sources(self) -> Iterator[Source]:
        """`sources` one at a time: only the cited ids are held, not the records."""
        cited: set[str] = set()
        codes: set[str] = set()

        def cite_notes(notes: tuple[Note, ...]) -> None:
            for note in notes:
                cited.update(note.sources)

        for event in self.events:  # one pass: the countries are those of these events
            codes.add(event.country)
            # A context event is still a record a dataset export must keep
            # valid, so its sources stay; formats for reading skip them.
            cited.update(event.sources)
            cite_notes(event.notes)
        for country in self.dataset.countries:
            if country.code in codes:
                cited.update(country.sources)
                cite_notes(country.notes)
        for quote in self.quotes:
            cited.add(quote.source)
            # Where the words were first reported and repeated: cited pages too.
            cited.update(quote.repeated_in)
            if quote.first_reported is not None:
                cited.add(quote.first_reported)
            cite_notes(quote.notes)
        return (s for s in self.dataset.sources if s.id in cited)


def select(dataset: DatasetView, only: Iterable[str] | None = None) -> Selection:
    """Resolve `only` (event and quote ids); raise UnknownIdError for a stray id.

    None or an empty collection means everything (the app passes its marks,
    and nothing marked means export it all).
    """
    only = list(only or ())
    if not only:
        return Selection(dataset, dataset.events, dataset.quotes, everything=True)
    event_ids: set[str] = set()  # marked events
    quote_ids: set[str] = set()
    context: set[str] = set()
    for item in only:
        if item in dataset.event_by_id:
            event_ids.add(item)
            quote_ids.update(q.id for q in dataset.quotes_for(item))
        elif item in dataset.quote_by_id:
            quote_ids.add(item)
            context.add(dataset.quote_by_id[item].event)
        else:
            # Records, not the look-up tables: a store's cannot be iterated.
            known = [e.id for e in dataset.events] + [q.id for q in dataset.quotes]
            close = difflib.get_close_matches(item, known, n=1)
            raise UnknownIdError(item, close[0] if close else None)
    context -= event_ids
    return Selection(
        dataset,
        tuple(e for e in dataset.events if e.id in event_ids or e.id in context),
        tuple(q for q in dataset.quotes if q.id in quote_ids),
        frozenset(context),
    )
