"""Textual's Footer, without styling every key twice before the first frame.

Each of the Footer's keys starts compact: mounting it adds the `-compact`
class (a restyle of that key), then the Footer's own `compact = False`
reaches it through a data binding and removes the class again (a second
restyle). Over the explorer's ~15 keys that was about a twentieth of
start-up. Here each key is given the Footer's value before it mounts, so
neither step changes a class; the keys look the same.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from bbtui.ui import compat


class KeyFooter(Footer):
    def compose(self) -> ComposeResult:
        yield from compat.footer_keys_compact_as(self.compact, super().compose())
