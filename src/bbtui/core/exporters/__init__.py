"""Exporters: pure functions from a dataset (and an optional selection) to text.

    export(dataset, "markdown", only={"pk-exit-announced", "q-tra-normal"}) -> str

`only` holds event and/or quote ids (an event brings its quotes, a quote its
event); None or empty means everything. An unknown id raises UnknownIdError.
Writing the text to a file is the caller's job (see bbtui.core.atomic).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bbtui.core.exporters.bibtex import to_bibtex
from bbtui.core.exporters.csl_json import to_csl_json
from bbtui.core.exporters.csv_export import to_csv
from bbtui.core.exporters.json_export import to_json
from bbtui.core.exporters.markdown import to_markdown
from bbtui.core.exporters.selection import Selection, UnknownIdError, select
from bbtui.core.exporters.timelinejs import TimelineError, to_timelinejs
from bbtui.core.model import Dataset

__all__ = [
    "FORMATS",
    "Selection",
    "TimelineError",
    "UnknownIdError",
    "export",
    "select",
    "suggested_filename",
]

Exporter = Callable[[Dataset, "Iterable[str] | None"], str]

_EXPORTERS: dict[str, Exporter] = {
    "markdown": to_markdown,
    "csv": to_csv,
    "json": to_json,
    "timelinejs": to_timelinejs,
    "csl-json": to_csl_json,
    "bibtex": to_bibtex,
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
    dataset: Dataset,
    fmt: str,
    only: Iterable[str] | None = None,
    *,
    inline_citations: bool = False,
    excel: bool = False,
) -> str:
    """The chosen part of `dataset` in format `fmt` (a key of FORMATS).

    `inline_citations`: Markdown cites in brackets instead of footnotes.
    `excel`: CSV starts with a byte order mark, so Excel reads it as UTF-8.
    Raises KeyError for an unknown format, UnknownIdError for an unknown id,
    TimelineError when a TimelineJS export would have no events.
    """
    try:
        exporter = _EXPORTERS[fmt]
    except KeyError:
        raise KeyError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    if fmt == "markdown" and inline_citations:
        return to_markdown(dataset, only, inline=True)
    if fmt == "csv" and excel:
        return to_csv(dataset, only, excel=True)
    return exporter(dataset, only)


def suggested_filename(fmt: str) -> str:
    """A file name to offer for a format, e.g. `bbtui-export.md`."""
    if fmt == "timelinejs":
        return "bbtui-timeline.json"
    if fmt == "csl-json":
        return "bbtui-sources.json"
    if fmt == "bibtex":
        return "bbtui-sources.bib"
    return "bbtui-export" + FORMATS[fmt]
