"""The story as linear text, for screen readers, Braille displays and pipes.

A full-screen UI is unusable with a screen reader or over a `TERM=dumb`
line, and useless to a script. This is the same content in reading order:
each event with its date, country, title, summary, quotes (with attribution
and citation), notes and sources, then the country precedents.

Rules, so assistive technology reads it well: one fact per line, each line
starting with a word label (`Quote:`, `Source:`) rather than a symbol; no
escape sequences, no box drawing, no progress output; nothing wrapped (the
reader's device wraps). Dataset text is made inert with `textsafe`.

The citation of a source goes through `cite_source` (default: the house
style of `bbtui.core.cite`); a caller with a chosen citation style passes
that style's function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from bbtui.core.cite import quote_attribution, source_citation
from bbtui.core.dataset_view import DatasetView
from bbtui.core.model import Country, Event, Note, NoteKind, PartialDate, Quote, Source
from bbtui.core.reporting import FIRST_LABEL, NOT_RECORDED, first_words, reporting
from bbtui.core.textsafe import visible_line

CiteSource = Callable[[Source], str]

NOTE_LABELS = {
    NoteKind.CONFLICT: "Note (sources disagree)",
    NoteKind.UNCONFIRMED: "Note (unconfirmed)",
    NoteKind.CORRECTION: "Note (correction)",
}


def _date(date: PartialDate, note: str | None) -> str:
    return f"{date.display()} ({visible_line(note)})" if note else date.display()


def _notes(dataset: DatasetView, notes: Iterable[Note], indent: str = "") -> Iterator[str]:
    for note in notes:
        outlets = "; ".join(
            visible_line(dataset.source_by_id[s].outlet)
            for s in note.sources
            if s in dataset.source_by_id
        )
        cited = f" (sources: {outlets})" if outlets else ""
        yield f"{indent}{NOTE_LABELS[note.kind]}: {visible_line(note.text)}{cited}"


def quote_lines(dataset: DatasetView, quote: Quote, cite_source: CiteSource) -> Iterator[str]:
    yield f"Quote: “{visible_line(quote.text)}”"
    yield f"  Said by: {quote_attribution(quote)}"
    yield f"  Citation: {cite_source(dataset.source_by_id[quote.source])}"
    yield from _reporting_lines(dataset, quote)
    yield from _notes(dataset, quote.notes, "  ")


def _reporting_lines(dataset: DatasetView, quote: Quote) -> Iterator[str]:
    """Where the words were first reported and repeated, a line each (when recorded)."""
    found = reporting(dataset, quote)
    if found is None:
        return
    yield f"  {FIRST_LABEL}{first_words(found.first) if found.first else NOT_RECORDED}"
    if found.repeats:
        outlets = "; ".join(visible_line(s.outlet) for s in found.repeats)
        yield f"  {found.repeated_label()}{outlets}"
    if found.note:
        yield f"  Reporting note: {visible_line(found.note)}"


def event_lines(
    dataset: DatasetView, event: Event, cite_source: CiteSource = source_citation
) -> Iterator[str]:
    """One event, its quotes, notes and sources; a line each."""
    country = dataset.country_by_code[event.country]
    position = dataset.event_index[event.id] + 1
    yield f"Event {position} of {len(dataset.events)}: {visible_line(event.title)}"
    yield f"Date: {_date(event.date, event.date_note)}"
    yield f"Country: {visible_line(country.name)} ({country.code})"
    yield f"Summary: {visible_line(event.summary)}"
    for quote in dataset.quotes_for(event.id):
        yield from quote_lines(dataset, quote, cite_source)
    yield from _notes(dataset, event.notes)
    for source in dataset.sources_for(event.sources):
        yield f"Source: {cite_source(source)}"
    yield f"Event id: {visible_line(event.id)}"


def country_lines(
    dataset: DatasetView, country: Country, cite_source: CiteSource = source_citation
) -> Iterator[str]:
    """A country's precedent: the demand, the response and how it ended."""
    yield f"Precedent: {visible_line(country.name)} ({country.code}), {country.years}"
    yield f"Demand: {visible_line(country.demand)}"
    yield f"Response: {visible_line(country.response)}"
    yield f"Outcome: {country.outcome.label}. {visible_line(country.outcome_summary)}"
    yield from _notes(dataset, country.notes)
    for source in dataset.sources_for(country.sources):
        yield f"Source: {cite_source(source)}"


def story(
    dataset: DatasetView,
    *,
    events: Iterable[Event] | None = None,
    countries: Iterable[Country] | None = None,
    cite_source: CiteSource = source_citation,
) -> Iterator[str]:
    """The whole text, line by line (no newlines inside a line).

    `events` and `countries` narrow it (default: all of each, in timeline
    and file order); a heading says what was left out.
    """
    chosen_events = list(dataset.events if events is None else events)
    chosen_countries = list(dataset.countries if countries is None else countries)
    whole = events is None and countries is None
    yield visible_line(dataset.title)
    if whole and dataset.description.strip():
        yield visible_line(dataset.description.strip())
    yield ""
    noun = "event" if len(chosen_events) == 1 else "events"
    yield f"Timeline: {len(chosen_events)} {noun}" + ("" if whole else f" of {len(dataset.events)}")
    yield ""
    for event in chosen_events:
        yield from event_lines(dataset, event, cite_source)
        yield ""
    if chosen_countries:
        noun = "country" if len(chosen_countries) == 1 else "countries"
        yield f"Precedents: {len(chosen_countries)} {noun}"
        yield ""
        for country in chosen_countries:
            yield from country_lines(dataset, country, cite_source)
            yield ""
