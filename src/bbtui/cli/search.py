"""`bbtui search QUERY`: print matching quotes with who said them and the citation.

Exit 0 with matches, 1 with none (the suggestion goes to standard error),
2 for bad usage or a dataset that cannot be loaded. Matched words are shown
in bold only on a terminal without NO_COLOR; `--json` prints a stable list for
scripts (raw dataset text, ASCII-escaped, with spans as character offsets).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Callable

from bbtui.cli import exit_codes
from bbtui.cli.load_errors import report_load_error
from bbtui.core.cite import event_dateline, quote_attribution, source_citation
from bbtui.core.errors import DatasetError
from bbtui.core.loader import load
from bbtui.core.model import Dataset, Event, Quote
from bbtui.core.paths import shipped_dataset
from bbtui.core.query import parse
from bbtui.core.search import Hit, HitKind, QuoteIndex, SearchResults
from bbtui.core.textsafe import visible, visible_line

BOLD, RESET = "\x1b[1m", "\x1b[22m"
QUERY_HELP = (
    "words (all must occur, any order; the last may be a prefix), "
    '"an exact phrase", and filters speaker:NAME country:CODE|NAME year:2015|2010-2012 '
    "source:ID|OUTLET"
)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help=QUERY_HELP)
    parser.add_argument(
        "--data", metavar="PATH", help="dataset to search (default: the shipped one)"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list for scripts")
    parser.add_argument(
        "--events", action="store_true", help="also search event titles and summaries"
    )
    parser.add_argument("--limit", type=_positive, metavar="N", help="print at most N matches")


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


def _event_line(dataset: Dataset, event: Event) -> str:
    return f"  Event: {event_dateline(dataset, event)} — {visible_line(event.title)}"


def _print_hit(dataset: Dataset, hit: Hit, mark: Callable[[str], str]) -> None:
    event = dataset.event_by_id[hit.event_id]
    text = highlighted(hit.text, hit.spans, mark)
    if hit.kind is HitKind.QUOTE:
        quote = dataset.quote_by_id[hit.id]
        source = dataset.source_by_id[quote.source]
        print(f"“{text}”")
        print(f"  — {quote_attribution(quote)}")
        print(_event_line(dataset, event))
        print(f"  Source: {source_citation(source)}")
    else:
        field = "title" if hit.kind is HitKind.EVENT_TITLE else "summary"
        print(f"[event {field}] {text}")
        print(_event_line(dataset, event))
        for source in dataset.sources_for(event.sources):
            print(f"  Source: {source_citation(source)}")
    print()


def _source_json(dataset: Dataset, source_id: str) -> dict[str, object]:
    source = dataset.source_by_id[source_id]
    return {
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


def hit_json(dataset: Dataset, hit: Hit) -> dict[str, object]:
    """One match as plain data; keys are stable for scripts."""
    event = dataset.event_by_id[hit.event_id]
    item: dict[str, object] = {
        "kind": hit.kind.value,
        "id": hit.id,
        "tier": hit.tier.name.lower().replace("_", "-"),
        "text": hit.text,
        "spans": [list(span) for span in hit.spans],
    }
    if hit.kind is HitKind.QUOTE:
        quote: Quote = dataset.quote_by_id[hit.id]
        item |= {
            "speaker": quote.speaker,
            "role": quote.role,
            "said": quote.said.iso(),
            "sources": [_source_json(dataset, quote.source)],
        }
    else:
        item["sources"] = [_source_json(dataset, s) for s in event.sources]
    item["event"] = {
        "id": event.id,
        "date": event.date.iso(),
        "country": event.country,
        "title": event.title,
    }
    return item


def _print_results(dataset: Dataset, results: SearchResults, as_json: bool) -> None:
    if as_json:
        # ensure_ascii: hostile text reaches the terminal only as \u escapes.
        items = [hit_json(dataset, hit) for hit in results.hits]
        print(json.dumps(items, ensure_ascii=True, indent=2))
        return
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    mark = _bold if color else _plain
    for hit in results.hits:
        _print_hit(dataset, hit, mark)
    shown = len(results.hits)
    noun = "match" if results.total == 1 else "matches"
    if shown < results.total:
        print(f"{shown} of {results.total} {noun} shown")
    else:
        print(f"{results.total} {noun}")


def run(args: argparse.Namespace) -> int:
    parsed = parse(args.query)
    if parsed.problems:
        print(visible_line(f"bbtui search: {parsed.problems[0]}"), file=sys.stderr)
        return exit_codes.USAGE
    if parsed.is_empty:
        print("bbtui search: the query has no words or filters", file=sys.stderr)
        return exit_codes.USAGE
    path = args.data or str(shipped_dataset())
    try:
        dataset = load(path)
    except DatasetError as exc:  # unreadable or invalid: either way, nothing to search
        report_load_error(exc)
        return exit_codes.USAGE
    index = QuoteIndex(dataset, include_events=args.events)
    results = index.search(args.query, include_events=args.events, limit=args.limit)
    if not results.total:
        print(visible_line(results.suggestion or "No matches"), file=sys.stderr)
        if args.json:
            print("[]")
        return exit_codes.INVALID
    _print_results(dataset, results, args.json)
    return exit_codes.OK
