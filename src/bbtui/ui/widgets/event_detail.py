"""The detail pane: one event (with its quotes and sources) or one country in full.

The pane keeps a fixed set of `Static` children and a pool of quote blocks
that it fills and shows or hides, rather than mounting new widgets on every
cursor move: moving through the timeline stays within a frame.
"""

from __future__ import annotations

from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.strip import Strip
from textual.widgets import Static

from bbtui.core.model import Country, Dataset, Event, Note, Quote, Source, SpeechKind
from bbtui.ui.compat import NoRelayoutOnSizeChange
from bbtui.ui.outcomes import STYLE_CLASS, SYMBOLS
from bbtui.ui.text import inert, inert_line

# Theme variables, resolved by Textual when the content is drawn, so every
# theme (and NO_COLOR) applies.
MUTED = "$text-muted"
LABEL = "bold $text-accent"
NOTE_KIND = "bold reverse $text-warning"
HEADING = "bold $text-primary"
SECTION = "bold $text-accent"
OUTCOME_COLOURS = {
    "outcome--none": "bold $text-success",
    "outcome--some": "bold $text-warning",
    "outcome--full": "bold $text-error",
    "outcome--unknown": "bold $text-muted",
}


def published(source: Source) -> Content:
    """The date a source was published, or a plain statement that it shows none."""
    if source.published is not None:
        text = Content(source.published.display())
    else:
        text = Content.styled("date not shown", "italic")
    if source.published_note:
        text = Content.assemble(text, " (", inert_line(source.published_note), ")")
    return text


def title(source: Source) -> Content:
    """A printed headline in quotation marks; a label of ours plainly, saying it is not one."""
    if source.headline is not None:
        return Content.assemble("“", inert_line(source.headline), "”")
    return Content.assemble(
        inert_line(source.title, "italic"), Content.styled(" (headline not recorded)", MUTED)
    )


def citation(source: Source, indent: str = "") -> Content:
    """Outlet, title, date, and the URL (and any archived copy) on lines of their own."""
    parts: list[Content | str] = [
        inert_line(source.outlet, "bold"),
        ", ",
        title(source),
        ", ",
        published(source),
        "\n",
        indent,
        inert_line(source.url, MUTED),
    ]
    if source.accessed is not None:
        parts.append(Content.styled(f" (accessed {source.accessed.display()})", MUTED))
    if source.archive_url is not None and source.archive_date is not None:
        parts += [
            "\n",
            indent,
            Content.styled(f"archived {source.archive_date.display()}: ", MUTED),
            inert_line(source.archive_url, MUTED),
        ]
    return Content.assemble(*parts)


def notes_content(dataset: Dataset, notes: Iterable[Note]) -> Content:
    """Caveats, each led by its kind as a word: CONFLICT, UNCONFIRMED, CORRECTION."""
    blocks = []
    for note in notes:
        outlets = "; ".join(
            dataset.source_by_id[s].outlet for s in note.sources if s in dataset.source_by_id
        )
        parts = [(f" {note.kind.name} ", NOTE_KIND), " ", inert(note.text)]
        if outlets:
            parts += [" ", inert_line(f"({outlets})", MUTED)]
        blocks.append(Content.assemble(*parts))
    return Content("\n").join(blocks)


class DetailText(NoRelayoutOnSizeChange, Static):
    """Text in the detail pane."""


class QuotesColumn(NoRelayoutOnSizeChange, Vertical):
    """The quote blocks, one under another."""


class Stack(Visual):
    """Parts one under another, some followed by a blank line: one widget's content.

    Each part used to be a widget of its own with a bottom margin; drawing them
    as one keeps the number of widgets (and the layout work of a cursor move)
    small, and the blank lines come out exactly as the margins did.
    """

    def __init__(self, parts: list[tuple[Content, bool]]) -> None:
        self.parts = parts  # (content, blank line after it, unless last)

    def __str__(self) -> str:
        return "\n".join(part.plain for part, _ in self.parts)

    def _gaps(self) -> int:
        return sum(1 for _, spaced in self.parts[:-1] if spaced)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((p.get_optimal_width(rules, container_width) for p, _ in self.parts), default=0)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return max((p.get_minimal_width(rules) for p, _ in self.parts), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(p.get_height(rules, width) for p, _ in self.parts) + self._gaps()

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips: list[Strip] = []
        last = len(self.parts) - 1
        for n, (part, spaced) in enumerate(self.parts):
            strips += part.render_strips(width, None, style, options)
            if spaced and n < last:
                strips.append(Strip([], 0))
        return strips if height is None else strips[:height]


class QuoteBlock(NoRelayoutOnSizeChange, Static):
    """One quote: the words, who said them and when, and where it was printed."""

    def show(self, dataset: Dataset, quote: Quote, *, highlighted: bool, marked: bool) -> None:
        self.quote_id = quote.id
        self.set_class(highlighted, "-highlighted")
        self.set_class(marked, "-marked")
        source = dataset.source_by_id.get(quote.source)
        said = Content.assemble(("said ", MUTED), quote.said.display())
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
        parts: list = [
            Content.assemble("“", inert(quote.text), "”"),
            "\n",
            Content.assemble(
                "— ",
                inert_line(quote.speaker, "bold"),
                ", ",
                inert_line(quote.role),
                " · ",
                said,
            ),
        ]
        if flags:
            parts += [("  [" + ", ".join(flags) + "]", MUTED)]
        if source is not None:
            parts += ["\n", citation(source)]
        if quote.notes:
            parts += ["\n", notes_content(dataset, quote.notes)]
        self.update(Content.assemble(*parts))


class EventDetail(NoRelayoutOnSizeChange, VerticalScroll):
    BINDINGS = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="detail.scroll-down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="detail.scroll-up"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="detail.page-down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="detail.page-up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="detail.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="detail.bottom"),
    ]

    def __init__(self, dataset: Dataset, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dataset = dataset
        self.shown: Event | Country | None = None
        self.highlighted_quote: str | None = None
        self.marked: frozenset[str] = frozenset()

    def compose(self) -> ComposeResult:
        # Few widgets on purpose: every widget whose content changes costs a
        # layout and a render on each cursor move, so the text above the quotes
        # is one Static and the sources another.
        yield DetailText(id="detail-top")
        yield QuotesColumn(id="detail-quotes")
        yield DetailText(id="detail-bottom")

    # --- what is shown -----------------------------------------------------------

    @property
    def quotes(self) -> tuple[Quote, ...]:
        if isinstance(self.shown, Event):
            return self.dataset.quotes_for(self.shown.id)
        return ()

    @property
    def text(self) -> str:
        """Everything the pane shows, as plain text (for tests and copying)."""
        parts = []
        for widget in self.query(Static):
            if widget.display:
                parts.append(str(widget.content))
        return "\n".join(p for p in parts if p)

    def show_event(self, event: Event | None, highlight_quote_id: str | None = None) -> None:
        """Show an event; optionally pick one of its quotes (search jumps, copying)."""
        self.shown = event
        self.highlighted_quote = highlight_quote_id
        self.border_title = "Event"
        if event is None:
            self._fill(Content.styled("No event selected.", MUTED), None, None, None, (), ())
            return
        dataset = self.dataset
        country = dataset.country_by_code.get(event.country)
        meta = [
            ("● marked · " if event.id in self.marked else "", "bold $text-warning"),
            (event.date.display(), "bold"),
            " · ",
            inert_line(country.name if country else event.country),
            (f" ({event.country})", MUTED),
        ]
        if event.date_note:
            meta += ["\n", ("date: ", MUTED), inert_line(event.date_note, MUTED)]
        if event.tags:
            meta += ["\n", inert_line("  ".join(f"#{t}" for t in event.tags), MUTED)]
        self._fill(
            inert(event.title),
            Content.assemble(*meta),
            inert(event.summary),
            notes_content(dataset, event.notes) if event.notes else None,
            self.quotes,
            tuple(dataset.sources_for(event.sources)),
        )
        if highlight_quote_id is not None:
            self.call_after_refresh(self._scroll_to_highlight)

    def show_country(self, country: Country) -> None:
        """Show a country's precedent in full."""
        self.shown = country
        self.highlighted_quote = None
        self.border_title = "Country precedent"
        outcome_style = OUTCOME_COLOURS[STYLE_CLASS[country.outcome]]
        count = len(self.dataset.events_by_country.get(country.code, ()))
        meta = Content.assemble(
            (country.years, "bold"),
            " · ",
            (f"{SYMBOLS[country.outcome]} {country.outcome.label}", outcome_style),
            (f" — {country.outcome.description}", MUTED),
        )
        body = Content.assemble(
            ("Demand", LABEL),
            "\n",
            inert(country.demand),
            "\n\n",
            ("Response", LABEL),
            "\n",
            inert(country.response),
            "\n\n",
            ("Outcome", LABEL),
            "\n",
            inert(country.outcome_summary),
            "\n\n",
            (f"{count} event{'s' if count != 1 else ''} in the timeline", MUTED),
            (" · enter in Precedents filters to them" if count else "", MUTED),
        )
        self._fill(
            Content.assemble(inert_line(country.name), (f" ({country.code})", MUTED)),
            meta,
            body,
            notes_content(self.dataset, country.notes) if country.notes else None,
            (),
            tuple(self.dataset.sources_for(country.sources)),
        )

    def _fill(
        self,
        heading: Content,
        meta: Content | None,
        body: Content | None,
        notes: Content | None,
        quotes: tuple[Quote, ...],
        sources: tuple[Source, ...],
    ) -> None:
        # (content, blank line after it?): the blank lines were margins when
        # each part was a widget of its own.
        top: list[tuple[Content, bool]] = [(heading.stylize_before(HEADING), False)]
        top += [(part, True) for part in (meta, body, notes) if part is not None]
        if quotes:
            top.append((Content.styled(f"Quotes ({len(quotes)})", SECTION), False))
        self._set("#detail-top", Stack(top))
        self.query_one("#detail-top").set_class(top[-1][1], "-spaced")
        self._show_quotes(quotes)
        self._set(
            "#detail-bottom",
            Content.assemble(
                Content.styled(f"Sources ({len(sources)})", SECTION),
                "\n",
                Content("\n").join(
                    Content.assemble(
                        "• ",
                        citation(source, indent="  "),
                        # A source's own caveats (an unknown date, a lost
                        # original) belong beside its citation.
                        *(
                            ("\n", notes_content(self.dataset, source.notes))
                            if source.notes
                            else ()
                        ),
                    )
                    for source in sources
                ),
            )
            if sources
            else None,
        )
        self.scroll_home(animate=False, immediate=True)

    def _set(self, selector: str, content: Visual | None) -> None:
        widget = self.query_one(selector, Static)
        widget.display = content is not None
        widget.update(content if content is not None else Content())

    def _show_quotes(self, quotes: tuple[Quote, ...]) -> None:
        container = self.query_one("#detail-quotes", Vertical)
        blocks = list(container.query_children(QuoteBlock))
        if len(blocks) < len(quotes):
            new = [QuoteBlock(classes="quote") for _ in range(len(quotes) - len(blocks))]
            container.mount_all(new)
            blocks += new
        for block, quote in zip(blocks, quotes):
            block.show(
                self.dataset,
                quote,
                highlighted=quote.id == self.highlighted_quote,
                marked=quote.id in self.marked,
            )
            block.display = True
        for block in blocks[len(quotes) :]:
            block.display = False
        container.display = bool(quotes)

    # --- picking a quote -----------------------------------------------------

    def highlight_quote(self, quote_id: str | None) -> None:
        self.highlighted_quote = quote_id
        self._show_quotes(self.quotes)
        if quote_id is not None:
            self.call_after_refresh(self._scroll_to_highlight)

    def step_quote(self, step: int) -> None:
        """Pick the next (+1) or previous (-1) quote; past either end, none."""
        ids = [q.id for q in self.quotes]
        if not ids:
            return
        if self.highlighted_quote in ids:
            index = ids.index(self.highlighted_quote) + step
            self.highlight_quote(ids[index] if 0 <= index < len(ids) else None)
        else:
            self.highlight_quote(ids[0] if step > 0 else ids[-1])

    def set_marked(self, marked: frozenset[str]) -> None:
        self.marked = marked
        if isinstance(self.shown, Event):
            self.show_event(self.shown, self.highlighted_quote)

    def _scroll_to_highlight(self) -> None:
        for block in self.query(QuoteBlock):
            if block.display and getattr(block, "quote_id", None) == self.highlighted_quote:
                self.scroll_to_widget(block, animate=False, top=False)
                return
