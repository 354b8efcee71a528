"""`bbtui cite ID`: the styled citation of a quote, an event, a source or a country.

A quote prints its words, who said it and when, and its source's reference;
an event or a country its summary and one reference per source; a source its
reference alone. The style is `--style`, else the config file's
`citation_style`, else Chicago. `--note` prints Chicago's full note form (for
APA and MLA, the in-text citation) instead of the bibliography entry.
"""

from __future__ import annotations

import argparse
import difflib
import sys

from bbtui.cli import exit_codes
from bbtui.cli.load_errors import report_load_error
from bbtui.core import cite, config
from bbtui.core.cite_style import Style
from bbtui.core.errors import DatasetError
from bbtui.core.loader import load
from bbtui.core.model import Dataset
from bbtui.core.paths import shipped_dataset
from bbtui.core.textsafe import visible_line

STYLE_HELP = "chicago (18th ed., notes and bibliography), apa (7th ed.) or mla (9th ed.)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="a quote, event or source id, or a country code")
    parser.add_argument(
        "--style",
        choices=[s.value for s in Style],
        help=f"citation style: {STYLE_HELP}; default: the config file's, else chicago",
    )
    parser.add_argument(
        "--note",
        action="store_true",
        help="the note form (Chicago's footnote; APA's and MLA's in-text citation)",
    )
    parser.add_argument("--data", metavar="PATH", help="dataset (default: the shipped one)")


def _fail(message: str, code: int) -> int:
    print(visible_line(f"bbtui cite: {message}"), file=sys.stderr)
    return code


def configured_style(settings: config.Config, where: str) -> tuple[Style, str | None]:
    """The settings' `citation_style` (default Chicago), and a problem line if it is not one."""
    value = settings.citation_style
    if value is None:
        return Style.CHICAGO, None
    try:
        return Style(value.lower()), None
    except ValueError:
        choices = ", ".join(f'"{s.value}"' for s in Style)
        problem = f"{where}: citation_style must be one of {choices}, not {value!r}; using chicago"
        return Style.CHICAGO, visible_line(problem)


def chosen_style(value: str | None) -> Style:
    """`--style`, else the settings file's; its problems are printed, never fatal."""
    if value is not None:
        return Style(value)
    path = config.config_path()
    settings = config.load_config(path)
    style, problem = configured_style(settings, visible_line(str(path)))
    for line in [*settings.problems, *([problem] if problem else [])]:
        print(visible_line(f"bbtui cite: {line}"), file=sys.stderr)
    return style


def citation_for(dataset: Dataset, item_id: str, style: Style, note: bool) -> str | None:
    if item_id in dataset.quote_by_id:
        return cite.cite_quote(dataset, dataset.quote_by_id[item_id], style, note=note)
    if item_id in dataset.event_by_id:
        return cite.cite_event(dataset, dataset.event_by_id[item_id], style, note=note)
    if item_id in dataset.source_by_id:
        return cite.styled_reference(dataset.source_by_id[item_id], style, note=note)
    if item_id.upper() in dataset.country_by_code:
        country = dataset.country_by_code[item_id.upper()]
        return cite.cite_country(dataset, country, style, note=note)
    return None


def _unknown(dataset: Dataset, item_id: str) -> str:
    ids = [*dataset.quote_by_id, *dataset.event_by_id, *dataset.source_by_id]
    close = difflib.get_close_matches(item_id, ids, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"no quote, event, source or country has the id {item_id!r}{hint}"


def run(args: argparse.Namespace) -> int:
    style = chosen_style(args.style)
    try:
        dataset = load(args.data or str(shipped_dataset()))
    except DatasetError as exc:
        return report_load_error(exc)
    text = citation_for(dataset, args.id, style, args.note)
    if text is None:
        return _fail(_unknown(dataset, args.id), exit_codes.USAGE)
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `bbtui cite ... | head -1`: the reader left
        sys.stderr.close()
    return exit_codes.OK
