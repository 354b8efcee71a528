"""What changes when the explorer runs in a browser (`bbtui serve`, `App.is_web`).

- An export is a download: under `bbtui serve` the explorer runs on the
  server, so a path typed into the export dialog would name the server's
  disk. Textual's `deliver_text` sends the text through textual-serve to the
  browser instead, which saves it where the reader keeps downloads.
- A few keys belong to the browser before the page sees them (ctrl+t opens
  a tab); their bindings get browser-safe keys through Textual's keymap.
- `y` needs nothing here: `copy_to_clipboard` writes OSC 52, which
  textual-serve's xterm.js hands to the browser's clipboard.
"""

from __future__ import annotations

import io
from typing import Any

from textual.app import App

from bbtui.core.textsafe import visible_line

# Binding id -> the key it answers to in a browser.
BROWSER_KEYMAP = {
    "search.toggle-events": "ctrl+o",  # ctrl+t is the browser's new tab; ctrl+e, the input's end
}


def deliver_download(app: App[Any], name: str, text: str) -> None:
    """Start the browser download of `text` as `name` (call on the app's thread)."""
    app.deliver_text(io.StringIO(text), save_filename=name, open_method="download")
    app.notify(
        visible_line(f"{name} goes to your browser's downloads"),
        title="Exported",
        markup=False,
    )
