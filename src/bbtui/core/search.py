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
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import compress, repeat
from operator import contains

from bbtui.core.countries import matching_codes
from bbtui.core.fuzzy import CloseWords
from bbtui.core.model import Dataset
from bbtui.core.query import Filter, Query, Term, month_of, parse, year_range
from bbtui.core.search_advice import name_starts, suggestion
from bbtui.core.search_corpus import (
    Corpus,
    bitmap,
    build_corpus,
    members,
    record_date,
    set_flags,
)
from bbtui.core.search_hits import (
    Hit,
    HitKind,
    Hits,
    Marker,
    SearchResults,
    Span,
    Tier,
    tier_counts,
)
from bbtui.core.textfold import fold

__all__ = ["Hit", "HitKind", "QuoteIndex", "SearchResults", "Span", "Tier", "name_starts"]


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
        self._corpus = build_corpus(dataset, include_events)
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
        counts = tier_counts(tiers)
        total = sum(counts)
        suggestion = None if total else self._suggest(corpus, parsed, scope, include_events)
        hits = Hits(corpus, tiers, limit, marker)
        return SearchResults(query, hits, total, suggestion, counts)

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

    def _corpus_for(self, include_events: bool) -> Corpus:
        if include_events and not self._corpus.has_events:
            with self._lock:
                if not self._corpus.has_events:
                    corpus = build_corpus(self.dataset, True)
                    close_words = CloseWords(corpus.vocabulary)
                    self._cache.clear()
                    self._corpus, self._close_words = corpus, close_words
        return self._corpus

    def _cached(self, corpus: Corpus, key: tuple[str, str], compute: Callable[[], int]) -> int:
        bits = self._cache.get(key)
        if bits is None:
            bits = compute()
            self._cache[key] = bits
            if len(self._cache) > 512:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return bits

    def _union(self, corpus: Corpus, words: Sequence[str]) -> int:
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
                set_flags(flags, posting)
        if flags is not None:
            bits |= bitmap(flags)
        return bits

    def _word(self, corpus: Corpus, word: str) -> int:
        posting = corpus.postings.get(word)
        if posting is None:
            return 0
        if isinstance(posting, int):
            return posting
        return self._cached(corpus, ("word", word), lambda: self._union(corpus, (word,)))

    def _prefix_words(self, corpus: Corpus, prefix: str) -> list[str]:
        vocabulary = corpus.vocabulary
        start = bisect_left(vocabulary, prefix)
        end = bisect_left(vocabulary, prefix + "\U0010ffff", start)
        return vocabulary[start:end]

    def _prefix(self, corpus: Corpus, prefix: str) -> int:
        return self._cached(
            corpus,
            ("prefix", prefix),
            lambda: self._union(corpus, self._prefix_words(corpus, prefix)),
        )

    def _filters(self, corpus: Corpus, filters: tuple[Filter, ...], scope: int) -> int:
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

    def _filter(self, corpus: Corpus, item: Filter) -> int:
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
        elif item.name in ("speaker", "role"):
            # role: the speaker's position and organisation ("role:india", "role:regulator").
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
            set_flags(flags, group[key])
        return bitmap(flags)

    def _in_month(self, corpus: Corpus, docs: Sequence[int], month: int) -> int:
        flags = bytearray(corpus.size)
        records = corpus.records
        set_flags(flags, [doc for doc in docs if record_date(records[doc]).month == month])
        return bitmap(flags)

    def _verify(self, corpus: Corpus, bits: int, patterns: list[str]) -> int:
        """The documents of `bits` whose word sequence holds every pattern."""
        if not bits or not patterns:
            return bits
        # Every step is a C-level iterator (compress, map): this loop may see
        # 100k candidates for a common pair of words, once per keystroke.
        texts = corpus.words
        kept: Iterable[int] = members(bits, corpus.size)
        for pattern in patterns:
            kept = list(kept)
            kept = compress(kept, map(contains, map(texts.__getitem__, kept), repeat(pattern)))
        flags = bytearray(corpus.size)
        set_flags(flags, list(kept))
        return bitmap(flags)

    def _term_bits(self, corpus: Corpus, term: Term) -> int:
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
        self, corpus: Corpus, query: Query, filtered: int
    ) -> tuple[list[tuple[Tier, int, int]], Marker]:
        bits = filtered
        for term in query.terms:
            if not bits:
                break
            bits &= self._term_bits(corpus, term)
        if bits:
            bits = self._verify(
                corpus, bits, [t.pattern() for t in query.terms if len(t.words) > 1]
            )
        marker = Marker(
            frozenset(w for t in query.terms for w in (t.words[:-1] if t.prefix else t.words)),
            tuple(t.words[-1] for t in query.terms if t.prefix),
            tuple(t for t in query.terms if len(t.words) > 1),
        )
        if not query.terms:
            return [(Tier.ALL_WORDS, bits, bits.bit_count())], marker
        whole = Term(query.words, prefix=query.terms[-1].prefix)
        if len(query.words) > 1 and len(query.terms) > 1:
            phrase = self._verify(corpus, bits, [whole.pattern()])
            marker = Marker(marker.words, marker.prefixes, (*marker.phrases, whole))
        elif len(query.words) > 1:
            phrase = bits  # a single phrase term: every hit holds it
        else:
            phrase = 0
        rest = bits & ~phrase
        return [
            (Tier.PHRASE, phrase, phrase.bit_count()),
            (Tier.ALL_WORDS, rest, rest.bit_count()),
        ], marker

    def _close(self, corpus: Corpus, word: str) -> tuple[str, ...]:
        if self._close_words is None:
            with self._lock:
                if self._close_words is None:
                    self._close_words = CloseWords(corpus.vocabulary)
        return self._close_words(word)

    def _match_close(
        self, corpus: Corpus, query: Query, filtered: int
    ) -> tuple[list[tuple[Tier, int, int]], Marker]:
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
        marker = Marker(frozenset(close_words), tuple(prefixes), quoted)
        return [(Tier.FUZZY, bits, bits.bit_count())], marker

    # ----- advice for an empty result

    def _suggest(self, corpus: Corpus, query: Query, scope: int, include_events: bool) -> str:
        def matches(q: Query, everything: bool) -> int:
            within = corpus.everything if everything else scope
            tiers, _ = self._match(corpus, q, self._filters(corpus, q.filters, within))
            return sum(n for _, _, n in tiers)

        speakers = (fold(name) for name in corpus.groups["speaker"])
        return suggestion(query, include_events, matches, speakers, corpus.has_events)
