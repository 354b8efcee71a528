"""Exporters: pure functions from a dataset (and an optional selection) to text.

    export(dataset, "markdown", only={"pk-exit-announced", "q-tra-normal"}) -> str
    export_pieces(dataset, "csv") -> the same text in pieces, made as they are read

The dataset is any `DatasetView`: a store's is read a chunk of rows at a
time, so `export_pieces` on one holds a piece of the output and a few rows,
not the dataset (`bbtui export` writes a million events that way). Markdown
footnotes, CSL-JSON and BibTeX also hold the ids of the cited sources.

`only` holds event and/or quote ids (an event brings its quotes, a quote its
event); None or empty means everything. An unknown id raises UnknownIdError.
Writing the text to a file is the caller's job (see bbtui.core.atomic).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator

from bbtui.core.dataset_view import DatasetView
from bbtui.core.exporters.bibtex import bibtex_pieces
from bbtui.core.exporters.csl_json import csl_json_pieces
from bbtui.core.exporters.csv_export import csv_pieces
from bbtui.core.exporters.json_export import json_pieces
from bbtui.core.exporters.markdown import markdown_pieces
from bbtui.core.exporters.selection import Selection, UnknownIdError, select
from bbtui.core.exporters.timelinejs import TimelineError, timelinejs_pieces

__all__ = [
    "FORMATS",
    "Selection",
    "TimelineError",
    "UnknownIdError",
    "export",
    "export_pieces",
    "select",
    "suggested_filename",
]

Exporter = Callable[[DatasetView, "Iterable[str] | None"], Iterator[str]]

_EXPORTERS: dict[str, Exporter] = {
    "markdown": markdown_pieces,
    "csv": csv_pieces,
    "json": json_pieces,
    "timelinejs": timelinejs_pieces,
    "csl-json": csl_json_pieces,
    "bibtex": bibtex_pieces,
}

# Format name -> file extension (with its dot), in the order menus show them.
FORMATS: dict[str, str] = {
    "markdown": ".md",
    "csv": ".csv",
    "json": ".json",
    "timelinejs": ".json",
    "csl-json": ".json",
    "bibtex": ".bib",
}


def export(
    dataset: DatasetView,
    fmt: str,
    only: Iterable[str] | None = None,
    *,
    inline_citations: bool = False,
    excel: bool = False,
) -> str:
    """The chosen part of `dataset` in format `fmt` (a key of FORMATS).

    `"".join(export_pieces(...))`; see there.
    """
    pieces = export_pieces(dataset, fmt, only, inline_citations=inline_citations, excel=excel)
    return "".join(pieces)


def export_pieces(
    dataset: DatasetView,
    fmt: str,
    only: Iterable[str] | None = None,
    *,
    inline_citations: bool = False,
    excel: bool = False,
) -> Iterator[str]:
    """The chosen part of `dataset` in format `fmt` (a key of FORMATS), in pieces.

    `inline_citations`: Markdown cites in brackets instead of footnotes.
    `excel`: CSV starts with a byte order mark, so Excel reads it as UTF-8.
    Raises KeyError for an unknown format, UnknownIdError for an unknown id,
    TimelineError when a TimelineJS export would have no events: all of
    them here, before the first piece, so nothing is written in vain.
    """
    try:
        exporter = _EXPORTERS[fmt]
    except KeyError:
        raise KeyError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    if fmt == "markdown" and inline_citations:
        pieces = markdown_pieces(dataset, only, inline=True)
    elif fmt == "csv" and excel:
        pieces = csv_pieces(dataset, only, excel=True)
    else:
        pieces = exporter(dataset, only)
    first = next(pieces, "")  # the selection is resolved (and refused) here
    return itertools.chain([first], pieces)


def suggested_filename(fmt: str) -> str:
    """A file name to offer for a format, e.g. `bbtui-export.md`."""
    if fmt == "timelinejs":
        return "bbtui-timeline.json"
    if fmt == "csl-json":
        return "bbtui-sources.json"
    if fmt == "bibtex":
        return "bbtui-sources.bib"
    return "bbtui-export" + FORMATS[fmt]
