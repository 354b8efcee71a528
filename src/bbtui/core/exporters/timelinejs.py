"""TimelineJS 3: a JSON document Knight Lab's TimelineJS renders unchanged.

Follows the TimelineJS 3 JSON format (see docs/export.md):
- a `title` slide; `events` with `start_date` {year, month?, day?} as
  integers, giving only the parts the dataset knows (never an invented day);
  `text` {headline, text}; `group` (the country); `unique_id` (the event id,
  so `#event-<id>` links to it); `eras`, one per country's dispute.
- TimelineJS drops an era's end date when every part the start gives is
  equal in the end (so `{2010}` to `{2010, 12}` loses its end), then refuses
  the whole timeline ("All eras must have start and end dates"). An era is
  a span of whole years, so it runs from 1 January of the first year to
  31 December of the last: never equal, even for a one-year dispute.
- TimelineJS inserts headlines and text as HTML (after DOMPurify), so `&`,
  `<` and `>` in dataset text are escaped and quotes are built as HTML from
  escaped text. `group` is different: the library strips tags, decodes
  entities and inserts the result as HTML, so an escaped `&lt;` there would
  come back to life. Angle brackets are removed from it instead, and an
  `&` that could start an entity becomes a full-width `＆`.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Container, Iterable, Iterator
from typing import Any

from bbtui.core import cite
from bbtui.core.dataset_view import DatasetView
from bbtui.core.exporters.pieces import Items, gathered, json_object
from bbtui.core.exporters.selection import Selection, select
from bbtui.core.exporters.urls import linkable
from bbtui.core.model import Country, Event, Note, PartialDate, Quote
from bbtui.core.textsafe import visible, visible_line


class TimelineError(ValueError):
    """The selection cannot make a timeline TimelineJS would render."""


def escape_text(text: str) -> str:
    """One line of dataset text for an HTML field."""
    return html.escape(visible_line(text), quote=False)


def _paragraphs(text: str) -> str:
    """Dataset text as HTML paragraphs, its line breaks kept."""
    paragraphs = [p for p in visible(text).split("\n\n") if p.strip()] or [""]
    return "".join(
        "<p>"
        + "<br>".join(html.escape(line, quote=False) for line in p.strip().split("\n"))
        + "</p>"
        for p in paragraphs
    )


# An `&` that could start an entity (`&lt;`, `&#60;`, even `&lt` without
# the semicolon) becomes a full-width ampersand; `Trinidad & Tobago` stays.
_ENTITY_START = re.compile(r"&(?=[#A-Za-z0-9])")


def group_text(text: str) -> str:
    """Dataset text for `group`: no tags possible, and no entities either.

    TimelineJS decodes entities in this field and inserts the result as HTML,
    so `&lt;img ...&gt;` written as text would become a live tag.
    """
    text = visible_line(text).replace("<", "").replace(">", "")
    return _ENTITY_START.sub("＆", text)


def _link(url: str) -> str:
    safe = linkable(url)
    if safe is None:
        return escape_text(url)
    shown = html.escape(safe, quote=False)
    return f'<a href="{html.escape(safe, quote=True)}">{shown}</a>'


def _date(date: PartialDate) -> dict[str, int]:
    parts = {"year": date.year}
    if date.month is not None:
        parts["month"] = date.month
    if date.day is not None:
        parts["day"] = date.day
    return parts


def _sources(dataset: DatasetView, source_ids: Iterable[str]) -> str:
    citations = [
        cite.source_citation(s, escape=escape_text, link=_link)
        for s in dataset.sources_for(list(dict.fromkeys(source_ids)))
    ]
    return "; ".join(citations)


def _note(dataset: DatasetView, note: Note) -> str:
    return (
        f"<p><em>Note ({note.kind.value}):</em> {escape_text(note.text)} "
        f"(sources: {_sources(dataset, note.sources)})</p>"
    )


def _quote(dataset: DatasetView, quote: Quote) -> str:
    line = cite.citation_line(dataset, quote, escape=escape_text, link=_link)
    notes = "".join(_note(dataset, n) for n in quote.notes)
    return f"<blockquote>{_paragraphs('“' + quote.text + '”')}<p>{line}</p>{notes}</blockquote>"


def _event(
    dataset: DatasetView, event: Event, quotes: tuple[Quote, ...], context_only: bool
) -> dict[str, Any]:
    # An event there only as the context of marked quotes shows just those quotes.
    body = "" if context_only else _paragraphs(event.summary)
    if event.date_note:
        body += f"<p><em>Date:</em> {escape_text(event.date_note)}</p>"
    body += "".join(_quote(dataset, q) for q in quotes)
    if not context_only:
        body += "".join(_note(dataset, n) for n in event.notes)
        body += f"<p>Sources: {_sources(dataset, event.sources)}</p>"
    return {
        "start_date": _date(event.date),
        "text": {"headline": escape_text(event.title), "text": body},
        "group": group_text(dataset.country_by_code[event.country].name),
        "unique_id": event.id,
    }


def _era(country: Country) -> dict[str, Any]:
    return {
        "start_date": {"year": country.first_year, "month": 1, "day": 1},
        "end_date": {"year": country.last_year, "month": 12, "day": 31},
        "text": {"headline": escape_text(country.name)},
    }


def _title_id(dataset: DatasetView, chosen: Selection) -> str:
    """An id for the title slide that no event has.

    Without one TimelineJS makes it from the title's words, and an event whose
    id matched would be renamed, breaking its `#event-<id>` link.
    """
    # Everything chosen: a look-up or two in the dataset, not a set of every id.
    taken: Container[str] = (
        dataset.event_by_id if chosen.everything else {e.id for e in chosen.events}
    )
    title_id = "title"
    while title_id in taken:
        title_id += "-slide"
    return title_id


def _fields(dataset: DatasetView, only: Iterable[str] | None) -> list[tuple[str, Any]]:
    chosen = select(dataset, only)
    if not chosen.events:
        # TimelineJS shows only an error for an empty `events` list.
        raise TimelineError("a TimelineJS timeline needs at least one event")
    shown: set[str] = set()  # the countries of the events, for their eras after them

    def events() -> Iterator[dict[str, Any]]:
        for e in chosen.events:
            shown.add(e.country)
            yield _event(dataset, e, chosen.quotes_for(e.id), chosen.is_context(e.id))

    return [
        ("title", {
            "unique_id": _title_id(dataset, chosen),
            "text": {
                "headline": escape_text(dataset.title),
                "text": _paragraphs(dataset.description) if dataset.description.strip() else "",
            },
        }),
        ("events", Items(events())),
        # Written after the events, so `shown` is complete by then.
        ("eras", Items(_era(c) for c in dataset.countries if c.code in shown)),
    ]  # fmt: skip


def to_document(dataset: DatasetView, only: Iterable[str] | None = None) -> dict[str, Any]:
    return {
        key: list(value.items) if isinstance(value, Items) else value
        for key, value in _fields(dataset, only)
    }


def to_timelinejs(dataset: DatasetView, only: Iterable[str] | None = None) -> str:
    return "".join(timelinejs_pieces(dataset, only))


def timelinejs_pieces(dataset: DatasetView, only: Iterable[str] | None = None) -> Iterator[str]:
    """`to_timelinejs`'s text in pieces, an event at a time.

    Raises TimelineError before the first piece when there is nothing to show.
    """
    pieces = gathered(json_object(_fields(dataset, only)))
    return itertools.chain(pieces, ["\n"])
