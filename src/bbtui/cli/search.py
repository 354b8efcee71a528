"""`bbtui search QUERY`: print matching quotes with who said them and the citation.

Exit 0 with matches, 1 with none (the suggestion goes to standard error),
2 for bad usage (an unknown filter among them), 3 and 4 for a dataset that
cannot be read or is invalid (`bbtui.cli.exit_codes`). The words of the
command line form one query, as if quoted. Matched words are shown
in bold only on a terminal without NO_COLOR; `--json` prints a stable list for
scripts (raw dataset text, ASCII-escaped, with spans as character offsets).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from bbtui.cli import exit_codes
from bbtui.cli.load_errors import print_notice, report_load_error
from bbtui.cli.search_output import PAGE, JsonPrinter, TextPrinter
from bbtui.core.cite_style import Style
from bbtui.core.errors import DatasetError
from bbtui.core.model import Dataset
from bbtui.core.paths import shipped_dataset
from bbtui.core.query import FILTERS, parse
from bbtui.core.search import Hit, HitKind, QuoteIndex
from bbtui.core.search_hits import LazyHits
from bbtui.core.store import StoreDamaged, StoredDataset, open_dataset, verify
from bbtui.core.store.search import StoreIndex
from bbtui.core.textsafe import visible_line

BOLD, RESET = "\x1b[1m", "\x1b[22m"
QUERY_HELP = (
    "words (all must occur, any order; the last may be a prefix; several arguments form "
    'one query), "an exact phrase", and filters speaker:NAME role:WORDS country:CODE|NAME '
    "year:2015|2010-2012|2015-07 source:ID|OUTLET"
)
KNOWN_FILTERS = ", ".join(f"{name}:" for name in FILTERS)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="+", metavar="QUERY", help=QUERY_HELP)
    parser.add_argument(
        "--data", metavar="PATH", help="dataset to search (default: the shipped one)"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list for scripts")
    parser.add_argument(
        "--events", action="store_true", help="also search event titles and summaries"
    )
    parser.add_argument("--limit", type=_positive, metavar="N", help="print at most N matches")
    parser.add_argument(
        "--style",
        choices=[s.value for s in Style],
        help="cite each source in this style: chicago (18th ed.), apa (7th ed.) or mla (9th ed.)",
    )


def _bold(text: str) -> str:
    return f"{BOLD}{text}{RESET}"


def _plain(text: str) -> str:
    return text


def distinct_hits(hits: Iterable[Hit]) -> Iterator[Hit]:
    """Each quote once and each event once, best match first.

    With --events an event can match by its title and by its summary: it is
    one event found, shown (and counted) once.
    """
    seen_events: set[str] = set()
    for hit in hits:
        if hit.kind is not HitKind.QUOTE:
            if hit.event_id in seen_events:
                continue
            seen_events.add(hit.event_id)
        yield hit


class Found:
    """The hits of one search, a page at a time, whole even if the store fails part-way.

    Hits are read from the store as they are printed, so a damaged row can
    turn up after thousands are out. Then the file is read again, as every
    other damaged read does, the same search is run on it and printing goes
    on from the hit it had reached: both give the same hits in the same order
    (tests/test_search_cli_store.py), so the output is the one a sound store
    gives, and never a traceback.
    """

    def __init__(self, dataset: Dataset | StoredDataset, hits: Sequence[Hit], query: str,
                 include_events: bool) -> None:  # fmt: skip
        self._dataset, self._hits, self._query = dataset, hits, query
        self._include_events = include_events

    def pages(self, stop: int) -> Iterator[list[Hit]]:
        """The first `stop` hits, a page at a time (read as they are printed, not kept)."""
        done = 0
        try:
            for page in _pages(self._hits, stop):
                yield page
                done += len(page)
            return
        except (StoreDamaged, sqlite3.Error):
            dataset = self._dataset
            if not isinstance(dataset, StoredDataset):
                raise
            if dataset.fallback is None:
                dataset.damaged()  # says so on standard error
            fallback = dataset.fallback
            assert fallback is not None
        again = QuoteIndex(fallback, include_events=self._include_events)
        hits = again.search(self._query, include_events=self._include_events).hits
        for at in range(done, min(stop, len(hits)), PAGE):
            yield list(hits[at : min(at + PAGE, stop)])


def _pages(hits: Sequence[Hit], stop: int) -> Iterator[list[Hit]]:
    size = min(PAGE, stop)
    if isinstance(hits, LazyHits):
        for page in hits.pages(size):
            if stop <= 0:
                return
            yield page[:stop]
            stop -= len(page)
    else:
        for at in range(0, min(stop, len(hits)), size):
            yield list(hits[at : min(at + size, stop)])


def _distinct_pages(found: Found, total: int) -> Iterator[list[Hit]]:
    seen: Iterator[Hit] = distinct_hits(hit for page in found.pages(total) for hit in page)
    while page := list(islice(seen, PAGE)):
        yield page


def _refuse(message: str) -> int:
    print(visible_line(f"bbtui search: {message}"), file=sys.stderr)
    return exit_codes.USAGE


def run(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    parsed = parse(query)
    if parsed.problems:
        return _refuse(parsed.problems[0])
    if parsed.unknown_filters:
        unknown = parsed.unknown_filters[0]
        return _refuse(
            f"{unknown} is not a filter; the filters are {KNOWN_FILTERS} "
            f"(to search for these words, quote them: '\"{unknown}\"')"
        )
    if parsed.is_empty:
        return _refuse("the query has no words or filters")
    path = args.data or str(shipped_dataset())
    try:
        dataset = open_dataset(path, on_notice=print_notice)
        # A stored copy must hold this file's bytes (else: read again); rows are
        # checked as they are read, so the whole-store reference check is skipped.
        verify(dataset, references=False)
    except DatasetError as exc:  # unreadable or invalid: either way, nothing to search
        return report_load_error(exc)
    index: StoreIndex | QuoteIndex
    if isinstance(dataset, Dataset):
        index = QuoteIndex(dataset, include_events=args.events)
    else:
        index = StoreIndex(dataset, include_events=args.events)
    results = index.search(query, include_events=args.events)
    if not results.total:
        print(visible_line(results.suggestion or "No matches"), file=sys.stderr)
        if args.json:
            print("[]")
        return exit_codes.NO_MATCH
    style = Style(args.style) if args.style else None
    write = sys.stdout.write
    printer: TextPrinter | JsonPrinter
    if args.json:
        printer = JsonPrinter(dataset, style, write)
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        printer = TextPrinter(dataset, _bold if color else _plain, style, write)
    limit = len(results.hits) if args.limit is None else args.limit
    found = Found(dataset, results.hits, query, args.events)
    shown = total = 0
    if not args.events:
        # Quotes never repeat: the count is the index's, and only the hits shown
        # are read (on a store, counting by reading every hit costs minutes).
        total = results.total
        for page in found.pages(limit):
            printer.page(page)
            shown += len(page)
    else:
        # An event found by its title and its summary counts once: every hit is read.
        for page in _distinct_pages(found, len(results.hits)):
            total += len(page)
            if shown < limit:
                printer.page(page[: limit - shown])
                shown += len(page[: limit - shown])
    printer.end(shown, total)
    return exit_codes.OK
