"""The `?` screen: every key, generated from the bindings themselves.

Written from `BINDINGS` (and any keymap the user applied), so it can never
drift from what the keys really do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from bbtui.ui import compat

# (section title, the classes whose bindings it lists)
Section = tuple[str, Iterable[BindingType]]


def key_names(app: App[Any], binding: Binding) -> str:
    keys = compat.keymap(app).get(binding.id, binding.key) if binding.id else binding.key
    shown = []
    for key in keys.split(","):
        display = app.get_key_display(Binding(key.strip(), binding.action))
        if display not in shown:
            shown.append(display)
    return " / ".join(shown)


def help_rows(app: App[Any], sections: Iterable[Section]) -> list[tuple[str, str] | str]:
    """Section titles (str) and (keys, what they do) rows, in order."""
    rows: list[tuple[str, str] | str] = []
    for title, bindings in sections:
        listed = [b for b in bindings if isinstance(b, Binding) and b.description]
        if listed:
            rows.append(title)
            rows += [(key_names(app, b), b.tooltip or b.description) for b in listed]
    return rows


# (symbol, word, what it means): how a precedent's demand ended (see ui/outcomes.py)
Legend = list[tuple[str, str, str]]


def help_content(
    app: App[Any], sections: Iterable[Section], legend: Legend | None = None
) -> Content:
    """The whole help as one plain block (for tests and copying)."""
    lines = [
        row if isinstance(row, str) else f"  {row[0]:<16} {row[1]}"
        for row in help_rows(app, sections)
    ]
    if legend:
        lines.append(LEGEND_TITLE)
        lines += [f"  {symbol} {word:<14} {meaning}" for symbol, word, meaning in legend]
    return Content("\n").join(lines)


LEGEND_TITLE = "Outcome symbols (precedents)"


class HelpScreen(ModalScreen[None]):
    # Parsed when this first opens, not at start-up (see bbtui.tcss).
    DEFAULT_CSS = """
    #help-about {
        margin-bottom: 1;
    }

    #help-keys {
        grid-size: 2;
        grid-columns: 16 1fr;
        grid-gutter: 0 1;
        height: auto;
        .help-section { column-span: 2; color: $text-accent; text-style: bold; padding-top: 1; height: auto; }
        .help-section:first-child { padding-top: 0; }
        .help-key { text-style: bold; padding-left: 2; }
    }

    HelpScreen {
        align: center middle;
    }

    #help-body {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $border;
        border-title-color: $foreground;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(
        self, sections: list[Section], about: str = "", legend: Legend | None = None
    ) -> None:
        super().__init__()
        self.sections = sections
        self.about = about
        self.legend = list(legend or ())

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "esc closes"
            if self.about:
                yield Static(Content.styled(self.about, "$text-muted"), id="help-about")
            with Grid(id="help-keys"):
                for row in help_rows(self.app, self.sections):
                    if isinstance(row, str):
                        yield Static(Content(row), classes="help-section")
                    else:
                        yield Static(Content(row[0]), classes="help-key")
                        yield Static(Content(row[1]), classes="help-what")
                if self.legend:
                    yield Static(Content(LEGEND_TITLE), classes="help-section")
                    for symbol, word, meaning in self.legend:
                        yield Static(Content(f"{symbol} {word}"), classes="help-key")
                        yield Static(Content(meaning), classes="help-what")

    @property
    def text(self) -> str:
        return str(help_content(self.app, self.sections, self.legend))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
