"""Every binding with an id, grouped by where it is active, for keymaps and `bbtui keys`.

A user's `[keymap]` (core/config.py) is checked against these scopes before
it reaches Textual's `App.set_keymap`: Textual would silently take a key from
another binding active at the same time, so such a clash is refused instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding

from bbtui.core.config import check_keymap
from bbtui.ui.app import ExplorerApp
from bbtui.ui.screens.compare import CompareScreen
from bbtui.ui.screens.confirm_quit import ConfirmQuit
from bbtui.ui.screens.explorer import ExplorerScreen
from bbtui.ui.screens.export import ExportScreen
from bbtui.ui.screens.help import HelpScreen
from bbtui.ui.screens.search import QuoteSearchScreen
from bbtui.ui.widgets.compare_table import CompareTable
from bbtui.ui.widgets.event_detail import EventDetail
from bbtui.ui.widgets.precedents import PrecedentPanel
from bbtui.ui.widgets.timeline import Timeline


def _bindings(*classes: type) -> list[Binding]:
    """The bindings of `classes` and their bases, the way Textual merges them."""
    found: list[Binding] = []
    for cls in classes:
        for base in reversed(cls.__mro__):
            found += [b for b in base.__dict__.get("BINDINGS", ()) if isinstance(b, Binding)]
    return found


# (where, the classes whose bindings are active together there)
SCOPES: list[tuple[str, tuple[type, ...]]] = [
    ("timeline", (ExplorerApp, ExplorerScreen, Timeline)),
    ("precedents", (ExplorerApp, ExplorerScreen, PrecedentPanel)),
    ("detail", (ExplorerApp, ExplorerScreen, EventDetail)),
    ("help", (ExplorerApp, HelpScreen)),
    ("search", (ExplorerApp, QuoteSearchScreen)),
    ("export", (ExplorerApp, ExportScreen)),
    ("quit", (ExplorerApp, ConfirmQuit)),
    ("compare", (ExplorerApp, CompareScreen, CompareTable)),
]


def binding_scopes() -> list[dict[str, str]]:
    """For each scope, binding id -> default keys."""
    return [{b.id: b.key for b in _bindings(*classes) if b.id is not None} for _, classes in SCOPES]


def every_binding() -> list[Binding]:
    """Each binding with an id once, in the order the scopes list them."""
    seen: dict[str, Binding] = {}
    for _, classes in SCOPES:
        for binding in _bindings(*classes):
            if binding.id is not None and binding.id not in seen:
                seen[binding.id] = binding
    return list(seen.values())


def usable_keymap(keymap: dict[str, str], where: str) -> tuple[dict[str, str], list[str]]:
    """The entries of a user's keymap that can be applied, and why the others cannot."""
    return check_keymap(keymap, binding_scopes(), where)


def keys_table(keymap: dict[str, str]) -> Iterable[tuple[str, str, str]]:
    """(binding id, keys, what it does) for every binding, with `keymap` applied."""
    for binding in every_binding():
        assert binding.id is not None
        keys = keymap.get(binding.id, binding.key)
        yield binding.id, keys, binding.tooltip or binding.description
