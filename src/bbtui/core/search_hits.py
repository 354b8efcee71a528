"""What a search answers: hits (made on demand), their match spans, the results."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from functools import cached_property
from typing import overload

from bbtui.core.model import Quote
from bbtui.core.query import Term
from bbtui.core.search_corpus import BitReader, Corpus
from bbtui.core.textfold import WORD, fold_in_place, fold_with_offsets


class Tier(IntEnum):
    """How well a hit matches; lower is better."""

    PHRASE = 0
    ALL_WORDS = 1
    FUZZY = 2


class HitKind(str, Enum):
    QUOTE = "quote"
    EVENT_TITLE = "event-title"
    EVENT_SUMMARY = "event-summary"


Span = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    """One matching text: a quote's, or (when events are searched) an event's title or summary.

    `id` is the quote id for quotes and the event id otherwise; `event_id` is
    always the event to show. `spans` are (start, end) character ranges of
    `text` (the original, unfolded text) to highlight, sorted, not overlapping.
    """

    kind: HitKind
    id: str
    event_id: str
    tier: Tier
    text: str = field(compare=False, repr=False)
    _marker: Marker = field(compare=False, repr=False)
    # The quote itself, when the index had it in hand: no second look-up by id.
    quote: Quote | None = field(default=None, compare=False, repr=False)

    @cached_property
    def spans(self) -> tuple[Span, ...]:
        return self._marker.spans(self.text)

    @property
    def is_quote(self) -> bool:
        return self.kind is HitKind.QUOTE


@dataclass(frozen=True)
class SearchResults:
    """Hits best first (at most `limit`), the count of all matches, and advice when none."""

    query: str
    hits: Sequence[Hit]
    total: int
    suggestion: str | None = None
    tier_counts: tuple[int, int, int] = (0, 0, 0)
    # True when `total` is a lower bound: a search with a limit on a store
    # stops counting past what can be shown (see bbtui.core.store.search).
    at_least: bool = False
    # True when only a first page was looked for (a store's `search(first=N)`):
    # `total` is then the hits found so far and the count is still to come.
    counting: bool = False

    def __bool__(self) -> bool:
        return self.total > 0


def tier_counts(tiers: Iterable[tuple[Tier, object, int]]) -> tuple[int, int, int]:
    """Matches per tier (phrase, all words, close) from an index's (tier, set, count) list."""
    counts = [0, 0, 0]
    for tier, _, n in tiers:
        counts[tier] += n
    return (counts[0], counts[1], counts[2])


KIND_BY_CODE = (HitKind.QUOTE, HitKind.EVENT_TITLE, HitKind.EVENT_SUMMARY)


# --- highlighting ----------------------------------------------------------


def _is_word(char: str) -> bool:
    """Whether `char` is one of `\\w` (what regular expressions call a word character)."""
    return char.isalnum() or char == "_"


@dataclass(frozen=True)
class Marker:
    """Which words of a text a query matched, worked out for one hit at a time."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: tuple[Term, ...]

    @cached_property
    def _quick(self) -> bool:
        # Words and prefixes that are words themselves can be looked for with
        # str.find: the same spans as the loop over every word (`_found`), without it.
        return not self.phrases and all(WORD.fullmatch(w) for w in (*self.words, *self.prefixes))

    def spans(self, text: str) -> tuple[Span, ...]:
        folded = fold_in_place(text)
        origins = None
        if folded is None:
            folded, origins = fold_with_offsets(text)
        found = self._found_quickly(folded) if self._quick else self._found(folded)
        if not found:
            return ()
        found.sort()
        merged = [found[0]]
        for start, end in found[1:]:
            if start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        if origins is None:  # each folded character is the original one at its place
            return tuple((a, b) for a, b in merged if b > a)
        # A span ends where the next folded character starts, so marks that
        # fold to nothing (a combining accent) stay with their letter.
        ends = [*origins, len(text)]
        return tuple((origins[a], ends[b]) for a, b in merged if b > a)

    def _found_quickly(self, folded: str) -> list[Span]:
        """What `_found` finds, when every word and prefix is a word (`_quick`)."""
        found: list[Span] = []
        starts: set[int] = set()  # words that matched whole: no prefix marks them again
        size = len(folded)
        for word in self.words:
            n = len(word)
            at = folded.find(word)
            while at >= 0:
                if (at == 0 or not _is_word(folded[at - 1])) and (
                    at + n == size or not _is_word(folded[at + n])
                ):
                    found.append((at, at + n))
                    starts.add(at)
                at = folded.find(word, at + 1)
        for prefix in self.prefixes:  # in order: a word's first matching prefix marks it
            at = folded.find(prefix)
            while at >= 0:
                if at not in starts and (at == 0 or not _is_word(folded[at - 1])):
                    found.append((at, at + len(prefix)))
                    starts.add(at)
                at = folded.find(prefix, at + 1)
        return found

    def _found(self, folded: str) -> list[Span]:
        tokens = [(m.group(), m.start(), m.end()) for m in WORD.finditer(folded)]
        found: list[Span] = []
        for word, start, end in tokens:
            if word in self.words:
                found.append((start, end))
            else:
                for prefix in self.prefixes:
                    if word.startswith(prefix):
                        found.append((start, start + len(prefix)))
                        break
        for phrase in self.phrases:
            size = len(phrase.words)
            for i in range(len(tokens) - size + 1):
                window = tokens[i : i + size]
                # All but the last word match exactly (the last may be a prefix).
                if all(t[0] == w for t, w in zip(window[:-1], phrase.words, strict=False)):
                    last, want = window[-1][0], phrase.words[-1]
                    if last == want or (phrase.prefix and last.startswith(want)):
                        end = window[-1][2] if last == want else window[-1][1] + len(want)
                        found.append((window[0][1], end))
        return found


# --- results ---------------------------------------------------------------


class LazyHits(Sequence[Hit]):
    """Hits made when first asked for, and kept: a search may match 300k quotes but a
    screen shows 30. Subclasses set `_len` and make hit number `index` in `_make`."""

    _len: int

    def __init__(self) -> None:
        self._made: dict[int, Hit] = {}

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> Hit: ...
    @overload
    def __getitem__(self, index: slice) -> list[Hit]: ...
    def __getitem__(self, index: int | slice) -> Hit | list[Hit]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("hit index out of range")
        hit = self._made.get(index)
        if hit is None:
            hit = self._made[index] = self._make(index)
        return hit

    def _make(self, index: int) -> Hit:
        raise NotImplementedError

    def keep(self, hits: Sequence[Hit]) -> None:
        """The first hits, made already (e.g. by a first-page search): not read again."""
        for index, hit in enumerate(hits[: self._len]):
            self._made.setdefault(index, hit)

    def __iter__(self) -> Iterator[Hit]:
        for index in range(self._len):
            yield self[index]

    def pages(self, size: int = 1000) -> Iterator[list[Hit]]:
        """Every hit in order, `size` at a time, none of them kept (`bbtui search`
        prints 48k: kept, they held hundreds of megabytes until the end)."""
        for start in range(0, self._len, size):
            end = min(start + size, self._len)
            yield [self._made.get(index) or self._make(index) for index in range(start, end)]


class Hits(LazyHits):
    """The in-memory index's hits, read from its bitmaps."""

    def __init__(
        self,
        corpus: Corpus,
        tiers: list[tuple[Tier, int, int]],
        limit: int | None,
        marker: Marker,
    ):
        super().__init__()
        self._corpus = corpus
        self._tiers = [(tier, BitReader(bits), n) for tier, bits, n in tiers if n]
        total = sum(n for _, _, n in self._tiers)
        self._len = total if limit is None else min(total, max(limit, 0))
        self._marker = marker

    def _make(self, index: int) -> Hit:
        for tier, reader, n in self._tiers:
            if index < n:
                doc = reader.get(index)
                assert doc is not None
                return self._hit(tier, doc)
            index -= n
        raise IndexError(index)

    def _hit(self, tier: Tier, doc: int) -> Hit:
        kind = KIND_BY_CODE[self._corpus.kinds[doc]]
        record = self._corpus.records[doc]
        if isinstance(record, Quote):
            return Hit(kind, record.id, record.event, tier, record.text, self._marker, record)
        text = record.title if kind is HitKind.EVENT_TITLE else record.summary
        return Hit(kind, record.id, record.id, tier, text, self._marker)
