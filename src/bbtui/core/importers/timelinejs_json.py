"""A TimelineJS 3 JSON document, read as TimelineJS's TimelineConfig reads it.

`events` (a non-empty list) with `start_date` {year, month?, day?, hour?,
minute?, second?}, optional `end_date`, `text` {headline, text}, `media`
{url, caption, credit}, `group`, `display_date`, `unique_id`; optional
`title` and `eras` (each with `start_date`, `end_date`, `text.headline`).

Date parts may be numbers or strings of digits, as TimelineJS allows. Where
TimelineJS would show a wrong date (a month 13) or nothing at all, the
problem is reported at its line and column in the file.
"""

from __future__ import annotations

import json

from bbtui.core.errors import DatasetError, Problem
from bbtui.core.importers.dates import DateProblem, make_date
from bbtui.core.importers.slides import Slide, When
from bbtui.core.yaml_source import Mapping, Node, Scalar, Sequence
from bbtui.core.yaml_tree import parse

_TIME_PARTS = ("hour", "minute", "second")


def read_json(text: str, name: str) -> list[Slide]:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise DatasetError([Problem(name, exc.lineno, exc.colno, f"not JSON: {exc.msg}")]) from None
    except RecursionError:
        raise DatasetError(
            [Problem(name, 1, 1, "not a TimelineJS document: nested too deeply")]
        ) from None
    # JSON is YAML: the project's parser gives every value its line and column.
    root, problems = parse(text, name)
    reader = _Reader(name, problems)
    slides = reader.document(root)
    if reader.problems:
        raise DatasetError(reader.problems)
    return slides


def _fields(node: Node | None) -> dict[str, Node]:
    if type(node) is not Mapping:
        return {}
    return {key.value: value for key, value in node.items}


def _text(node: Node | None) -> str:
    if type(node) is not Scalar or node.is_null:
        return ""
    return node.value.strip()


class _Reader:
    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.name = name
        self.problems = list(problems)

    def fail(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.name, node.line, node.column, message))

    def document(self, root: Node | None) -> list[Slide]:
        if type(root) is not Mapping:
            line, column = (root.line, root.column) if root is not None else (1, 1)
            self.problems.append(
                Problem(
                    self.name,
                    line,
                    column,
                    "not a TimelineJS document: expected an object with 'events'",
                )
            )
            return []
        top = _fields(root)
        events = top.get("events")
        if type(events) is not Sequence or not events.items:
            self.fail(events or root, "a TimelineJS document needs 'events', a non-empty list")
            return []
        slides: list[Slide] = []
        if "title" in top and type(top["title"]) is Mapping:
            slides.append(self.slide(top["title"], "title"))
        slides += [self.slide(item, "event") for item in events.items]
        eras = top.get("eras")
        if type(eras) is Sequence:
            slides += [self.slide(item, "era") for item in eras.items]
        return [s for s in slides if s is not None]

    def slide(self, node: Node, kind: str) -> Slide:
        if type(node) is not Mapping:
            self.fail(node, f"each {kind} must be an object")
            return Slide(kind, node.line, node.column)
        f = _fields(node)
        text, media = _fields(f.get("text")), _fields(f.get("media"))
        slide = Slide(
            kind=kind,
            line=node.line,
            column=node.column,
            display_date=_text(f.get("display_date"))
            or _text(_fields(f.get("start_date")).get("display_date")),
            headline=_text(text.get("headline")),
            text=_text(text.get("text")),
            media_url=_text(media.get("url")),
            media_credit=_text(media.get("credit")),
            media_caption=_text(media.get("caption")),
            group=_text(f.get("group")),
            unique_id=_text(f.get("unique_id")),
        )
        slide.start = self.when(f.get("start_date"), "start_date")
        slide.end = self.when(f.get("end_date"), "end_date")
        if kind != "title" and slide.start is None and "start_date" not in f:
            self.fail(node, f"this {kind} has no 'start_date' (TimelineJS would leave it out)")
        if kind == "era" and slide.end is None and "end_date" not in f:
            self.fail(node, "an era needs an 'end_date'")
        return slide

    def when(self, node: Node | None, name: str) -> When | None:
        if node is None:
            return None
        if type(node) is not Mapping:
            self.fail(node, f"'{name}' must be an object such as {{\"year\": 2015}}")
            return None
        parts = _fields(node)
        if "year" not in parts:
            self.fail(node, f"'{name}' has no 'year'")
            return None
        try:
            date = make_date(*(_text(parts.get(p)) for p in ("year", "month", "day")))
        except DateProblem as exc:
            self.fail(parts.get(exc.part, node), f"{name}: {exc}")
            return None
        clock = [_text(parts.get(p)) for p in _TIME_PARTS]
        if not any(clock):
            return When(date)
        if date.day is None:
            self.fail(
                parts.get("hour", node), f"{name}: a time needs a full date (day, month and year)"
            )
            return None
        if not all(c.isdigit() for c in clock if c):
            self.fail(node, f"{name}: hour, minute and second must be whole numbers")
            return None
        hour, minute, second = (int(c) if c else None for c in clock)
        if not (0 <= (hour or 0) <= 23 and 0 <= (minute or 0) <= 59 and 0 <= (second or 0) <= 59):
            self.fail(node, f"{name}: that time does not exist")
            return None
        shown = f"{hour or 0:02d}:{minute or 0:02d}" + (
            f":{second:02d}" if second is not None else ""
        )
        return When(date, shown)
