"""PROVISIONAL loader: replaced by the strict validating loader (issue 2).

API contract (kept by the real one):
    load(path) -> Dataset            raises DatasetError / DatasetUnreadable
"""

from __future__ import annotations

from pathlib import Path

import yaml

from bbtui.errors import DatasetError, DatasetUnreadable, Problem
from bbtui.model import (
    Country, Dataset, Event, Note, NoteKind, Outcome, PartialDate, Quote, Source, SpeechKind,
)


def _date(value) -> PartialDate:
    return PartialDate.parse(str(value))


def _notes(items) -> tuple[Note, ...]:
    return tuple(Note(NoteKind(n["kind"]), n["text"], tuple(n["sources"])) for n in items or ())


def load(path: str | Path) -> Dataset:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DatasetUnreadable([Problem(str(path), 1, 1, exc.strerror or str(exc))]) from None
    try:
        doc = yaml.load(raw, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        raise DatasetError([Problem(str(path), 1, 1, str(exc))]) from None
    sources = tuple(
        Source(
            id=s["id"], outlet=s["outlet"], title=s["title"], url=s["url"],
            published=None if s["published"] == "unknown" else _date(s["published"]),
            published_note=s.get("published_note"), file=s.get("file"),
        )
        for s in doc["sources"]
    )
    countries = tuple(
        Country(
            code=c["code"], name=c["name"], first_year=int(c["from"]), last_year=int(c["to"]),
            demand=c["demand"], outcome=Outcome(c["outcome"]),
            outcome_summary=c["outcome_summary"], response=c["response"],
            sources=tuple(c["sources"]), notes=_notes(c.get("notes")),
        )
        for c in doc["countries"]
    )
    events = [
        Event(
            id=e["id"], date=_date(e["date"]), country=e["country"], title=e["title"],
            summary=e["summary"], tags=tuple(e.get("tags") or ()), sources=tuple(e["sources"]),
            date_note=e.get("date_note"), notes=_notes(e.get("notes")),
        )
        for e in doc["events"]
    ]
    events.sort(key=lambda e: e.date.sort_key)
    quotes = tuple(
        Quote(
            id=q["id"], event=q["event"], text=q["text"], speaker=q["speaker"], role=q["role"],
            said=_date(q["said"]), source=q["source"], kind=SpeechKind(q["kind"]),
            said_note=q.get("said_note"), translated=q.get("translated") == "true",
            notes=_notes(q.get("notes")),
        )
        for q in doc["quotes"]
    )
    return Dataset(
        title=doc["title"], description=doc.get("description", ""), sources=sources,
        countries=countries, events=tuple(events), quotes=quotes, path=str(path),
    )
