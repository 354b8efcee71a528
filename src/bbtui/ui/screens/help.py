"""The `?` screen: every key, generated from the bindings themselves.

Written from `BINDINGS` (and any keymap the user applied), so it can never
drift from what the keys really do.
"""

from __future__ import annotations

from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

# (section title, the classes whose bindings it lists)
Section = tuple[str, Iterable[BindingType]]


def key_names(app, binding: Binding) -> str:
    keymap = getattr(app, "_keymap", {}) or {}
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    shown = []
    for key in keys.split(","):
        display = app.get_key_display(Binding(key.strip(), binding.action))
        if display not in shown:
            shown.append(display)
    return " / ".join(shown)


def help_content(app, sections: Iterable[Section]) -> Content:
    lines: list[Content] = []
    for title, bindings in sections:
        rows = [b for b in bindings if isinstance(b, Binding) and b.description]
        if not rows:
            continue
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(title, "bold $text-accent"))
        for binding in rows:
            keys = key_names(app, binding)
            lines.append(
                Content.assemble(
                    (f"  {keys:<16}", "bold"), " ", binding.tooltip or binding.description
                )
            )
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, sections: list[Section], about: str = "") -> None:
        super().__init__()
        self.sections = sections
        self.about = about

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "esc closes"
            if self.about:
                yield Static(Content.styled(self.about, "$text-muted"), id="help-about")
            yield Static(help_content(self.app, self.sections), id="help-text")

    def action_dismiss(self) -> None:
        self.dismiss(None)
