"""YAML text to located nodes, from the parser's event stream, without recursion.

`parse` reads one document event by event and hangs each node on its parent
as it comes, so nesting costs no Python stack and every node keeps its line
and column. What YAML would interpret silently is refused here, each at its
place: tags, anchors and aliases, duplicate keys, complex keys, a second
document, nesting past `MAX_DEPTH`. With `on_item`, each record (an item of a
list directly under the top-level mapping) is handed over as soon as it is
complete and not kept, so a huge file never holds its whole tree.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from bbtui.core import yaml_source
from bbtui.core.errors import DatasetError, Problem
from bbtui.core.textsafe import visible_line
from bbtui.core.yaml_source import (
    MAX_DEPTH,
    MAX_PROBLEMS,
    Mapping,
    Node,
    Refused,
    Scalar,
    Sequence,
    shown,
)
from bbtui.core.yaml_stream import YamlFile

# Called with (top-level key, item) for every item of a list directly under
# the top-level mapping: the records.
OnItem = Callable[[str, Node], None]
Progress = Callable[[float], None]

_SCALAR, _MAPPING_START, _SEQUENCE_START = (
    yaml.ScalarEvent,
    yaml.MappingStartEvent,
    yaml.SequenceStartEvent,
)
_MAPPING_END, _SEQUENCE_END, _ALIAS = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent


def parse(
    text: str | YamlFile,
    name: str,
    *,
    on_item: OnItem | None = None,
    progress: Progress | None = None,
) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML document into nodes.

    `text` is the whole text, or a file read piece by piece (`yaml_stream`).
    Returns the root (None for a file of only comments) and the problems that
    do not stop reading: tags, anchors, aliases, duplicate or complex keys.
    Raises DatasetError for those that do: syntax errors, a second document,
    nesting past MAX_DEPTH, more than MAX_PROBLEMS problems.
    """
    return _TreeBuilder(text, name, on_item, progress).run()


class _TreeBuilder:
    """The state of one parse: the open containers, the problems, the refusals."""

    def __init__(
        self, text: str | YamlFile, name: str, on_item: OnItem | None, progress: Progress | None
    ) -> None:
        self.text, self.name = text, name
        self.on_item, self.progress = on_item, progress
        self.problems: list[Problem] = []
        # Anchors and aliases are reported once each kind, with a count: a
        # "billion laughs" file has hundreds and one line says it all.
        self.anchors: list[tuple[int, int, str]] = []
        self.aliases: list[tuple[int, int, str]] = []
        self.stack: list[Sequence | Mapping] = []
        self.root: Node | None = None
        self.documents = 0
        self.top_key = ""  # the top-level key of the list being read, for on_item
        self.closed = 0  # containers closed, for progress
        self.reported = 0.0

    # --- the event loop ---------------------------------------------------------

    def run(self) -> tuple[Node | None, list[Problem]]:
        get_event = yaml_source.PARSER(self.text).get_event
        taken = 0  # events read so far, to resume at the same one in another parser
        stack, problems, on_item = self.stack, self.problems, self.on_item
        line = column = 1
        try:
            while True:
                try:
                    event = get_event()
                except yaml.YAMLError as exc:
                    if not _libyaml_depth_limit(exc):
                        raise
                    get_event = _pure_python_events(self.text, after=taken)
                    continue
                taken += 1
                kind = type(event)
                if kind is _SCALAR:
                    # The common case, kept inline and short: most events are scalars.
                    mark = event.start_mark
                    line, column = mark.line + 1, mark.column + 1
                    if event.tag is not None or event.anchor is not None:
                        self.refuse_tag_or_anchor(event, line, column)
                    # plain: the C parser gives "" for style, the Python one None
                    scalar = Scalar(event.value, line, column, not event.style)
                    parent = stack[-1] if stack else None
                    if type(parent) is Mapping:
                        key = parent._key
                        if key is None:
                            self.add_key(parent, scalar)
                        else:
                            parent._key = None
                            if type(key) is Scalar:
                                parent.items.append((key, scalar))
                    elif on_item is not None and (records := self.top_list()) is not None:
                        records.length += 1
                        on_item(self.top_key, scalar)
                    else:
                        self.attach(scalar)
                elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                    line, column = self.open_container(event, kind is _MAPPING_START)
                elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                    self.close_container(event)
                elif kind is _ALIAS:
                    line, column = self.alias(event)
                elif kind is yaml.DocumentStartEvent:
                    self.document_start(event)
                elif kind is yaml.StreamEndEvent:
                    break
                self.check_counts(line, column)
        except yaml.YAMLError as exc:
            raise DatasetError(
                [*problems, *self.refusals(), _syntax_problem(self.name, self.text, exc)]
            ) from None
        if self.progress is not None:
            self.progress(1.0)
        return self.root, problems + self.refusals()

    def open_container(self, event: yaml.CollectionStartEvent, is_mapping: bool) -> tuple[int, int]:
        line, column = _place(event)
        if event.tag is not None or event.anchor is not None:
            self.refuse_tag_or_anchor(event, line, column)
        container = Mapping(line, column) if is_mapping else Sequence(line, column)
        stack = self.stack
        if len(stack) == 1 and type(stack[0]) is Mapping:
            key = stack[0]._key
            self.top_key = key.value if type(key) is Scalar else ""
        self.attach(container)
        stack.append(container)
        if len(stack) > MAX_DEPTH:
            raise self.fatal(
                line, column, f"nesting deeper than {MAX_DEPTH} levels refused; a dataset needs six"
            )
        return line, column

    def close_container(self, event: yaml.Event) -> None:
        closed = self.stack.pop()
        if type(closed) is Mapping:
            closed._seen = {}  # only needed while reading
        if self.on_item is not None and (records := self.top_list()) is not None:
            records.items.pop()
            self.on_item(self.top_key, closed)
        self.closed += 1
        if self.progress is not None and not self.closed & 0x3FF:
            mark = event.start_mark
            assert mark is not None  # both parsers mark every event
            text = self.text
            fraction = mark.index / max(len(text), 1) if isinstance(text, str) else text.fraction()
            if fraction - self.reported >= 0.01:
                self.reported = fraction
                self.progress(min(fraction, 1.0))

    def alias(self, event: yaml.AliasEvent) -> tuple[int, int]:
        line, column = _place(event)
        self.aliases.append((line, column, event.anchor or ""))
        refused = Refused(line, column)
        if self.on_item is not None and (records := self.top_list()) is not None:
            records.length += 1
            self.on_item(self.top_key, refused)
        else:
            self.attach(refused)
        return line, column

    def document_start(self, event: yaml.Event) -> None:
        self.documents += 1
        if self.documents > 1:
            line, column = _place(event)
            raise self.fatal(
                line, column, "a second YAML document starts here; a dataset file holds one"
            )

    def check_counts(self, line: int, column: int) -> None:
        problems = self.problems
        if len(problems) + len(self.anchors) + len(self.aliases) > MAX_PROBLEMS * 100:
            raise self.fatal(line, column, "too many anchors and aliases; stopped reading here")
        if len(problems) > MAX_PROBLEMS:
            last = problems[-1]
            raise self.fatal(
                last.line, last.column, f"more than {MAX_PROBLEMS} problems; stopped reading here"
            )

    # --- building the tree ------------------------------------------------------

    def attach(self, node: Node) -> None:
        """Hang a new node on its parent (a container is hung when it starts)."""
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if type(parent) is Sequence:
            parent.length += 1
            parent.items.append(node)
            return
        key = parent._key
        if key is None:
            self.add_key(parent, node)
            return
        parent._key = None
        if type(key) is Scalar:
            parent.items.append((key, node))

    def add_key(self, parent: Mapping, node: Node) -> None:
        parent._key = node
        if type(node) is Scalar:
            first = parent._seen.get(node.value)
            if first is None:
                parent._seen[node.value] = node.line
                return
            self.problem(
                node.line,
                node.column,
                f"duplicate key {shown(node.value)} (first at line {first}); "
                "YAML would silently keep only the last",
            )
        elif type(node) is not Refused:
            self.problem(
                node.line, node.column, "a mapping key must be plain text, not a list or mapping"
            )

    def top_list(self) -> Sequence | None:
        """The list directly under the top-level mapping, if we are in one of its
        items (a record)."""
        stack = self.stack
        if len(stack) == 2 and type(stack[0]) is Mapping:
            records = stack[1]
            if type(records) is Sequence:
                return records
        return None

    # --- problems ---------------------------------------------------------------

    def problem(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, column, message))

    def refuse_tag_or_anchor(
        self, event: yaml.ScalarEvent | yaml.CollectionStartEvent, line: int, column: int
    ) -> None:
        if event.tag is not None:
            self.problem(
                line,
                column,
                f"YAML tag {shown(_short_tag(event.tag))} refused: "
                "tags are never interpreted; remove it",
            )
        if event.anchor is not None:
            self.anchors.append((line, column, event.anchor))

    def refusals(self) -> list[Problem]:
        found = []
        for marks, sign, what, plural in (
            (self.anchors, "&", "anchor", "anchors"),
            (self.aliases, "*", "alias", "aliases"),
        ):
            if marks:
                line, column, label = marks[0]
                more = f" ({len(marks)} {plural} in the file)" if len(marks) > 1 else ""
                message = (
                    f"YAML {what} {shown(sign + label)} refused: "
                    "anchors and aliases are not allowed" + more
                )
                found.append(Problem(self.name, line, column, message))
        return found

    def fatal(self, line: int, column: int, message: str) -> DatasetError:
        return DatasetError(
            [*self.problems, *self.refusals(), Problem(self.name, line, column, message)]
        )


def _place(event: yaml.Event) -> tuple[int, int]:
    """The 1-based line and column where an event starts."""
    mark = event.start_mark
    assert mark is not None  # both parsers mark every event
    return mark.line + 1, mark.column + 1


def _short_tag(tag: str) -> str:
    if tag.startswith("tag:yaml.org,2002:"):
        return "!!" + tag[len("tag:yaml.org,2002:") :]
    return tag


def _syntax_problem(name: str, text: str | YamlFile, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return Problem(name, 1, 1, f"YAML syntax error: {visible_line(str(exc))}")
    line, column = mark.line + 1, mark.column + 1
    here = (_line(text, mark.line) or "")[mark.column : mark.column + 1]
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
    return yaml_source.PARSER is not yaml_source.PURE_PYTHON_PARSER and "nesting" in str(
        getattr(exc, "problem", "")
    )


def _line(text: str | YamlFile, number: int) -> str | None:
    if not isinstance(text, str):
        return text.line(number)
    lines = text.splitlines()
    return lines[number] if number < len(lines) else None


def _pure_python_events(text: str | YamlFile, *, after: int) -> Callable[[], yaml.Event]:
    """The pure-Python parser's `get_event`, past the first `after` events.

    It has no nesting limit of its own and yields the same events as
    libyaml, so reading goes on where libyaml stopped until our MAX_DEPTH
    check fires, exactly as it does when PyYAML has no libyaml at all.
    """
    parser = yaml_source.PURE_PYTHON_PARSER(text if isinstance(text, str) else text.restarted())
    for _ in range(after):
        parser.get_event()
    return parser.get_event
