"""JSON: the whole validated model, for scripts.

Field names, field order and value forms are those of the YAML format
(docs/dataset.md): dates as `2015`, `2015-07` or `2015-07-24`, an unknown
publication date as `"unknown"`, optional fields left out rather than null.
So the output is itself a valid bbtui dataset (JSON is YAML), and loading it
and exporting again gives the same bytes. Events come in timeline order.
With nothing chosen it is the whole dataset: countries without events and
sources nothing cites are kept too.

Text is exported exactly, not made visible: scripts get the real data. But
characters that could act on a terminal (C1 controls, bidirectional
overrides, invisible characters) are written as `\\uXXXX` escapes, so
printing the JSON is harmless; C0 controls are escaped by JSON itself. So
are the characters a YAML reader refuses (U+FFFE, U+FFFF, lone surrogates),
so the file always loads back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from bbtui.core.dataset_view import DatasetView
from bbtui.core.exporters.pieces import Items, gathered, json_object
from bbtui.core.exporters.selection import select
from bbtui.core.model import Country, Event, Note, Quote, Source
from bbtui.core.textsafe import visible

FORMAT_VERSION = 1

# Candidates for escaping: json.dumps has already escaped C0 controls, so
# only DEL and non-ASCII characters remain to check against textsafe's rule.
_NOT_PLAIN_ASCII = re.compile("[^\x20-\x7e\n]")


# What a YAML reader accepts unescaped (the YAML 1.1 printable set).
_YAML_PRINTABLE = re.compile("[\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escape_unsafe(match: re.Match[str]) -> str:
    char = match.group()
    # An astral character stays as it is: JSON could only escape it as a
    # surrogate pair, which a YAML reader decodes as two broken halves.
    if ord(char) > 0xFFFF or (visible(char) == char and _YAML_PRINTABLE.match(char)):
        return char
    return f"\\u{ord(char):04x}"


def _notes(notes: tuple[Note, ...]) -> dict[str, Any]:
    if not notes:
        return {}
    return {
        "notes": [{"kind": n.kind.value, "text": n.text, "sources": list(n.sources)} for n in notes]
    }


def _optional(name: str, value: str | None) -> dict[str, Any]:
    return {} if value is None else {name: value}


def _source(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "outlet": s.outlet,
        "title": s.title,
        "title_status": s.title_status.value,
        "url": s.url,
        "published": s.published.iso() if s.published else "unknown",
        **_optional("published_note", s.published_note),
        **_optional("read_at", s.read_at),
        **_optional("accessed", s.accessed.iso() if s.accessed else None),
        **_optional("archive_url", s.archive_url),
        **_optional("archive_date", s.archive_date.iso() if s.archive_date else None),
        **_optional("file", s.file),
        **_notes(s.notes),
    }


def _country(c: Country) -> dict[str, Any]:
    return {
        "code": c.code,
        "name": c.name,
        "from": c.first_year,
        "to": c.last_year,
        "demand": c.demand,
        "outcome": c.outcome.value,
        "outcome_summary": c.outcome_summary,
        "response": c.response,
        "sources": list(c.sources),
        **_notes(c.notes),
    }


def _event(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "date": e.date.iso(),
        **_optional("date_note", e.date_note),
        "country": e.country,
        "title": e.title,
        "summary": e.summary,
        "tags": list(e.tags),
        "sources": list(e.sources),
        **_notes(e.notes),
    }


def _quote(q: Quote) -> dict[str, Any]:
    return {
        "id": q.id,
        "event": q.event,
        "text": q.text,
        "speaker": q.speaker,
        "role": q.role,
        "said": q.said.iso(),
        **_optional("said_note", q.said_note),
        "source": q.source,
        "kind": q.kind.value,
        "translated": q.translated,
        **_optional("first_reported", q.first_reported),
        **({"repeated_in": list(q.repeated_in)} if q.repeated_in else {}),
        **_optional("reported_note", q.reported_note),
        **_notes(q.notes),
    }


def _fields(dataset: DatasetView, only: Iterable[str] | None) -> list[tuple[str, Any]]:
    """The document's fields in order; its lists as `Items`, made as they are written."""
    chosen = select(dataset, only)
    everything = chosen.everything
    # Kept only when its event is exported too (a dangling start would not load).
    start = dataset.start
    if everything:
        keep_start = start is not None and start in dataset.event_by_id
    else:
        keep_start = start in {e.id for e in chosen.events}
    sources = dataset.sources if everything else chosen.iter_sources()
    return [
        ("bbtui", FORMAT_VERSION),
        ("title", dataset.title),
        # The format has no empty description: a dataset without one leaves it out.
        *([("description", dataset.description)] if dataset.description.strip() else []),
        *([("start", start)] if keep_start else []),
        ("sources", Items(_source(s) for s in sources)),
        ("countries", Items(_country(c) for c in (dataset.countries if everything else chosen.countries))),
        ("events", Items(_event(e) for e in chosen.events)),
        ("quotes", Items(_quote(q) for q in chosen.quotes)),
    ]  # fmt: skip


def to_document(dataset: DatasetView, only: Iterable[str] | None = None) -> dict[str, Any]:
    """The export as plain Python data (dicts keep their field order)."""
    return {
        key: list(value.items) if isinstance(value, Items) else value
        for key, value in _fields(dataset, only)
    }


def inert(text: str) -> str:
    """JSON text with every character that could act on a terminal escaped."""
    return _NOT_PLAIN_ASCII.sub(_escape_unsafe, text)


def dumps_inert(document: Any) -> str:
    """JSON text with every character that could act on a terminal escaped."""
    return inert(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def to_json(dataset: DatasetView, only: Iterable[str] | None = None) -> str:
    return "".join(json_pieces(dataset, only))


def json_pieces(dataset: DatasetView, only: Iterable[str] | None = None) -> Iterator[str]:
    """`to_json`'s text in pieces (a record's escapes never span two)."""
    for piece in gathered(json_object(_fields(dataset, only))):
        yield inert(piece)
    yield "\n"
