"""The export dialog: pick a format and a file name; confirm before overwriting.

Only the asking happens here. The screen that opens it turns the answer into
text with `bbtui.core.exporters.export` and writes it with `bbtui.core.atomic`, so the
app and `bbtui export` share every byte of the output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static


@dataclass(frozen=True)
class ExportRequest:
    format: str
    path: Path
    overwrite: bool  # the reader confirmed replacing an existing file


class ExportScreen(ModalScreen[ExportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(
        self,
        what: str,
        formats: list[str],
        suggest: Callable[[str], str],
        directory: Path,
    ) -> None:
        super().__init__()
        self.what = what
        self.formats = formats
        self.suggest = suggest
        self.directory = directory
        self.format = formats[0]
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export"
            dialog.border_subtitle = "esc cancels"
            yield Static(Content(self.what), id="export-what")
            yield Label("Format")
            with RadioSet(id="export-format"):
                for index, fmt in enumerate(self.formats):
                    yield RadioButton(fmt, value=index == 0, name=fmt)
            yield Label("File")
            yield Input(self.suggest(self.format), id="export-path", compact=True)
            yield Static(id="export-warning")
            with Horizontal(id="export-buttons"):
                yield Button("Export", id="export-ok", variant="primary", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.query_one(RadioSet).focus()

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        previous, self.format = self.format, event.pressed.name or self.format
        path = self.query_one(Input)
        # Follow the format only while the reader has not typed their own name.
        if path.value == self.suggest(previous):
            path.value = self.suggest(self.format)

    @on(Input.Changed)
    def _path_changed(self) -> None:
        self._confirmed = None
        self.query_one("#export-warning", Static).update("")

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-ok")
    def submit(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text:
            self._warn("Give a file name.")
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.directory / path
        if path.is_dir():
            self._warn(f"{path} is a folder: give a file name.")
            return
        exists = path.exists()
        if exists and self._confirmed != path:
            self._confirmed = path
            self._warn(f"{path} exists. Press Export again to replace it.")
            return
        self.dismiss(ExportRequest(self.format, path, overwrite=exists))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _warn(self, message: str) -> None:
        # The path is the reader's own typing, but it is still shown inert.
        self.query_one("#export-warning", Static).update(Content(f"⚠ {message}"))
