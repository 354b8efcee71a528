"""A dataset read from its store a few rows at a time: the same look-ups as `Dataset`.

`StoredDataset` answers what the explorer and the commands ask of a dataset
(`events[i]`, `len(events)`, `event_by_id.get(id)`, `quotes_for(id)`,
`source_by_id[id]`, `events_by_country[code]`, `counts()`...) with small
indexed reads, building the model objects only for the rows asked for and
keeping the recently used ones. So the first frame costs the visible rows,
not the dataset. `whole()` builds the complete in-memory `Dataset` for the
few consumers that need every record at once (the exporters).

Every row is checked as it is read (`check`); if the store turns out to be
damaged after it was opened, the view discards it, loads the YAML again
(validated as ever) and answers from that from then on, calling `on_notice`
once with a one-line explanation.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from bbtui.core.model import Country, Dataset, Event, Quote, Source
from bbtui.core.store import check, index_check
from bbtui.core.store.check import StoreDamaged
from bbtui.core.store.lazy import ById, Rows

T = TypeVar("T")
_IN_AT_MOST = 500  # ids in one `IN (…)`: well under SQLite's limit on parameters

_QUOTE_COLUMNS = (
    "ord, id, event, text, speaker, role, said, source, kind, said_note, translated, notes,"
    " first_reported, repeated_in, reported_note, crc"
)
# Ids remembered as present (a quote's event and sources are checked as it is
# read): forgotten past this many, so an export of every row stays bounded.
_KNOWN_IDS = 100_000
_EVENT_COLUMNS = "pos, id, date, country, title, summary, tags, sources, date_note, notes, crc"
_SOURCE_COLUMNS = (
    "ord, id, outlet, title, url, published, published_note, file, notes, title_status,"
    " read_at, accessed, archive_url, archive_date, folded_id, folded_outlet, crc"
)


class StoredDataset:
    """A validated dataset in its store (see the module docstring). Thread-safe."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        meta: dict[str, Any],
        path: str,
        reload: Callable[[], Dataset],
        on_notice: Callable[[str], None] | None = None,
        reconnect: Callable[[], sqlite3.Connection] | None = None,
    ) -> None:
        self._db = connection
        self._reconnect = reconnect
        self._lock = threading.RLock()
        self._reload = reload
        self.on_notice = on_notice
        self.fallback: Dataset | None = None
        self.path: str | None = path
        self.digest = meta.get("sha256")
        self._index_digest = meta.get("index_digest")
        self._title = check.text(meta["title"])
        description = meta.get("description")
        self._description = description if type(description) is str else ""
        start = meta.get("start")
        # Untrusted: an id that names no event is simply not opened on (the explorer checks).
        self._start = start if type(start) is str else None
        self._counts = {k: meta[f"count_{k}"] for k in ("events", "quotes", "countries", "sources")}
        if any(type(n) is not int or n < 0 for n in self._counts.values()):
            raise StoreDamaged("bad counts")
        if not all(self._counts[k] for k in ("events", "countries", "sources")):
            raise StoreDamaged("an empty list the validator would refuse")
        self._check_positions()
        self._source_ok: dict[str, bool] = {}
        self._event_ok: dict[str, bool] = {}
        self._countries: tuple[Country, ...] = self._read_countries()
        self._country_by_code: dict[str, Country] = {c.code: c for c in self._countries}
        self.events = Rows(self, self._counts["events"], self._read_events,
                            lambda at: self._events_at(at), lambda d: d.events)  # fmt: skip
        self.quotes = Rows(self, self._counts["quotes"], self._read_quotes,
                            lambda at: self._quotes_at(at), lambda d: d.quotes)  # fmt: skip
        self.sources = Rows(self, self._counts["sources"], self._read_sources,
                             lambda at: self._sources_at(at), lambda d: d.sources)  # fmt: skip
        self.event_by_id = ById(
            self, self._find_event, lambda d: d.event_by_id, lambda: len(self.events),
            self._find_events,
        )  # fmt: skip
        self.quote_by_id = ById(
            self, self._find_quote, lambda d: d.quote_by_id, lambda: len(self.quotes)
        )
        self.source_by_id = ById(
            self, self._find_source, lambda d: d.source_by_id, lambda: len(self.sources),
            self._find_sources,
        )  # fmt: skip
        self.event_index = ById(
            self, self._find_position, lambda d: d.event_index, lambda: len(self.events)
        )
        self.events_by_country = ById(self, self._country_positions, lambda d: d.events_by_country, lambda: len(self.countries))  # fmt: skip
        self._quotes_of: OrderedDict[str, tuple[Quote, ...]] = OrderedDict()

    # What was read at open: after a fall-back, the YAML's.
    @property
    def title(self) -> str:
        return self.fallback.title if self.fallback is not None else self._title

    @property
    def description(self) -> str:
        return self.fallback.description if self.fallback is not None else self._description

    @property
    def start(self) -> str | None:
        return self.fallback.start if self.fallback is not None else self._start

    @property
    def countries(self) -> tuple[Country, ...]:
        return self.fallback.countries if self.fallback is not None else self._countries

    @property
    def country_by_code(self) -> dict[str, Country]:
        if self.fallback is not None:
            return self.fallback.country_by_code
        return self._country_by_code

    # --- the safety net ---------------------------------------------------------

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    def guarded(self, read: Callable[[], T], default: T) -> T:
        """`read()`, or `default` after falling back to the YAML when the store is damaged."""
        if self.fallback is not None:
            return default
        try:
            return read()
        except (sqlite3.Error, StoreDamaged, ValueError, TypeError, OverflowError):
            self.damaged()
            return default

    def damaged(self) -> None:
        self._fall_back("the stored copy of the dataset was damaged: read the file again")

    def changed(self) -> None:
        """The file's bytes are not those the store was built from: read the file again."""
        self._fall_back("the dataset file changed since it was stored: read it again")

    def _fall_back(self, notice: str) -> None:
        with self._lock:
            if self.fallback is not None:
                return
            self.fallback = self._reload()
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        if self.on_notice is not None:
            self.on_notice(f"{self.path}: {notice}")

    def check_references(self) -> bool:
        """Whether every quote's event and source, and every event's country, exist.

        Rows are checked as they are read, but a quote moved to a missing event
        would simply never be read; this finds it (about 0.1 s per 100k
        quotes: the explorer runs it off the UI thread). Falls back if not.
        """

        def orphans() -> bool:
            return bool(
                self.query("SELECT 1 FROM quotes WHERE event NOT IN (SELECT id FROM events) LIMIT 1")
                or self.query("SELECT 1 FROM quotes WHERE source NOT IN (SELECT id FROM sources) LIMIT 1")
                or self.query("SELECT 1 FROM events WHERE country NOT IN (SELECT code FROM countries) LIMIT 1")
            )  # fmt: skip

        if self.guarded(orphans, False):
            self.damaged()
        return self.fallback is None

    def index_is_sound(self) -> bool:
        """Whether the search index holds what was written (`index_check`).

        It reads the whole index (~0.4 s per 100k events), so on a connection
        of its own: the rows asked for meanwhile are not held up. A store that
        can no longer be read is not sound.
        """
        if self.fallback is not None:
            return True
        try:
            connection = self.reconnect()
        except (sqlite3.Error, StoreDamaged):
            return False
        try:
            return index_check.index_digest(connection) == self._index_digest
        except sqlite3.Error:
            return False
        finally:
            connection.close()

    def _check_positions(self) -> None:
        # min and max of an INTEGER PRIMARY KEY cost one b-tree step each;
        # a gap in between shows up as a short chunk when it is read.
        for table, key, name in (("events", "pos", "events"), ("quotes", "ord", "quotes"),
                                 ("sources", "ord", "sources"), ("countries", "ord", "countries")):  # fmt: skip
            # Two queries: SQLite answers min() or max() alone from the b-tree's
            # ends, but both in one SELECT by reading the whole table.
            ((low,),) = self.query(f"SELECT min({key}) FROM {table}")
            ((high,),) = self.query(f"SELECT max({key}) FROM {table}")
            n = self._counts[name]
            if (low, high) != ((0, n - 1) if n else (None, None)):
                raise StoreDamaged(f"the {table} are not what the store says")

    # --- reading rows ---------------------------------------------------------------

    def _source_exists(self, source_id: str) -> bool:
        known = self._source_ok.get(source_id)
        if known is None:
            known = bool(self.query("SELECT 1 FROM sources WHERE id = ?", (source_id,)))
            if len(self._source_ok) > _KNOWN_IDS:
                self._source_ok.clear()
            self._source_ok[source_id] = known
        return known

    def _event_exists(self, event_id: str) -> bool:
        # Asked for every quote read (a page of search hits asks 40 times): remembered.
        known = self._event_ok.get(event_id)
        if known is None:
            known = bool(self.query("SELECT 1 FROM events WHERE id = ?", (event_id,)))
            if len(self._event_ok) > _KNOWN_IDS:
                self._event_ok.clear()
            self._event_ok[event_id] = known
        return known

    def _know(self, known: dict[str, bool], table: str, ids: set[str]) -> None:
        """Whether each of `ids` is in `table`, asked together: checking 48k search hits
        asked once per quote's event and source (tens of thousands of queries)."""
        unknown = [i for i in ids if type(i) is str and i not in known]
        if len(known) + len(unknown) > _KNOWN_IDS:
            known.clear()
        for at in range(0, len(unknown), _IN_AT_MOST):
            chunk = unknown[at : at + _IN_AT_MOST]
            marks = ",".join("?" * len(chunk))
            found = {
                row[0]
                for row in self.query(f"SELECT id FROM {table} WHERE id IN ({marks})", tuple(chunk))
            }
            for item in chunk:
                known[item] = item in found

    def _check_quotes(
        self, rows: list[tuple[Any, ...]], event_exists: Callable[[str], bool] | None = None
    ) -> list[Quote]:
        if event_exists is None:
            self._know(self._event_ok, "events", {row[2] for row in rows})
            event_exists = self._event_exists
        cited = _cited(rows, lists=(13,), notes_at=11)
        cited.update(row[column] for row in rows for column in (7, 12))
        self._know(self._source_ok, "sources", cited)
        return [check.quote(row, event_exists, self._source_exists) for row in rows]

    def _check_events(self, rows: list[tuple[Any, ...]]) -> list[Event]:
        self._know(self._source_ok, "sources", _cited(rows, lists=(7,), notes_at=9))
        return [check.event(row, self._country_exists, self._source_exists) for row in rows]

    def _check_sources(self, rows: list[tuple[Any, ...]]) -> list[Source]:
        self._know(self._source_ok, "sources", _cited(rows, lists=(), notes_at=8))
        return [check.source(row, self._source_exists) for row in rows]

    def _read_countries(self) -> tuple[Country, ...]:
        rows = self.query("SELECT * FROM countries ORDER BY ord")
        _in_place(rows, 0)
        self._know(self._source_ok, "sources", _cited(rows, lists=(9,), notes_at=10))
        return tuple(check.country(row, self._source_exists) for row in rows)

    def _country_exists(self, code: str) -> bool:
        return code in self._country_by_code

    def _read_events(self, start: int, count: int) -> list[Event]:
        rows = self.query(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE pos >= ? ORDER BY pos LIMIT ?",
            (start, count),
        )
        _in_place(rows, start)
        return self._check_events(rows)

    def _read_quotes(self, start: int, count: int) -> list[Quote]:
        rows = self.query(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes WHERE ord >= ? ORDER BY ord LIMIT ?",
            (start, count),
        )
        _in_place(rows, start)
        return self._check_quotes(rows)

    def _read_sources(self, start: int, count: int) -> list[Source]:
        rows = self.query(
            f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE ord >= ? ORDER BY ord LIMIT ?",
            (start, count),
        )
        _in_place(rows, start)
        return self._check_sources(rows)

    def _rows_at(self, columns: str, table: str, key: str, at: list[int]) -> list[tuple[Any, ...]]:
        marks = ",".join("?" * len(at))
        rows = self.query(
            f"SELECT {columns} FROM {table} WHERE {key} IN ({marks}) ORDER BY {key}", tuple(at)
        )
        if [row[0] for row in rows] != at:
            raise StoreDamaged("records out of place")
        return rows

    def _events_at(self, at: list[int]) -> list[Event]:
        rows = self._rows_at(_EVENT_COLUMNS, "events", "pos", at)
        return self._check_events(rows)

    def _quotes_at(self, at: list[int]) -> list[Quote]:
        rows = self._rows_at(_QUOTE_COLUMNS, "quotes", "ord", at)
        return self._check_quotes(rows)

    def _sources_at(self, at: list[int]) -> list[Source]:
        rows = self._rows_at(_SOURCE_COLUMNS, "sources", "ord", at)
        return self._check_sources(rows)

    def _find_position(self, event_id: str) -> int | None:
        rows = self.query("SELECT pos FROM events WHERE id = ?", (event_id,))
        if not rows:
            return None
        position = rows[0][0]
        if type(position) is not int or not 0 <= position < self._counts["events"]:
            raise StoreDamaged("an event out of place")
        return position

    def _find_event(self, event_id: str) -> Event | None:
        # One row, not the chunk around it: look-ups by id (search hits) are
        # scattered, and a chunk read for one would push the timeline's out.
        rows = self.query(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,))
        if not rows:
            return None
        position = rows[0][0]
        if type(position) is not int or not 0 <= position < self._counts["events"]:
            raise StoreDamaged("an event out of place")
        event = check.event(rows[0], self._country_exists, self._source_exists)
        return event if event.id == event_id else None

    def _rows_with_ids(self, columns: str, table: str, ids: list[str]) -> list[tuple[Any, ...]]:
        rows = []
        for at in range(0, len(ids), _IN_AT_MOST):
            chunk = ids[at : at + _IN_AT_MOST]
            marks = ",".join("?" * len(chunk))
            rows += self.query(f"SELECT {columns} FROM {table} WHERE id IN ({marks})", tuple(chunk))
        return rows

    def _find_events(self, ids: list[str]) -> dict[str, Event]:
        rows = self._rows_with_ids(_EVENT_COLUMNS, "events", ids)
        for row in rows:
            if type(row[0]) is not int or not 0 <= row[0] < self._counts["events"]:
                raise StoreDamaged("an event out of place")
        found = {event.id: event for event in self._check_events(rows)}
        return {i: found[i] for i in ids if i in found}

    def _find_sources(self, ids: list[str]) -> dict[str, Source]:
        rows = self._rows_with_ids(_SOURCE_COLUMNS, "sources", ids)
        found = {source.id: source for source in self._check_sources(rows)}
        return {i: found[i] for i in ids if i in found}

    def _find_quote(self, quote_id: str) -> Quote | None:
        rows = self.query(f"SELECT {_QUOTE_COLUMNS} FROM quotes WHERE id = ?", (quote_id,))
        return check.quote(rows[0], self._event_exists, self._source_exists) if rows else None

    def _find_source(self, source_id: str) -> Source | None:
        rows = self.query(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id = ?", (source_id,))
        return self._check_sources(rows)[0] if rows else None

    def _country_positions(self, code: str) -> tuple[int, ...] | None:
        rows = self.query("SELECT pos FROM events WHERE country = ? ORDER BY pos", (code,))
        return tuple(row[0] for row in rows) if rows else None

    # --- the Dataset look-ups -----------------------------------------------------------

    def quotes_for(self, event_id: str) -> tuple[Quote, ...]:
        if self.fallback is not None:
            return self.fallback.quotes_for(event_id)
        with self._lock:
            found = self._quotes_of.get(event_id)
        if found is not None:
            return found

        def read() -> tuple[Quote, ...]:
            rows = self.query(
                f"SELECT {_QUOTE_COLUMNS} FROM quotes WHERE event = ? ORDER BY ord", (event_id,)
            )
            return tuple(self._check_quotes(rows, lambda eid: eid == event_id))

        found = self.guarded(read, None)
        if found is None:
            return self.quotes_for(event_id)
        with self._lock:
            self._quotes_of[event_id] = found
            if len(self._quotes_of) > 256:
                self._quotes_of.popitem(last=False)
        return found

    def year_at(self, position: int) -> int:
        """The year of the event at `position`, read alone (the timeline bisects on it)."""
        if self.fallback is not None:
            return self.fallback.year_at(position)

        def read() -> int:
            rows = self.query("SELECT substr(date, 1, 4) FROM events WHERE pos = ?", (position,))
            if not rows:
                raise StoreDamaged("an event out of place")
            return check.year(int(rows[0][0])) if str(rows[0][0]).isdigit() else check.year(None)

        year = self.guarded(read, None)
        return self.year_at(position) if year is None else year

    def sources_for(self, ids: tuple[str, ...] | list[str]) -> Iterator[Source]:
        for source_id in ids:
            yield self.source_by_id[source_id]

    def counts(self) -> dict[str, int]:
        if self.fallback is not None:
            return self.fallback.counts()
        return dict(self._counts)

    def whole(self) -> Dataset:
        """Every record in memory, as the loader builds it (for the exporters)."""
        if self.fallback is not None:
            return self.fallback
        built = Dataset(
            title=self.title, description=self.description, sources=tuple(self.sources),
            countries=self.countries, events=tuple(self.events), quotes=tuple(self.quotes),
            path=self.path, start=self.start,
        )  # fmt: skip
        return self.fallback if self.fallback is not None else built

    def reconnect(self) -> sqlite3.Connection:
        """A second connection to the same store (for a search running in another thread)."""
        if self._reconnect is None:
            raise StoreDamaged("no store to connect to")
        return self._reconnect()

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._db.close()


def _cited(rows: list[tuple[Any, ...]], lists: tuple[int, ...], notes_at: int) -> set[Any]:
    """The source ids these rows name, in their id lists and their notes, to be checked
    in one query (one per id was 4,193 queries printing a common word's hits).

    Only gathered here: a value that is not what it should be is skipped, and the
    row's own check (`check`) refuses it.
    """
    cited: set[Any] = set()
    for row in rows:
        with contextlib.suppress(StoreDamaged, TypeError, IndexError):
            for column in lists:
                cited.update(check.json_list(row[column]))
            for note in check.json_list(row[notes_at]):
                if type(note) is list and len(note) == 3 and type(note[2]) is list:
                    cited.update(note[2])
    return cited


def _in_place(rows: list[tuple[Any, ...]], start: int) -> None:
    if [row[0] for row in rows] != list(range(start, start + len(rows))):
        raise StoreDamaged("records out of place")
