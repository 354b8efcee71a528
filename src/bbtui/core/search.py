"""Quote search: an index built once, then answers on every keystroke.

The app, `bbtui search` and the benchmarks all use `QuoteIndex`:

    index = QuoteIndex(dataset)
    results = index.search('unfettered acc speaker:beard', limit=50)
    results.total, results.hits[0].id, results.hits[0].spans, results.suggestion

Query syntax is in `bbtui.core.query`. Matching is case-, accent- and
typography-insensitive (`bbtui.core.textfold`).

Why it is fast: at build time every document (a quote, or an event's title
or summary) is folded once and split into words; each word gets the set of
documents holding it (its postings), and the sorted vocabulary answers
prefix look-ups by bisection. Sets of documents are Python ints used as
bitmaps (bit n = document n), so "all these words and this filter" is a few
big-integer ANDs, and counting is `int.bit_count()`. Rare words keep a
compact array instead and become a bitmap only when asked for. Documents
are numbered in ranking order (date, then file order), so reading a bitmap's
bits from the lowest gives results already sorted within a tier.

Ranking: exact phrase (the query's words adjacent, in order) before all
words (any order) before close matches (typos). Close matches are a
fallback: they are looked for only when nothing matches exactly, so precise
queries stay precise.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from functools import cached_property, partial
from itertools import compress, repeat
from operator import contains
from typing import overload

from bbtui.core.countries import matching_codes
from bbtui.core.fuzzy import CloseWords
from bbtui.core.model import Dataset, Event, PartialDate, Quote
from bbtui.core.query import Filter, Query, Term, month_of, parse, year_range
from bbtui.core.textfold import WORD, fold, fold_with_offsets
from bbtui.core.textfold import words as words_of


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
    _marker: _Marker = field(compare=False, repr=False)

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

    def __bool__(self) -> bool:
        return self.total > 0


# --- documents -------------------------------------------------------------

_KIND_BY_CODE = (HitKind.QUOTE, HitKind.EVENT_TITLE, HitKind.EVENT_SUMMARY)
# A rare word's postings stay an array until needed: a bitmap costs n/8
# bytes whatever the word's frequency, an array 4 bytes per document.
_DENSE = 32
_TO_ASCII_BITS = bytes.maketrans(b"\x00\x01", b"01")


def _bitmap(flags: bytearray) -> int:
    """A bitmap from one byte (0 or 1) per document."""
    if not flags:
        return 0
    return int(flags.translate(_TO_ASCII_BITS)[::-1], 2)


def _set_flags(flags: bytearray, positions: Sequence[int]) -> None:
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)


class _BitReader:
    """The set bits of a bitmap in increasing order, found only as far as asked."""

    def __init__(self, bits: int) -> None:
        self._digits = format(bits, "b")[::-1] if bits else ""
        self._found: list[int] = []
        self._next = 0

    def get(self, index: int) -> int | None:
        found, digits = self._found, self._digits
        while len(found) <= index:
            at = digits.find("1", self._next)
            if at < 0:
                return None
            found.append(at)
            self._next = at + 1
        return found[index]

    def all(self) -> Iterator[int]:
        index = 0
        while (position := self.get(index)) is not None:
            yield position
            index += 1


_FROM_ASCII_BITS = bytes.maketrans(b"01", b"\x00\x01")


def _members(bits: int, size: int) -> Iterator[int]:
    """The set bits of `bits`, in increasing order, all at C speed."""
    if not bits:
        return iter(())
    selectors = format(bits, "b").encode("ascii").translate(_FROM_ASCII_BITS)[::-1]
    return compress(range(len(selectors)), selectors)


@dataclass
class _Corpus:
    """The built index: documents in ranking order and their word postings."""

    size: int
    kinds: bytes  # _KIND_BY_CODE index per document
    records: list[Quote | Event]
    words: list[str]  # " w1 w2 ... " folded words, for phrase checks
    postings: dict[str, int | array[int]]
    vocabulary: list[str]
    groups: dict[str, dict[str, array[int]]]  # filter name -> folded value -> documents
    quotes: int  # bitmap of quote documents
    has_events: bool

    @property
    def everything(self) -> int:
        return (1 << self.size) - 1


def _build(dataset: Dataset, include_events: bool) -> _Corpus:
    countries = dataset.event_by_id
    entries: list[tuple[int, int, Quote | Event, str]] = []
    # Sort key as one int: (date, kind, file order) packed; ints sort fast.
    count = len(dataset.quotes) + 2 * len(dataset.events) + 1
    for order, quote in enumerate(dataset.quotes):
        y, m, d = quote.said.sort_key
        entries.append(((((y * 13 + m) * 32 + d) * 3) * count + order, 0, quote, quote.text))
    if include_events:
        for order, event in enumerate(dataset.events):
            y, m, d = event.date.sort_key
            base = ((y * 13 + m) * 32 + d) * 3
            entries.append(((base + 1) * count + order, 1, event, event.title))
            entries.append(((base + 2) * count + order, 2, event, event.summary))
    entries.sort(key=lambda entry: entry[0])

    size = len(entries)
    kinds = bytearray(size)
    records: list[Quote | Event] = []
    texts: list[str] = []
    lists: dict[str, array[int]] = {}
    groups: dict[str, dict[str, array[int]]] = {
        name: {} for name in ("speaker", "country", "year", "source")
    }
    speakers, country_of, year_of, source_of = (
        groups[n] for n in ("speaker", "country", "year", "source")
    )
    quote_flags = bytearray(size)
    # The hot loop (one pass per word of every text). Arrays rather than
    # lists: 4 bytes a posting instead of 8, which halves the build's peak.
    get = lists.get
    for doc, (_, kind, record, text) in enumerate(entries):
        kinds[doc] = kind
        records.append(record)
        tokens = words_of(text)
        texts.append(" " + " ".join(tokens) + " ")
        for word in set(tokens):
            posting = get(word)
            if posting is None:
                posting = lists[word] = array("i")
            posting.append(doc)
        if kind == 0:
            assert isinstance(record, Quote)
            quote_flags[doc] = 1
            event_code = countries[record.event].country
            speaker_key, year = record.speaker, record.said.year
            source_ids: tuple[str, ...] = (record.source,)
        else:
            assert isinstance(record, Event)
            event_code, speaker_key, year, source_ids = (
                record.country,
                None,
                record.date.year,
                record.sources,
            )
        if speaker_key is not None:
            speakers.setdefault(speaker_key, array("i")).append(doc)
        country_of.setdefault(event_code, array("i")).append(doc)
        year_of.setdefault(str(year), array("i")).append(doc)
        for source_id in source_ids:
            source_of.setdefault(source_id, array("i")).append(doc)

    postings: dict[str, int | array[int]] = {}
    flags = bytearray(size)
    for word, docs in lists.items():
        if len(docs) * _DENSE > size:
            flags[:] = bytes(size)
            _set_flags(flags, docs)
            postings[word] = _bitmap(flags)
        else:
            postings[word] = docs
    return _Corpus(
        size=size,
        kinds=bytes(kinds),
        records=records,
        words=texts,
        postings=postings,
        vocabulary=sorted(lists),
        groups=groups,
        quotes=_bitmap(quote_flags),
        has_events=include_events,
    )


# --- highlighting ----------------------------------------------------------


@dataclass(frozen=True)
class _Marker:
    """Which words of a text a query matched, worked out for one hit at a time."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: tuple[Term, ...]

    def spans(self, text: str) -> tuple[Span, ...]:
        folded, origins = fold_with_offsets(text)
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
        if not found:
            return ()
        found.sort()
        merged = [found[0]]
        for start, end in found[1:]:
            if start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        # A span ends where the next folded character starts, so marks that
        # fold to nothing (a combining accent) stay with their letter.
        ends = [*origins, len(text)]
        return tuple((origins[a], ends[b]) for a, b in merged if b > a)


# --- results ---------------------------------------------------------------


class _Hits(Sequence[Hit]):
    """Hits made on demand: a search may match 300k quotes but a screen shows 30."""

    def __init__(
        self,
        corpus: _Corpus,
        tiers: list[tuple[Tier, int, int]],
        limit: int | None,
        marker: _Marker,
    ):
        self._corpus = corpus
        self._tiers = [(tier, _BitReader(bits), n) for tier, bits, n in tiers if n]
        total = sum(n for _, _, n in self._tiers)
        self._len = total if limit is None else min(total, max(limit, 0))
        self._marker = marker
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
        for tier, reader, n in self._tiers:
            if index < n:
                doc = reader.get(index)
                assert doc is not None
                return self._hit(tier, doc)
            index -= n
        raise IndexError(index)

    def _hit(self, tier: Tier, doc: int) -> Hit:
        kind = _KIND_BY_CODE[self._corpus.kinds[doc]]
        record = self._corpus.records[doc]
        if isinstance(record, Quote):
            return Hit(kind, record.id, record.event, tier, record.text, self._marker)
        text = record.title if kind is HitKind.EVENT_TITLE else record.summary
        return Hit(kind, record.id, record.id, tier, text, self._marker)

    def __iter__(self) -> Iterator[Hit]:
        for index in range(self._len):
            yield self[index]


# --- the index -------------------------------------------------------------


class QuoteIndex:
    """Search over a dataset's quotes (and, on request, event titles and summaries).

    Build once (linear in the text size); `search` is then cheap enough to
    run on every keystroke. Safe to build in a worker thread and search from
    another once built. Events are indexed on the first search that asks for
    them, unless `include_events` asks for them up front.
    """

    def __init__(self, dataset: Dataset, include_events: bool = False) -> None:
        self.dataset = dataset
        self._corpus = _build(dataset, include_events)
        # Built now rather than at the first typo: a hitch while typing is
        # worse than a little more build time (which a worker can absorb).
        self._close_words: CloseWords | None = CloseWords(self._corpus.vocabulary)
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, str], int] = OrderedDict()

    # ----- public

    def search(
        self, query: str, *, include_events: bool = False, limit: int | None = None
    ) -> SearchResults:
        parsed = parse(query)
        if parsed.problems:
            return SearchResults(query, (), 0, parsed.problems[0])
        if parsed.is_empty:
            return SearchResults(query, (), 0, None)
        corpus = self._corpus_for(include_events)
        scope = corpus.everything if include_events else corpus.quotes
        filtered = self._filters(corpus, parsed.filters, scope)
        tiers, marker = self._match(corpus, parsed, filtered)
        if not any(n for _, _, n in tiers) and parsed.terms:
            tiers, marker = self._match_close(corpus, parsed, filtered)
        counts = [0, 0, 0]
        for tier, _, n in tiers:
            counts[tier] += n
        total = sum(counts)
        suggestion = None if total else self._suggest(corpus, parsed, scope, include_events)
        hits = _Hits(corpus, tiers, limit, marker)
        return SearchResults(query, hits, total, suggestion, (counts[0], counts[1], counts[2]))

    @property
    def has_events(self) -> bool:
        """Whether event titles and summaries are indexed yet (see `index_events`)."""
        return self._corpus.has_events

    def index_events(self) -> None:
        """Index event titles and summaries now (a worker can call this ahead of a search)."""
        self._corpus_for(True)

    @property
    def size(self) -> int:
        """Documents indexed (quotes, plus two per event once events are indexed)."""
        return self._corpus.size

    # ----- building blocks

    def _corpus_for(self, include_events: bool) -> _Corpus:
        if include_events and not self._corpus.has_events:
            with self._lock:
                if not self._corpus.has_events:
                    corpus = _build(self.dataset, True)
                    close_words = CloseWords(corpus.vocabulary)
                    self._cache.clear()
                    self._corpus, self._close_words = corpus, close_words
        return self._corpus

    def _cached(self, corpus: _Corpus, key: tuple[str, str], compute: Callable[[], int]) -> int:
        bits = self._cache.get(key)
        if bits is None:
            bits = compute()
            self._cache[key] = bits
            if len(self._cache) > 512:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return bits

    def _union(self, corpus: _Corpus, words: Sequence[str]) -> int:
        bits = 0
        flags: bytearray | None = None
        for word in words:
            posting = corpus.postings.get(word)
            if posting is None:
                continue
            if isinstance(posting, int):
                bits |= posting
            else:
                if flags is None:
                    flags = bytearray(corpus.size)
                _set_flags(flags, posting)
        if flags is not None:
            bits |= _bitmap(flags)
        return bits

    def _word(self, corpus: _Corpus, word: str) -> int:
        posting = corpus.postings.get(word)
        if posting is None:
            return 0
        if isinstance(posting, int):
            return posting
        return self._cached(corpus, ("word", word), lambda: self._union(corpus, (word,)))

    def _prefix_words(self, corpus: _Corpus, prefix: str) -> list[str]:
        vocabulary = corpus.vocabulary
        start = bisect_left(vocabulary, prefix)
        end = bisect_left(vocabulary, prefix + "\U0010ffff", start)
        return vocabulary[start:end]

    def _prefix(self, corpus: _Corpus, prefix: str) -> int:
        return self._cached(
            corpus,
            ("prefix", prefix),
            lambda: self._union(corpus, self._prefix_words(corpus, prefix)),
        )

    def _filters(self, corpus: _Corpus, filters: tuple[Filter, ...], scope: int) -> int:
        bits = scope
        for item in filters:
            if not bits:
                break
            bits &= self._cached(
                corpus,
                ("filter:" + item.name, item.value),
                partial(self._filter, corpus, item),
            )
        return bits

    def _filter(self, corpus: _Corpus, item: Filter) -> int:
        group = corpus.groups[item.name]
        value = item.value
        if item.name == "year":
            span = year_range(value)
            assert span is not None  # the parser reports bad years
            keys = [k for k in group if span[0] <= int(k) <= span[1]]
            month = month_of(value)
            if month is not None:
                # A date known only to the year is not said to fall in the month.
                return self._in_month(corpus, group.get(str(month[0]), ()), month[1])
        elif item.name == "country":
            keys = [c for c in matching_codes(value, self.dataset.countries) if c in group]
        elif item.name == "speaker":
            keys = [k for k in group if value in fold(k)]
        else:
            sources = self.dataset.source_by_id
            keys = [
                k
                for k in group
                if value in fold(k) or (k in sources and value in fold(sources[k].outlet))
            ]
        flags = bytearray(corpus.size)
        for key in keys:
            _set_flags(flags, group[key])
        return _bitmap(flags)

    def _in_month(self, corpus: _Corpus, docs: Sequence[int], month: int) -> int:
        flags = bytearray(corpus.size)
        records = corpus.records
        _set_flags(flags, [doc for doc in docs if _record_date(records[doc]).month == month])
        return _bitmap(flags)

    def _verify(self, corpus: _Corpus, bits: int, patterns: list[str]) -> int:
        """The documents of `bits` whose word sequence holds every pattern."""
        if not bits or not patterns:
            return bits
        # Every step is a C-level iterator (compress, map): this loop may see
        # 100k candidates for a common pair of words, once per keystroke.
        texts = corpus.words
        kept: Iterable[int] = _members(bits, corpus.size)
        for pattern in patterns:
            kept = list(kept)
            kept = compress(kept, map(contains, map(texts.__getitem__, kept), repeat(pattern)))
        flags = bytearray(corpus.size)
        _set_flags(flags, list(kept))
        return _bitmap(flags)

    def _term_bits(self, corpus: _Corpus, term: Term) -> int:
        bits = -1  # every bit set
        last = len(term.words) - 1
        for i, word in enumerate(term.words):
            bits &= (
                self._prefix(corpus, word)
                if term.prefix and i == last
                else self._word(corpus, word)
            )
            if not bits:
                return 0
        return bits

    def _match(
        self, corpus: _Corpus, query: Query, filtered: int
    ) -> tuple[list[tuple[Tier, int, int]], _Marker]:
        bits = filtered
        for term in query.terms:
            if not bits:
                break
            bits &= self._term_bits(corpus, term)
        if bits:
            bits = self._verify(
                corpus, bits, [t.pattern() for t in query.terms if len(t.words) > 1]
            )
        marker = _Marker(
            frozenset(w for t in query.terms for w in (t.words[:-1] if t.prefix else t.words)),
            tuple(t.words[-1] for t in query.terms if t.prefix),
            tuple(t for t in query.terms if len(t.words) > 1),
        )
        if not query.terms:
            return [(Tier.ALL_WORDS, bits, bits.bit_count())], marker
        whole = Term(query.words, prefix=query.terms[-1].prefix)
        if len(query.words) > 1 and len(query.terms) > 1:
            phrase = self._verify(corpus, bits, [whole.pattern()])
            marker = _Marker(marker.words, marker.prefixes, (*marker.phrases, whole))
        elif len(query.words) > 1:
            phrase = bits  # a single phrase term: every hit holds it
        else:
            phrase = 0
        rest = bits & ~phrase
        return [
            (Tier.PHRASE, phrase, phrase.bit_count()),
            (Tier.ALL_WORDS, rest, rest.bit_count()),
        ], marker

    def _close(self, corpus: _Corpus, word: str) -> tuple[str, ...]:
        if self._close_words is None:
            with self._lock:
                if self._close_words is None:
                    self._close_words = CloseWords(corpus.vocabulary)
        return self._close_words(word)

    def _match_close(
        self, corpus: _Corpus, query: Query, filtered: int
    ) -> tuple[list[tuple[Tier, int, int]], _Marker]:
        """Typos forgiven: a word may be any close vocabulary word.

        A phrase the reader quoted stays exact; other phrases (`pakistan's`)
        relax to their words.

        Only words the dataset does not hold at all are widened (they are the
        likely typos, and widening a short known word would flood the
        results); if every word is known, all are widened.
        """
        bits = filtered
        close_words: set[str] = set()
        prefixes: list[str] = []
        typed = [
            (word, term.prefix and i == len(term.words) - 1)
            for term in query.terms
            for i, word in enumerate(term.words)
        ]
        unknown = {
            word
            for word, prefix in typed
            if not (self._prefix_words(corpus, word)[:1] if prefix else word in corpus.postings)
        }
        loose = [t for t in query.terms if not t.quoted]
        quoted = tuple(t for t in query.terms if t.quoted)
        for term in quoted:
            bits &= self._term_bits(corpus, term) if bits else 0
        if bits:
            bits = self._verify(corpus, bits, [t.pattern() for t in quoted])
        for term in loose:
            last = len(term.words) - 1
            for i, word in enumerate(term.words):
                if not bits:
                    break
                near = self._close(corpus, word) if not unknown or word in unknown else ()
                close_words.update(near)
                if term.prefix and i == last:
                    prefixes.append(word)
                    exact = self._prefix(corpus, word)
                else:
                    close_words.add(word)
                    exact = self._word(corpus, word)
                bits &= exact | self._cached(
                    corpus, ("close", word), partial(self._union, corpus, near)
                )
        marker = _Marker(frozenset(close_words), tuple(prefixes), quoted)
        return [(Tier.FUZZY, bits, bits.bit_count())], marker

    # ----- advice for an empty result

    def _suggest(self, corpus: _Corpus, query: Query, scope: int, include_events: bool) -> str:
        what = "quotes or events" if include_events else "quotes"
        described = " ".join(
            ([f'"{query.words_text()}"'] if query.terms else []) + [f.shown for f in query.filters]
        )
        head = f"No {what} match {described}"

        def matches(q: Query, within: int) -> int:
            filtered = self._filters(corpus, q.filters, within)
            tiers, _ = self._match(corpus, q, filtered)
            return sum(n for _, _, n in tiers)

        for item in query.filters:
            rest = tuple(f for f in query.filters if f is not item)
            if matches(Query(query.text, query.terms, rest), scope):
                return f"{head} — try removing {item.shown}"
        if len(query.terms) > 1:
            for term in query.terms:
                rest_terms = tuple(t for t in query.terms if t is not term)
                if matches(Query(query.text, rest_terms, query.filters), scope):
                    return f'{head} — try fewer words (without "{" ".join(term.words)}")'
        if any(t.quoted for t in query.terms):
            loose = tuple(Term(t.words, t.prefix) for t in query.terms)
            words = tuple(Term((w,)) for t in loose for w in t.words)
            if matches(Query(query.text, words, query.filters), scope):
                return f"{head} — try without the quotation marks"
        speakers = [fold(name) for name in corpus.groups["speaker"]]
        for word in query.words:
            if any(word in _name_starts(name) or f" {word}" in f" {name}" for name in speakers):
                return f"{head} — quotes are searched by their words: try speaker:{word}"
        if (
            not include_events
            and query.terms
            and corpus.has_events
            and matches(query, corpus.everything)
        ):
            return f"{head} — try searching event titles and summaries too"
        if query.filters and not query.terms:
            return f"{head} — check the filter values"
        return f"{head} — check the spelling or try fewer words"


def _record_date(record: Quote | Event) -> PartialDate:
    return record.said if isinstance(record, Quote) else record.date


def _name_starts(name: str) -> list[str]:
    """A country name and each of its word tails: `united arab emirates`, `arab emirates`, ..."""
    words = WORD.findall(name)
    return [" ".join(words[i:]) for i in range(len(words))]
