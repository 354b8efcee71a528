"""Plain mode: when bbtui prints the story as text instead of opening the explorer.

Textual draws a full screen whatever the terminal: it ignores `TERM=dumb`
and a standard output that is not a terminal (`bbtui | cat` would fill the
pipe with escape codes). So before any UI starts this decides:

- `--plain` always means plain text;
- so do `BBTUI_ACCESSIBLE=1` (set once in a screen-reader user's profile),
  `TERM=dumb` and a standard output that is not a terminal, unless the app is
  being served to a browser (`TEXTUAL_DRIVER` names the driver textual-serve
  runs it with: its output is a pipe by design, and the page is the UI).

The text itself is built by `bbtui.core.plain`. `--event ID` prints one event
and `--country CODE` one country's events and precedent, as the explorer
opens on them.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys

from bbtui.cli import exit_codes
from bbtui.cli.explore import open_dataset
from bbtui.cli.load_errors import report_load_error
from bbtui.core.countries import matching_codes
from bbtui.core.dataset_view import DatasetView
from bbtui.core.errors import DatasetError
from bbtui.core.model import Country, Event
from bbtui.core.paths import shipped_dataset
from bbtui.core.plain import story
from bbtui.core.textsafe import visible_line


def wanted(args: argparse.Namespace, environ: dict[str, str] | None = None) -> bool:
    environ = dict(os.environ) if environ is None else environ
    if getattr(args, "plain", False):
        return True
    if environ.get("TEXTUAL_DRIVER"):
        # Served to a browser (`bbtui serve`): the page is the interface, and a
        # screen-reader user's BBTUI_ACCESSIBLE=1 must not turn it into raw text.
        return False
    if environ.get("BBTUI_ACCESSIBLE", "").strip() not in ("", "0"):
        return True
    if environ.get("TERM") == "dumb":
        return True
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced stdout
        return True


class NotFound(Exception):
    """An --event or --country the dataset does not have; the message says so."""


def chosen_event(dataset: DatasetView, event_id: str) -> Event:
    event = dataset.event_by_id.get(event_id)
    if event is None:
        # The events' ids, not the look-up table's keys: a store's cannot be iterated.
        ids = [event.id for event in dataset.events]
        close = difflib.get_close_matches(event_id, ids, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise NotFound(f"no event with id {event_id}{hint}")
    return event


def chosen_countries(dataset: DatasetView, name: str) -> list[Country]:
    codes = matching_codes(name, dataset.countries)
    if not codes:
        known = ", ".join(c.code for c in dataset.countries)
        raise NotFound(f"no country {name} in this dataset (its countries: {known})")
    return [dataset.country_by_code[code] for code in codes]


def select(
    dataset: DatasetView, event_id: str | None, country: str | None
) -> tuple[list[Event] | None, list[Country] | None]:
    """The events and countries that --event and --country ask for (None: all)."""
    events: list[Event] | None = None
    countries: list[Country] | None = None
    if country is not None:
        countries = chosen_countries(dataset, country)
        codes = {c.code for c in countries}
        events = [e for e in dataset.events if e.country in codes]
    if event_id is not None:
        event = chosen_event(dataset, event_id)
        if countries is not None and event.country not in {c.code for c in countries}:
            raise NotFound(f"event {event_id} is not in {country}")
        events, countries = [event], countries or []
    return events, countries


def run(args: argparse.Namespace) -> int:
    path = args.path or str(shipped_dataset())
    try:
        dataset = open_dataset(path)  # a TimelineJS file too, as the explorer opens it
    except DatasetError as exc:
        return report_load_error(exc)
    try:
        events, countries = select(dataset, args.event, args.country)
    except NotFound as exc:
        print(visible_line(f"bbtui: {exc}"), file=sys.stderr)
        return exit_codes.NO_MATCH
    out = sys.stdout
    for line in story(dataset, events=events, countries=countries):
        out.write(line + "\n")
    return exit_codes.OK
