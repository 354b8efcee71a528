"""What the detail pane shows, as a list of blocks (a heading, a summary, a quote...).

A `Block` is one piece of text laid out as wrapped lines, with a blank line
after it or not. Its text is built only when the pane scrolls to it, so an
event with ten thousand quotes costs no more to open than one with three. To
add something to the pane, add a block here: the pane lays out, scrolls and
caches any list of blocks the same way.

Styles are named by component class (`detail--muted`, ...) and resolved by the
pane, so colours stay in bbtui.tcss and follow the theme.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, NamedTuple

from textual.content import Content
from textual.style import Style

from bbtui.core import cite, reporting
from bbtui.core.model import Country, Dataset, Event, Note, Quote, Source, SpeechKind
from bbtui.ui.outcomes import STYLE_CLASS, SYMBOLS
from bbtui.ui.text import Part, inert, inert_line, inert_link

StyleOf = Callable[[str], Style]
"""Resolves a component class name (`detail--muted`) to a style."""

MUTED = "detail--muted"
STRONG = "detail--strong"
EM = "detail--em"
LABEL = "detail--label"
NOTE_KIND = "detail--note-kind"
HEADING = "detail--heading"
SECTION = "detail--section"
MARKED = "detail--marked"
COMPONENT_CLASSES = {MUTED, STRONG, EM, LABEL, NOTE_KIND, HEADING, SECTION, MARKED}


class Block(NamedTuple):
    build: Callable[[StyleOf], Content]
    """Makes the block's text (called only when the block comes into view)."""
    size: int = 0
    """About how many characters it holds: estimates the height of what is not laid out."""
    gap: bool = True
    """A blank line after it (never after the last block)."""
    quote: Quote | None = None
    """The quote it shows (quote blocks are drawn with a bar and can be selected)."""
    highlighted: bool = False
    marked: bool = False
    key: object = None
    """What, besides its place, makes this block look the way it does: when the
    marks or the selected quote change, the pane lays out again from the first
    block whose key differs."""

    @property
    def kind(self) -> Literal["text", "quote"]:
        return "quote" if self.quote is not None else "text"


def _text(
    build: Callable[[StyleOf], Content], size: int = 0, gap: bool = True, key: object = None
) -> Block:
    return Block(build, size=size, gap=gap, key=key)


# --- pieces shared by events, quotes and countries -------------------------------


def citation(source: Source, style: StyleOf, indent: str = "") -> Content:
    """Outlet, headline, date, and the URL (and any archived copy) on lines of their own,
    each address a hyperlink in terminals that have them.

    The words are cite's (`cite.source_parts`); only the styling and the line
    breaks are the pane's. A label of ours is shown plainly, in italics, next
    to the note that the page's headline is not recorded.
    """
    parts = cite.source_parts(source)
    if parts.headline is not None:
        title = Content.assemble("“", inert_line(parts.headline), "”")
    elif parts.label is not None:
        title = Content.assemble(
            inert_line(parts.label, style(EM)), Content.styled(f" {cite.NO_HEADLINE}", style(MUTED))
        )
    else:
        title = Content.styled(cite.NO_HEADLINE, style(MUTED))
    date = (
        Content(parts.published) if source.published else Content.styled(parts.published, style(EM))
    )
    if parts.published_note:
        date = Content.assemble(date, " (", inert_line(parts.published_note), ")")
    pieces: list[Content | str] = [
        inert_line(parts.outlet, style(STRONG)), ", ", title, ", ", date,
        "\n", indent, inert_link(parts.url, style(MUTED)),
    ]  # fmt: skip
    if parts.accessed is not None:
        pieces.append(Content.styled(f", {parts.accessed}", style(MUTED)))
    if parts.archived is not None:
        when, where = parts.archived
        pieces += ["\n", indent, Content.styled(f"{when} at ", style(MUTED))]
        pieces.append(inert_link(where, style(MUTED)))
    return Content.assemble(*pieces)


def notes_content(dataset: Dataset, notes: Iterable[Note], style: StyleOf) -> Content:
    """Caveats, each led by its kind as a word: CONFLICT, UNCONFIRMED, CORRECTION."""
    blocks = []
    for note in notes:
        outlets = "; ".join(
            dataset.source_by_id[s].outlet for s in note.sources if s in dataset.source_by_id
        )
        parts: list[Part] = [(f" {note.kind.name} ", style(NOTE_KIND)), " ", inert(note.text)]
        if outlets:
            parts += [" ", inert_line(f"({outlets})", style(MUTED))]
        blocks.append(Content.assemble(*parts))
    return Content("\n").join(blocks)


def quote_content(
    dataset: Dataset, quote: Quote, style: StyleOf, *, highlighted: bool, marked: bool
) -> Content:
    """One quote: the words, who said them and when, and where it was printed."""
    source = dataset.source_by_id.get(quote.source)
    said = Content.assemble(("said ", style(MUTED)), quote.said.display())
    if quote.said_note:
        said = Content.assemble(said, " (", inert_line(quote.said_note), ")")
    flags = []
    if quote.kind is SpeechKind.REPORTED:
        flags.append("reported")
    if quote.translated:
        flags.append("translated by the outlet")
    if marked:
        flags.append("● marked")
    if highlighted:
        flags.append("▶ selected")
    parts: list[Part] = [
        Content.assemble("“", inert(quote.text), "”"),
        "\n",
        Content.assemble(
            "— ",
            inert_line(quote.speaker, style(STRONG)),
            ", ",
            inert_line(quote.role),
            " · ",
            said,
        ),
    ]
    if flags:
        parts += [("  [" + ", ".join(flags) + "]", style(MUTED))]
    if source is not None:
        parts += ["\n", citation(source, style)]
    reported = reporting_content(dataset, quote, style)
    if reported is not None:
        parts += ["\n", reported]
    if quote.notes:
        parts += ["\n", notes_content(dataset, quote.notes, style)]
    return Content.assemble(*parts)


def reporting_content(dataset: Dataset, quote: Quote, style: StyleOf) -> Content | None:
    """Where the words were first reported and repeated, when the dataset says so.

    The words are core's (`reporting`), as in plain mode and the exports;
    the pane only styles them: labels muted, outlets plain.
    """
    found = reporting.reporting(dataset, quote)
    if found is None:
        return None
    parts: list[Part] = [(reporting.FIRST_LABEL, style(MUTED))]
    if found.first is not None:
        parts.append(inert_line(reporting.first_words(found.first, escape=str)))
    else:
        parts.append((reporting.NOT_RECORDED, style(EM)))
    if found.repeats:
        parts += [(reporting.SEPARATOR + found.repeated_label(), style(MUTED))]
        parts.append(inert_line("; ".join(s.outlet for s in found.repeats)))
    if found.note:
        parts.append(inert_line(f" ({found.note})", style(MUTED)))
    return Content.assemble(*parts)


def _source_blocks(dataset: Dataset, sources: list[Source]) -> list[Block]:
    if not sources:
        return []

    def entry(source: Source) -> Block:
        def build(style: StyleOf) -> Content:
            content = Content.assemble("• ", citation(source, style, indent="  "))
            # A source's own caveats (an unknown date, a lost original)
            # belong beside its citation.
            if source.notes:
                content = Content.assemble(
                    content, "\n", notes_content(dataset, source.notes, style)
                )
            return content

        return Block(build, size=len(source.title) + len(source.url) + 40, gap=False)

    heading = _text(lambda style: Content.styled(f"Sources ({len(sources)})", style(SECTION)))
    return [Block(heading.build, gap=False)] + [entry(s) for s in sources]


# --- what the pane shows -------------------------------------------------------


def nothing_blocks() -> list[Block]:
    return [_text(lambda style: Content.styled("No event selected.", style(MUTED)))]


def event_blocks(
    dataset: Dataset, event: Event, *, highlighted: str | None, marked: frozenset[str]
) -> list[Block]:
    """Title, date and country, tags, summary, notes, quotes, sources."""
    country = dataset.country_by_code.get(event.country)

    def meta(style: StyleOf) -> Content:
        parts: list[Part] = [
            ("● marked · " if event.id in marked else "", style(MARKED)),
            (event.date.display(), style(STRONG)),
            " · ",
            inert_line(country.name if country else event.country),
            (f" ({event.country})", style(MUTED)),
        ]
        if event.date_note:
            parts += ["\n", ("date: ", style(MUTED)), inert_line(event.date_note, style(MUTED))]
        if event.tags:
            parts += ["\n", inert_line("  ".join(f"#{t}" for t in event.tags), style(MUTED))]
        # The id, to cite or to reopen with `bbtui --event ID` (select it to copy).
        parts += ["\n", ("id: ", style(MUTED)), inert_line(event.id, style(MUTED))]
        return Content.assemble(*parts)

    blocks = [
        _text(lambda style: inert(event.title, style(HEADING)), len(event.title), gap=False),
        _text(meta, len(event.date_note or "") + 60, key=event.id in marked),
        _text(lambda style: inert(event.summary), len(event.summary)),
    ]
    if event.notes:
        notes = event.notes
        size = sum(len(n.text) + 40 for n in notes)
        blocks.append(_text(lambda style: notes_content(dataset, notes, style), size))
    quotes = dataset.quotes_for(event.id)
    if quotes:
        blocks.append(
            _text(
                lambda style: Content.styled(f"Quotes ({len(quotes)})", style(SECTION)), gap=False
            )
        )
        blocks += [_quote_block(dataset, q, highlighted, marked) for q in quotes]
    return blocks + _source_blocks(dataset, list(dataset.sources_for(event.sources)))


def _quote_block(
    dataset: Dataset, quote: Quote, highlighted: str | None, marked: frozenset[str]
) -> Block:
    is_highlighted = quote.id == highlighted
    is_marked = quote.id in marked

    def build(style: StyleOf) -> Content:
        return quote_content(dataset, quote, style, highlighted=is_highlighted, marked=is_marked)

    return Block(
        build,
        size=len(quote.text) + len(quote.role) + 160 + (120 if quote.reporting_known else 0),
        quote=quote,
        highlighted=is_highlighted,
        marked=is_marked,
        key=(is_highlighted, is_marked),
    )


def country_blocks(dataset: Dataset, country: Country) -> list[Block]:
    """A country's precedent: demand, response, outcome, notes, sources."""
    count = len(dataset.events_by_country.get(country.code, ()))

    def heading(style: StyleOf) -> Content:
        return Content.assemble(
            inert_line(country.name), (f" ({country.code})", style(MUTED))
        ).stylize_before(style(HEADING))

    def meta(style: StyleOf) -> Content:
        return Content.assemble(
            (country.years, style(STRONG)),
            " · ",
            (f"{SYMBOLS[country.outcome]} {country.outcome.label}", style(outcome_class)),
            (f" — {country.outcome.description}", style(MUTED)),
        )

    def body(style: StyleOf) -> Content:
        return Content.assemble(
            ("Demand", style(LABEL)),
            "\n",
            inert(country.demand),
            "\n\n",
            ("Response", style(LABEL)),
            "\n",
            inert(country.response),
            "\n\n",
            ("Outcome", style(LABEL)),
            "\n",
            inert(country.outcome_summary),
            "\n\n",
            (f"{count} event{'s' if count != 1 else ''} in the timeline", style(MUTED)),
            (" · enter in Precedents filters to them" if count else "", style(MUTED)),
        )

    outcome_class = STYLE_CLASS[country.outcome]
    size = len(country.demand) + len(country.response) + len(country.outcome_summary) + 200
    blocks = [_text(heading, gap=False), _text(meta, 80), _text(body, size)]
    if country.notes:
        notes = country.notes
        size = sum(len(n.text) + 40 for n in notes)
        blocks.append(_text(lambda style: notes_content(dataset, notes, style), size))
    return blocks + _source_blocks(dataset, list(dataset.sources_for(country.sources)))
