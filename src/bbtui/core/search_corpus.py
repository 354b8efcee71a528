"""The quote index's data: documents in ranking order and their word postings.

Sets of documents are Python ints used as bitmaps (bit n = document n), so
"all these words and this filter" is a few big-integer ANDs; a rare word
keeps a compact array instead and becomes a bitmap only when asked for.
Documents are numbered in ranking order (date, then file order). See
`bbtui.core.search` for how queries use it.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat

from bbtui.core.model import Dataset, Event, PartialDate, Quote
from bbtui.core.textfold import words as words_of

# A rare word's postings stay an array until needed: a bitmap costs n/8
# bytes whatever the word's frequency, an array 4 bytes per document.
DENSE = 32
_TO_ASCII_BITS = bytes.maketrans(b"\x00\x01", b"01")


def bitmap(flags: bytearray) -> int:
    """A bitmap from one byte (0 or 1) per document."""
    if not flags:
        return 0
    return int(flags.translate(_TO_ASCII_BITS)[::-1], 2)


def set_flags(flags: bytearray, positions: Sequence[int]) -> None:
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)


class BitReader:
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


def members(bits: int, size: int) -> Iterator[int]:
    """The set bits of `bits`, in increasing order, all at C speed."""
    if not bits:
        return iter(())
    selectors = format(bits, "b").encode("ascii").translate(_FROM_ASCII_BITS)[::-1]
    return compress(range(len(selectors)), selectors)


@dataclass
class Corpus:
    """The built index: documents in ranking order and their word postings."""

    size: int
    kinds: bytes  # KIND_BY_CODE index per document
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


def ranked_documents(
    dataset: Dataset, include_events: bool
) -> list[tuple[int, int, Quote | Event, str]]:
    """(rank, kind code, record, text) of every document, in ranking order:
    date, then quote before title before summary, then file order."""
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
    return entries


def build_corpus(dataset: Dataset, include_events: bool) -> Corpus:
    countries = dataset.event_by_id
    entries = ranked_documents(dataset, include_events)
    size = len(entries)
    kinds = bytearray(size)
    records: list[Quote | Event] = []
    texts: list[str] = []
    lists: dict[str, array[int]] = {}
    groups: dict[str, dict[str, array[int]]] = {
        name: {} for name in ("speaker", "role", "country", "year", "source")
    }
    roles = groups["role"]
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
            assert isinstance(record, Quote)
            roles.setdefault(record.role, array("i")).append(doc)
        country_of.setdefault(event_code, array("i")).append(doc)
        year_of.setdefault(str(year), array("i")).append(doc)
        for source_id in source_ids:
            source_of.setdefault(source_id, array("i")).append(doc)

    return Corpus(
        size=size,
        kinds=bytes(kinds),
        records=records,
        words=texts,
        postings=_compacted(lists, size),
        vocabulary=sorted(lists),
        groups=groups,
        quotes=bitmap(quote_flags),
        has_events=include_events,
    )


def _compacted(lists: dict[str, array[int]], size: int) -> dict[str, int | array[int]]:
    """Each word's postings: a bitmap for a common word, the array for a rare one."""
    postings: dict[str, int | array[int]] = {}
    flags = bytearray(size)
    for word, docs in lists.items():
        if len(docs) * DENSE > size:
            flags[:] = bytes(size)
            set_flags(flags, docs)
            postings[word] = bitmap(flags)
        else:
            postings[word] = docs
    return postings


def record_date(record: Quote | Event) -> PartialDate:
    return record.said if isinstance(record, Quote) else record.date
