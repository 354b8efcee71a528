"""The search index's own bytes, digested when the store is written and checked when it is read.

FTS5 keeps no checksums, and damage to it is not always an error: tried on
a copy, zeroing one of its 91 blocks gave wrong counts with no error in 10
cases (FTS5 answered from what was left), and a zeroed or emptied structure
record made every search find nothing. Rows are checked as they are read
(`check`), but a quote the index has lost is never read. So the store
records two digests of the FTS5 tables (typed values, so no two contents
share one):

- `index_structure`: the structure and averages records and the config of
  each table, the few hundred bytes every query starts from. Checked at every
  open.
- `index_digest`: every block, lookup row and config value. Checked by
  `verify` (the explorer's check after its first frame, and every command
  before it reads), like the file's own hash: ~0.4 s per 100k events.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from typing import Any

TABLES = ("quote_words", "event_words")
# In FTS5's %_data table, 1 is the averages record and 10 the structure record.
_STRUCTURE = "SELECT id, block FROM {t}_data WHERE id IN (1, 10) ORDER BY id"
_BLOCKS = "SELECT id, block FROM {t}_data ORDER BY id"
_LOOKUPS = "SELECT segid, term, pgno FROM {t}_idx ORDER BY segid, term"
_CONFIG = "SELECT k, v FROM {t}_config ORDER BY k"


def structure_digest(connection: sqlite3.Connection) -> str:
    """The digest of what every search reads first (see the module docstring)."""
    return _digest(connection, (_STRUCTURE, _CONFIG))


def index_digest(connection: sqlite3.Connection) -> str:
    """The digest of the whole search index (see the module docstring)."""
    return _digest(connection, (_BLOCKS, _LOOKUPS, _CONFIG))


def _digest(connection: sqlite3.Connection, queries: tuple[str, ...]) -> str:
    # SHA-256, as for the file: twice blake2b's speed where the CPU has SHA instructions.
    digest = hashlib.sha256()
    for table in TABLES:
        for query in queries:
            digest.update(f"\0{table}:{query}\0".encode())
            _feed(digest, connection.execute(query.format(t=table)))
    return digest.hexdigest()


def _feed(digest: Any, rows: Iterable[tuple[Any, ...]]) -> None:
    # Each value tagged with its type and length: a damaged store may hold any
    # SQLite value anywhere (a block as text, a number as a block).
    update = digest.update
    for row in rows:
        for value in row:
            if type(value) is bytes:
                update(b"b%d:" % len(value))
                update(value)
            elif type(value) is str:
                encoded = value.encode("utf-8", "surrogatepass")
                update(b"s%d:" % len(encoded))
                update(encoded)
            else:  # int, float or None
                update(f"{type(value).__name__}:{value!r};".encode())
        update(b"\n")
