"""`o`: open the selected source's address in the system's web browser.

The address is the selected quote's source, else the shown event's (or
country's) first source. `webbrowser` honours `BROWSER`, and may block while
it starts a browser, so it runs in a thread worker; the reader is told which
address went out, or that none could be opened.
"""

from __future__ import annotations

import webbrowser
from typing import TYPE_CHECKING

from bbtui.core.model import Event

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
