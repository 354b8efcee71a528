"""Handing an export to the reader in a browser: a download, never a file on the server.

Under `bbtui serve` the explorer runs on the server, so a path typed into the
export dialog would name the server's disk. Textual's `deliver_text` sends
the text through textual-serve to the browser instead, which saves it where
the reader's browser keeps downloads.
"""

from __future__ import annotations

import io

from textual.app import App

from bbtui.core.textsafe import visible_line


def deliver_download(app: App, name: str, text: str) -> None:
    """Start the browser download of `text` as `name` (call on the app's thread)."""
    app.deliver_text(io.StringIO(text), save_filename=name, open_method="download")
    app.notify(
        visible_line(f"{name} goes to your browser's downloads"),
        title="Exported",
        markup=False,
    )
