"""The search tables of a store, written from its record tables once they are complete.

Every searchable text (a quote, an event's title, an event's summary) is one
row of `docs`, numbered in ranking order: date, then kind (quote, title,
summary), then place (a quote's in the file, an event's in the timeline),
the same order as the in-memory index (`bbtui.core.search`). SQLite sorts
them (spilling to a temporary file if it must), so the texts pass through
here one at a time: folded into words for FTS5 (which wants its rows in that
order), and with their filter values as tokens (see `schema`).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from bbtui.core.textfold import fold, words

_BATCH = 5000


def _key(date: str) -> str:
    """SQL for the order key of an ISO date column (`2015`, `2015-07`, `2015-07-24`):
    (year * 13 + month) * 32 + day, a missing part counting 0, as `PartialDate.sort_key`."""

    def part(start: int, length: int) -> str:
        return f"coalesce(CAST(nullif(substr({date}, {start}, {length}), '') AS INTEGER), 0)"

    return f"(({part(1, 4)} * 13 + {part(6, 2)}) * 32 + {part(9, 2)})"


_RANKED = f"""
SELECT kind, item, body, speaker, country, date, sources FROM (
  SELECT {_key("q.said")} * 3 AS k, 0 AS kind, q.ord AS item, q.text AS body,
         q.speaker AS speaker, e.country AS country, q.said AS date, q.source AS sources
    FROM quotes AS q JOIN events AS e ON e.id = q.event
  UNION ALL
  SELECT {_key("date")} * 3 + 1, 1, pos, title, NULL, country, date, sources FROM events
  UNION ALL
  SELECT {_key("date")} * 3 + 2, 2, pos, summary, NULL, country, date, sources FROM events
) ORDER BY k, item
"""


def tag_tokens(country: str, year: int, speaker: int | None, sources: list[int]) -> str:
    """A document's filter values as tokens of the `tags` column (see `schema`)."""
    parts = [f"c{country.lower()}", f"y{year}"]
    if speaker is not None:
        parts.append(f"s{speaker}")
    parts += [f"r{s}" for s in sources]
    return " ".join(parts)


class _Batches:
    """Rows for the search tables, written a batch at a time."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.docs: list[tuple[Any, ...]] = []
        self.doc_sources: list[tuple[str, int]] = []
        self.texts: dict[str, list[tuple[int, str, str]]] = {"quote_words": [], "event_words": []}

    def flush(self) -> None:
        self.db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?)", self.docs)
        self.db.executemany("INSERT INTO doc_sources VALUES (?,?)", self.doc_sources)
        for table, texts in self.texts.items():
            self.db.executemany(f"INSERT INTO {table}(rowid, body, tags) VALUES (?,?,?)", texts)
            texts.clear()
        self.docs.clear()
        self.doc_sources.clear()


def fill_search_tables(db: sqlite3.Connection, speakers: set[str]) -> None:
    """Write speakers, docs, doc_sources, the two FTS5 tables and the vocabulary."""
    ordered = sorted(speakers)
    speaker_n = {name: n for n, name in enumerate(ordered)}
    db.executemany(
        "INSERT INTO speakers VALUES (?, ?, ?)", ((n, s, fold(s)) for n, s in enumerate(ordered))
    )
    source_ord: dict[str, int] = dict(db.execute("SELECT id, ord FROM sources"))
    vocabulary: set[str] = set()
    out = _Batches(db)
    for doc, (kind, item, body, speaker, country, date, sources) in enumerate(db.execute(_RANKED)):
        year = int(date[:4])
        cited = [sources] if kind == 0 else list(dict.fromkeys(json.loads(sources)))
        out.docs.append((doc, kind, item, speaker, country, year))
        out.doc_sources.extend((s, doc) for s in cited)
        tokens = words(body)
        vocabulary.update(tokens)
        tags = tag_tokens(
            country, year, None if speaker is None else speaker_n[speaker],
            [source_ord[s] for s in cited],
        )  # fmt: skip
        out.texts["quote_words" if kind == 0 else "event_words"].append(
            (doc, " ".join(tokens), tags)
        )
        if len(out.docs) >= _BATCH:
            out.flush()
    out.flush()
    db.executemany("INSERT INTO vocabulary VALUES (?)", ((w,) for w in sorted(vocabulary)))
