"""The fallback when no clipboard confirmed a copy: the text, to select or save.

The text sits in a read-only TextArea (select with the keyboard or the
terminal's own selection, usually shift+drag), and `s` saves it to a new
file in the current folder whose path the notification then shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from bbtui.core.textsafe import visible


class CopyFallbackScreen(ModalScreen[None]):
    # Parsed when this first opens, not at start-up (see bbtui.tcss).
    DEFAULT_CSS = """
    CopyFallbackScreen {
        align: center middle;
    }

    #copy-fallback-dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $border;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
        #copy-fallback-why { margin-bottom: 1; }
        TextArea { height: auto; max-height: 14; }
        #copy-fallback-buttons { height: auto; align-horizontal: right; margin-top: 1; }
        Button { margin-left: 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="copy-fallback.close"),
        Binding("s", "save", "Save to a file", id="copy-fallback.save"),
    ]

    def __init__(self, text: str, why: str, directory: Path | None = None) -> None:
        super().__init__()
        self.text = text
        self.why = why
        self.directory = directory or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-fallback-dialog") as dialog:
            dialog.border_title = "The copied text"
            dialog.border_subtitle = "s saves · esc closes"
            yield Static(self.why, id="copy-fallback-why", markup=False)
            yield TextArea(visible(self.text), read_only=True, id="copy-fallback-text")
            with Horizontal(id="copy-fallback-buttons"):
                yield Button("Save to a file", id="copy-fallback-save", compact=True)
                yield Button("Close", id="copy-fallback-close", compact=True)

    def on_mount(self) -> None:
        text_area = self.query_one(TextArea)
        text_area.focus()
        text_area.select_all()

    @on(Button.Pressed, "#copy-fallback-close")
    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#copy-fallback-save")
    def action_save(self) -> None:
        self._save()

    @work(thread=True, exclusive=True, group="copy-fallback")
    def _save(self) -> None:
        from bbtui.core.savecopy import save_new_file
        from bbtui.core.textsafe import visible_line

        try:
            path = save_new_file(self.text, self.directory)
        except OSError as exc:
            self.app.call_from_thread(
                self.notify,
                visible_line(str(exc)),
                title="Not saved",
                severity="error",
                markup=False,
            )
            return
        self.app.call_from_thread(
            self.notify, visible_line(str(path)), title="Saved the copied text to", markup=False
        )
        self.app.call_from_thread(self.dismiss, None)
