"""How an outcome looks on screen: a word, a symbol and a colour.

Colour is lost under NO_COLOR and hard to tell apart for some readers, so the
word (`Outcome.label`) always carries the meaning; the symbol lets a column of
outcomes be compared at a glance, filled roughly by how much access the
government ended up with.
"""

from __future__ import annotations

from bbtui.core.model import Outcome

SYMBOLS: dict[Outcome, str] = {
    Outcome.WITHDRAWN: "○",
    Outcome.SETTLED: "◇",
    Outcome.DISPUTED: "◌",
    Outcome.CONCESSIONS: "◔",
    Outcome.PARTIAL_ACCESS: "◑",
    Outcome.COOPERATION: "●",
    Outcome.COVERT_ACCESS: "◆",
    Outcome.UNRESOLVED: "?",
}

# Component classes declared by the widgets that show outcomes; colours live
# in bbtui.tcss as theme variables.
STYLE_CLASS: dict[Outcome, str] = {
    Outcome.WITHDRAWN: "outcome--none",
    Outcome.SETTLED: "outcome--some",
    # Contested endings get a colour of their own: the accounts differ.
    Outcome.DISPUTED: "outcome--disputed",
    Outcome.CONCESSIONS: "outcome--some",
    Outcome.PARTIAL_ACCESS: "outcome--some",
    Outcome.COOPERATION: "outcome--full",
    Outcome.COVERT_ACCESS: "outcome--full",
    Outcome.UNRESOLVED: "outcome--unknown",
}

LABEL_WIDTH = max(len(o.label) for o in Outcome)


def legend() -> list[tuple[str, str, str]]:
    """(symbol, word, what it means) for every outcome, in the order of SYMBOLS."""
    return [(symbol, outcome.label, outcome.description) for outcome, symbol in SYMBOLS.items()]
