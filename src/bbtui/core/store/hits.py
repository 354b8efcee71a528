"""The pieces of a store search: a set of documents as SQL, and hits read a page at a time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bbtui.core.query import Term
from bbtui.core.search import Hit, HitKind, Tier
from bbtui.core.search_hits import LazyHits, Marker
from bbtui.core.store.check import StoreDamaged

if TYPE_CHECKING:
    from bbtui.core.store.search import StoreIndex

PAGE = 100  # hits read at once (a screen shows about 30)
_KINDS = (HitKind.QUOTE, HitKind.EVENT_TITLE, HitKind.EVENT_SUMMARY)


def fts_phrase(term: Term) -> str:
    # Words are runs of \w: nothing in them needs escaping inside "…".
    return '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")


class Condition:
    """A set of documents: FTS5 terms, plus SQL conditions on `docs d` (filters too big for FTS5)."""

    def __init__(
        self, tables: tuple[str, ...], fts: list[str], sql: list[str], parameters: list[object]
    ) -> None:
        self.tables, self.fts, self.sql, self.parameters = tables, fts, sql, parameters

    def and_(self, fts: str) -> Condition:
        return Condition(self.tables, [*self.fts, fts], self.sql, self.parameters)

    def and_sql(self, sql: str, parameters: list[object]) -> Condition:
        return Condition(self.tables, self.fts, [*self.sql, sql], self.parameters + parameters)

    def key(self) -> tuple[object, ...]:
        return (self.tables, tuple(self.fts), tuple(self.sql), tuple(self.parameters))


class StoreHits(LazyHits):
    """Hits read a page at a time: a search may match 300k quotes but a screen shows 30."""

    def __init__(
        self,
        index: StoreIndex,
        tiers: list[tuple[Tier, Condition, int]],
        limit: int | None,
        marker: Marker,
    ) -> None:
        super().__init__()
        self._index = index
        self._tiers = [(tier, condition, n) for tier, condition, n in tiers if n > 0]
        total = sum(n for _, _, n in self._tiers)
        self._len = total if limit is None else min(total, max(limit, 0))
        self._marker = marker
        self._pages: dict[tuple[int, int], list[Hit]] = {}
        self._last_doc: dict[tuple[int, int], int] = {}  # where each page read ended

    def _make(self, index: int) -> Hit:
        for number, (_, _, n) in enumerate(self._tiers):
            if index < n:
                start = index - index % PAGE
                page = self._pages.get((number, start))
                if page is None:
                    page = self._pages[(number, start)] = self._read_page(number, start)
                if index - start >= len(page):
                    raise StoreDamaged("fewer hits than counted")
                return page[index - start]
            index -= n
        raise IndexError(index)

    def pages(self, size: int = 1000) -> Iterator[list[Hit]]:
        left = self._len
        for tier, condition, n in self._tiers:
            start, after = 0, None
            while start < n and left > 0:
                want = min(size, n - start, left)
                docs = self._index.page(condition, start, want, after)
                if len(docs) < want:
                    raise StoreDamaged("fewer hits than counted")
                yield read_hits(self._index, tier, docs, self._marker)
                start, after, left = start + want, docs[-1], left - want

    def _read_page(self, number: int, start: int) -> list[Hit]:
        tier, condition, _ = self._tiers[number]
        after = self._last_doc.get((number, start - PAGE))
        docs = self._index.page(condition, start, PAGE, after)
        if docs:
            self._last_doc[(number, start)] = docs[-1]
        return read_hits(self._index, tier, docs, self._marker)


def read_hits(index: StoreIndex, tier: Tier, docs: list[int], marker: Marker) -> list[Hit]:
    """The hits for these document numbers, in their order (one query per table)."""
    found = index.documents(docs) if docs else {}
    dataset = index.dataset
    places = [found[doc] for doc in docs]
    quotes = iter(dataset.quotes.at([item for kind, item in places if kind == 0]))
    events = iter(dataset.events.at([item for kind, item in places if kind != 0]))
    hits = []
    for kind, _ in places:
        if kind == 0:
            quote = next(quotes)
            hits.append(Hit(HitKind.QUOTE, quote.id, quote.event, tier, quote.text, marker, quote))
        else:
            event = next(events)
            text = event.title if kind == 1 else event.summary
            hits.append(Hit(_KINDS[kind], event.id, event.id, tier, text, marker))
    return hits
