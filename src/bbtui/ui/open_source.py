"""`o`: open the selected source's address in the system's web browser.

The address is the selected quote's source, else the shown event's (or
country's) first source. `webbrowser` honours `BROWSER`, and may block while
it starts a browser, so it runs in a thread worker; the reader is told which
address went out, or that none could be opened.
"""

from __future__ import annotations

import webbrowser
from functools import partial
from typing import TYPE_CHECKING

from bbtui.core.model import Event
from bbtui.core.textsafe import visible_line

if TYPE_CHECKING:
    from bbtui.ui.screens.explorer import ExplorerScreen


def selected_url(screen: ExplorerScreen) -> str | None:
    """The address `o` opens, or None when nothing selected has a source."""
    dataset = screen.dataset
    detail = screen.detail
    shown = detail.shown
    if isinstance(shown, Event) and detail.highlighted_quote is not None:
        quote = dataset.quote_by_id[detail.highlighted_quote]
        return dataset.source_by_id[quote.source].url
    if shown is None:
        return None
    for source in dataset.sources_for(shown.sources):
        return source.url
    return None


def open_url(url: str) -> bool:
    """Hand `url` to the system's browser (call from a worker thread)."""
    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False


def open_selected_source(screen: ExplorerScreen) -> None:
    """`o`: open the selected source in a thread worker, or say there is none."""
    url = selected_url(screen)
    if url is None:
        screen.notify("Nothing selected has a source.", severity="warning", markup=False)
        return
    screen.run_worker(
        partial(_open_and_tell, screen, url),
        thread=True,
        group="open-source",
        exit_on_error=False,
    )


def _open_and_tell(screen: ExplorerScreen, url: str) -> None:
    opened = open_url(url)
    screen.app.call_from_thread(
        screen.notify,
        visible_line(url),
        title="Opened in the browser" if opened else "No browser could open",
        severity="information" if opened else "warning",
        markup=False,
    )
