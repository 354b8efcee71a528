"""The search screen: type, see matching quotes at once, pick one.

Results follow every keystroke (the index does the work; see `bbtui.core.search`).
On a store the keystroke reads only the first page of hits; their count (and
the rest of the list, or the advice when nothing matched) follows from a
worker, started once the keystroke's frame is drawn, which the next keystroke
stops: typing never waits for a count, and a count is shown only for its own
query. A keystroke's frame is drawn as soon as it is ready, not at Textual's
next 1/60 s slot (`compat.draw_at_once`).
Focus stays in the input: ↑/↓ move through the results, Enter picks, Esc
leaves. The screen only reports what was chosen (`SearchOutcome`); jumping
to the event and restoring the view are the app's job.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Input, Static

from bbtui.core.model import Dataset
from bbtui.core.search import Hit, HitKind, QuoteIndex, SearchResults
from bbtui.core.store.search import SearchInterrupted, StoreIndex
from bbtui.core.textsafe import visible_line
from bbtui.ui.compat import draw_at_once
from bbtui.ui.text import inert_line
from bbtui.ui.widgets.footer import KeyFooter
from bbtui.ui.widgets.line_list import LineList

# Hits handed to the list (and to the app for n/N). The count still shows
# every match; past this many a reader narrows the query rather than scrolls.
SHOWN = 500
# Hits a keystroke reads on a store before drawing, at least: what an 80x24
# list shows (8) and a page down more; a taller list reads as many hits as it
# has rows (twice what it shows). The rest of the SHOWN come with the count.
FIRST_PAGE = 20
CURSOR_MATCH = Style(bold=True, underline=True)
# Characters kept before the first match, so a match deep in a long quote
# is still on screen.
LEAD = 12
# Cells of a hit's text made into a row beyond what the row shows (see `snippet`).
SPARE = 16


@dataclass(frozen=True)
class SearchOutcome:
    """What the reader chose: the query, the hits shown, and which one."""

    query: str
    hits: Sequence[Hit]  # read as they are asked for (on a store, a page at a time)
    selected: int
    include_events: bool = False

    @property
    def hit(self) -> Hit:
        return self.hits[self.selected]


def snippet(hit: Hit, match_style: object, width: int) -> Content:
    """One line of the hit's text with matches styled; when the first match
    would fall beyond `width`, the line starts just before it instead.

    Each piece of dataset text goes through `inert_line`: never parsed as markup.
    """
    spans = hit.spans
    start = 0
    if spans and spans[0][1] > width - 2 and spans[0][0] > LEAD:
        start = hit.text.rfind(" ", 0, spans[0][0] - LEAD) + 1 or spans[0][0] - LEAD
    # The row is cut to `width` cells: a long quote is made into content only
    # as far as that, with room to spare. Past `width + SPARE` cells the rest
    # cannot change what is shown (a character is at most one grapheme, and
    # the spare cells hold several); fewer (zero-width marks), and the whole.
    stop = start + 2 * width + SPARE
    if stop < len(hit.text):
        line = _snippet(hit, match_style, start, stop)
        if line.cell_length >= width + SPARE:
            return line
    return _snippet(hit, match_style, start, len(hit.text))


def _snippet(hit: Hit, match_style: object, start: int, stop: int) -> Content:
    text = hit.text
    parts: list[Content | tuple[str, object] | str] = ["…"] if start else []
    at = start
    for span_start, span_end in hit.spans:
        if span_end <= start:
            continue
        if span_start >= stop:
            break
        a, b = max(span_start, start), min(span_end, stop)
        parts.append(inert_line(text[at:a]))
        parts.append(inert_line(text[a:b], match_style))  # type: ignore[arg-type]
        at = b
    parts.append(inert_line(text[at:stop]))
    return Content.assemble(*parts)  # type: ignore[arg-type]


class ResultList(LineList, can_focus=False):
    """The hits, two rows each: the text with matches marked, then who, when, which event."""

    COMPONENT_CLASSES: ClassVar[set[str]] = LineList.COMPONENT_CLASSES | {
        "search--match",
        "search--meta",
    }

    def __init__(self, dataset: Dataset, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dataset = dataset
        self.hits: Sequence[Hit] = ()
        self.empty_text = "Type to search quotes."
        # Who, when and which event, per hit: typing on narrows the same quotes,
        # and on a store each event is a look-up by id.
        self._abouts: LRUCache[tuple[HitKind, str], str] = LRUCache(1024)

    def show(self, hits: Sequence[Hit], empty_text: str) -> None:
        # Rows drawn for the last hits are kept: a row is known by what it
        # shows (`row_key`), and the next keystroke mostly finds the same quotes.
        self.hits = hits
        self.empty_text = empty_text
        self._hits_changed()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.move_to(0)

    def extend(self, hits: Sequence[Hit]) -> None:
        """The same hits first and more after: the cursor and scroll stay where they are."""
        self.hits = hits
        self._hits_changed()

    def _hits_changed(self) -> None:
        self.virtual_size = self.virtual_size.with_height(self.row_count)
        self.refresh()

    @property
    def item_count(self) -> int:
        return len(self.hits)

    @property
    def row_count(self) -> int:
        return 2 * len(self.hits)

    def row_of(self, item: int) -> int:
        return 2 * item

    def item_at(self, row: int) -> int | None:
        return row // 2 if 0 <= row < self.row_count else None

    def row_key(self, row: int) -> object:
        # All a row's look depends on besides its number, width and the cursor:
        # the text row shows the hit's text and its matches, the other its source.
        hit = self.hits[row // 2]
        return (hit.kind, hit.id, hit.spans) if row % 2 == 0 else (hit.kind, hit.id)

    def render_row(self, row: int, width: int, is_cursor: bool) -> Strip:
        hit = self.hits[row // 2]
        base = self.list_style("list--cursor") if is_cursor else self.list_style()
        if row % 2 == 0:
            # On the cursor row the cursor colours win (for contrast in every
            # theme): matches keep only their bold underline there.
            mark = CURSOR_MATCH if is_cursor else self.part_style("search--match")
            label = {HitKind.EVENT_TITLE: "[title] ", HitKind.EVENT_SUMMARY: "[summary] "}.get(
                hit.kind, ""
            )
            content = Content.assemble(
                "▸ " if is_cursor else "  ", label, snippet(hit, mark, width - 2 - len(label))
            )
        else:
            meta = "" if is_cursor else self.part_style("search--meta")
            content = Content.assemble("    ", inert_line(self._about(hit), meta))
        return Strip(content.truncate(width, ellipsis=True, pad=True).render_segments(base), width)

    def _about(self, hit: Hit) -> str:
        key = (hit.kind, hit.id)
        about = self._abouts.get(key)
        if about is None:
            about = self._abouts[key] = self._describe(hit)
        return about

    def _describe(self, hit: Hit) -> str:
        event = self.dataset.event_by_id[hit.event_id]
        if hit.kind is HitKind.QUOTE:
            quote = hit.quote or self.dataset.quote_by_id[hit.id]
            return f"{quote.speaker} · {quote.said.display()} · {event.title}"
        return f"{event.date.display()} · {event.title}"

    def action_choose(self) -> None:
        screen = self.screen
        if isinstance(screen, QuoteSearchScreen):
            screen.action_choose()


class QueryInput(Input):
    """The query field: it hands each change of its text to `changed` itself.

    An `Input.Changed` bubbling up to the screen arrived after the field had
    sent the screen its repaint, so an idle frame timer drew the echo of a key
    in a frame of its own and the results a frame later. Handled here, while
    the change is the field's current message, the search runs before the
    repaint is sent: one frame for the key.
    """

    def __init__(self, changed: Callable[[], object], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._changed = changed

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._changed()


class Counted(Message):
    """A count worker's answer for the search numbered `generation`."""

    def __init__(self, generation: int, results: SearchResults) -> None:
        super().__init__()
        self.generation = generation
        self.results = results


class QuoteSearchScreen(ModalScreen[SearchOutcome | None]):
    """Quote search over the panes. Dismisses with a `SearchOutcome`, or None on Esc."""

    # Parsed when this first opens, not at start-up (see bbtui.tcss).
    DEFAULT_CSS = """
    QuoteSearchScreen {
        align: center top;
        & > #search-box {
            width: 100%;
            max-width: 120;
            height: 1fr;
            margin: 1 2 0 2;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
        & #search-input { margin: 0; }
        & #search-count { color: $text-muted; height: auto; padding: 0 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search.close"),
        Binding("enter", "choose", "Go to", show=True, id="search.choose"),
        Binding("down", "move(1)", "Next", show=False, id="search.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="search.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="search.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="search.page-up"),
        Binding("ctrl+t", "toggle_events", "Events too", id="search.toggle-events"),
    ]

    def __init__(
        self,
        dataset: Dataset,
        index: QuoteIndex | StoreIndex | None,
        query: str = "",
        *,
        include_events: bool = False,
    ) -> None:
        """`index` None: the explorer is still building it; it arrives through
        `index_ready`, and until then the screen says so (and stays usable)."""
        super().__init__()
        self.dataset = dataset
        self.index = index
        self.initial_query = query
        self.include_events = include_events
        self.results: SearchResults | None = None
        self._generation = 0  # one per search: a count for an older one is dropped

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield QueryInput(
                self._query_changed,
                value=self.initial_query,
                placeholder='words, "a phrase", speaker: role: country: year: source:',
                id="search-input",
                select_on_focus=False,
            )
            yield Static(id="search-count")
            yield ResultList(self.dataset, id="search-results")
        yield KeyFooter()

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def result_list(self) -> ResultList:
        return self.query_one("#search-results", ResultList)

    def on_mount(self) -> None:
        self.input.focus()
        if self.index is None:
            self._count("Indexing quotes…")
        else:
            self._prepare()
            self.refresh_results()

    def index_ready(self, index: QuoteIndex | StoreIndex | None, error: str | None = None) -> None:
        """The explorer's index build ended (None: it failed, and `error` says why)."""
        if self.index is not None:
            return
        if index is None:
            self._count(f"Search is unavailable: {error or 'building the index failed'}")
            return
        self.index = index
        self._prepare()
        self.refresh_results()

    def _prepare(self) -> None:
        if isinstance(self.index, StoreIndex):
            # What the first typo or filter would read, read ahead while the reader types.
            self.run_worker(self.index.prepare, thread=True, group="search-prepare")

    def _index_events(self) -> None:
        index = self.index
        assert index is not None
        index.index_events()
        self.app.call_from_thread(self.refresh_results)

    def _query_changed(self) -> None:
        self._draw_at_once(self._search())

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    # --- searching -------------------------------------------------------------

    def refresh_results(self) -> None:
        count = self._search()
        if count is not None:
            count()

    def _draw_at_once(self, then: Callable[[], object] | None) -> None:
        """The search's frame drawn as soon as it is ready; `then` (the count) after it."""
        count_line = self.query_one("#search-count", Static)
        draw_at_once(self, (self.input, count_line, self.result_list), then)

    def _search(self) -> Callable[[], None] | None:
        """Show the query's first results; returns what starts their count, if one is to come.

        The count is started only once the results are drawn: its worker would
        otherwise share the interpreter with the drawing (one thread at a time).
        """
        self._generation += 1
        if isinstance(self.index, StoreIndex):
            self.index.stop_counting()  # an older query's count: nobody will see it
        if self.index is None:
            return None
        if self.include_events and not self.index.has_events:
            # Indexing events takes seconds on a large dataset: not on the UI thread.
            self._count("Indexing event titles and summaries…")
            self.run_worker(self._index_events, thread=True, exclusive=True, group="search-index")
            return None
        query = self.input.value
        if isinstance(self.index, StoreIndex):
            results = self.index.search(
                query,
                include_events=self.include_events,
                limit=SHOWN,
                first=max(FIRST_PAGE, self.result_list.size.height),
            )
        else:
            results = self.index.search(query, include_events=self.include_events, limit=SHOWN)
        self.results = results
        scope = self._scope()
        if not query.strip():
            self._count(
                f"Searching {scope}. ctrl+t: {'quotes only' if self.include_events else 'events too'}."
            )
            self.result_list.show((), f"Type to search {scope}.")
            return None
        if results.total == 0 and results.suggestion is None and not results.counting:
            # Nothing searchable yet, e.g. `speaker:` with its value still to come.
            self._count(f"Searching {scope}.")
            self.result_list.show((), 'Keep typing: a word, a "phrase" or a filter value.')
            return None
        if results.total == 0:
            # On a store the advice (which loosening would match) comes with the count.
            self._count(f"No matches in {scope}.")
            self.result_list.show((), results.suggestion or "No matches.")
        else:
            self._count(self._matches(results))
            self.result_list.show(results.hits, "")
        if not results.counting:
            return None
        return partial(
            self._count_if_current, self._generation, query, self.include_events, results.hits
        )

    def _count_if_current(
        self, generation: int, query: str, include_events: bool, shown: Sequence[Hit]
    ) -> None:
        if generation == self._generation:  # not typed over while it was being drawn
            self._count_later(generation, query, include_events, shown)

    def _scope(self) -> str:
        return "quotes, event titles and summaries" if self.include_events else "quotes"

    def _matches(self, results: SearchResults) -> str:
        """The count line for results with hits: "1,331 matches (first 500 listed) in quotes"."""
        if results.counting:
            return f"{results.total:,}+ matches in {self._scope()}, counting…"
        noun = "match" if results.total == 1 else "matches"
        # A store counts only so far past what is listed: "1,001+ matches".
        more = "+" if results.at_least else ""
        shown = f"{results.total:,}{more} {noun}"
        if len(results.hits) < results.total:
            shown += f" (first {len(results.hits):,} listed)"
        return f"{shown} in {self._scope()}"

    @work(thread=True, exclusive=True, group="search-count", exit_on_error=False)
    def _count_later(
        self, generation: int, query: str, include_events: bool, shown: Sequence[Hit]
    ) -> None:
        index = self.index
        assert isinstance(index, StoreIndex)
        try:
            results = index.counted(query, include_events=include_events, limit=SHOWN, shown=shown)
        except SearchInterrupted:
            return  # a newer query stopped it
        self.post_message(Counted(generation, results))

    def on_counted(self, message: Counted) -> None:
        if message.generation != self._generation:
            return  # typed over: the count of an older query
        results = self.results = message.results
        if results.total == 0:
            self.result_list.empty_text = results.suggestion or "No matches."
            self.result_list.refresh()
        else:
            self._count(self._matches(results))
            self.result_list.extend(results.hits)
        self._draw_at_once(None)

    def _count(self, text: str) -> None:
        self.query_one("#search-count", Static).update(Content(visible_line(text)))

    # --- actions ----------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.result_list.cursor += step

    def action_page(self, step: int) -> None:
        if step > 0:
            self.result_list.action_page_down()
        else:
            self.result_list.action_page_up()

    def action_toggle_events(self) -> None:
        self.include_events = not self.include_events
        self._draw_at_once(self._search())

    def action_choose(self) -> None:
        results_list = self.result_list
        if not results_list.hits:
            return
        self.dismiss(
            SearchOutcome(
                self.input.value, results_list.hits, results_list.cursor, self.include_events
            )
        )

    def action_close(self) -> None:
        self.dismiss(None)
