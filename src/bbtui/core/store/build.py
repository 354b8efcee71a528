"""Write a validated dataset into a new store file, atomically.

Only a dataset the loader has just validated is ever written. The file is
built under a private temporary name in the store directory and renamed into
place when complete, so a reader sees the old store, the new one, or none:
never half of one. The writer does not journal or sync (a store lost in a
crash is rebuilt from the YAML); the rename is what makes it appear whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bbtui import __version__
from bbtui.core.model import Dataset, Event, Note, PartialDate, Quote
from bbtui.core.store import schema
from bbtui.core.store.check import row_digest
from bbtui.core.textfold import fold, words

TEMP_PREFIX = ".tmp-"
_BATCH = 5000


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _date(date: PartialDate | None) -> str | None:
    return None if date is None else date.iso()


def _notes(notes: tuple[Note, ...]) -> str:
    return _json([[n.kind.value, n.text, list(n.sources)] for n in notes])


def write(target: Path, dataset: Dataset, meta: dict[str, Any]) -> None:
    """Build the store for `dataset` at `target` (replacing any); `meta` keys the source file."""
    directory = target.parent
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = directory / f"{TEMP_PREFIX}{secrets.token_hex(8)}{target.suffix}"
    try:
        connection = sqlite3.connect(temp, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=OFF")
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute("BEGIN")
            schema.create(connection)
            _fill(connection, dataset, meta)
            connection.execute("COMMIT")
            # Merged into one segment: queries read one b-tree per word.
            for table in ("quote_words", "event_words"):
                connection.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")
        finally:
            connection.close()
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _many(connection: sqlite3.Connection, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            connection.executemany(sql, batch)
            batch.clear()
    if batch:
        connection.executemany(sql, batch)


def _signed(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    for row in rows:
        yield (*row, row_digest(row))


def _fill(connection: sqlite3.Connection, dataset: Dataset, meta: dict[str, Any]) -> None:
    counts = dataset.counts()
    header = {
        "format": schema.FORMAT,
        "bbtui": __version__,
        "title": dataset.title,
        "description": dataset.description,
        "start": dataset.start,
        **{f"count_{name}": n for name, n in counts.items()},
        **meta,
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", header.items())
    _many(
        connection,
        "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        _signed(
            (i, s.id, s.outlet, s.title, s.url, _date(s.published), s.published_note, s.file,
             _notes(s.notes), s.title_status.value, s.read_at, _date(s.accessed), s.archive_url,
             _date(s.archive_date), fold(s.id), fold(s.outlet))
            for i, s in enumerate(dataset.sources)
        ),
    )  # fmt: skip
    _many(
        connection,
        "INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        _signed(
            (i, c.code, c.name, c.first_year, c.last_year, c.demand, c.outcome.value,
             c.outcome_summary, c.response, _json(list(c.sources)), _notes(c.notes))
            for i, c in enumerate(dataset.countries)
        ),
    )  # fmt: skip
    _many(
        connection,
        "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        _signed(
            (i, e.id, e.date.iso(), e.country, e.title, e.summary, _json(list(e.tags)),
             _json(list(e.sources)), e.date_note, _notes(e.notes))
            for i, e in enumerate(dataset.events)
        ),
    )  # fmt: skip
    _many(
        connection,
        "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        _signed(
            (i, q.id, q.event, q.text, q.speaker, q.role, q.said.iso(), q.source, q.kind.value,
             q.said_note, 1 if q.translated else 0, _notes(q.notes), q.first_reported,
             _json(list(q.repeated_in)), q.reported_note)
            for i, q in enumerate(dataset.quotes)
        ),
    )  # fmt: skip
    _search_tables(connection, dataset)


def _documents(dataset: Dataset) -> Iterator[tuple[int, int, int, Quote | Event]]:
    """(kind, item, order key) of every searchable text, in ranking order.

    The same order as the in-memory index (`bbtui.core.search`): date, then
    kind (quote, event title, event summary), then file order.
    """
    count = len(dataset.quotes) + 2 * len(dataset.events) + 1
    entries: list[tuple[int, int, int]] = []
    for order, quote in enumerate(dataset.quotes):
        y, m, d = quote.said.sort_key
        entries.append(((((y * 13 + m) * 32 + d) * 3) * count + order, 0, order))
    for order, event in enumerate(dataset.events):
        y, m, d = event.date.sort_key
        base = ((y * 13 + m) * 32 + d) * 3
        entries.append(((base + 1) * count + order, 1, order))
        entries.append(((base + 2) * count + order, 2, order))
    entries.sort()
    quotes, events = dataset.quotes, dataset.events
    for _, kind, item in entries:
        yield kind, item, 0, quotes[item] if kind == 0 else events[item]


def tag_tokens(country: str, year: int, speaker: int | None, sources: list[int]) -> str:
    """A document's filter values as tokens of the `tags` column (see `schema`)."""
    parts = [f"c{country.lower()}", f"y{year}"]
    if speaker is not None:
        parts.append(f"s{speaker}")
    parts += [f"r{s}" for s in sources]
    return " ".join(parts)


def _search_tables(connection: sqlite3.Connection, dataset: Dataset) -> None:
    country_of = {e.id: e.country for e in dataset.events}
    source_ord = {s.id: i for i, s in enumerate(dataset.sources)}
    speakers = sorted({q.speaker for q in dataset.quotes})
    speaker_n = {name: n for n, name in enumerate(speakers)}
    connection.executemany(
        "INSERT INTO speakers VALUES (?, ?, ?)", ((n, s, fold(s)) for n, s in enumerate(speakers))
    )
    vocabulary: set[str] = set()
    docs: list[tuple[Any, ...]] = []
    doc_sources: list[tuple[str, int]] = []
    quote_texts: list[tuple[int, str, str]] = []
    event_texts: list[tuple[int, str, str]] = []

    def flush() -> None:
        connection.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?)", docs)
        connection.executemany("INSERT INTO doc_sources VALUES (?,?)", doc_sources)
        for table, texts in (("quote_words", quote_texts), ("event_words", event_texts)):
            connection.executemany(f"INSERT INTO {table}(rowid, body, tags) VALUES (?,?,?)", texts)
            texts.clear()
        docs.clear()
        doc_sources.clear()

    for doc, (kind, item, _, record) in enumerate(_documents(dataset)):
        if kind == 0:
            assert isinstance(record, Quote)
            text, speaker, country = record.text, record.speaker, country_of[record.event]
            year, sources = record.said.year, [record.source]
        else:
            assert isinstance(record, Event)
            text = record.title if kind == 1 else record.summary
            speaker, country, year = None, record.country, record.date.year
            sources = list(dict.fromkeys(record.sources))
        docs.append((doc, kind, item, speaker, country, year))
        doc_sources.extend((s, doc) for s in sources)
        tokens = words(text)
        vocabulary.update(tokens)
        tags = tag_tokens(
            country, year, None if speaker is None else speaker_n[speaker],
            [source_ord[s] for s in sources],
        )  # fmt: skip
        (quote_texts if kind == 0 else event_texts).append((doc, " ".join(tokens), tags))
        if len(docs) >= _BATCH:
            flush()
    flush()
    connection.executemany("INSERT INTO vocabulary VALUES (?)", ((w,) for w in sorted(vocabulary)))
