"""The citation styles and forms by name, apart from the engine that renders them.

The explorer and every command name a style (`--style`, the palette) at
start-up; `citeproc`, the renderer, is imported only when a citation is made
(~3 ms of every start otherwise).
"""

from __future__ import annotations

from enum import Enum


class Style(str, Enum):
    CHICAGO = "chicago"
    APA = "apa"
    MLA = "mla"

    @property
    def label(self) -> str:
        """The name people know the style by: 'Chicago', 'APA', 'MLA'."""
        return "Chicago" if self is Style.CHICAGO else self.value.upper()


class Form(str, Enum):
    BIBLIOGRAPHY = "bibliography"  # the reference-list entry
    NOTE = "note"  # Chicago's full footnote; APA's and MLA's in-text citation
