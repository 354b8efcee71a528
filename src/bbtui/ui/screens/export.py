"""The export dialog: pick a format and a file name; confirm before overwriting.

Enter exports with what is shown, from anywhere in the dialog (Export is the
default button); the arrow keys choose a format at once. Each format's state
is written in its label, `(•)` or `( )`, so it reads without colour
(NO_COLOR). The file being explored is never a target: the dialog refuses it.

Only the asking happens here. The screen that opens it turns the answer into
text with `bbtui.core.exporters.export` and writes it with `bbtui.core.atomic`, so the
app and `bbtui export` share every byte of the output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static


@dataclass(frozen=True)
class ExportRequest:
    format: str
    path: Path
    overwrite: bool  # the reader confirmed replacing an existing file
    download: bool = False  # in a browser: `path` is only the download's name, nothing is written


def _caption(fmt: str, chosen: bool) -> str:
    return f"{'(•)' if chosen else '( )'} {fmt}"


class FormatButton(RadioButton):
    # The state is in the label's words, not only in the colour of a dot.
    BUTTON_LEFT = BUTTON_INNER = BUTTON_RIGHT = ""

    def __init__(self, fmt: str, chosen: bool) -> None:
        super().__init__(_caption(fmt, chosen), value=chosen, name=fmt)


class FormatChoice(RadioSet, inherit_bindings=False):
    """Arrows choose the format at once; Enter is left to the dialog (export)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "step(1)", "Next format", show=False),
        Binding("up,left", "step(-1)", "Previous format", show=False),
        Binding("space", "toggle_button", "Choose format", show=False),
    ]

    def action_step(self, direction: int) -> None:
        if direction > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


class ExportScreen(ModalScreen[ExportRequest | None]):
    # Parsed when this first opens, not at start-up (see bbtui.tcss).
    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
    }

    #export-dialog {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $border;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
        Label { margin-top: 1; color: $text-accent; text-style: bold; }
        /* Six formats: three to a row, so none falls off a 64-column dialog. */
        RadioSet { width: 100%; height: auto; layout: grid; grid-size: 3; grid-rows: 1; border: none; padding: 0; }
        RadioButton { width: auto; margin-right: 2; }
        Input { margin-top: 0; }
        #export-warning { color: $text-warning; }
        #export-buttons { height: auto; align-horizontal: right; margin-top: 1; }
        Button { margin-left: 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("enter", "submit", "Export", id="export.submit"),
    ]

    def __init__(
        self,
        what: str,
        formats: list[str],
        suggest: Callable[[str], str],
        directory: Path | None,
        protected: Path | None = None,
    ) -> None:
        """`directory`: where a relative name goes; None in a browser, where the
        export is delivered as a download and never written on the server."""
        super().__init__()
        self.what = what
        self.formats = formats
        self.suggest = suggest
        self.directory = directory
        self.protected = protected  # the dataset being explored: never written over
        self.format = formats[0]
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export"
            dialog.border_subtitle = "esc cancels"
            yield Static(Content(self.what), id="export-what")
            yield Label("Format")
            with FormatChoice(id="export-format"):
                for index, fmt in enumerate(self.formats):
                    yield FormatButton(fmt, chosen=index == 0)
            yield Label("File" if self.directory is not None else "Download as")
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
        for button in self.query(FormatButton):
            button.label = _caption(button.name or "", button.value)
        path = self.query_one(Input)
        # Follow the format only while the reader has not typed their own name.
        if path.value == self.suggest(previous):
            path.value = self.suggest(self.format)

    @on(Input.Changed)
    def _path_changed(self) -> None:
        self._confirmed = None
        self.query_one("#export-warning", Static).update("")

    def action_submit(self) -> None:
        self.submit()

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-ok")
    def submit(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text:
            self._warn("Give a file name.")
            return
        if self.directory is None:
            self.dismiss(ExportRequest(self.format, Path(download_name(text)), False, True))
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.directory / path
        if path.is_dir():
            self._warn(f"{path} is a folder: give a file name.")
            return
        exists = path.exists()
        if exists and self.protected is not None and _same_file(path, self.protected):
            self._warn(f"{path} is the dataset being explored; choose another file name.")
            return
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


def download_name(text: str) -> str:
    """A download's file name as the browser gets it: no folders, and only
    characters that need no quoting in a Content-Disposition header."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", text.replace("\\", "/").rsplit("/", 1)[-1])
    name = name.strip(".-")
    return name or "bbtui-export.txt"
