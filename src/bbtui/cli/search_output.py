"""What `bbtui search` prints for its hits: text for people, JSON for scripts, a page at a time.

A common word matches tens of thousands of quotes (48k in the 100k-event
benchmark), so hits come in pages and each page is printed and let go: its
events and sources are asked for together (one query per few hundred on a
store, where asking per hit was a query each), an event's or a source's
lines are made once and remembered while they keep coming up (up to
`REMEMBER` of each), and the page's text is written in one piece. The bytes
are those that printing hit by hit gave.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from itertools import islice
from typing import TypeVar

from bbtui.core.cite import event_dateline, quote_attribution, source_citation, styled_reference
from bbtui.core.cite_style import Style
from bbtui.core.dataset_view import DatasetView
from bbtui.core.datenotes import is_approximate
from bbtui.core.model import Event, Quote, Source
from bbtui.core.search import Hit, HitKind
from bbtui.core.textsafe import visible, visible_line

PAGE = 1000  # hits read, formatted and written at once
REMEMBER = 32768  # events and sources whose lines are kept (hits repeat them): ~10 MB each

T = TypeVar("T")
V = TypeVar("V")
Write = Callable[[str], object]


def highlighted(text: str, spans: tuple[tuple[int, int], ...], mark: Callable[[str], str]) -> str:
    """`text` made visible, with each span passed through `mark`.

    Spans index the original text, so each piece is made visible separately.
    """
    parts: list[str] = []
    at = 0
    for start, end in spans:
        parts.append(visible(text[at:start]))
        parts.append(mark(visible(text[start:end])))
        at = end
    parts.append(visible(text[at:]))
    return "".join(parts)


def records(mapping: Mapping[str, T], ids: Iterable[str]) -> dict[str, T]:
    """The records with these ids, asked for together when the mapping can (a store's)."""
    many = getattr(mapping, "many", None)
    if many is not None:
        found: dict[str, T] = many(ids)
        return found
    return {i: mapping[i] for i in ids}


class _Remembered(dict[str, V]):
    """What was made for an id, the oldest forgotten past REMEMBER."""

    def missing(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` not made yet; room is made for them (a page's own stay)."""
        needed = set(ids)
        wanted = {i for i in needed if i not in self}
        extra = len(self) + len(wanted) - REMEMBER
        if extra > 0:
            for key in list(islice((k for k in self if k not in needed), extra)):
                del self[key]
        return wanted


def _quote(dataset: DatasetView, hit: Hit) -> Quote:
    return hit.quote or dataset.quote_by_id[hit.id]


class TextPrinter:
    """Hits as people read them: the words, who said them, the event, the source."""

    def __init__(
        self, dataset: DatasetView, mark: Callable[[str], str], style: Style | None, write: Write
    ) -> None:
        self._dataset, self._mark, self._style, self._write = dataset, mark, style, write
        self._events: _Remembered[tuple[str, tuple[str, ...]]] = _Remembered()  # line, sources
        self._sources: _Remembered[str] = _Remembered()  # the "  Source: …" line

    def page(self, hits: list[Hit]) -> None:
        dataset = self._dataset
        for event in records(
            dataset.event_by_id, self._events.missing(h.event_id for h in hits)
        ).values():
            line = f"  Event: {event_dateline(dataset, event)} — {visible_line(event.title)}\n"
            self._events[event.id] = (line, event.sources)
        cited: list[str] = []
        for hit in hits:
            if hit.kind is HitKind.QUOTE:
                cited.append(_quote(dataset, hit).source)
            else:
                cited.extend(self._events[hit.event_id][1])
        for source in records(dataset.source_by_id, self._sources.missing(cited)).values():
            self._sources[source.id] = f"  Source: {_reference(source, self._style)}\n"
        out: list[str] = []
        for hit in hits:
            text = highlighted(hit.text, hit.spans, self._mark)
            event_line, event_sources = self._events[hit.event_id]
            if hit.kind is HitKind.QUOTE:
                quote = _quote(dataset, hit)
                out += (f"“{text}”\n  — {quote_attribution(quote)}\n", event_line,
                        self._sources[quote.source], "\n")  # fmt: skip
            else:
                field = "title" if hit.kind is HitKind.EVENT_TITLE else "summary"
                out += (f"[event {field}] {text}\n", event_line)
                out += (self._sources[source] for source in event_sources)
                out.append("\n")
        self._write("".join(out))

    def end(self, shown: int, total: int) -> None:
        noun = "match" if total == 1 else "matches"
        self._write(f"{shown} of {total} {noun} shown\n" if shown < total else f"{total} {noun}\n")


def _reference(source: Source, style: Style | None) -> str:
    return source_citation(source) if style is None else styled_reference(source, style)


class JsonPrinter:
    """Hits as one JSON list (`hit_json` each), the same text as `json.dumps(list, indent=2)`."""

    def __init__(self, dataset: DatasetView, style: Style | None, write: Write) -> None:
        self._dataset, self._style, self._write = dataset, style, write
        self._events: _Remembered[Event] = _Remembered()
        self._sources: _Remembered[dict[str, object]] = _Remembered()
        self._started = False

    def page(self, hits: list[Hit]) -> None:
        dataset = self._dataset
        self._events.update(
            records(dataset.event_by_id, self._events.missing(h.event_id for h in hits))
        )
        cited: list[str] = []
        for hit in hits:
            if hit.kind is HitKind.QUOTE:
                cited.append(_quote(dataset, hit).source)
            else:
                cited.extend(self._events[hit.event_id].sources)
        for source in records(dataset.source_by_id, self._sources.missing(cited)).values():
            self._sources[source.id] = source_json(source, self._style)
        out: list[str] = []
        for hit in hits:
            item = _hit_item(dataset, hit, self._events[hit.event_id], self._sources.__getitem__)
            # An item of a list at indent 2 is the item alone, two spaces in
            # (a JSON string never holds a raw newline); ASCII-escaped, so
            # hostile text reaches the terminal only as \u escapes.
            text = json.dumps(item, ensure_ascii=True, indent=2).replace("\n", "\n  ")
            out.append(("," if self._started else "[") + "\n  " + text)
            self._started = True
        self._write("".join(out))

    def end(self, shown: int, total: int) -> None:
        self._write("\n]\n" if self._started else "[]\n")


def source_json(source: Source, style: Style | None) -> dict[str, object]:
    styled: dict[str, object] = {}
    if style is not None:
        styled["citation"] = styled_reference(source, style)
    return styled | {
        "id": source.id,
        "outlet": source.outlet,
        "title": source.title,
        "title_status": source.title_status.value,
        "headline": source.headline,  # null unless a copy of the page printed it
        "published": source.published.iso() if source.published else None,
        "url": source.url,
        "accessed": source.accessed.iso() if source.accessed else None,
        "archive_url": source.archive_url,
        "archive_date": source.archive_date.iso() if source.archive_date else None,
    }


def hit_json(dataset: DatasetView, hit: Hit, style: Style | None = None) -> dict[str, object]:
    """One match as plain data; keys are stable for scripts (with a style, each
    source also has its styled `citation`)."""
    event = dataset.event_by_id[hit.event_id]
    return _hit_item(dataset, hit, event, lambda sid: source_json(dataset.source_by_id[sid], style))


def _hit_item(
    dataset: DatasetView, hit: Hit, event: Event, source: Callable[[str], dict[str, object]]
) -> dict[str, object]:
    item: dict[str, object] = {
        "kind": hit.kind.value,
        "id": hit.id,
        "tier": hit.tier.name.lower().replace("_", "-"),
        "text": hit.text,
        "spans": [list(span) for span in hit.spans],
    }
    if hit.kind is HitKind.QUOTE:
        quote = _quote(dataset, hit)
        item |= {
            "speaker": quote.speaker,
            "role": quote.role,
            "said": quote.said.iso(),
            "said_note": quote.said_note,
            "approximate": is_approximate(quote.said_note),
            "translated": quote.translated,
            "sources": [source(quote.source)],
        }
    else:
        item["sources"] = [source(s) for s in event.sources]
    item["event"] = {
        "id": event.id,
        "date": event.date.iso(),
        "date_note": event.date_note,
        "approximate": is_approximate(event.date_note),
        "country": event.country,
        "title": event.title,
    }
    return item
