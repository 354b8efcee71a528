"""The explorer screen's keys: every binding with an id (for keymaps) and a tooltip (for help).

Kept apart from the screen so the list a reader sees in `?` and in the
Footer reads as one table. The order matters: the Footer shows bindings in
this order and cuts from the right on a narrow terminal.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType

EXPLORER_BINDINGS: list[BindingType] = [
    # Quit and help first, so the Footer shows them at every width (it
    # cuts from the right); the app's own bindings stay for other screens.
    Binding("q", "app.leave", "Quit", id="app.quit", tooltip="Leave bbtui"),
    Binding("question_mark", "app.help", "Help", id="app.help", tooltip="Show every key"),
    Binding("tab", "cycle_pane(1)", "Pane", id="pane.next", tooltip="Next pane"),
    Binding(
        "shift+tab",
        "cycle_pane(-1)",
        "Previous pane",
        show=False,
        id="pane.previous",
        tooltip="Previous pane",
    ),
    Binding(
        "c",
        "filter_country",
        "Country",
        id="filter.country",
        tooltip="Show only the selected event's (or country's) events",
    ),
    Binding(
        "escape",
        "clear_filter",
        "Clear filter",
        id="filter.clear",
        tooltip="Show all countries again (narrow screens: back to the timeline)",
    ),
    Binding(
        "right_square_bracket",
        "step_quote(1)",
        "Next quote",
        show=False,
        id="quote.next",
        tooltip="Select the next quote of the event in the detail pane",
    ),
    Binding(
        "left_square_bracket",
        "step_quote(-1)",
        "Previous quote",
        show=False,
        id="quote.previous",
        tooltip="Select the previous quote",
    ),
    Binding("slash", "search", "Search", id="search", tooltip="Search the quotes"),
    Binding(
        "n",
        "search_step(1)",
        "Next result",
        show=False,
        id="search.next",
        tooltip="Go to the next search result",
    ),
    Binding(
        "N",
        "search_step(-1)",
        "Previous result",
        show=False,
        id="search.previous",
        tooltip="Go to the previous search result",
    ),
    Binding(
        "y",
        "copy",
        "Copy",
        id="copy",
        tooltip="Copy the selected quote (or event) with its citation",
    ),
    Binding(
        "o",
        "open_source",
        "Open source",
        show=False,
        id="source.open",
        tooltip="Open the selected quote's (or event's first) source in the web browser",
    ),
    Binding(
        "Y",
        "show_copy",
        "Show copy",
        show=False,
        id="copy.show",
        tooltip="Show the last copied text, to select it or save it to a file",
    ),
    Binding(
        "space",
        "toggle_mark",
        "Mark",
        id="mark.toggle",
        tooltip="Mark or unmark the selected quote (or event) for export",
    ),
    # In the precedents the cursor is on a country, which is not marked for
    # export: there the same key picks countries to compare (the screen's
    # check_action lets one of the two answer), and `v` compares them.
    Binding(
        "space",
        "pick_country",
        "Pick",
        id="precedents.pick",
        tooltip="In the precedents: pick or unpick the country to compare",
    ),
    Binding(
        "v",
        "compare",
        "Compare",
        id="precedents.compare",
        tooltip="In the precedents: show the picked countries side by side",
    ),
    Binding(
        "ctrl+e",
        "export",
        "Export",
        id="export",
        show=False,
        tooltip="Export the marked items (everything when nothing is marked)",
    ),
]


def keys_of(app: App[Any], binding_id: str) -> str:
    """The keys of one of these bindings as the reader has them (a keymap applied)."""
    from bbtui.ui.screens.help import key_names

    binding = next(b for b in EXPLORER_BINDINGS if isinstance(b, Binding) and b.id == binding_id)
    return key_names(app, binding)
