"""`bbtui [PATH]`: load and validate first, then open the explorer.

A dataset that fails validation never reaches the UI: the same errors as
`bbtui validate` go to standard error and the exit code is non-zero.

Opening goes through the dataset store (`bbtui.core.store`), so a big file
opened before starts at once, reading only the rows on screen. The first open
of a big file reads its YAML, which takes seconds; a progress line on standard
error shows it is working.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from bbtui.cli import exit_codes
from bbtui.cli.load_errors import print_notice, report_load_error
from bbtui.core.dataset_view import DatasetView
from bbtui.core.errors import DatasetError
from bbtui.core.paths import shipped_dataset
from bbtui.core.store import open_dataset as open_store
from bbtui.core.textsafe import visible_line

# Files smaller than this load in well under a second: no progress line.
PROGRESS_MIN_BYTES = 4 * 1024 * 1024


def run(args: argparse.Namespace) -> int:
    started_at = time.perf_counter()
    from bbtui.ui import collector

    collector.pause()  # until the first frame is drawn (the app resumes it)
    path = args.path or str(shipped_dataset())
    progress = _progress_for(path, sys.stderr)
    try:
        dataset = open_dataset(path, progress=progress)
    except DatasetError as exc:
        _finish(progress)
        return report_load_error(exc)
    _finish(progress)
    # --event and --country mean what they mean in plain mode, checked the same way.
    from bbtui.cli.plain import NotFound, select

    try:
        events, countries = select(dataset, args.event, args.country)
    except NotFound as exc:
        print(visible_line(f"bbtui: {exc}"), file=sys.stderr)
        return exit_codes.NO_MATCH
    start_event = events[0].id if args.event is not None and events else None
    start_country = countries[0].code if args.country is not None and countries else None
    from bbtui.core.config import config_path, load_config
    from bbtui.ui.app import ExplorerApp

    settings_file = config_path()
    settings = load_config(settings_file)
    keymap: dict[str, str] = {}
    keymap_problems: list[str] = []
    if settings.keymap:  # checking it imports every screen: only when there is one
        from bbtui.ui.keys import usable_keymap

        keymap, keymap_problems = usable_keymap(settings.keymap, visible_line(str(settings_file)))
    notices = [*settings.problems, *keymap_problems]
    from bbtui.cli.cite import configured_style

    citation_style, style_problem = configured_style(settings, visible_line(str(settings_file)))
    if style_problem:
        notices.append(style_problem)
    theme = args.theme
    if theme is None and settings.theme is not None:
        problem = theme_error(settings.theme)
        if problem:
            notices.append(f"{visible_line(str(settings_file))}: {problem}; using the default")
        else:
            theme = settings.theme

    app = ExplorerApp(
        dataset,  # type: ignore[arg-type]  # a DatasetView: the model or its store
        theme=theme,
        started_at=started_at,
        start_event=start_event,
        start_country=start_country,
        show_description=True,
        keymap=keymap,
        notices=notices,
        settings_file=settings_file,
        citation_style=citation_style,
    )
    app.run()
    status = exit_status(app)
    if not app.is_headless:  # it ran on the reader's terminal, now restored
        from bbtui.cli.quick_exit import leave

        leave(status)
    return status


def exit_status(app: Any) -> int:
    """What the process exits with once `app` has ended.

    Textual sets the return code to 1 when an exception ends the app (it has
    printed the traceback), and the signal handlers (ui/signals.py) to 128 + N;
    a plain quit leaves it unset.
    """
    return app.return_code or exit_codes.OK


def theme_names() -> list[str]:
    from bbtui.ui.contrast import theme_names

    return theme_names()


def theme_error(theme: str | None) -> str | None:
    """The usage error for an unknown `--theme` (checked in every mode), or None."""
    if theme is None or theme in theme_names():
        return None
    return f"unknown theme {theme!r}; themes: {', '.join(theme_names())}"


def open_dataset(path: str, progress: Callable[[float], None] | None = None) -> DatasetView:
    """The dataset, through its store, set aside from the cycle collector.

    The model is immutable and lives as long as the process: without
    `gc.freeze()` every full collection while the app starts would walk its
    hundreds of thousands of objects again (a first open of 100k events:
    first frame 4.8 s without, 4.0 s with).
    """
    dataset = open_store(path, progress=progress, on_notice=print_notice, store_shipped=True)
    gc.freeze()
    return dataset


class ProgressLine:
    """One updating line, `Reading FILE… 42%`, rewritten in place with a carriage return."""

    def __init__(self, path: str, stream: TextIO) -> None:
        self.stream = stream
        name = visible_line(os.path.basename(path))
        if len(name) > 40:  # the line must fit an 80-column terminal or \r cannot rewrite it
            name = name[:39] + "…"
        self.label = f"Reading {name} (first open only)"
        self.shown = -1

    def __call__(self, fraction: float) -> None:
        percent = max(0, min(100, int(fraction * 100)))
        if percent != self.shown:
            self.shown = percent
            self.stream.write(f"\r{self.label}… {percent:3d}%")
            self.stream.flush()

    def clear(self) -> None:
        if self.shown >= 0:
            self.stream.write("\r\x1b[2K")  # erase the line before the errors or the UI
            self.stream.flush()


def _progress_for(path: str, stream: TextIO) -> ProgressLine | None:
    """A progress line when the load will be slow and someone is watching."""
    try:
        if not stream.isatty() or os.path.getsize(path) < PROGRESS_MIN_BYTES:
            return None
    except (OSError, ValueError):
        return None  # the loader reports what is wrong with the path
    # Only the loader reports progress: a store hit never calls it, so nothing shows.
    return ProgressLine(path, stream)


def _finish(progress: Callable[[float], None] | None) -> None:
    if isinstance(progress, ProgressLine):
        progress.clear()
