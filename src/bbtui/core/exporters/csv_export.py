"""CSV: one row per quote, for spreadsheets.

RFC 4180 (comma-separated, double-quoted where needed, CRLF line ends),
UTF-8; with `excel=True` it starts with a byte order mark, without which
Excel reads UTF-8 as the local code page and garbles every non-ASCII letter. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return would be run as a formula by spreadsheet programs, so it gets a
leading apostrophe (the usual defence; the apostrophe is visible in the cell).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from bbtui.core.dataset_view import DatasetView
from bbtui.core.exporters import pieces as text_pieces
from bbtui.core.exporters.selection import select
from bbtui.core.textsafe import visible

COLUMNS = (
    "event_id",
    "date",
    "country",
    "speaker",
    "role",
    "quote",
    "outlet",
    "url",
    "quote_id",
    "said",
    "kind",
    "translated",
    "event_title",
    "source_headline",  # empty unless a copy of the page printed it
    "source_title_status",
    "published",
    "accessed",
    "archive_url",
    "archive_date",
    "first_reported_outlet",  # empty unless the dataset says where the words were first printed
    "first_reported_url",
    "repeated_in_count",  # how many sources printed the words after the first report
    "repeated_in_urls",  # their addresses, separated by spaces
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Dataset text as an inert spreadsheet cell."""
    text = visible(text)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


BOM = "\ufeff"


def to_csv(dataset: DatasetView, only: Iterable[str] | None = None, *, excel: bool = False) -> str:
    return "".join(csv_pieces(dataset, only, excel=excel))


def csv_pieces(
    dataset: DatasetView, only: Iterable[str] | None = None, *, excel: bool = False
) -> Iterator[str]:
    """`to_csv`'s text in pieces of about `pieces.PIECE` characters, a few rows each."""
    chosen = select(dataset, only)
    out = io.StringIO()
    if excel:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for event in chosen.events:
        country = dataset.country_by_code[event.country]
        for quote in chosen.quotes_for(event.id):
            source = dataset.source_by_id[quote.source]
            first = dataset.source_by_id[quote.first_reported] if quote.first_reported else None
            repeats = [dataset.source_by_id[s] for s in quote.repeated_in]
            row = (
                event.id,
                event.date.iso(),
                country.name,
                quote.speaker,
                quote.role,
                quote.text,
                source.outlet,
                source.url,
                quote.id,
                quote.said.iso(),
                quote.kind.value,
                "true" if quote.translated else "false",
                event.title,
                source.headline or "",
                source.title_status.value,
                source.published.iso() if source.published else "unknown",
                source.accessed.iso() if source.accessed else "",
                source.archive_url or "",
                source.archive_date.iso() if source.archive_date else "",
                first.outlet if first else "",
                first.url if first else "",
                str(len(repeats)) if quote.reporting_known else "",
                " ".join(s.url for s in repeats),
            )
            writer.writerow([cell(value) for value in row])
        if out.tell() >= text_pieces.PIECE:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()
