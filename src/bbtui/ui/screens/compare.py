"""The compare screen: the picked precedents side by side (see widgets/compare_table.py).

A screen of its own, not a pane: a comparison wants the whole width. Escape
goes back to the explorer as it was, the cursor and the picks where they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from bbtui.core.compare import Precedent, precedents
from bbtui.ui.screens.explorer_keys import keys_of
from bbtui.ui.widgets.compare_table import CompareTable
from bbtui.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from bbtui.ui.screens.explorer import ExplorerScreen


CLOSE = Binding(
    "escape",
    "close",
    "Back",
    id="compare.close",
    tooltip="Close the comparison, back to the precedents",
)

PAGING = [
    Binding("right,l", "page(1)", "Next", id="compare.next", tooltip="Show the next country"),
    Binding(
        "left,h",
        "page(-1)",
        "Previous",
        id="compare.previous",
        tooltip="Show the previous country",
    ),
]


class CompareScreen(Screen[None]):
    AUTO_FOCUS = "CompareTable"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Quit and help first, as on the explorer screen: the Footer cuts from the right.
        Binding("q", "app.leave", "Quit", id="app.quit", tooltip="Leave bbtui"),
        Binding("question_mark", "app.help", "Help", id="app.help", tooltip="Show every key"),
        CLOSE,
        *PAGING,
    ]

    def __init__(self, precedents: list[Precedent]) -> None:
        super().__init__(id="compare-screen")  # the app's check_action knows it by id
        self.precedents = precedents

    def compose(self) -> ComposeResult:
        yield CompareTable(self.precedents, id="compare")
        yield KeyFooter()

    @property
    def table(self) -> CompareTable:
        return self.query_one(CompareTable)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_page(self, step: int) -> None:
        self.table.page(step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page":
            # Offered (and in the Footer) only while some countries are off screen.
            return self.is_mounted and self.table.can_page
        return True


def compare_picked(explorer: ExplorerScreen) -> None:
    """Open the comparison of the countries picked in the explorer's precedent panel.

    With one picked, the country under the cursor makes the second; with
    fewer than two, the reader is told how to pick.
    """
    codes = explorer.precedents.compare_codes()
    if len(codes) < 2:
        pick = keys_of(explorer.app, "precedents.pick")
        compare = keys_of(explorer.app, "precedents.compare")
        explorer.notify(
            f"Pick two or more countries with {pick}, then press {compare} to compare them.",
            timeout=4,
            markup=False,
        )
        return
    explorer.app.push_screen(CompareScreen(precedents(explorer.dataset, codes)))
