"""Quote search on a store: FTS5 finds, bbtui's own rules decide (same answers as QuoteIndex).

    index = StoreIndex(stored_dataset)
    results = index.search('unfettered acc speaker:beard', limit=50)

The query language, ranking tiers (exact phrase, all words, close match),
filters and suggestions are those of `bbtui.core.search`, and the results
are the same (a test compares both on the test datasets). What changes is
where the work happens: every document's folded words are in an FTS5 table
(`ascii` tokenizer over bbtui's own words, so FTS5 tokens are bbtui's
words), each term becomes an FTS5 phrase (`"w1 w2"*` for a prefix), each
filter a term on the `tags` column, and only the counts and the hits on
screen are read. Typos use the stored vocabulary (`bbtui.core.fuzzy`).
"""

from __future__ import annotations

import heapq
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from bbtui.core.countries import matching_codes
from bbtui.core.fuzzy import CloseWords
from bbtui.core.query import Filter, Query, Term, month_of, parse, year_range
from bbtui.core.search import HitKind, QuoteIndex, SearchResults, Tier
from bbtui.core.search_advice import suggestion
from bbtui.core.search_hits import Hit, LazyHits, Marker, tier_counts
from bbtui.core.store.check import StoreDamaged
from bbtui.core.store.hits import Condition, StoreHits, fts_phrase, read_hits
from bbtui.core.store.view import StoredDataset
from bbtui.core.textfold import WORD, fold

_KINDS = (HitKind.QUOTE, HitKind.EVENT_TITLE, HitKind.EVENT_SUMMARY)
_MAX_TAG_TERMS = 64  # a filter matching more values than this is a join instead
_EXPAND_AT_MOST = 32  # a prefix of more indexed words than this goes to FTS5 as a prefix
COUNT_AT_LEAST = 1000  # with a limit, counts are exact up to this, else "at least"


class SearchInterrupted(Exception):
    """A count was stopped (`StoreIndex.stop_counting`): a newer query wants the answer."""


class _ReadOnce:
    """What a search reads whole the first time it needs it, kept for the store's life
    and shared by an index and its counting connection (it never changes)."""

    def __init__(self) -> None:
        # Held while one is read: a second thread wanting it waits for that
        # read instead of making its own.
        self.lock = threading.Lock()
        self.close_words: CloseWords | None = None
        self.years: tuple[int, ...] | None = None  # every year a document is from, sorted
        self.roles: tuple[str, ...] | None = None
        self.speakers: list[tuple[int, str, str]] | None = None


class StoreIndex:
    """Search a StoredDataset's quotes (and event titles and summaries). Thread-safe."""

    def __init__(self, dataset: StoredDataset, include_events: bool = False) -> None:
        started = time.perf_counter()
        # The store holds event titles and summaries from the start; this flag
        # only keeps the advice the same as QuoteIndex's, which offers "try
        # searching event titles" once they have been asked for.
        self.has_events = include_events
        self.dataset = dataset
        try:
            self._db: sqlite3.Connection | None = dataset.reconnect()
        except (sqlite3.Error, StoreDamaged):
            self._db = None  # gone (the file changed and the view fell back): search that
        self._lock = threading.Lock()
        self._once = _ReadOnce()
        self._counts: OrderedDict[tuple[object, ...], int] = OrderedDict()
        self._fallback: QuoteIndex | None = None
        self._counter: StoreIndex | None = None  # counts in a worker, on its own connection
        self._counter_lock = threading.Lock()
        self._stops = 0  # one per stop_counting: a count started before it stops
        # Per thread, for a counting connection: has the count it runs been stopped?
        self._thread = threading.local()
        self._expansions: OrderedDict[str, tuple[str, ...] | None] = OrderedDict()
        self.build_seconds = time.perf_counter() - started

    @property
    def size(self) -> int:
        return self._one("SELECT count(*) FROM docs")

    def index_events(self) -> None:
        """Nothing to build: events are in the store already (kept for QuoteIndex's callers)."""
        self.has_events = True

    def prepare(self) -> None:
        """Read ahead what the first typo or filter needs (for a worker, while the reader
        types), on a connection of its own: searches and counts meanwhile are not
        held up, nor is the reading stopped with a count."""
        if self._db is None:
            return
        try:
            reader = StoreIndex(self.dataset)
            reader._once = self._once
            try:
                reader._close("")
                reader._years()
                reader._speaker_rows()
            finally:
                if reader._db is not None:
                    reader._db.close()
        except (sqlite3.Error, StoreDamaged, ValueError, TypeError):
            return  # a head start only: the search that needs it meets the damage itself

    # --- SQL -----------------------------------------------------------------------

    def _rows(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        if self._db is None:
            raise StoreDamaged("no store to search")
        stopped = getattr(self._thread, "stopped", None)
        if stopped is not None and stopped():
            # SQLite's interrupt stops only the statement running when it comes:
            # a count between two statements would otherwise go on to the end.
            raise SearchInterrupted
        with self._lock:
            try:
                return self._db.execute(sql, tuple(parameters)).fetchall()
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode == sqlite3.SQLITE_INTERRUPT:
                    raise SearchInterrupted from exc  # stop_counting(): not damage
                raise

    def _one(self, sql: str, parameters: Sequence[object] = ()) -> int:
        value = self._rows(sql, parameters)[0][0]
        if type(value) is not int:
            raise StoreDamaged("expected a number")
        return value

    def _selects(
        self, condition: Condition, after: int | None = None
    ) -> list[tuple[str, list[object]]]:
        """One SELECT of matching document numbers per table searched (past `after`)."""
        selects = []
        for table in condition.tables:
            extra = "".join(f" AND {sql}" for sql in condition.sql)
            if after is not None:
                column = f"{table}.rowid" if condition.fts else "d.doc"
                extra += f" AND {column} > {int(after)}"
            if condition.fts:
                join = f" JOIN docs d ON d.doc = {table}.rowid" if condition.sql else ""
                match = " AND ".join(f"({part})" for part in condition.fts)
                sql = f"SELECT {table}.rowid FROM {table}{join} WHERE {table} MATCH ?{extra}"
                selects.append((sql, [match, *condition.parameters]))
            else:
                kind = "d.kind = 0" if table == "quote_words" else "d.kind > 0"
                selects.append(
                    (f"SELECT d.doc FROM docs d WHERE {kind}{extra}", condition.parameters)
                )
        return selects

    def count(self, condition: Condition, cap: int | None = None) -> int:
        """How many documents match (at most `cap`, which is far cheaper for common words)."""
        key = (condition.key(), cap)
        with self._lock:
            found = self._counts.get(key)
        if found is not None:
            return found
        found = 0
        for sql, parameters in self._selects(condition):
            if cap is None:
                found += self._one(f"SELECT count(*) FROM ({sql})", parameters)
            else:
                found += self._one(f"SELECT count(*) FROM ({sql} LIMIT ?)", [*parameters, cap])
        if cap is not None:
            found = min(found, cap)
        with self._lock:
            self._counts[key] = found
            if len(self._counts) > 512:
                self._counts.popitem(last=False)
        return found

    def page(
        self, condition: Condition, start: int, size: int, after: int | None = None
    ) -> list[int]:
        """Matching document numbers `start` to `start + size`, in ranking order.

        `after`, the last document of the page before, lets the query start
        there instead of reading and dropping the `start` before it (reading
        48k hits a page at a time was quadratic).
        """
        skip = 0 if after is not None else start
        runs = [
            [row[0] for row in self._rows(f"{sql} ORDER BY 1 LIMIT ?", [*parameters, skip + size])]
            for sql, parameters in self._selects(condition, after)
        ]
        merged = runs[0] if len(runs) == 1 else list(heapq.merge(*runs))
        return merged[skip : skip + size]

    def documents(self, docs: list[int]) -> dict[int, tuple[int, int]]:
        marks = ",".join("?" * len(docs))
        rows = self._rows(f"SELECT doc, kind, item FROM docs WHERE doc IN ({marks})", docs)
        found = {}
        for doc, kind, item in rows:
            if kind not in (0, 1, 2) or type(item) is not int:
                raise StoreDamaged("a search hit with no document")
            found[doc] = (kind, item)
        if len(found) != len(set(docs)):
            raise StoreDamaged("a search hit with no document")
        return found

    # --- filters --------------------------------------------------------------------

    def _scope(self, include_events: bool) -> Condition:
        tables = ("quote_words", "event_words") if include_events else ("quote_words",)
        return Condition(tables, [], [], [])

    def _tokens_or_sql(
        self, condition: Condition, tokens: list[str], sql: str, parameters: list[object]
    ) -> Condition:
        if not tokens:
            return condition.and_("tags : nothing_matches_this")
        if len(tokens) <= _MAX_TAG_TERMS:
            return condition.and_("tags : (" + " OR ".join(tokens) + ")")
        return condition.and_sql(sql, parameters)

    def _speaker_rows(self) -> list[tuple[int, str, str]]:
        once = self._once
        with once.lock:
            if once.speakers is None:
                once.speakers = [
                    (n, s, f) for n, s, f in self._rows("SELECT n, speaker, folded FROM speakers")
                ]
            return once.speakers

    def _years(self) -> tuple[int, ...]:
        # DISTINCT over the year index walks every document (30-40 ms at 100k):
        # once, not at every `year:` keystroke.
        once = self._once
        with once.lock:
            if once.years is None:
                years = [y for (y,) in self._rows("SELECT DISTINCT year FROM docs ORDER BY year")]
                if any(type(y) is not int for y in years):
                    raise StoreDamaged("a year that is not a number")
                once.years = tuple(years)
            return once.years

    def _roles(self) -> tuple[str, ...]:
        once = self._once
        with once.lock:
            if once.roles is None:
                roles = {role for (role,) in self._rows("SELECT DISTINCT role FROM quotes") if role}
                once.roles = tuple(sorted(roles))
            return once.roles

    def _filters(self, condition: Condition, filters: tuple[Filter, ...]) -> Condition:
        for item in filters:
            value = item.value
            if item.name == "year":
                span = year_range(value)
                assert span is not None  # the parser reports bad years
                years = [y for y in self._years() if span[0] <= y <= span[1]]
                condition = self._tokens_or_sql(
                    condition, [f"y{y}" for y in years], "d.year BETWEEN ? AND ?", list(span)
                )
                month = month_of(value)
                if month is not None:
                    # docs holds only the year: the month is read from the quote's or
                    # event's own date (`2015-07` or `2015-07-24`). A date known only to
                    # the year is not said to fall in the month, as in QuoteIndex.
                    condition = condition.and_sql(
                        "substr(CASE d.kind WHEN 0 THEN (SELECT said FROM quotes WHERE ord ="
                        " d.item) ELSE (SELECT date FROM events WHERE pos = d.item) END, 1, 7)"
                        " = ?",
                        [f"{month[0]:04d}-{month[1]:02d}"],
                    )
            elif item.name == "country":
                # A code, an alias (`uk`) or the start of a name, as in QuoteIndex.
                keys = matching_codes(value, self.dataset.countries)
                condition = self._tokens_or_sql(
                    condition,
                    [f"c{k.lower()}" for k in keys],
                    f"d.country IN ({','.join('?' * len(keys))})",
                    list(keys),
                )
            elif item.name == "speaker":
                speakers = [n for n, _, folded in self._speaker_rows() if value in folded]
                condition = self._tokens_or_sql(
                    condition,
                    [f"s{n}" for n in speakers],
                    "d.speaker IN (SELECT speaker FROM speakers WHERE instr(folded, ?))",
                    [value],
                )
            elif item.name == "role":
                # The speaker's position and organisation, as in the in-memory index.
                matching = [role for role in self._roles() if value in fold(role)]
                condition = condition.and_sql(
                    "d.kind = 0 AND d.item IN (SELECT ord FROM quotes WHERE role IN "
                    f"({','.join('?' * len(matching)) or 'NULL'}))",
                    list(matching),
                )
            else:
                ordinals = [
                    n
                    for (n,) in self._rows(
                        "SELECT ord FROM sources WHERE instr(folded_id, ?) OR instr(folded_outlet, ?)",
                        (value, value),
                    )
                ]
                condition = self._tokens_or_sql(
                    condition,
                    [f"r{n}" for n in ordinals],
                    "d.doc IN (SELECT doc FROM doc_sources WHERE source IN (SELECT id FROM"
                    " sources WHERE instr(folded_id, ?) OR instr(folded_outlet, ?)))",
                    [value, value],
                )
        return condition

    # --- matching -------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        include_events: bool = False,
        limit: int | None = None,
        first: int | None = None,
    ) -> SearchResults:
        """Hits best first and their count; with `first`, only up to that many hits
        and no count unless they are all there is (`counting` says so: `counted`
        finds the rest, in a worker)."""
        if self._db is None and self.dataset.fallback is None:
            self.dataset.damaged()
        if self._fallback is None and self.dataset.fallback is None:
            try:
                if first is not None:
                    found = self._first_page(query, include_events, first)
                    if found is not None:
                        return found
                return self._search(query, include_events, limit)
            except (sqlite3.Error, StoreDamaged, ValueError, TypeError):
                self.dataset.damaged()  # the view reads the YAML again
        if self._fallback is None:
            fallback = self.dataset.fallback
            assert fallback is not None
            self._fallback = QuoteIndex(fallback, include_events=self.has_events)
        return self._fallback.search(query, include_events=include_events, limit=limit)

    def _search(self, query: str, include_events: bool, limit: int | None) -> SearchResults:
        # With a limit, counting stops a little past what can be shown (the
        # total is then "at least"): an exact count of a word in 100k quotes
        # costs 10-50 ms, the first page well under 1 ms. `exact_total` counts.
        cap = None if limit is None else max(limit, COUNT_AT_LEAST) + 1
        parsed = parse(query)
        if parsed.problems:
            return SearchResults(query, (), 0, parsed.problems[0])
        if parsed.is_empty:
            return SearchResults(query, (), 0, None)
        if include_events:
            self.has_events = True  # as QuoteIndex indexes them on the first such search
        scope = self._scope(include_events)
        filtered = self._filters(scope, parsed.filters)
        tiers, marker = self._match(parsed, filtered, cap)
        if not any(n for _, _, n in tiers) and parsed.terms:
            tiers, marker = self._match_close(parsed, filtered, cap)
        counts = tier_counts(tiers)
        total = sum(counts)
        more = cap is not None and any(n >= cap for _, _, n in tiers)
        suggestion = None if total else self._suggest(parsed, include_events)
        hits = StoreHits(self, tiers, limit, marker)
        return SearchResults(query, hits, total, suggestion, counts, at_least=more)

    def _first_page(self, query: str, include_events: bool, size: int) -> SearchResults | None:
        """Up to `size` hits, tier by tier, nothing counted; None for a query with
        nothing to search (answered at once). No hits at all is still `counting`:
        the advice for an empty result counts several loosenings of the query,
        and `counted` gives it."""
        parsed = parse(query)
        if parsed.problems or parsed.is_empty:
            return None
        if include_events:
            self.has_events = True
        filtered = self._filters(self._scope(include_events), parsed.filters)
        tiers, marker = self._tiers(parsed, filtered)
        hits = self._first_hits(tiers, marker, size)
        if not hits and parsed.terms:
            close, marker = self._close_tier(parsed, filtered)
            hits = self._first_hits([(Tier.FUZZY, close)], marker, size)
        if not hits:
            return SearchResults(query, (), 0, None, (0, 0, 0), True, True)
        counts = tier_counts((hit.tier, None, 1) for hit in hits)
        # Fewer than asked for: every tier ran dry, so this is the whole answer.
        counting = len(hits) >= size
        return SearchResults(query, tuple(hits), len(hits), None, counts, counting, counting)

    def _first_hits(
        self, tiers: list[tuple[Tier, Condition]], marker: Marker, size: int
    ) -> list[Hit]:
        hits: list[Hit] = []
        for tier, condition in tiers:
            if len(hits) >= size:
                break
            docs = self.page(condition, 0, size - len(hits))
            hits += read_hits(self, tier, docs, marker)
        return hits

    def counted(
        self, query: str, *, include_events: bool = False, limit: int | None = None,
        shown: Sequence[Hit] = (),
    ) -> SearchResults:  # fmt: skip
        """`search` with its count, on a second connection (for a worker: typing goes
        on meanwhile); `shown`, the first page already read, is not read again.
        Raises SearchInterrupted after `stop_counting`."""
        counter = self._counting()
        stops = self._stops
        counter._thread.stopped = lambda: self._stops != stops
        try:
            results = counter.search(query, include_events=include_events, limit=limit)
        finally:
            counter._thread.stopped = None
        if isinstance(results.hits, LazyHits):
            results.hits.keep(shown)
        return results

    def _counting(self) -> StoreIndex:
        with self._counter_lock:
            if self._counter is None:
                self._counter = StoreIndex(self.dataset, self.has_events)
                self._counter._once = self._once
            # Events asked for since: the advice it gives offers them as this index's would.
            self._counter.has_events = self.has_events
            return self._counter

    def stop_counting(self) -> None:
        """Stop a `counted` running in another thread (it raises SearchInterrupted)."""
        self._stops += 1
        counter = self._counter
        if counter is not None and counter._db is not None:
            counter._db.interrupt()

    def exact_total(self, query: str, *, include_events: bool = False) -> int:
        """The exact count of matches, for results that said "at least" (run it in a worker)."""
        return self.search(query, include_events=include_events).total

    def _match(
        self, query: Query, filtered: Condition, cap: int | None = None
    ) -> tuple[list[tuple[Tier, Condition, int]], Marker]:
        tiers, marker = self._tiers(query, filtered)
        if len(tiers) == 2:  # the phrase, then all the words but not as that phrase
            (_, phrase), (_, rest) = tiers
            n_phrase = self.count(phrase, cap)
            if cap is None:
                every = filtered.and_(f"body : ({self._every(query)})")
                n_rest = self.count(every) - n_phrase
            else:
                n_rest = self.count(rest, cap) if n_phrase < cap else 0
            return [(Tier.PHRASE, phrase, n_phrase), (Tier.ALL_WORDS, rest, n_rest)], marker
        return [(tier, condition, self.count(condition, cap)) for tier, condition in tiers], marker

    def _tiers(
        self, query: Query, filtered: Condition
    ) -> tuple[list[tuple[Tier, Condition]], Marker]:
        """The exact tiers' documents, best first, as conditions (not yet counted)."""
        marker = Marker(
            frozenset(w for t in query.terms for w in (t.words[:-1] if t.prefix else t.words)),
            tuple(t.words[-1] for t in query.terms if t.prefix),
            tuple(t for t in query.terms if len(t.words) > 1),
        )
        if not query.terms:
            return [(Tier.ALL_WORDS, filtered)], marker
        every = self._every(query)
        matching = filtered.and_(f"body : ({every})")
        whole = Term(query.words, prefix=query.terms[-1].prefix)
        if len(query.words) > 1 and len(query.terms) > 1:
            marker = Marker(marker.words, marker.prefixes, (*marker.phrases, whole))
            phrase = filtered.and_(f"body : ({every} AND {self._phrase(whole)})")
            rest = filtered.and_(f"body : ({every}) NOT body : ({self._phrase(whole)})")
            return [(Tier.PHRASE, phrase), (Tier.ALL_WORDS, rest)], marker
        if len(query.words) > 1:
            return [(Tier.PHRASE, matching)], marker
        return [(Tier.ALL_WORDS, matching)], marker

    def _every(self, query: Query) -> str:
        """Every term of the query, as one FTS5 expression."""
        return " AND ".join(self._phrase(t) for t in query.terms)

    def _phrase(self, term: Term) -> str:
        """The term for FTS5, a prefix spelled out as the words it stands for.

        FTS5 answers `"gove"*` (past its 1-3 letter prefix indexes) by merging
        every matching word's whole list of documents before the first hit:
        10-20 ms for a common word. `"government"` is read lazily (0.05 ms for
        a first page). The vocabulary holds exactly the words indexed, so the
        two match the same documents; a prefix of many words stays a prefix.
        """
        last = term.words[-1]
        if not term.prefix or len(last) <= 3:
            return fts_phrase(term)
        words = self._completions(last)
        if words is None:
            return fts_phrase(term)
        if not words:  # no indexed word starts so: nothing matches, as the prefix would
            return fts_phrase(Term(term.words))
        head = term.words[:-1]
        return "(" + " OR ".join(fts_phrase(Term((*head, w))) for w in words) + ")"

    def _completions(self, prefix: str) -> tuple[str, ...] | None:
        """The indexed words starting with `prefix`, or None past _EXPAND_AT_MOST."""
        with self._lock:
            if prefix in self._expansions:
                return self._expansions[prefix]
        rows = self._rows(
            "SELECT word FROM vocabulary WHERE word >= ? AND word < ? ORDER BY word LIMIT ?",
            (prefix, prefix + "\U0010ffff", _EXPAND_AT_MOST + 1),
        )
        words = tuple(w for (w,) in rows)
        if any(
            type(w) is not str or not WORD.fullmatch(w) or not w.startswith(prefix) for w in words
        ):
            raise StoreDamaged("a word that is not a word")
        result = None if len(words) > _EXPAND_AT_MOST else words
        with self._lock:
            self._expansions[prefix] = result
            if len(self._expansions) > 512:
                self._expansions.popitem(last=False)
        return result

    def _vocabulary_has(self, word: str, prefix: bool) -> bool:
        if prefix:
            rows = self._rows(
                "SELECT 1 FROM vocabulary WHERE word >= ? AND word < ? LIMIT 1",
                (word, word + "\U0010ffff"),
            )
        else:
            rows = self._rows("SELECT 1 FROM vocabulary WHERE word = ?", (word,))
        return bool(rows)

    def _close(self, word: str) -> tuple[str, ...]:
        once = self._once
        with once.lock:
            if once.close_words is None:
                words = [w for (w,) in self._rows("SELECT word FROM vocabulary ORDER BY word")]
                if any(type(w) is not str or not w for w in words):
                    raise StoreDamaged("a word that is not text")
                once.close_words = CloseWords(words)
            close_words = once.close_words
        return close_words(word) if word else ()

    def _match_close(
        self, query: Query, filtered: Condition, cap: int | None = None
    ) -> tuple[list[tuple[Tier, Condition, int]], Marker]:
        """Typos forgiven, exactly as `QuoteIndex._match_close` does it."""
        condition, marker = self._close_tier(query, filtered)
        return [(Tier.FUZZY, condition, self.count(condition, cap))], marker

    def _close_tier(self, query: Query, filtered: Condition) -> tuple[Condition, Marker]:
        close_words: set[str] = set()
        prefixes: list[str] = []
        typed = [
            (word, term.prefix and i == len(term.words) - 1)
            for term in query.terms
            for i, word in enumerate(term.words)
        ]
        unknown = {word for word, prefix in typed if not self._vocabulary_has(word, prefix)}
        loose = [t for t in query.terms if not t.quoted]
        quoted = tuple(t for t in query.terms if t.quoted)
        parts = [self._phrase(t) for t in quoted]
        for term in loose:
            last = len(term.words) - 1
            for i, word in enumerate(term.words):
                near = self._close(word) if not unknown or word in unknown else ()
                close_words.update(near)
                if term.prefix and i == last:
                    prefixes.append(word)
                    exact = self._phrase(Term((word,), prefix=True))
                else:
                    close_words.add(word)
                    exact = f'"{word}"'
                parts.append("(" + " OR ".join([exact] + [f'"{w}"' for w in near]) + ")")
        condition = filtered.and_("body : (" + " AND ".join(parts) + ")")
        return condition, Marker(frozenset(close_words), tuple(prefixes), quoted)

    # --- advice for an empty result ------------------------------------------------

    def _suggest(self, query: Query, include_events: bool) -> str:
        def matches(q: Query, events: bool) -> int:
            tiers, _ = self._match(q, self._filters(self._scope(events), q.filters))
            return sum(n for _, _, n in tiers)

        speakers = (folded for _, _, folded in self._speaker_rows())
        return suggestion(query, include_events, matches, speakers, self.has_events)


def open_index(dataset: object, include_events: bool = False) -> StoreIndex | QuoteIndex:
    """The search index for a dataset however it was opened: on the store, or in memory.

    A dataset read from its store is searched there, the shipped one too:
    building its in-memory index took ~100 M instructions beside the first
    frame, for answers the store gives equally (country names such as
    `country:uk` and a month in `year:2015-07` included; tests check both).
    A dataset loaded into memory (no store, or a damaged one) is indexed in memory.
    """
    if isinstance(dataset, StoredDataset) and dataset.fallback is None:
        return StoreIndex(dataset, include_events)
    from bbtui.core import search as memory  # looked up now: tests stand in for QuoteIndex
    from bbtui.core.model import Dataset

    whole = dataset.whole() if isinstance(dataset, StoredDataset) else dataset
    assert isinstance(whole, Dataset)
    return memory.QuoteIndex(whole, include_events)
