"""Check parsed YAML nodes against the dataset format and build the model.

The rules are those of docs/dataset.md. Every problem is collected, each at
the line and column of the node it concerns, so one run of `bbtui validate`
shows everything to fix. Records (the items of the four top-level lists)
arrive one at a time from the parser and are turned into model objects at
once, handed to a `RecordSink`: `Records` keeps them for the in-memory
`Dataset`, the store's writer writes each one to disk. So a huge file never
holds its whole node tree, nor (with the writer) its records. What the
cross-record checks need stays: every id with its line, and the references
not yet resolved when they were read (in the usual order of a file, sources
before events before quotes, none).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bbtui.core.errors import DatasetError, Problem
from bbtui.core.field_readers import (
    BAD,
    FieldReaders,
    Reader,
    did_you_mean,
    kind_name,
)  # fmt: skip
from bbtui.core.model import (
    Country,
    Dataset,
    Event,
    Note,
    PartialDate,
    Quote,
    Source,
    TitleStatus,
)  # fmt: skip
from bbtui.core.provenance import check_provenance
from bbtui.core.reporting_rules import ReportingClaim, check_reporting, check_reporting_dates
from bbtui.core.yaml_source import Mapping, Node, Refused, Scalar, Sequence, shown

FORMAT_VERSION = "1"


@dataclass
class Locations:
    """Where some values sit in the file, for checks made after loading."""

    quote_text: dict[str, tuple[int, int]] = field(default_factory=dict)
    source_file: dict[str, tuple[int, int]] = field(default_factory=dict)


class RecordSink(Protocol):
    """Where the records go once validated, in the file's order."""

    def add_source(self, source: Source) -> None: ...
    def add_country(self, country: Country) -> None: ...
    def add_event(self, event: Event) -> None: ...
    def add_quote(self, quote: Quote) -> None: ...


class Records:
    """The sink that keeps every record in memory, for a `Dataset`."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self.countries: list[Country] = []
        self.events: list[Event] = []
        self.quotes: list[Quote] = []

    def add_source(self, source: Source) -> None:
        self.sources.append(source)

    def add_country(self, country: Country) -> None:
        self.countries.append(country)

    def add_event(self, event: Event) -> None:
        self.events.append(event)

    def add_quote(self, quote: Quote) -> None:
        self.quotes.append(quote)


class Validator(FieldReaders):
    """The record rules: each record checked and built into the model, references at the end.

    Once any problem is found, records are no longer handed to the sink
    (they will never be used) but still checked, so every problem is shown.
    """

    def __init__(
        self, name: str, sink: RecordSink | None = None, *, locations: bool = True
    ) -> None:
        super().__init__(name)
        self.records = Records()
        self.sink: RecordSink = self.records if sink is None else sink
        # Every id seen per list (even on records with other problems, so a
        # reference to them is not reported as dangling too): id -> line.
        self.ids: dict[str, dict[str, int]] = {
            k: {} for k in ("source", "country", "event", "quote")
        }
        # Where quote texts and source files are, for `bbtui validate`: off
        # for the store's first open, which would hold one per quote.
        self.locations = Locations()
        # Quotes' first-report claims, whose dates are checked once every source is read,
        # against every complete source's date (kept apart: the sink may not keep sources).
        self.claims: list[ReportingClaim] = []
        self.published: dict[str, PartialDate | None] = {}
        self._keep_locations = locations

    def refer(self, kind: str, node: Scalar) -> None:
        # Resolved now if its record came first (ids are never forgotten), so
        # only forward references wait for the end.
        if node.value.strip() not in self.ids[kind]:
            self.references.append((kind, node))

    def notes(self, node: Node, name: str) -> Any:
        if type(node) is Refused:
            return BAD
        if type(node) is not Sequence:
            self.add(node, f"'{name}' must be a list of notes, not {kind_name(node)}")
            return BAD
        notes = []
        for item in node.items:
            values = self.fields(item, "note", NOTE_FIELDS)
            if values is None or any(values.get(k, BAD) is BAD for k in NOTE_FIELDS):
                notes.append(BAD)
                continue
            notes.append(Note(values["kind"], values["text"], values["sources"]))
        return BAD if BAD in notes else tuple(notes)

    # -- records ---------------------------------------------------------------

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
        if (
            self._keep_locations
            and isinstance(values.get("file"), str)
            and isinstance(values.get("id"), str)
        ):
            self.locations.source_file[values["id"]] = (nodes["file"].line, nodes["file"].column)
        if not check_provenance(self, values, nodes):
            return
        if _complete(values, SOURCE_FIELDS):
            self.published[values["id"]] = values["published"]
        if _complete(values, SOURCE_FIELDS) and not self.problems:
            self.sink.add_source(Source(
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
        if _complete(values, COUNTRY_FIELDS) and not self.problems:
            self.sink.add_country(Country(
                code=values["code"], name=values["name"], first_year=values["from"], last_year=values["to"],
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
        if _complete(values, EVENT_FIELDS) and not self.problems:
            self.sink.add_event(Event(
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
        if (
            self._keep_locations
            and isinstance(values.get("text"), str)
            and isinstance(values.get("id"), str)
        ):
            self.locations.quote_text[values["id"]] = (nodes["text"].line, nodes["text"].column)
        claim = check_reporting(self, values, nodes)
        if claim is not None:
            self.claims.append(claim)
        elif "first_reported" in values or "repeated_in" in values:
            return  # an incoherent claim, already reported
        if _complete(values, QUOTE_FIELDS) and not self.problems:
            self.sink.add_quote(Quote(
                id=values["id"], event=values["event"], text=values["text"],
                speaker=values["speaker"], role=values["role"], said=values["said"],
                source=values["source"], kind=values["kind"], said_note=values.get("said_note"),
                translated=values.get("translated") or False, notes=values.get("notes") or (),
                first_reported=values.get("first_reported"),
                repeated_in=values.get("repeated_in") or (),
                reported_note=values.get("reported_note"),
            ))  # fmt: skip

    # -- the whole file ----------------------------------------------------------

    def finish(self, root: Node | None) -> Dataset:
        """The dataset of the records kept in memory, once `check` finds nothing wrong."""
        values = self.check(root)
        records = self.records
        records.events.sort(key=lambda e: e.date.sort_key)
        return Dataset(
            title=values["title"],
            description=values.get("description") or "",
            start=values.get("start"),
            sources=tuple(records.sources),
            countries=tuple(records.countries),
            events=tuple(records.events),
            quotes=tuple(records.quotes),
            path=self.name,
        )

    def check(self, root: Node | None) -> dict[str, Any]:
        """Check the top level and the references; raise DatasetError if anything is wrong.

        Returns the top level's values (title, description, start...).
        """
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
                        f"events, quotes), not {kind_name(root)}"
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
        check_reporting_dates(self, self.claims, self.published)
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
        return values

    def version(self, node: Node, name: str) -> Any:
        if type(node) is Scalar and node.plain and node.value == FORMAT_VERSION:
            return 1
        if type(node) is not Refused:
            got = shown(node.value) if type(node) is Scalar else kind_name(node)
            self.add(
                node, f"'bbtui' must be the format version 1, not {got}; this bbtui reads version 1"
            )
        return BAD

    def top_list(self, node: Node, name: str) -> Any:
        if type(node) is not Sequence and type(node) is not Refused:
            self.add(node, f"'{name}' must be a list, not {kind_name(node)}")
            return BAD
        return node

    def _check_references(self) -> None:
        for kind, node in self.references:
            known = self.ids[kind]
            if node.value.strip() not in known:
                value = node.value.strip()
                self.add(node, f"unknown {kind} {shown(value)}" + did_you_mean(value, known))


def _reference(kind: str) -> Reader:
    """A reader for one id that must name a record of `kind`, checked at the end."""

    def read(v: Validator, node: Node, name: str) -> Any:
        value = v.country_code(node, name) if kind == "country" else v.identifier(node, name)
        if value is not BAD:
            v.refer(kind, node)  # type: ignore[arg-type]
        return value

    return read


def _complete(values: dict[str, Any], spec: dict[str, tuple[bool, Reader]]) -> bool:
    """True when every required field was read and no field had a problem."""
    if BAD in values.values():
        return False
    return all(not (required and name not in values) for name, (required, _) in spec.items())


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
    "first_reported": (False, _reference("source")),
    "repeated_in": (False, T.source_ids),
    "reported_note": (False, T.text),
}
TOP_FIELDS: dict[str, tuple[bool, Reader]] = {
    "bbtui": (True, T.version),
    "title": (True, T.text),
    "description": (False, T.text),
    # The event the story starts from (the explorer opens on it): optional.
    "start": (False, _reference("event")),
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
