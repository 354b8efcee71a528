"""Markdown: the chosen events in timeline order, quotes as block quotes,
sources as GitHub-flavoured footnotes, or (`inline=True`, for editors and
sites without footnotes) as citations in brackets right after what they support.

Dataset text is plain text, so every character Markdown (or GitHub's
extensions: autolinks, tables, strikethrough, maths) would act on is
backslash-escaped; the result reads naturally as plain text too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bbtui.core import cite
from bbtui.core.dataset_view import DatasetView
from bbtui.core.exporters.pieces import gathered, joined, one_final_newline
from bbtui.core.exporters.selection import select
from bbtui.core.exporters.urls import linkable
from bbtui.core.model import Note, Quote
from bbtui.core.reporting import FIRST_LABEL, NOT_RECORDED, SEPARATOR, first_words, reporting
from bbtui.core.textsafe import visible, visible_line

# Characters with inline meaning anywhere in a line; `&` only where it would
# start an entity. Bare addresses become links on GitHub and elsewhere, so
# the first `/` of `//`, the `.` after `www` and every `@` are escaped too.
_INLINE = re.compile(r"[\\`*_\[\]<>#|~$@]|&(?=#?[0-9A-Za-z]+;)|/(?=/)|(?<=[wW]{3})\.")
# Characters with block meaning only at the start of a line: list markers,
# setext underlines, ordered-list numbers.
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def escape_inline(text: str) -> str:
    """Escape one line of plain text so Markdown shows it as written."""
    return _INLINE.sub(lambda m: "\\" + m.group(), visible_line(text))


def escape_line(line: str) -> str:
    """Escape one line of plain text that may start a Markdown line."""
    # Indentation would make a code block; it carries no meaning in our text.
    line = escape_inline(line.strip())
    return _LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), line
    )


def _paragraphs(text: str) -> list[list[str]]:
    """Escaped lines grouped into paragraphs (blank lines separate them)."""
    paragraphs: list[list[str]] = [[]]
    for raw in visible(text).splitlines():
        line = escape_line(raw)
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p] or [[""]]


def _link(url: str) -> str:
    safe = linkable(url)
    # An autolink's contents are taken literally, so the URL is not escaped.
    return f"<{safe}>" if safe else escape_inline(url)


class _Footnotes:
    """Numbers sources in the order the document first cites them."""

    def __init__(self, dataset: DatasetView) -> None:
        self._dataset = dataset
        self._numbers: dict[str, int] = {}

    def refs(self, source_ids: Iterable[str]) -> str:
        refs = []
        for source_id in dict.fromkeys(source_ids):
            number = self._numbers.setdefault(source_id, len(self._numbers) + 1)
            refs.append(f"[^{number}]")
        return "".join(refs)

    def definitions(self) -> Iterator[str]:
        # The numbers are the one thing held for the whole document (an id and
        # a number per cited source): the sources are looked up as they are written.
        for source_id, number in self._numbers.items():
            source = self._dataset.source_by_id[source_id]
            yield f"[^{number}]: " + cite.source_citation(source, escape=escape_inline, link=_link)


class _Inline:
    """Each citation written out where it is used: no footnote syntax at all."""

    def __init__(self, dataset: DatasetView) -> None:
        self._dataset = dataset

    def refs(self, source_ids: Iterable[str]) -> str:
        citations = [
            cite.source_citation(self._dataset.source_by_id[s], escape=escape_inline, link=_link)
            for s in dict.fromkeys(source_ids)
        ]
        return f" ({'; '.join(citations)})" if citations else ""

    def definitions(self) -> Iterator[str]:
        return iter(())


def _block(paragraphs: list[list[str]], prefix: str = "") -> list[str]:
    lines: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if i:
            lines.append(prefix.rstrip())
        lines += [prefix + line for line in paragraph]
    return lines


def _note(note: Note, footnotes: _Footnotes | _Inline) -> list[list[str]]:
    paragraphs = _paragraphs(note.text)
    paragraphs[0][0] = f"**Note ({note.kind.value}):** " + paragraphs[0][0]
    paragraphs[-1][-1] += footnotes.refs(note.sources)
    return paragraphs


def _reporting(
    dataset: DatasetView, quote: Quote, footnotes: _Footnotes | _Inline
) -> list[list[str]]:
    """Where the words were first reported and repeated, each page cited (when recorded)."""
    found = reporting(dataset, quote)
    if found is None:
        return []
    line = FIRST_LABEL + NOT_RECORDED
    if found.first is not None:
        line = FIRST_LABEL + first_words(found.first, escape=escape_inline)
        line += footnotes.refs([found.first.id])
    if found.repeats:
        outlets = [escape_inline(s.outlet) + footnotes.refs([s.id]) for s in found.repeats]
        line += SEPARATOR + found.repeated_label() + "; ".join(outlets)
    if found.note:
        line += f" ({escape_inline(found.note)})"
    return [[line]]


def to_markdown(
    dataset: DatasetView, only: Iterable[str] | None = None, *, inline: bool = False
) -> str:
    return "".join(markdown_pieces(dataset, only, inline=inline))


def markdown_pieces(
    dataset: DatasetView, only: Iterable[str] | None = None, *, inline: bool = False
) -> Iterator[str]:
    """`to_markdown`'s text in pieces, an event at a time."""
    return gathered(one_final_newline(joined(_lines(dataset, only, inline))))


def _lines(dataset: DatasetView, only: Iterable[str] | None, inline: bool) -> Iterator[str]:
    chosen = select(dataset, only)
    footnotes = _Inline(dataset) if inline else _Footnotes(dataset)
    yield from [f"# {escape_inline(dataset.title)}", ""]
    if dataset.description.strip():
        yield from [*_block(_paragraphs(dataset.description)), ""]
    for event in chosen.events:
        country = dataset.country_by_code[event.country].name
        out = [
            f"## {event.date.display()} · {escape_inline(country)} · {escape_inline(event.title)}",
            "",
        ]
        context_only = chosen.is_context(event.id)
        if event.date_note:
            out += [f"Date note: {escape_inline(event.date_note)}", ""]
        if not context_only:
            summary = _paragraphs(event.summary)
            summary[-1][-1] += footnotes.refs(event.sources)
            out += [*_block(summary), ""]
        for quote in chosen.quotes_for(event.id):
            words = _paragraphs(quote.text)
            words[0][0] = "“" + words[0][0]
            words[-1][-1] += "”"
            attribution = cite.quote_attribution(quote, escape=escape_inline)
            words.append([f"— {attribution}{footnotes.refs([quote.source])}"])
            words += _reporting(dataset, quote, footnotes)
            for note in quote.notes:
                words += _note(note, footnotes)
            out += [*_block(words, "> "), ""]
        for note in () if context_only else event.notes:
            out += [*_block(_note(note, footnotes)), ""]
        yield from out
    yield from footnotes.definitions()
