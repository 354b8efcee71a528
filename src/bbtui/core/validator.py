"""Check parsed YAML nodes against the dataset format and build the model.

The rules are those of docs/dataset.md. Every problem is collected, each at
the line and column of the node it concerns, so one run of `bbtui validate`
shows everything to fix. Records (the items of the four top-level lists)
arrive one at a time from the parser and are turned into model objects at
once, so a huge file never holds its whole node tree in memory.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from bbtui.core.errors import DatasetError, Problem
from bbtui.core.model import (
    Country, Dataset, Event, Note, NoteKind, Outcome, PartialDate, Quote, Source, SpeechKind,
    TitleStatus,
)  # fmt: skip
from bbtui.core.provenance import check_provenance
from bbtui.core.yaml_source import MAX_PROBLEMS, Mapping, Node, Refused, Scalar, Sequence, shown

FORMAT_VERSION = "1"

_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}\Z")
# A web address, or a local file's `file:///` URL (an imported timeline cites
# the file it was read from).
_URL = re.compile(r"(?:https?://[^\s/?#]+|file:///)\S*\Z", re.ASCII)
_DATE_SHAPE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z")
_INTEGER = re.compile(r"[-+]?[0-9]+\Z")

_OUTCOMES = tuple(o.value for o in Outcome)
_SPEECH_KINDS = tuple(k.value for k in SpeechKind)
_NOTE_KINDS = tuple(k.value for k in NoteKind)
_TITLE_STATUSES = tuple(k.value for k in TitleStatus)

_BAD: Any = object()  # a field whose problem has already been reported


def _kind_name(node: Node) -> str:
    if type(node) is Mapping:
        return "a mapping"
    if type(node) is Sequence:
        return "a list"
    return "text"


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass
class Locations:
    """Where some values sit in the file, for checks made after loading."""

    quote_text: dict[str, tuple[int, int]] = field(default_factory=dict)
    source_file: dict[str, tuple[int, int]] = field(default_factory=dict)


Reader = Callable[["Validator", Node, str], Any]


class Validator:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.sources: list[Source] = []
        self.countries: list[Country] = []
        self.events: list[Event] = []
        self.quotes: list[Quote] = []
        # Every id seen per list (even on records with other problems, so a
        # reference to them is not reported as dangling too): id -> line.
        self.ids: dict[str, dict[str, int]] = {
            k: {} for k in ("source", "country", "event", "quote")
        }
        self.references: list[tuple[str, Scalar]] = []
        self.locations = Locations()
        self.not_shown = 0

    # -- reporting ----------------------------------------------------------

    def add(self, node: Node, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.not_shown += 1  # a file broken everywhere: the first ones are enough
            return
        self.problems.append(Problem(self.name, node.line, node.column, message))

    # -- scalar readers: return a value, or _BAD after reporting ------------

    def text(self, node: Node, name: str) -> Any:
        if type(node) is Refused:
            return _BAD
        if type(node) is not Scalar:
            self.add(node, f"'{name}' must be text, not {_kind_name(node)}")
            return _BAD
        value = node.value.strip()
        if not value:
            self.add(node, f"'{name}' must not be empty")
            return _BAD
        return value

    def identifier(self, node: Node, name: str) -> Any:
        value = self.text(node, name)
        if value is not _BAD and not _ID.match(value):
            self.add(
                node,
                (
                    f"'{name}' {shown(value)} is not an id: use lower-case letters, "
                    "digits and hyphens (e.g. pk-exit-announced)"
                ),
            )
            return _BAD
        return value

    def country_code(self, node: Node, name: str) -> Any:
        value = self.text(node, name)
        if value is not _BAD and not _COUNTRY_CODE.match(value):
            self.add(
                node, f"'{name}' {shown(value)} is not an ISO 3166-1 alpha-2 code such as PK or GB"
            )
            return _BAD
        return value

    def url(self, node: Node, name: str) -> Any:
        value = self.text(node, name)
        if value is not _BAD and not _URL.match(value):
            self.add(
                node,
                f"'{name}' {shown(value)} is not a web address: it must start with http:// or https://",
            )
            return _BAD
        return value

    def file_name(self, node: Node, name: str) -> Any:
        value = self.text(node, name)
        if value is not _BAD and ("/" in value or "\\" in value or value in (".", "..")):
            self.add(node, f"'{name}' {shown(value)} must be a bare file name, without folders")
            return _BAD
        if value is not _BAD and "\0" in value:
            # No file system allows it; opening it would fail later with a crash.
            self.add(node, f"'{name}' {shown(value)} holds a NUL character, which no file name can")
            return _BAD
        return value

    def date(self, node: Node, name: str) -> Any:
        value = self.text(node, name)
        if value is _BAD:
            return _BAD
        if not _DATE_SHAPE.match(value):
            self.add(
                node, f"'{name}' {shown(value)} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
            )
            return _BAD
        try:
            return _parse_date(value)
        except ValueError as exc:
            self.add(node, f"'{name}' {value} does not exist: {exc}")
            return _BAD

    def date_or_unknown(self, node: Node, name: str) -> Any:
        if type(node) is Scalar and node.value.strip() == "unknown":
            return None
        return self.date(node, name)

    def year(self, node: Node, name: str) -> Any:
        if type(node) is Refused:
            return _BAD
        if type(node) is not Scalar or not node.plain or not _INTEGER.match(node.value):
            got = _kind_name(node) if type(node) is not Scalar else shown(node.value)
            self.add(node, f"'{name}' must be a year written as a number such as 2015, not {got}")
            return _BAD
        digits = node.value.lstrip("+-").lstrip("0")
        if len(digits) > 4:
            # Bounded before int(): Python refuses to convert more than 4,300 digits.
            self.add(node, f"'{name}' {shown(node.value)} is not a year")
            return _BAD
        year = int(node.value)
        if not 1 <= year <= 9999:
            self.add(node, f"'{name}' {year} is not a year")
            return _BAD
        return year

    def boolean(self, node: Node, name: str) -> Any:
        if type(node) is Scalar and node.plain and node.value in ("true", "false"):
            return node.value == "true"
        if type(node) is not Refused:
            got = _kind_name(node) if type(node) is not Scalar else shown(node.value)
            self.add(node, f"'{name}' must be true or false, not {got}")
        return _BAD

    def choice(self, node: Node, name: str, choices: tuple[str, ...]) -> Any:
        value = self.text(node, name)
        if value is not _BAD and value not in choices:
            self.add(
                node,
                (
                    f"'{name}' {shown(value)} is not one of: {', '.join(choices)}"
                    + _did_you_mean(value, choices)
                ),
            )
            return _BAD
        return value

    def outcome(self, node: Node, name: str) -> Any:
        value = self.choice(node, name, _OUTCOMES)
        return value if value is _BAD else Outcome(value)

    def speech_kind(self, node: Node, name: str) -> Any:
        value = self.choice(node, name, _SPEECH_KINDS)
        return value if value is _BAD else SpeechKind(value)

    def title_status(self, node: Node, name: str) -> Any:
        value = self.choice(node, name, _TITLE_STATUSES)
        return value if value is _BAD else TitleStatus(value)

    def note_kind(self, node: Node, name: str) -> Any:
        value = self.choice(node, name, _NOTE_KINDS)
        return value if value is _BAD else NoteKind(value)

    # -- lists ----------------------------------------------------------------

    def id_list(self, node: Node, name: str, *, refers_to: str | None, at_least_one: bool) -> Any:
        if type(node) is Refused:
            return _BAD
        if type(node) is not Sequence:
            self.add(node, f"'{name}' must be a list, not {_kind_name(node)}")
            return _BAD
        if at_least_one and not node.items:
            self.add(node, f"'{name}' must list at least one {refers_to or 'id'}")
            return _BAD
        values: list[str] = []
        ok = True
        for item in node.items:
            value = self.identifier(item, name)
            if value is _BAD:
                ok = False
                continue
            if value in values:
                self.add(item, f"'{name}' lists {shown(value)} twice")
                continue
            values.append(value)
            if refers_to is not None:
                self.references.append((refers_to, item))  # type: ignore[arg-type]
        return tuple(values) if ok else _BAD

    def source_ids(self, node: Node, name: str) -> Any:
        return self.id_list(node, name, refers_to="source", at_least_one=True)

    def tags(self, node: Node, name: str) -> Any:
        return self.id_list(node, name, refers_to=None, at_least_one=False)

    def notes(self, node: Node, name: str) -> Any:
        if type(node) is Refused:
            return _BAD
        if type(node) is not Sequence:
            self.add(node, f"'{name}' must be a list of notes, not {_kind_name(node)}")
            return _BAD
        notes = []
        for item in node.items:
            values = self.fields(item, "note", NOTE_FIELDS)
            if values is None or any(values.get(k, _BAD) is _BAD for k in NOTE_FIELDS):
                notes.append(_BAD)
                continue
            notes.append(Note(values["kind"], values["text"], values["sources"]))
        return _BAD if _BAD in notes else tuple(notes)

    # -- records ---------------------------------------------------------------

    def fields(
        self, node: Node, what: str, spec: dict[str, tuple[bool, Reader]], nodes: dict | None = None
    ) -> dict[str, Any] | None:
        """Read a record's fields by `spec`; missing required fields are left out."""
        if type(node) is Refused:
            return None
        if type(node) is not Mapping:
            self.add(node, f"{_article(what)} must be a mapping of fields, not {_kind_name(node)}")
            return None
        values: dict[str, Any] = {}
        suggested: set[str] = set()
        for key, value in node.items:
            name = key.value
            if name not in spec:
                hint = _did_you_mean(name, spec)
                self.add(key, f"unknown field {shown(name)} in {_article(what)}" + hint)
                if hint:
                    suggested.add(hint.split("'")[1])  # its "missing" would say the same again
                continue
            if name in values:
                continue  # a duplicate key, already reported by the parser
            required, reader = spec[name]
            if type(value) is Scalar and value.is_null:
                if required:
                    self.add(value, f"'{name}' has no value (null); it is required")
                else:
                    self.add(value, f"'{name}' is null: leave an optional field out instead")
                values[name] = _BAD
                continue
            values[name] = reader(self, value, name)
            if nodes is not None:
                nodes[name] = value
        missing = [
            name
            for name, (required, _) in spec.items()
            if required and name not in values and name not in suggested
        ]
        if missing:
            label = "the top level" if what == "top level" else what
            ident = values.get("id", values.get("code"))
            if isinstance(ident, str):
                label = f"{what} {shown(ident)}"
            for name in missing:
                self.add(node, f"{label} has no '{name}' (required)")
        return values

    def _check_id(
        self, kind: str, values: dict[str, Any], nodes: dict[str, Node], key: str = "id"
    ) -> None:
        ident = values.get(key)
        if not isinstance(ident, str):
            return
        seen = self.ids[kind]
        if ident in seen:
            self.add(
                nodes[key], f"duplicate {kind} id {shown(ident)} (first at line {seen[ident]})"
            )
        else:
            seen[ident] = nodes[key].line

    def record(self, list_name: str, node: Node) -> None:
        """One item of a top-level list, straight from the parser."""
        reader = _RECORD_READERS.get(list_name)
        if reader is not None:
            reader(self, node)

    def source(self, node: Node) -> None:
        nodes: dict[str, Node] = {}
        values = self.fields(node, "source", SOURCE_FIELDS, nodes)
        if values is None:
            return
        self._check_id("source", values, nodes)
        if isinstance(values.get("file"), str) and isinstance(values.get("id"), str):
            self.locations.source_file[values["id"]] = (nodes["file"].line, nodes["file"].column)
        if not check_provenance(self, values, nodes):
            return
        if _complete(values, SOURCE_FIELDS):
            self.sources.append(Source(
                id=values["id"], outlet=values["outlet"], title=values["title"], url=values["url"],
                published=values["published"], published_note=values.get("published_note"),
                file=values.get("file"), notes=values.get("notes") or (),
                title_status=values.get("title_status", TitleStatus.UNKNOWN),
                read_at=values.get("read_at"), accessed=values.get("accessed"),
                archive_url=values.get("archive_url"), archive_date=values.get("archive_date"),
            ))  # fmt: skip

    def country(self, node: Node) -> None:
        nodes: dict[str, Node] = {}
        values = self.fields(node, "country", COUNTRY_FIELDS, nodes)
        if values is None:
            return
        self._check_id("country", values, nodes, key="code")
        first, last = values.get("from"), values.get("to")
        if isinstance(first, int) and isinstance(last, int) and last < first:
            self.add(nodes["to"], f"'to' ({last}) is before 'from' ({first})")
            return
        if _complete(values, COUNTRY_FIELDS):
            self.countries.append(Country(
                code=values["code"], name=values["name"], first_year=first, last_year=last,
                demand=values["demand"], outcome=values["outcome"],
                outcome_summary=values["outcome_summary"], response=values["response"],
                sources=values["sources"], notes=values.get("notes") or (),
            ))  # fmt: skip

    def event(self, node: Node) -> None:
        nodes: dict[str, Node] = {}
        values = self.fields(node, "event", EVENT_FIELDS, nodes)
        if values is None:
            return
        self._check_id("event", values, nodes)
        if _complete(values, EVENT_FIELDS):
            self.events.append(Event(
                id=values["id"], date=values["date"], country=values["country"],
                title=values["title"], summary=values["summary"], tags=values.get("tags") or (),
                sources=values["sources"], date_note=values.get("date_note"),
                notes=values.get("notes") or (),
            ))  # fmt: skip

    def quote(self, node: Node) -> None:
        nodes: dict[str, Node] = {}
        values = self.fields(node, "quote", QUOTE_FIELDS, nodes)
        if values is None:
            return
        self._check_id("quote", values, nodes)
        if isinstance(values.get("text"), str) and isinstance(values.get("id"), str):
            self.locations.quote_text[values["id"]] = (nodes["text"].line, nodes["text"].column)
        if _complete(values, QUOTE_FIELDS):
            self.quotes.append(Quote(
                id=values["id"], event=values["event"], text=values["text"],
                speaker=values["speaker"], role=values["role"], said=values["said"],
                source=values["source"], kind=values["kind"], said_note=values.get("said_note"),
                translated=values.get("translated") or False, notes=values.get("notes") or (),
            ))  # fmt: skip

    # -- the whole file ----------------------------------------------------------

    def finish(self, root: Node | None) -> Dataset:
        """Check the top level and the references; raise DatasetError if anything is wrong."""
        if root is None:
            self.problems.append(
                Problem(self.name, 1, 1, "the file holds no data: a dataset starts with 'bbtui: 1'")
            )
            raise DatasetError(self.problems)
        if type(root) is not Mapping:
            if type(root) is not Refused:
                self.add(
                    root,
                    (
                        f"the top level must be a mapping (bbtui: 1, title, sources, countries, "
                        f"events, quotes), not {_kind_name(root)}"
                    ),
                )
            raise DatasetError(sorted(self.problems, key=_position))
        nodes: dict[str, Node] = {}
        values = self.fields(root, "top level", TOP_FIELDS, nodes) or {}
        for name in ("sources", "countries", "events"):
            node = nodes.get(name)
            if type(node) is Sequence and node.length == 0:
                self.add(node, f"'{name}' must not be empty")
        self._check_references()
        if self.problems:
            problems = sorted(self.problems, key=_position)
            if self.not_shown:
                last = problems[-1]
                problems.append(
                    Problem(
                        self.name,
                        last.line,
                        last.column,
                        f"… and {self.not_shown} more problems not shown",
                    )
                )
            raise DatasetError(problems)
        self.events.sort(key=lambda e: e.date.sort_key)
        return Dataset(
            title=values["title"],
            description=values.get("description") or "",
            sources=tuple(self.sources),
            countries=tuple(self.countries),
            events=tuple(self.events),
            quotes=tuple(self.quotes),
            path=self.name,
        )

    def version(self, node: Node, name: str) -> Any:
        if type(node) is Scalar and node.plain and node.value == FORMAT_VERSION:
            return 1
        if type(node) is not Refused:
            got = shown(node.value) if type(node) is Scalar else _kind_name(node)
            self.add(
                node, f"'bbtui' must be the format version 1, not {got}; this bbtui reads version 1"
            )
        return _BAD

    def top_list(self, node: Node, name: str) -> Any:
        if type(node) is not Sequence and type(node) is not Refused:
            self.add(node, f"'{name}' must be a list, not {_kind_name(node)}")
            return _BAD
        return node

    def _check_references(self) -> None:
        for kind, node in self.references:
            known = self.ids[kind]
            if node.value.strip() not in known:
                value = node.value.strip()
                self.add(node, f"unknown {kind} {shown(value)}" + _did_you_mean(value, known))


def _reference(kind: str) -> Reader:
    """A reader for one id that must name a record of `kind`, checked at the end."""

    def read(v: Validator, node: Node, name: str) -> Any:
        value = v.country_code(node, name) if kind == "country" else v.identifier(node, name)
        if value is not _BAD:
            v.references.append((kind, node))  # type: ignore[arg-type]
        return value

    return read


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> PartialDate:
    # Datasets repeat dates a lot; PartialDate is immutable, so share them.
    if text.startswith("0000"):
        raise ValueError("there is no year 0")
    return PartialDate.parse(text)


def _article(what: str) -> str:
    if what == "top level":
        return "the top level"
    return ("an " if what[0] in "aeiou" else "a ") + what


def _complete(values: dict[str, Any], spec: dict[str, tuple[bool, Reader]]) -> bool:
    """True when every required field was read and no field had a problem."""
    if _BAD in values.values():
        return False
    for name, (required, _) in spec.items():
        if required and name not in values:
            return False
    return True


def _position(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


T = Validator
NOTE_FIELDS: dict[str, tuple[bool, Reader]] = {
    "kind": (True, T.note_kind),
    "text": (True, T.text),
    "sources": (True, T.source_ids),
}
SOURCE_FIELDS: dict[str, tuple[bool, Reader]] = {
    "id": (True, T.identifier),
    "outlet": (True, T.text),
    "title": (True, T.text),
    "url": (True, T.url),
    "published": (True, T.date_or_unknown),
    "published_note": (False, T.text),
    "file": (False, T.file_name),
    "notes": (False, T.notes),
    "title_status": (False, T.title_status),
    "read_at": (False, T.url),
    "accessed": (False, T.date),
    "archive_url": (False, T.url),
    "archive_date": (False, T.date),
}
COUNTRY_FIELDS: dict[str, tuple[bool, Reader]] = {
    "code": (True, T.country_code),
    "name": (True, T.text),
    "from": (True, T.year),
    "to": (True, T.year),
    "demand": (True, T.text),
    "outcome": (True, T.outcome),
    "outcome_summary": (True, T.text),
    "response": (True, T.text),
    "sources": (True, T.source_ids),
    "notes": (False, T.notes),
}
EVENT_FIELDS: dict[str, tuple[bool, Reader]] = {
    "id": (True, T.identifier),
    "date": (True, T.date),
    "date_note": (False, T.text),
    "country": (True, _reference("country")),
    "title": (True, T.text),
    "summary": (True, T.text),
    "tags": (False, T.tags),
    "sources": (True, T.source_ids),
    "notes": (False, T.notes),
}
QUOTE_FIELDS: dict[str, tuple[bool, Reader]] = {
    "id": (True, T.identifier),
    "event": (True, _reference("event")),
    "text": (True, T.text),
    "speaker": (True, T.text),
    "role": (True, T.text),
    "said": (True, T.date),
    "said_note": (False, T.text),
    "source": (True, _reference("source")),
    "kind": (True, T.speech_kind),
    "translated": (False, T.boolean),
    "notes": (False, T.notes),
}
TOP_FIELDS: dict[str, tuple[bool, Reader]] = {
    "bbtui": (True, T.version),
    "title": (True, T.text),
    "description": (False, T.text),
    "sources": (True, T.top_list),
    "countries": (True, T.top_list),
    "events": (True, T.top_list),
    "quotes": (True, T.top_list),
}
_RECORD_READERS: dict[str, Callable[[Validator, Node], None]] = {
    "sources": T.source,
    "countries": T.country,
    "events": T.event,
    "quotes": T.quote,
}
del T
