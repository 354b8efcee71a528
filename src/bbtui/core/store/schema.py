"""The store's tables: one SQLite file per dataset, written once, read row by row.

Positions are the keys the screen asks by: `events.pos` is the event's place
in the timeline (date, then file order), `quotes.ord` its place in the file,
`docs.doc` a searchable text's place in the ranking order (date, kind, file
order), so "the rows on screen" and "the first hits" are index range reads.

Each record row ends with `crc`, a digest of the row's other values as
written: a row changed by anything but bbtui no longer matches it.
Lists inside a record (tags, source ids, notes) are JSON text: read back with
strict type checks (`bbtui.core.store.check`). The full-text index is FTS5
with the `ascii` tokenizer over text bbtui has already folded into words
(`bbtui.core.textfold.words`): every non-space run is exactly one of bbtui's
words, so FTS5 finds the same documents as the in-memory index, by design.
"""

from __future__ import annotations

import sqlite3

# Bump whenever the tables below or the meta keys change: an older store is then
# rebuilt quietly. 7: the search index's digests (`index_check`).
FORMAT = 7
# A store being written is named so until it is complete (then renamed into place);
# one left behind by a crash is removed once it is stale.
TEMP_PREFIX = ".tmp-"

TABLES = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID",
    (
        "CREATE TABLE sources(ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, outlet TEXT,"
        " title TEXT, url TEXT, published TEXT, published_note TEXT, file TEXT, notes TEXT,"
        " title_status TEXT, read_at TEXT, accessed TEXT, archive_url TEXT, archive_date TEXT,"
        " folded_id TEXT NOT NULL, folded_outlet TEXT NOT NULL, crc BLOB NOT NULL)"
    ),
    (
        "CREATE TABLE countries(ord INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT,"
        " first_year, last_year, demand TEXT, outcome TEXT, outcome_summary TEXT, response TEXT,"
        " sources TEXT, notes TEXT, crc BLOB NOT NULL)"
    ),
    (
        "CREATE TABLE events(pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, date TEXT,"
        " country TEXT NOT NULL, title TEXT, summary TEXT, tags TEXT, sources TEXT, date_note TEXT,"
        " notes TEXT, crc BLOB NOT NULL)"
    ),
    "CREATE INDEX events_by_country ON events(country, pos)",
    (
        "CREATE TABLE quotes(ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, event TEXT NOT NULL,"
        " text TEXT, speaker TEXT, role TEXT, said TEXT, source TEXT, kind TEXT, said_note TEXT,"
        " translated, notes TEXT, first_reported TEXT, repeated_in TEXT, reported_note TEXT,"
        " crc BLOB NOT NULL)"
    ),
    "CREATE INDEX quotes_by_event ON quotes(event, ord)",
    # One row per searchable text: kind 0 a quote (item = quotes.ord), 1 an
    # event's title, 2 its summary (item = events.pos). The filter columns.
    (
        "CREATE TABLE docs(doc INTEGER PRIMARY KEY, kind INTEGER NOT NULL, item INTEGER NOT NULL,"
        " speaker TEXT, country TEXT NOT NULL, year INTEGER NOT NULL)"
    ),
    "CREATE INDEX docs_by_speaker ON docs(speaker)",
    "CREATE INDEX docs_by_country ON docs(country)",
    "CREATE INDEX docs_by_year ON docs(year)",
    (
        "CREATE TABLE doc_sources(source TEXT NOT NULL, doc INTEGER NOT NULL,"
        " PRIMARY KEY(source, doc)) WITHOUT ROWID"
    ),
    (
        "CREATE TABLE speakers(n INTEGER PRIMARY KEY, speaker TEXT NOT NULL UNIQUE,"
        " folded TEXT NOT NULL)"
    ),
    # bbtui's words, sorted: prefix look-ups and the close-word (typo) index.
    "CREATE TABLE vocabulary(word TEXT PRIMARY KEY) WITHOUT ROWID",
    # Contentless: the text lives in quotes/events; FTS5 keeps only postings
    # and positions (phrases). Prefix indexes keep a one-letter prefix cheap.
    # `tags` holds each document's filter values as tokens (cpk: Pakistan,
    # y2015, s12: speaker 12, r345: source 345), so a filter is one more FTS5
    # term rather than a join. Quotes and event texts are apart so that
    # searching the quotes alone never wades through the events.
    (
        "CREATE VIRTUAL TABLE quote_words USING fts5(body, tags, content='', columnsize=0,"
        " tokenize=\"ascii tokenchars '_'\", prefix='1 2 3')"
    ),
    (
        "CREATE VIRTUAL TABLE event_words USING fts5(body, tags, content='', columnsize=0,"
        " tokenize=\"ascii tokenchars '_'\", prefix='1 2 3')"
    ),
)


# The model fields the tables above hold, in order. If the model gains or
# loses a field, `fields_match` is false: the store turns itself off (every
# open reads the YAML) and a test fails, rather than lose the new field.
FIELDS: dict[str, tuple[str, ...]] = {
    "Source": (
        "id", "outlet", "title", "url", "published", "published_note", "file", "notes",
        "title_status", "read_at", "accessed", "archive_url", "archive_date",
    ),
    "Country": (
        "code", "name", "first_year", "last_year", "demand", "outcome", "outcome_summary",
        "response", "sources", "notes",
    ),
    "Event": ("id", "date", "country", "title", "summary", "tags", "sources", "date_note", "notes"),
    "Quote": (
        "id", "event", "text", "speaker", "role", "said", "source", "kind", "said_note",
        "translated", "notes", "first_reported", "repeated_in", "reported_note",
    ),
    "Note": ("kind", "text", "sources"),
    "Dataset": (
        "title", "description", "sources", "countries", "events", "quotes", "path", "start",
    ),
}  # fmt: skip


def fields_match() -> bool:
    import dataclasses

    from bbtui.core import model

    return all(
        tuple(f.name for f in dataclasses.fields(getattr(model, name))) == names
        for name, names in FIELDS.items()
    )


def create(connection: sqlite3.Connection, *, indexes: bool = True) -> None:
    """The tables; and the secondary indexes, unless a build adds them after its inserts."""
    for statement in TABLES:
        if indexes or not statement.startswith("CREATE INDEX"):
            connection.execute(statement)


def create_indexes(connection: sqlite3.Connection) -> None:
    for statement in TABLES:
        if statement.startswith("CREATE INDEX"):
            connection.execute(statement)


_expected: frozenset[tuple[str, str, str | None]] | None = None


def expected_schema() -> frozenset[tuple[str, str, str | None]]:
    """(type, name, sql) of every schema object a store of this format holds, FTS5's own included."""
    global _expected  # noqa: PLW0603 (computed once, on first use)
    if _expected is None:
        memory = sqlite3.connect(":memory:")
        try:
            create(memory)
            _expected = read_schema(memory)
        finally:
            memory.close()
    return _expected


def read_schema(connection: sqlite3.Connection) -> frozenset[tuple[str, str, str | None]]:
    rows = connection.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    return frozenset((str(t), str(n), s if s is None else str(s)) for t, n, s in rows)
