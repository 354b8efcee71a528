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
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from bbtui.cli import exit_codes
from bbtui.cli.load_errors import print_notice, report_load_error
from bbtui.core.cite import event_dateline, quote_attribution, source_citation, styled_reference
from bbtui.core.citeproc import Style
from bbtui.core.dataset_view import DatasetView
from bbtui.core.datenotes import is_approximate
from bbtui.core.errors import DatasetError
from bbtui.core.model import Dataset, Event, Quote, Source
from bbtui.core.paths import shipped_dataset
from bbtui.core.query import FILTERS, parse
from bbtui.core.search import Hit, HitKind, QuoteIndex
from bbtui.core.store import open_dataset, verify
from bbtui.core.store.search import StoreIndex
from bbtui.core.textsafe import visible, visible_line

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


def highlighted(text: str, spans: tuple[tuple[int, int], ...], mark: Callable[[str], str]) -> str:
    """`text` made visible, with each span passed through `mark`.

    Spans index the original text, so each piece is made visible separately.
    """
    parts: list[str] = []
    at = 0
    for start, end in spans:
        parts.append(visible(text[at:start]))
        parts.append(mark(visible(text[start:end])))
        at = end
    parts.append(visible(text[at:]))
    return "".join(parts)


def _bold(text: str) -> str:
    return f"{BOLD}{text}{RESET}"


def _plain(text: str) -> str:
    return text


def _event_line(dataset: DatasetView, event: Event) -> str:
    return f"  Event: {event_dateline(dataset, event)} — {visible_line(event.title)}"


def _reference(source: Source, style: Style | None) -> str:
    return source_citation(source) if style is None else styled_reference(source, style)


class _Remembered:
    """Events and sources by id, remembered while printing: on a store each look-up
    is a query, and 48k hits (in date order) cite far fewer of them."""

    def __init__(self, dataset: DatasetView) -> None:
        self.event: Callable[[str], Event] = lru_cache(maxsize=1024)(
            dataset.event_by_id.__getitem__
        )
        self.source: Callable[[str], Source] = lru_cache(maxsize=4096)(
            dataset.source_by_id.__getitem__
        )


def _print_hit(
    dataset: DatasetView,
    hit: Hit,
    mark: Callable[[str], str],
    style: Style | None,
    remembered: _Remembered,
) -> None:
    event = remembered.event(hit.event_id)
    text = highlighted(hit.text, hit.spans, mark)
    if hit.kind is HitKind.QUOTE:
        quote = hit.quote or dataset.quote_by_id[hit.id]
        source = remembered.source(quote.source)
        print(f"“{text}”")
        print(f"  — {quote_attribution(quote)}")
        print(_event_line(dataset, event))
        print(f"  Source: {_reference(source, style)}")
    else:
        field = "title" if hit.kind is HitKind.EVENT_TITLE else "summary"
        print(f"[event {field}] {text}")
        print(_event_line(dataset, event))
        for source in dataset.sources_for(event.sources):
            print(f"  Source: {_reference(source, style)}")
    print()


def _source_json(dataset: DatasetView, source_id: str, style: Style | None) -> dict[str, object]:
    source = dataset.source_by_id[source_id]
    styled: dict[str, object] = {}
    if style is not None:
        styled["citation"] = styled_reference(source, style)
    return styled | {
        "id": source.id,
        "outlet": source.outlet,
        "title": source.title,
        "title_status": source.title_status.value,
        "headline": source.headline,  # null unless a copy of the page printed it
        "published": source.published.iso() if source.published else None,
        "url": source.url,
        "accessed": source.accessed.iso() if source.accessed else None,
        "archive_url": source.archive_url,
        "archive_date": source.archive_date.iso() if source.archive_date else None,
    }


def hit_json(dataset: DatasetView, hit: Hit, style: Style | None = None) -> dict[str, object]:
    """One match as plain data; keys are stable for scripts (with a style, each
    source also has its styled `citation`)."""
    event = dataset.event_by_id[hit.event_id]
    item: dict[str, object] = {
        "kind": hit.kind.value,
        "id": hit.id,
        "tier": hit.tier.name.lower().replace("_", "-"),
        "text": hit.text,
        "spans": [list(span) for span in hit.spans],
    }
    if hit.kind is HitKind.QUOTE:
        quote: Quote = hit.quote or dataset.quote_by_id[hit.id]
        item |= {
            "speaker": quote.speaker,
            "role": quote.role,
            "said": quote.said.iso(),
            "said_note": quote.said_note,
            "approximate": is_approximate(quote.said_note),
            "translated": quote.translated,
            "sources": [_source_json(dataset, quote.source, style)],
        }
    else:
        item["sources"] = [_source_json(dataset, s, style) for s in event.sources]
    item["event"] = {
        "id": event.id,
        "date": event.date.iso(),
        "date_note": event.date_note,
        "approximate": is_approximate(event.date_note),
        "country": event.country,
        "title": event.title,
    }
    return item


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


def _print_results(
    dataset: DatasetView, hits: list[Hit], total: int, as_json: bool, style: Style | None
) -> None:
    if as_json:
        # ensure_ascii: hostile text reaches the terminal only as \u escapes.
        items = [hit_json(dataset, hit, style) for hit in hits]
        print(json.dumps(items, ensure_ascii=True, indent=2))
        return
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    mark = _bold if color else _plain
    remembered = _Remembered(dataset)
    for hit in hits:
        _print_hit(dataset, hit, mark, style, remembered)
    shown = len(hits)
    noun = "match" if total == 1 else "matches"
    if shown < total:
        print(f"{shown} of {total} {noun} shown")
    else:
        print(f"{total} {noun}")


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
    hits: list[Hit] = []
    total = 0
    if not args.events:
        # Quotes never repeat: the count is the index's, and only the hits shown
        # are read (on a store, counting by reading every hit costs minutes).
        total = results.total
        hits = list(results.hits if args.limit is None else results.hits[: args.limit])
    for hit in distinct_hits(results.hits) if args.events else ():
        total += 1
        if args.limit is None or len(hits) < args.limit:
            hits.append(hit)
    if not total:
        print(visible_line(results.suggestion or "No matches"), file=sys.stderr)
        if args.json:
            print("[]")
        return exit_codes.NO_MATCH
    style = Style(args.style) if args.style else None
    _print_results(dataset, hits, total, args.json, style)
    return exit_codes.OK
