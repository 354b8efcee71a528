"""What a TimelineJS sheet or JSON file says, before it becomes a dataset.

Both readers produce `Slide`s: the cells as TimelineJS reads them (HTML
still in the text), the dates already checked, and where each came from so
later problems can be located too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bbtui.core.model import PartialDate


@dataclass(frozen=True)
class When:
    """A TimelineJS date: a date at its real precision and maybe a time."""

    date: PartialDate
    time: str | None = None  # "14:30" or "14:30:05", as TimelineJS would show it

    def describe(self) -> str:
        return self.date.display() + (f" {self.time}" if self.time else "")


@dataclass
class Slide:
    kind: str  # "title", "era" or "event"
    line: int  # where the row or object starts in the file
    column: int
    start: When | None = None
    end: When | None = None
    display_date: str = ""
    headline: str = ""  # HTML
    text: str = ""  # HTML
    media_url: str = ""  # a URL, or HTML such as a <blockquote>
    media_credit: str = ""
    media_caption: str = ""
    group: str = ""
    unique_id: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # anything else worth noting
