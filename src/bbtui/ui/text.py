"""Dataset text as inert `Content`: the only way dataset text reaches the screen.

Textual parses markup in plain strings handed to most widgets, and a terminal
obeys escape sequences; a dataset is shared between people who need not trust
each other, so its text is first made visible (`textsafe`) and then wrapped in
`Content`, which Textual shows character for character.
"""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

from bbtui.core.textsafe import visible, visible_line

# One piece of `Content.assemble`: plain text, content, or (text, style).
Part = str | Content | tuple[str, str | Style]


def inert(text: str, style: Style | str = "") -> Content:
    """Multi-line dataset text, shown literally."""
    return Content.styled(visible(text), style)


def inert_line(text: str, style: Style | str = "") -> Content:
    """One-line dataset text (titles, names, list rows), shown literally."""
    return Content.styled(visible_line(text), style)
