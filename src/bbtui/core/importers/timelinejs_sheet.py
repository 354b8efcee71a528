"""A TimelineJS sheet downloaded as CSV, read as TimelineJS's ConfigFactory reads it.

The v3 template's columns are Year, Month, Day, Time, End Year, End Month,
End Day, End Time, Display Date, Headline, Text, Media, Media Credit, Media
Caption, Media Thumbnail, Type, Group and Background; older sheets have
Start Date, End Date and Tag instead. A row's Type is `title` (the title
slide), `era`, or empty for an event. Cells are trimmed; blank rows skipped.

Stricter than TimelineJS where it would show something the author did not
write: an event without a Year, a month 13, a time without a date or an
unknown Type is refused, located as FILE:ROW:COLUMN (the row's line in the
file, the column's number counting from 1).
"""

from __future__ import annotations

import csv
import io
import re

from bbtui.core.errors import DatasetError, Problem
from bbtui.core.importers.dates import DateProblem, make_date, parse_time
from bbtui.core.importers.slides import Slide, When

TYPES = ("", "event", "title", "era")
_ISO = re.compile(r"([+-]?\d+)(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:[T ](.+))?\Z")
_SLASHES = re.compile(r"(\d+)/(\d+)(?:/(\d+))?(?:\s+(.+))?\Z")


def read_sheet(text: str, name: str) -> list[Slide]:
    """The slides of a sheet; raises DatasetError listing every located problem."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise DatasetError([Problem(name, 1, 1, f"not readable as CSV: {exc}")]) from None
    if not header:
        raise DatasetError([Problem(name, 1, 1, "the sheet is empty: no header row")])
    columns = {title.strip(): i for i, title in reversed(list(enumerate(header)))}
    v1 = "Start Date" in columns or "End Date" in columns
    if not v1 and "Year" not in columns:
        raise DatasetError(
            [
                Problem(
                    name,
                    1,
                    1,
                    "not a TimelineJS sheet: the header has no 'Year' or 'Start Date' column",
                )
            ]
        )
    slides: list[Slide] = []
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(name, line, 1, f"not readable as CSV: {exc}"))
            break
        row = _Row(name, line, columns, cells, problems)
        line = reader.line_num + 1
        if any(cell.strip() for cell in cells):
            slide = row.slide(v1)
            if slide is not None:
                slides.append(slide)
    if problems:
        raise DatasetError(problems)
    return slides


class _Row:
    def __init__(
        self,
        name: str,
        line: int,
        columns: dict[str, int],
        cells: list[str],
        problems: list[Problem],
    ) -> None:
        self.name, self.line, self.columns, self.cells = name, line, columns, cells
        self.problems = problems

    def get(self, column: str) -> str:
        index = self.columns.get(column)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    def fail(self, column: str, message: str) -> None:
        index = self.columns.get(column, 0)
        self.problems.append(Problem(self.name, self.line, index + 1, f"{column}: {message}"))

    def slide(self, v1: bool) -> Slide | None:
        kind = self.get("Type").lower()
        if kind not in TYPES:
            self.fail(
                "Type", f"unknown Type {self.get('Type')!r}: use title, era or leave it empty"
            )
            return None
        slide = Slide(
            kind=kind or "event",
            line=self.line,
            column=1,
            display_date=self.get("Display Date"),
            headline=self.get("Headline"),
            text=self.get("Text"),
            media_url=self.get("Media"),
            media_credit=self.get("Media Credit"),
            media_caption=self.get("Media Caption"),
            group=self.get("Group") or self.get("Tag"),
        )
        before = len(self.problems)
        if v1:
            slide.start = self._v1_date("Start Date")
            slide.end = self._v1_date("End Date")
        else:
            slide.start = self._v3_date("Year", "Month", "Day", "Time")
            slide.end = self._v3_date("End Year", "End Month", "End Day", "End Time")
        first = "Start Date" if v1 else "Year"
        if slide.kind != "title" and slide.start is None and len(self.problems) == before:
            self.fail(first, f"every {slide.kind} needs a date: this row has no {first}")
        if slide.kind == "era" and slide.end is None and len(self.problems) == before:
            self.fail("End Date" if v1 else "End Year", "an era needs an end date")
        return slide if len(self.problems) == before else None

    def _v3_date(self, year: str, month: str, day: str, time: str) -> When | None:
        if not self.get(year):
            for column in (month, day, time):
                if self.get(column):
                    self.fail(column, f"a {column} without a {year}")
                    return None
            return None
        columns = {"year": year, "month": month, "day": day, "time": time}
        try:
            date = make_date(self.get(year), self.get(month), self.get(day))
            clock = parse_time(self.get(time)) if self.get(time) else None
        except DateProblem as exc:
            self.fail(columns[exc.part], str(exc))
            return None
        if clock and date.day is None:
            self.fail(time, f"a time needs a full date (day, month and year), not {date.display()}")
            return None
        return When(date, clock)

    def _v1_date(self, column: str) -> When | None:
        text = self.get(column)
        if not text:
            return None
        try:
            iso, slashes = _ISO.match(text), _SLASHES.match(text)
            if iso:
                year, month, day, clock = iso.groups()
            elif slashes:  # TimelineJS reads m/d/yyyy and m/yyyy
                first, second, third, clock = slashes.groups()
                month, day, year = (first, second, third) if third else (first, None, second)
            else:
                self.fail(column, f"{text!r} is not a date such as 2015-11-30 or 11/30/2015")
                return None
            date = make_date(year, month or "", day or "")
            clock = parse_time(clock) if clock else None
        except DateProblem as exc:
            self.fail(column, str(exc))
            return None
        if clock and date.day is None:
            self.fail(column, "a time needs a full date (day, month and year)")
            return None
        return When(date, clock)
