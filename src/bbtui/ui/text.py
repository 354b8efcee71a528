"""Dataset text as inert `Content`: the only way dataset text reaches the screen.

Textual parses markup in plain strings handed to most widgets, and a terminal
obeys escape sequences; a dataset is shared between people who need not trust
each other, so its text is first made visible (`textsafe`), then given a width
every terminal agrees on (no ZWJ sequences: `steady_width`), and wrapped in
`Content`, which Textual shows character for character.
"""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

from bbtui.core.textsafe import link_target, steady_width, visible, visible_line

# One piece of `Content.assemble`: plain text, content, or (text, style).
Part = str | Content | tuple[str, str | Style]


def inert(text: str, style: Style | str = "") -> Content:
    """Multi-line dataset text, shown literally."""
    return Content.styled(shown(text), style)


def inert_line(text: str, style: Style | str = "") -> Content:
    """One-line dataset text (titles, names, list rows), shown literally."""
    return Content.styled(shown_line(text), style)


def shown(text: str) -> str:
    """Multi-line dataset text as the screen shows it (for a widget that takes a string)."""
    return steady_width(visible(text))


def shown_line(text: str) -> str:
    """One-line dataset text as the screen shows it (titles, notifications, the palette)."""
    return steady_width(visible_line(text))


def inert_link(url: str, style: Style | None = None) -> Content:
    """A web address shown literally, and a hyperlink to it (OSC 8) in terminals that
    have them; others ignore the sequence and show the text alone."""
    style = style or Style()
    target = link_target(url)
    return inert_line(url, style if target is None else style + Style(link=target))
