"""Write validated records into a new store file, one at a time, then rename it into place.

    writer = StoreWriter(target)         # a private temporary file beside `target`
    writer.add_source(source) ...        # a `RecordSink`: the validator feeds it, in file order
    writer.finish(header, meta)          # timeline order, search tables, indexes; renamed
    (or writer.abort())

    write(target, dataset, meta)         # the same for a Dataset already in memory

Records go to disk as they come, so the first open of a huge file holds a
batch of rows, not the dataset. Sources, countries and quotes are written
where they stay (their key is their place in the file); events wait in a
temporary table until the last one has come, because an event's key is its
place in the timeline. Then come the events in timeline order, the search
tables (`search_tables`) and the secondary indexes, built once over the
full tables rather than kept up to date by every insert.

A reader sees the old store, the new one, or none: never half of one. The
writer does not journal or sync (a store lost in a crash is rebuilt from the
YAML); the rename is what makes it appear whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bbtui import __version__
from bbtui.core.model import Country, Dataset, Event, Note, PartialDate, Quote, Source
from bbtui.core.store import index_check, schema
from bbtui.core.store.check import row_digest
from bbtui.core.store.search_tables import fill_search_tables
from bbtui.core.textfold import fold

_BATCH = 5000
# A build is one transaction with no journal; SQLite's page cache (default
# 2 MB) is what keeps the id indexes' inserts off the disk.
_CACHE_KIB = 256 * 1024

_STAGED_EVENTS = (
    "CREATE TEMP TABLE staged_events(ord INTEGER PRIMARY KEY, key INTEGER NOT NULL, id, date,"
    " country, title, summary, tags, sources, date_note, notes)"
)
_INSERT = {
    "sources": "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "countries": "INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "staged_events": "INSERT INTO temp.staged_events VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "quotes": "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
}

Progress = Callable[[float], None]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _date(date: PartialDate | None) -> str | None:
    return None if date is None else date.iso()


def _notes(notes: tuple[Note, ...]) -> str:
    return _json([[n.kind.value, n.text, list(n.sources)] for n in notes])


def _signed(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return (*row, row_digest(row))


class StoreWriter:
    """A store being written (see the module docstring). Not thread-safe."""

    def __init__(self, target: Path) -> None:
        self.target = target
        directory = target.parent
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.temp = directory / f"{schema.TEMP_PREFIX}{secrets.token_hex(8)}{target.suffix}"
        self.counts = dict.fromkeys(("events", "quotes", "countries", "sources"), 0)
        self._rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in _INSERT}
        self.speakers: set[str] = set()
        self._db = sqlite3.connect(self.temp, isolation_level=None)
        try:
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "locking_mode=EXCLUSIVE",
                           f"cache_size=-{_CACHE_KIB}", "temp_store=FILE"):  # fmt: skip
                self._db.execute(f"PRAGMA {pragma}")
            self._db.execute("BEGIN")
            schema.create(self._db, indexes=False)
            self._db.execute(_STAGED_EVENTS)
        except BaseException:
            self.abort()
            raise

    # --- the records, in file order (a RecordSink) --------------------------------

    def _add(self, table: str, row: tuple[Any, ...]) -> None:
        rows = self._rows[table]
        rows.append(row)
        if len(rows) >= _BATCH:
            self._db.executemany(_INSERT[table], rows)
            rows.clear()

    def _flush(self) -> None:
        for table, rows in self._rows.items():
            if rows:
                self._db.executemany(_INSERT[table], rows)
                rows.clear()

    def add_source(self, s: Source) -> None:
        i = self.counts["sources"]
        self.counts["sources"] += 1
        self._add("sources", _signed(
            (i, s.id, s.outlet, s.title, s.url, _date(s.published), s.published_note, s.file,
             _notes(s.notes), s.title_status.value, s.read_at, _date(s.accessed), s.archive_url,
             _date(s.archive_date), fold(s.id), fold(s.outlet))
        ))  # fmt: skip

    def add_country(self, c: Country) -> None:
        i = self.counts["countries"]
        self.counts["countries"] += 1
        self._add("countries", _signed(
            (i, c.code, c.name, c.first_year, c.last_year, c.demand, c.outcome.value,
             c.outcome_summary, c.response, _json(list(c.sources)), _notes(c.notes))
        ))  # fmt: skip

    def add_event(self, e: Event) -> None:
        i = self.counts["events"]
        self.counts["events"] += 1
        y, m, d = e.date.sort_key
        self._add("staged_events", (
            i, (y * 13 + m) * 32 + d, e.id, e.date.iso(), e.country, e.title, e.summary,
            _json(list(e.tags)), _json(list(e.sources)), e.date_note, _notes(e.notes),
        ))  # fmt: skip

    def add_quote(self, q: Quote) -> None:
        i = self.counts["quotes"]
        self.counts["quotes"] += 1
        self.speakers.add(q.speaker)
        self._add("quotes", _signed(
            (i, q.id, q.event, q.text, q.speaker, q.role, q.said.iso(), q.source, q.kind.value,
             q.said_note, 1 if q.translated else 0, _notes(q.notes), q.first_reported,
             _json(list(q.repeated_in)), q.reported_note)
        ))  # fmt: skip

    # --- the end ----------------------------------------------------------------

    def finish(
        self, header: dict[str, Any], meta: dict[str, Any], progress: Progress | None = None
    ) -> None:
        """Write the rest and rename the store into place; `header` holds title, description
        and start, `meta` what keys it to the source file."""
        try:
            db = self._db
            self._flush()
            self._timeline()
            if progress is not None:
                progress(0.2)
            fill_search_tables(db, self.speakers)
            if progress is not None:
                progress(0.9)
            db.execute("DROP TABLE temp.staged_events")
            schema.create_indexes(db)
            values = {"format": schema.FORMAT, "bbtui": __version__, **header,
                      **{f"count_{name}": n for name, n in self.counts.items()}, **meta}  # fmt: skip
            db.executemany("INSERT INTO meta VALUES (?, ?)", values.items())
            db.execute("COMMIT")
            # Merged into one segment: queries read one b-tree per word.
            for table in index_check.TABLES:
                db.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")
            # Digested as merged: a reader checks the index it will search.
            digests = {"index_structure": index_check.structure_digest(db),
                       "index_digest": index_check.index_digest(db)}  # fmt: skip
            db.executemany("INSERT INTO meta VALUES (?, ?)", digests.items())
            db.close()
            os.replace(self.temp, self.target)
        except BaseException:
            self.abort()
            raise

    def _timeline(self) -> None:
        """The events in timeline order (date, then file order): `pos` is that place."""
        rows = self._db.execute(
            "SELECT id, date, country, title, summary, tags, sources, date_note, notes"
            " FROM temp.staged_events ORDER BY key, ord"
        )
        batch: list[tuple[Any, ...]] = []
        for pos, row in enumerate(rows):
            batch.append(_signed((pos, *row)))
            if len(batch) >= _BATCH:
                self._db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)
                batch.clear()
        self._db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)

    def abort(self) -> None:
        """Give the build up: the temporary file goes, nothing else changes."""
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
        with contextlib.suppress(OSError):
            os.unlink(self.temp)


def write(target: Path, dataset: Dataset, meta: dict[str, Any]) -> None:
    """Build the store for `dataset` at `target` (replacing any); `meta` keys the source file."""
    writer = StoreWriter(target)
    try:
        for source in dataset.sources:
            writer.add_source(source)
        for country in dataset.countries:
            writer.add_country(country)
        for event in dataset.events:  # already in timeline order: it stays
            writer.add_event(event)
        for quote in dataset.quotes:
            writer.add_quote(quote)
    except BaseException:
        writer.abort()
        raise
    header = {"title": dataset.title, "description": dataset.description, "start": dataset.start}
    writer.finish(header, meta)
