"""Reading one field of a record: each reader returns the value or reports why not.

The readers are the vocabulary of the dataset format (text, ids, dates,
years, URLs, choices, lists of ids) and of `fields()`, which reads a whole
record by a spec of (required, reader) pairs. `Validator` (validator.py)
builds on them with the record rules and the model. A reader that finds a
problem reports it at the node's line and column and returns `BAD`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from bbtui.core.errors import Problem
from bbtui.core.model import NoteKind, Outcome, PartialDate, SpeechKind, TitleStatus
from bbtui.core.shapes import COUNTRY_CODE_SHAPE, ID_SHAPE, URL_SHAPE
from bbtui.core.yaml_source import MAX_PROBLEMS, Mapping, Node, Refused, Scalar, Sequence, shown

# A control character in an address would reach a terminal inside a hyperlink
# or a shell's `open`; no real address has one (they are percent-encoded).
_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
DATE_SHAPE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z")
_INTEGER = re.compile(r"[-+]?[0-9]+\Z")

_OUTCOMES = tuple(o.value for o in Outcome)
_SPEECH_KINDS = tuple(k.value for k in SpeechKind)
_NOTE_KINDS = tuple(k.value for k in NoteKind)
_TITLE_STATUSES = tuple(k.value for k in TitleStatus)

BAD: Any = object()  # a field whose problem has already been reported


def kind_name(node: Node) -> str:
    if type(node) is Mapping:
        return "a mapping"
    if type(node) is Sequence:
        return "a list"
    return "text"


def did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# Called with the reader's own object: a FieldReaders, or the Validator built
# on it (whose readers a Callable[[FieldReaders, ...]] would refuse).
Reader = Callable[[Any, Node, str], Any]


class FieldReaders:
    """The field readers, and the problems they found."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.not_shown = 0
        # References to check once every record is read: (kind, the id's node).
        self.references: list[tuple[str, Scalar]] = []

    def refer(self, kind: str, node: Scalar) -> None:
        """`node` names a record of `kind`: checked once every record is read."""
        self.references.append((kind, node))

    # -- reporting ----------------------------------------------------------

    def add(self, node: Node, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.not_shown += 1  # a file broken everywhere: the first ones are enough
            return
        self.problems.append(Problem(self.name, node.line, node.column, message))

    # -- scalar readers: return a value, or BAD after reporting ------------

    def text(self, node: Node, name: str) -> Any:
        if type(node) is Refused:
            return BAD
        if type(node) is not Scalar:
            self.add(node, f"'{name}' must be text, not {kind_name(node)}")
            return BAD
        value = node.value.strip()
        if not value:
            self.add(node, f"'{name}' must not be empty")
            return BAD
        return value

    def identifier(self, node: Node, name: str) -> Any:
        value = self.text(node, name)
        if value is not BAD and not ID_SHAPE.match(value):
            self.add(
                node,
                (
                    f"'{name}' {shown(value)} is not an id: use lower-case letters, "
                    "digits and hyphens (e.g. pk-exit-announced)"
                ),
            )
            return BAD
        return value

    def country_code(self, node: Node, name: str) -> Any:
        value = self.text(node, name)
        if value is not BAD and not COUNTRY_CODE_SHAPE.match(value):
            self.add(
                node, f"'{name}' {shown(value)} is not an ISO 3166-1 alpha-2 code such as PK or GB"
            )
            return BAD
        return value

    def url(self, node: Node, name: str) -> Any:
        value = self.text(node, name)
        if value is not BAD and _URL_CONTROL.search(value):
            self.add(
                node,
                f"'{name}' {shown(value)} holds a control character: percent-encode it (%1B)",
            )
            return BAD
        if value is not BAD and not URL_SHAPE.match(value):
            self.add(
                node,
                f"'{name}' {shown(value)} is not a web address: it must start with http:// or https://",
            )
            return BAD
        return value

    def file_name(self, node: Node, name: str) -> Any:
        value = self.text(node, name)
        if value is not BAD and ("/" in value or "\\" in value or value in (".", "..")):
            self.add(node, f"'{name}' {shown(value)} must be a bare file name, without folders")
            return BAD
        if value is not BAD and "\0" in value:
            # No file system allows it; opening it would fail later with a crash.
            self.add(node, f"'{name}' {shown(value)} holds a NUL character, which no file name can")
            return BAD
        return value

    def date(self, node: Node, name: str) -> Any:
        value = self.text(node, name)
        if value is BAD:
            return BAD
        if not DATE_SHAPE.match(value):
            self.add(
                node, f"'{name}' {shown(value)} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
            )
            return BAD
        try:
            return parse_date(value)
        except ValueError as exc:
            self.add(node, f"'{name}' {value} does not exist: {exc}")
            return BAD

    def date_or_unknown(self, node: Node, name: str) -> Any:
        if type(node) is Scalar and node.value.strip() == "unknown":
            return None
        return self.date(node, name)

    def year(self, node: Node, name: str) -> Any:
        if type(node) is Refused:
            return BAD
        if type(node) is not Scalar or not node.plain or not _INTEGER.match(node.value):
            got = kind_name(node) if type(node) is not Scalar else shown(node.value)
            self.add(node, f"'{name}' must be a year written as a number such as 2015, not {got}")
            return BAD
        if len(node.value.strip()) > 12:
            # Bounded before int(): Python refuses to convert more than 4,300
            # digits (leading zeros count too); no year is this long.
            self.add(node, f"'{name}' {shown(node.value)} is not a year")
            return BAD
        year = int(node.value)
        if not 1 <= year <= 9999:
            self.add(node, f"'{name}' {year} is not a year")
            return BAD
        return year

    def boolean(self, node: Node, name: str) -> Any:
        if type(node) is Scalar and node.plain and node.value in ("true", "false"):
            return node.value == "true"
        if type(node) is not Refused:
            got = kind_name(node) if type(node) is not Scalar else shown(node.value)
            self.add(node, f"'{name}' must be true or false, not {got}")
        return BAD

    def choice(self, node: Node, name: str, choices: tuple[str, ...]) -> Any:
        value = self.text(node, name)
        if value is not BAD and value not in choices:
            self.add(
                node,
                (
                    f"'{name}' {shown(value)} is not one of: {', '.join(choices)}"
                    + did_you_mean(value, choices)
                ),
            )
            return BAD
        return value

    def outcome(self, node: Node, name: str) -> Any:
        value = self.choice(node, name, _OUTCOMES)
        return value if value is BAD else Outcome(value)

    def speech_kind(self, node: Node, name: str) -> Any:
        value = self.choice(node, name, _SPEECH_KINDS)
        return value if value is BAD else SpeechKind(value)

    def title_status(self, node: Node, name: str) -> Any:
        value = self.choice(node, name, _TITLE_STATUSES)
        return value if value is BAD else TitleStatus(value)

    def note_kind(self, node: Node, name: str) -> Any:
        value = self.choice(node, name, _NOTE_KINDS)
        return value if value is BAD else NoteKind(value)

    # -- lists ----------------------------------------------------------------

    def id_list(self, node: Node, name: str, *, refers_to: str | None, at_least_one: bool) -> Any:
        if type(node) is Refused:
            return BAD
        if type(node) is not Sequence:
            self.add(node, f"'{name}' must be a list, not {kind_name(node)}")
            return BAD
        if at_least_one and not node.items:
            self.add(node, f"'{name}' must list at least one {refers_to or 'id'}")
            return BAD
        values: list[str] = []
        ok = True
        for item in node.items:
            value = self.identifier(item, name)
            if value is BAD:
                ok = False
                continue
            if value in values:
                self.add(item, f"'{name}' lists {shown(value)} twice")
                continue
            values.append(value)
            if refers_to is not None:
                self.refer(refers_to, item)  # type: ignore[arg-type]
        return tuple(values) if ok else BAD

    def source_ids(self, node: Node, name: str) -> Any:
        return self.id_list(node, name, refers_to="source", at_least_one=True)

    def tags(self, node: Node, name: str) -> Any:
        return self.id_list(node, name, refers_to=None, at_least_one=False)

    def fields(
        self,
        node: Node,
        what: str,
        spec: dict[str, tuple[bool, Reader]],
        nodes: dict[str, Node] | None = None,
    ) -> dict[str, Any] | None:
        """Read a record's fields by `spec`; missing required fields are left out."""
        if type(node) is Refused:
            return None
        if type(node) is not Mapping:
            self.add(node, f"{article(what)} must be a mapping of fields, not {kind_name(node)}")
            return None
        values: dict[str, Any] = {}
        suggested: set[str] = set()
        for key, value in node.items:
            name = key.value
            if name not in spec:
                hint = did_you_mean(name, spec)
                self.add(key, f"unknown field {shown(name)} in {article(what)}" + hint)
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
                values[name] = BAD
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


@lru_cache(maxsize=4096)
def parse_date(text: str) -> PartialDate:
    # Datasets repeat dates a lot; PartialDate is immutable, so share them.
    if text.startswith("0000"):
        raise ValueError("there is no year 0")
    return PartialDate.parse(text)


def article(what: str) -> str:
    if what == "top level":
        return "the top level"
    return ("an " if what[0] in "aeiou" else "a ") + what
