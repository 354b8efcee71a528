"""Read a dataset file safely: checked bytes in, plain located YAML nodes out.

A dataset may come from anyone, so PyYAML is only ever used as a *parser*:
we read its event stream and build our own small nodes (text, lists,
mappings, each with a 1-based line and column). Nothing is constructed from
tags, aliases are never expanded, and nesting depth is checked as events
arrive, so a hostile file fails fast instead of running code, eating memory
or overflowing a stack. (Reading events is also several times faster
than `yaml.compose`, which resolves every scalar's type in Python.)
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import final

import yaml

from bbtui.core.errors import DatasetError, DatasetUnreadable, Problem
from bbtui.core.safe_read import read_regular
from bbtui.core.textsafe import visible_line

# libyaml's parser when PyYAML was built with it; the pure-Python one otherwise.
PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PURE_PYTHON_PARSER = yaml.SafeLoader

MAX_DEPTH = 64  # a dataset needs six (top, list, record, notes, note, sources)
MAX_PROBLEMS = 1000  # past this, more lines help nobody; stop reading

# Characters YAML does not allow in a stream (the same set PyYAML's reader
# rejects), checked by us so the error says where and what.
_NOT_YAML_TEXT = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
_BOM = b"\xef\xbb\xbf"


@final  # never subclassed: `type(node) is X` checks stay exact (and mypy narrows them)
class Scalar:
    """A piece of text from the file, exactly as written (no type guessing)."""

    __slots__ = ("column", "line", "plain", "value")

    def __init__(self, value: str, line: int, column: int, plain: bool) -> None:
        self.value = value
        self.line = line
        self.column = column
        self.plain = plain  # unquoted: only then can it mean null, a number or a boolean

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in _NULL_WORDS


@final
class Sequence:
    __slots__ = ("column", "items", "length", "line")

    def __init__(self, line: int, column: int) -> None:
        self.items: list[Node] = []
        self.line = line
        self.column = column
        self.length = 0  # counts items handed to `on_item` too


@final
class Mapping:
    __slots__ = ("_key", "_seen", "column", "items", "line")

    def __init__(self, line: int, column: int) -> None:
        self.items: list[tuple[Scalar, Node]] = []
        self.line = line
        self.column = column
        self._key: Node | None = None
        self._seen: dict[str, int] = {}


@final
class Refused:
    """Stands where an alias was: already reported, so validation skips it."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


Node = Scalar | Sequence | Mapping | Refused

# Called with (top-level key, item) for every item of a list directly under
# the top-level mapping, so records can be validated and dropped one by one.
OnItem = Callable[[str, Node], None]
Progress = Callable[[float], None]


def shown(text: str, limit: int = 60) -> str:
    """Dataset text quoted for an error message: inert, one line, bounded."""
    text = visible_line(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return line, column


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's text, or DatasetError saying what is wrong with its bytes."""
    name = str(path)
    path = Path(path)

    def unreadable(reason: str) -> DatasetUnreadable:
        return DatasetUnreadable([Problem(name, 1, 1, reason)])

    try:
        data = read_regular(path)
    except IsADirectoryError:
        raise unreadable("cannot read: this is a directory, not a dataset file") from None
    except FileNotFoundError:
        raise unreadable("cannot read: no such file") from None
    except PermissionError:
        raise unreadable("cannot read: permission denied") from None
    except OSError as exc:
        raise unreadable(f"cannot read: {exc.strerror or exc}") from None

    def refuse(offset: int, message: str) -> DatasetError:
        line, column = _position(data, offset)
        return DatasetError([Problem(name, line, column, message)])

    data = data.removeprefix(_BOM)
    if not data.strip():
        raise DatasetError(
            [Problem(name, 1, 1, "the file is empty: a dataset starts with 'bbtui: 1'")]
        )
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise DatasetError([Problem(name, 1, 1, "the file is UTF-16 text; save it as UTF-8")])
    nul = data.find(b"\0")
    if nul >= 0:
        raise refuse(nul, "NUL byte: this is a binary file, not UTF-8 YAML text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refuse(
            exc.start,
            f"not UTF-8: byte 0x{data[exc.start]:02X} cannot be decoded; save the file as UTF-8",
        ) from None
    bad = _NOT_YAML_TEXT.search(text)
    if bad:
        line, column = _text_position(text, bad.start())
        raise DatasetError(
            [
                Problem(
                    name,
                    line,
                    column,
                    (
                        f"control character U+{ord(bad.group()):04X} is not allowed in YAML text "
                        "(binary junk?); inside double quotes write it as an escape such as \\x07"
                    ),
                )
            ]
        )
    return text


def _text_position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _short_tag(tag: str) -> str:
    if tag.startswith("tag:yaml.org,2002:"):
        return "!!" + tag[len("tag:yaml.org,2002:") :]
    return tag


def _syntax_problem(name: str, text: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return Problem(name, 1, 1, f"YAML syntax error: {visible_line(str(exc))}")
    line, column = mark.line + 1, mark.column + 1
    lines = text.splitlines()
    here = lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""
    if here == "\t":
        return Problem(
            name, line, column, "tab character: YAML indentation must use spaces, not tabs"
        )
    message = f"YAML syntax error: {getattr(exc, 'problem', None) or exc}"
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark is not mark:
        message += f" ({context} at line {context_mark.line + 1}, column {context_mark.column + 1})"
    elif context:
        message += f" ({context})"
    return Problem(name, line, column, visible_line(message))


def _libyaml_depth_limit(exc: yaml.YAMLError) -> bool:
    """Whether libyaml refused the file for its own nesting limit.

    The libyaml that PyYAML 6.0.3 and later bundle (0.2.6) stops at 1000
    levels, and its scanner reads up to a line (1024 characters) ahead of
    the events we get, so on `[[[[...` it fails before the 65th level
    reaches us, with its own words and place. Ours must be the limit a
    user meets, whichever PyYAML and libyaml are installed.
    """
    return PARSER is not PURE_PYTHON_PARSER and "nesting" in str(getattr(exc, "problem", ""))


def _pure_python_events(text: str, *, after: int) -> Callable[[], yaml.Event]:
    """The pure-Python parser's `get_event`, past the first `after` events.

    It has no nesting limit of its own and yields the same events as
    libyaml, so reading goes on where libyaml stopped until our MAX_DEPTH
    check fires, exactly as it does when PyYAML has no libyaml at all.
    """
    parser = PURE_PYTHON_PARSER(text)
    for _ in range(after):
        parser.get_event()
    return parser.get_event


def parse(
    text: str,
    name: str,
    *,
    on_item: OnItem | None = None,
    progress: Progress | None = None,
) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML document into nodes.

    Returns the root (None for a file of only comments) and the problems that
    do not stop reading: tags, anchors, aliases, duplicate or complex keys.
    Raises DatasetError for those that do: syntax errors, a second document,
    nesting past MAX_DEPTH, more than MAX_PROBLEMS problems.
    """
    problems: list[Problem] = []
    # Anchors and aliases are reported once each kind, with a count: a
    # "billion laughs" file has hundreds and one line says it all.
    anchors: list[tuple[int, int, str]] = []
    aliases: list[tuple[int, int, str]] = []

    def refusals() -> list[Problem]:
        found = []
        for marks, sign, what, plural in (
            (anchors, "&", "anchor", "anchors"),
            (aliases, "*", "alias", "aliases"),
        ):
            if marks:
                line, column, label = marks[0]
                more = f" ({len(marks)} {plural} in the file)"
                found.append(
                    Problem(
                        name,
                        line,
                        column,
                        (
                            f"YAML {what} {shown(sign + label)} refused: anchors and aliases are not allowed"
                            + (more if len(marks) > 1 else "")
                        ),
                    )
                )
        return found

    def fatal(line: int, column: int, message: str) -> DatasetError:
        return DatasetError([*problems, *refusals(), Problem(name, line, column, message)])

    get_event = PARSER(text).get_event
    taken = 0  # events read so far, to resume at the same one in another parser
    stack: list[Sequence | Mapping] = []
    root: Node | None = None
    documents = 0
    top_key = ""  # the top-level key of the list being read, for on_item
    total = max(len(text), 1)
    count = 0
    reported = 0.0

    scalar_event, mapping_start, sequence_start = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    mapping_end, sequence_end, alias_event = (
        yaml.MappingEndEvent,
        yaml.SequenceEndEvent,
        yaml.AliasEvent,
    )

    def refuse_tag_or_anchor(
        event: yaml.ScalarEvent | yaml.CollectionStartEvent, line: int, column: int
    ) -> None:
        if event.tag is not None:
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    (
                        f"YAML tag {shown(_short_tag(event.tag))} refused: tags are never interpreted; remove it"
                    ),
                )
            )
        if event.anchor is not None:
            anchors.append((line, column, event.anchor))

    def add_key(parent: Mapping, node: Node) -> None:
        parent._key = node
        if type(node) is Scalar:
            first = parent._seen.get(node.value)
            if first is None:
                parent._seen[node.value] = node.line
                return
            problems.append(
                Problem(
                    name,
                    node.line,
                    node.column,
                    (
                        f"duplicate key {shown(node.value)} (first at line {first}); "
                        "YAML would silently keep only the last"
                    ),
                )
            )
        elif type(node) is not Refused:
            problems.append(
                Problem(
                    name,
                    node.line,
                    node.column,
                    "a mapping key must be plain text, not a list or mapping",
                )
            )

    def attach(node: Node) -> None:
        """Hang a new node on its parent (a container is hung when it starts)."""
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if type(parent) is Sequence:
            parent.length += 1
            parent.items.append(node)
            return
        key = parent._key
        if key is None:
            add_key(parent, node)
            return
        parent._key = None
        if type(key) is Scalar:
            parent.items.append((key, node))

    def top_list() -> Sequence | None:
        """The list directly under the top-level mapping, if we are in one of its items
        (a record)."""
        if len(stack) == 2 and type(stack[0]) is Mapping:
            records = stack[1]
            if type(records) is Sequence:
                return records
        return None

    try:
        while True:
            try:
                event = get_event()
            except yaml.YAMLError as exc:
                if not _libyaml_depth_limit(exc):
                    raise
                get_event = _pure_python_events(text, after=taken)
                continue
            taken += 1
            kind = type(event)
            if kind is scalar_event:
                # The common case, kept short: most events are scalars.
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                if event.tag is not None or event.anchor is not None:
                    refuse_tag_or_anchor(event, line, column)
                scalar = Scalar(
                    event.value, line, column, not event.style
                )  # plain: C gives "", Python None
                parent = stack[-1] if stack else None
                if type(parent) is Mapping:
                    key = parent._key
                    if key is None:
                        add_key(parent, scalar)
                    else:
                        parent._key = None
                        if type(key) is Scalar:
                            parent.items.append((key, scalar))
                elif on_item is not None and (records := top_list()) is not None:
                    records.length += 1
                    on_item(top_key, scalar)
                else:
                    attach(scalar)
            elif kind is mapping_start or kind is sequence_start:
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                if event.tag is not None or event.anchor is not None:
                    refuse_tag_or_anchor(event, line, column)
                container = (
                    Mapping(line, column) if kind is mapping_start else Sequence(line, column)
                )
                if len(stack) == 1 and type(stack[0]) is Mapping:
                    key = stack[0]._key
                    top_key = key.value if type(key) is Scalar else ""
                attach(container)
                stack.append(container)
                if len(stack) > MAX_DEPTH:
                    raise fatal(
                        line,
                        column,
                        f"nesting deeper than {MAX_DEPTH} levels refused; a dataset needs six",
                    )
            elif kind is mapping_end or kind is sequence_end:
                closed = stack.pop()
                if type(closed) is Mapping:
                    closed._seen = {}  # only needed while reading
                if on_item is not None and (records := top_list()) is not None:
                    records.items.pop()
                    on_item(top_key, closed)
                count += 1
                if progress is not None and not count & 0x3FF:
                    fraction = event.start_mark.index / total
                    if fraction - reported >= 0.01:
                        reported = fraction
                        progress(min(fraction, 1.0))
            elif kind is alias_event:
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                aliases.append((line, column, event.anchor))
                refused = Refused(line, column)
                if on_item is not None and (records := top_list()) is not None:
                    records.length += 1
                    on_item(top_key, refused)
                else:
                    attach(refused)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    raise fatal(
                        mark.line + 1,
                        mark.column + 1,
                        "a second YAML document starts here; a dataset file holds one",
                    )
            elif kind is yaml.StreamEndEvent:
                break
            if len(problems) + len(anchors) + len(aliases) > MAX_PROBLEMS * 100:
                raise fatal(line, column, "too many anchors and aliases; stopped reading here")
            if len(problems) > MAX_PROBLEMS:
                last = problems[-1]
                raise fatal(
                    last.line,
                    last.column,
                    f"more than {MAX_PROBLEMS} problems; stopped reading here",
                )
    except yaml.YAMLError as exc:
        raise DatasetError([*problems, *refusals(), _syntax_problem(name, text, exc)]) from None
    if progress is not None:
        progress(1.0)
    return root, problems + refusals()
