"""Asked on `q` when something is marked: marks live only as long as the explorer.

bbtui keeps no session file (nothing is written unasked), so leaving would
lose the marks without a word; this asks first. `y` leaves, `n` or Esc stays
(and the export dialog, ctrl+e, is one key away). ctrl+q, Textual's own quit,
still leaves at once.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from bbtui.ui.widgets.footer import KeyFooter


class ConfirmQuit(ModalScreen[bool]):
    # Parsed when this first opens, not at start-up (see bbtui.tcss).
    DEFAULT_CSS = """
    ConfirmQuit {
        align: center middle;
    }

    #confirm-quit {
        width: 50;
        max-width: 100%;
        height: auto;
        border: round $warning;
        padding: 0 1;
        background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Quit", id="quit.confirm"),
        Binding("n,escape", "answer(False)", "Stay", id="quit.cancel"),
    ]

    def __init__(self, marked: int) -> None:
        super().__init__()
        self.marked = marked

    def compose(self) -> ComposeResult:
        things = "item is" if self.marked == 1 else "items are"
        with Vertical(id="confirm-quit") as box:
            box.border_title = "Quit bbtui?"
            yield Static(
                Content(
                    f"{self.marked} marked {things} not exported and will be lost.\n"
                    "y quits · n stays (ctrl+e exports)"
                )
            )
        yield KeyFooter()

    def action_answer(self, leave: bool) -> None:
        self.dismiss(leave)
