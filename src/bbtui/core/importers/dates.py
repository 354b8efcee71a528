"""Date parts and times as TimelineJS reads them, checked strictly.

TimelineJS accepts what it cannot show: `month: 13` silently becomes
February of the next year, a time without a date is refused. Here every
part must be a whole number naming a real date, so the importer never
shows a date the timeline's author did not write.
"""

from __future__ import annotations

import re

from bbtui.core.model import PartialDate

_INTEGER = re.compile(r"-?\d+\Z")
_PERIOD = re.compile(r"\s*([AaPp])\.?[Mm]\.?\s*\Z")
_COMPACT_TIME = re.compile(r"(\d{1,2})(\d{2})\Z")


class DateProblem(ValueError):
    """What is wrong with one part, and which part (`year`, `month`, `day`, `time`)."""

    def __init__(self, part: str, message: str) -> None:
        self.part = part
        super().__init__(message)


_MAX_DIGITS = 12  # no date part is longer; the bound keeps int() away from huge numbers


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def number(text: str, part: str) -> int:
    # TimelineJS removes spaces and thousands separators: "2,015" is 2015.
    cleaned = re.sub(r"[\s,]+", "", text)
    if not _INTEGER.match(cleaned):
        raise DateProblem(part, f"{part} {text!r} is not a whole number")
    if len(cleaned) > _MAX_DIGITS:  # leading zeros count towards int()'s limit too
        # Bounded before int(): Python refuses to convert more than 4,300 digits.
        raise DateProblem(part, f"{part} {_clip(text)!r} is too large")
    return int(cleaned)


def make_date(year: str, month: str = "", day: str = "") -> PartialDate:
    """A date from the text of its parts; empty parts are unknown, never guessed."""
    y = number(year, "year")
    if not 1 <= y <= 9999:
        raise DateProblem("year", f"year {y} is outside 1 to 9999, which bbtui can show")
    m = number(month, "month") if month.strip() else None
    d = number(day, "day") if day.strip() else None
    if m is not None and not 1 <= m <= 12:
        raise DateProblem("month", f"month {m} does not exist (TimelineJS would show another date)")
    if d is not None and m is None:
        raise DateProblem("day", "a day needs a month")
    try:
        return PartialDate(y, m, d)
    except ValueError as exc:
        raise DateProblem("day", str(exc)) from None


def parse_time(text: str) -> str:
    """`2:30 PM`, `14:30`, `1430`, `14.30.05` -> `14:30` or `14:30:05`."""
    time = text.strip()
    period = _PERIOD.search(time)
    if period:
        time = time[: period.start()].strip()
    compact = _COMPACT_TIME.match(time)
    if compact:
        parts = list(compact.groups())
    else:
        parts = time.split(":") if ":" in time else time.split(".")
    if not 1 <= len(parts) <= 3 or not all(
        p.strip().isdigit() and len(p.strip()) <= _MAX_DIGITS for p in parts
    ):
        raise DateProblem("time", f"time {text!r} is not a time such as 14:30 or 2:30 PM")
    hour, *rest = (int(p) for p in parts)
    if period:
        if not 1 <= hour <= 12:
            raise DateProblem("time", f"time {text!r} has no hour {hour}")
        hour = hour % 12 + (12 if period.group(1) in "Pp" else 0)
    if not 0 <= hour <= 23 or any(not 0 <= v <= 59 for v in rest):
        raise DateProblem("time", f"time {text!r} does not exist")
    return ":".join(f"{v:02d}" for v in (hour, *rest)) if rest else f"{hour:02d}:00"
