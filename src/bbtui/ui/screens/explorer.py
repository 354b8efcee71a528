"""The main screen: timeline, detail and precedents, and the routing between them.

The panes only announce what their cursor points at; this screen decides what
the others show. One list "drives" the detail pane at a time: the timeline,
or the precedent panel while it has focus.

Under 60 columns the screen shows one pane at a time (the active one) rather
than crushing three; Tab and Shift+Tab cycle panes at every width.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import events, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget

from bbtui.core.model import Dataset, Event
from bbtui.core.session import Item, Session
from bbtui.core.textsafe import visible_line
from bbtui.ui.messages import (
    CountryChosen,
    CountryHighlighted,
    EventChosen,
    IndexConsumer,
    IndexReady,
)
from bbtui.ui.screens.explorer_keys import EXPLORER_BINDINGS
from bbtui.ui.widgets.event_detail import EventDetail
from bbtui.ui.widgets.footer import KeyFooter
from bbtui.ui.widgets.precedents import PrecedentPanel
from bbtui.ui.widgets.timeline import Timeline

# Seconds after the frame that shows a cursor move before the panes read
# ahead for the next key: time for the frame to go out first (Textual writes it
# from a thread of its own, which needs the interpreter while reading ahead
# holds it), and once for a burst of keys held down.
READ_AHEAD_DELAY = 0.05

if TYPE_CHECKING:
    from bbtui.core.search import QuoteIndex
    from bbtui.core.store.search import StoreIndex
    from bbtui.ui.screens.export import ExportRequest
    from bbtui.ui.screens.search import SearchOutcome


class ExplorerScreen(Screen[None]):
    AUTO_FOCUS = "#timeline"

    BINDINGS: ClassVar[list[BindingType]] = EXPLORER_BINDINGS

    def __init__(self, dataset: Dataset, *, start_event: str | None = None) -> None:
        """`start_event`: the id of the event the timeline opens on (None: the first)."""
        # Initial classes, not added on mount: a class added after mount
        # restyles the whole screen a second time before the first frame.
        super().__init__(classes="-pane-timeline")
        self.dataset = dataset
        self._start_event = start_event
        self._resumed = False
        self.session = Session(dataset)
        self.index: QuoteIndex | StoreIndex | None = None  # built after the first frame
        self._driver: Literal["timeline", "precedents"] = "timeline"
        self._pending_quote: tuple[str, str | None] | None = None
        self._read_ahead_pending = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Handled before Screen's own handler. The first resume comes once the
        # panes are mounted, and mounting styled each one: restyling the whole
        # screen again was ~5% of start-up. Later resumes (a dialog closed) restyle.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    # --- the search index: one worker, one message ------------------------------

    def build_index(self) -> None:
        """Build the search index off the UI thread; the app calls this after the first frame."""
        self._build_index()

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False)
    def _build_index(self) -> None:
        from bbtui.core.store.search import open_index

        try:
            # On the store for a big dataset (nothing to build), else in memory.
            index = open_index(self.dataset)
        except Exception as exc:  # noqa: BLE001 - reported, not fatal: the panes still work
            self.post_message(IndexReady(None, f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(IndexReady(index))

    def on_index_ready(self, message: IndexReady) -> None:
        self.index = message.index
        if message.index is None:
            self.notify(
                visible_line(message.error or "unknown error"),
                title="Search is unavailable: building the index failed",
                severity="error",
                markup=False,
            )
        # A search screen opened before the index was ready is waiting for it.
        for screen in self.app.screen_stack:
            if isinstance(screen, IndexConsumer):
                screen.index_ready(message.index, message.error)

    def compose(self) -> ComposeResult:
        # Classes not added with add_class: that styles each pane before it
        # mounts, and mounting styles it again.
        with Horizontal(id="upper"):
            yield Timeline(
                self.dataset,
                id="timeline",
                classes="pane -active",
                highlight_listener=self._event_highlighted,
                start_event=self._start_event,
            )
            yield EventDetail(self.dataset, id="detail", classes="pane")
        yield PrecedentPanel(self.dataset, id="precedents", classes="pane")
        yield KeyFooter()

    # --- the panes -----------------------------------------------------------

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def detail(self) -> EventDetail:
        return self.query_one(EventDetail)

    @property
    def precedents(self) -> PrecedentPanel:
        return self.query_one(PrecedentPanel)

    @property
    def panes(self) -> tuple[Widget, Widget, Widget]:
        return (self.timeline, self.detail, self.precedents)

    @property
    def active_pane(self) -> Widget:
        for pane in self.panes:
            if pane.has_class("-active"):
                return pane
        return self.timeline

    @property
    def is_narrow(self) -> bool:
        return self.has_class("-narrow")

    def activate(self, pane: Widget) -> None:
        """Make `pane` the active (and, when narrow, the only visible) pane, and focus it."""
        for other in self.panes:
            other.set_class(other is pane, "-active")
            self.set_class(other is pane, f"-pane-{other.id}")
        if pane is self.timeline:
            self._drive_from("timeline")
        elif pane is self.precedents:
            self._drive_from("precedents")
        pane.focus()

    def action_cycle_pane(self, step: int) -> None:
        panes = self.panes
        index = panes.index(self.active_pane)
        self.activate(panes[(index + step) % len(panes)])

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A click can focus a pane without Tab: keep "active" in step.
        for pane in self.panes:
            if event.widget is pane or pane in event.widget.ancestors:
                if not pane.has_class("-active"):
                    self.activate(pane)
                return

    def _drive_from(self, driver: Literal["timeline", "precedents"]) -> None:
        self._driver = driver
        if driver == "timeline":
            event = self.timeline.event
            if self.detail.shown is not event or event is None:
                self.detail.show_event(event)
        else:
            country = self.precedents.country
            if country is not None:
                self.detail.show_country(country)

    # --- routing -------------------------------------------------------------

    def _event_highlighted(self, event: Event | None) -> None:
        # Called by the timeline in the same turn as its cursor move, so the
        # move and the detail it shows are one frame. A held arrow key shows
        # each event in turn; the pane lays out only what is on screen.
        self.precedents.set_current(event.country if event else None)
        if self._driver != "timeline":
            return
        quote_id = None
        if self._pending_quote and event is not None and self._pending_quote[0] == event.id:
            quote_id = self._pending_quote[1]
            self._pending_quote = None
        self.detail.show_event(event, highlight_quote_id=quote_id)
        self._read_ahead_soon()

    def _read_ahead_soon(self) -> None:
        # Timed from the next frame: never before the first one, at start-up.
        if not self._read_ahead_pending:
            self._read_ahead_pending = True
            self.call_after_refresh(self.set_timer, READ_AHEAD_DELAY, self._timed_read_ahead)

    def _timed_read_ahead(self) -> None:
        self._read_ahead_pending = False
        self.read_ahead()

    def read_ahead(self) -> None:
        """Get ready for the next key: it most likely shows a neighbour of this event.

        The detail pane reads and draws the events either side of the
        cursor, and the timeline and precedent panel draw the rows a step
        would show. Nothing on screen changes.
        """
        if self._driver == "timeline":
            near = self.timeline.events_near()
            self.detail.read_ahead(near)
            self.timeline.draw_ahead_of_a_step()
            self.precedents.draw_ahead_of_current(event.country for event in near)

    def on_event_chosen(self, message: EventChosen) -> None:
        self.activate(self.detail)

    def on_country_highlighted(self, message: CountryHighlighted) -> None:
        if self._driver == "precedents":
            self.detail.show_country(message.country)

    def on_country_chosen(self, message: CountryChosen) -> None:
        self.apply_filter(message.country.code)
        self.activate(self.timeline)

    # --- filtering -------------------------------------------------------------

    @property
    def filter_country(self) -> str | None:
        return self.session.country_filter

    def apply_filter(self, code: str | None) -> None:
        if self.session.set_filter(code):
            self.timeline.set_filter(code)
            self.refresh_bindings()

    def action_filter_country(self) -> None:
        if self.precedents.has_focus and self.precedents.country is not None:
            code = self.precedents.country.code
        elif self.timeline.event is not None:
            code = self.timeline.event.country
        else:
            return
        self.apply_filter(code)
        if self.active_pane is self.precedents:
            self.activate(self.timeline)

    def action_clear_filter(self) -> None:
        if self.filter_country is not None:
            self.apply_filter(None)
        elif self.is_narrow:
            self.activate(self.timeline)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pick_country", "compare"):
            return self.precedents.has_focus
        if action == "toggle_mark":
            return not self.precedents.has_focus
        if action == "clear_filter":
            return self.filter_country is not None or (
                self.is_narrow and self.active_pane is not self.timeline
            )
        return True

    # --- comparing precedents ----------------------------------------------------

    def action_pick_country(self) -> None:
        self.precedents.toggle_pick()

    def action_compare(self) -> None:
        from bbtui.ui.screens.compare import compare_picked

        compare_picked(self)

    # --- jumping (palette, search) ---------------------------------------------

    def jump_to_event(self, event_id: str, quote_id: str | None = None) -> bool:
        """Select an event (clearing a filter that hides it), optionally picking a quote."""
        event = self.dataset.event_by_id.get(event_id)
        if event is None:
            return False
        self._driver = "timeline"
        self._pending_quote = (event_id, quote_id)
        if not self.timeline.select_event(event_id):
            self.apply_filter(None)
            self.timeline.select_event(event_id)
        self.activate(self.detail if quote_id else self.timeline)
        return True

    def jump_to_country(self, code: str) -> bool:
        """Select a country in the precedent panel and show it in full."""
        if not self.precedents.select_country(code):
            return False
        self.activate(self.precedents)
        return True

    def action_step_quote(self, step: int) -> None:
        if isinstance(self.detail.shown, Event):
            self.detail.step_quote(step)

    # --- search -----------------------------------------------------------------

    def action_search(self) -> None:
        from bbtui.ui.screens.search import QuoteSearchScreen

        # Never wait for the index here (seconds at 100k events): the screen
        # opens at once, says it is indexing, and fills in on IndexReady.
        session = self.session
        screen = QuoteSearchScreen(
            self.dataset,
            self.index,
            query=session.last_query,
            include_events=session.search_events,
        )
        self.app.push_screen(screen, self._search_done)

    def _search_done(self, outcome: SearchOutcome | None) -> None:
        # None: the reader pressed Esc; the view was never changed, so it stands.
        if outcome is None:
            return
        jump = self.session.take_results(
            outcome.query, outcome.include_events, outcome.hits, outcome.selected
        )
        if jump is not None:
            self.jump_to_event(jump.event_id, jump.quote_id)

    def action_search_step(self, step: int) -> None:
        jump = self.session.step_result(step)
        if jump is None:
            self.notify("No search results: press / to search.", timeout=2, markup=False)
            return
        self.jump_to_event(jump.event_id, jump.quote_id)
        self.notify(f"Result {jump.position + 1} of {jump.total}", timeout=1.5, markup=False)

    # --- opening a source ------------------------------------------------------

    def action_open_source(self) -> None:
        from bbtui.ui.open_source import open_selected_source

        open_selected_source(self)

    # --- marking, copying, exporting ------------------------------------------

    def selected_item(self) -> Item | None:
        """The quote (or else the event) that copy and mark act on."""
        shown = self.detail.shown
        if isinstance(shown, Event):
            if self.detail.highlighted_quote is not None:
                return Item("quote", self.detail.highlighted_quote)
            return Item("event", shown.id)
        event = self.timeline.event
        return Item("event", event.id) if event is not None else None

    def action_toggle_mark(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        session = self.session
        marked = session.toggle_mark(item)
        self.timeline.set_marked(session.marked_events(), session.events_with_marked_quotes())
        self.detail.set_marked(session.marks)
        self._read_ahead_soon()  # what was ready showed the old marks
        self.notify(session.mark_message(item, marked), timeout=2, markup=False)

    def action_copy(self) -> None:
        from bbtui.core import cite

        shown = self.detail.shown
        dataset = self.dataset
        style = self.app.citation_style  # type: ignore[attr-defined]
        if isinstance(shown, Event) and self.detail.highlighted_quote is not None:
            quote = dataset.quote_by_id[self.detail.highlighted_quote]
            text = cite.cite_quote(dataset, quote, style)
            what = f"quote by {quote.speaker} ({quote.said.display()})"
        elif isinstance(shown, Event):
            text = cite.cite_event(dataset, shown, style)
            what = f"event “{shown.title}”"
        elif shown is not None:
            text = cite.cite_country(dataset, shown, style)
            what = f"precedent for {shown.name}"
        else:
            self.notify("Nothing selected to copy.", severity="warning", markup=False)
            return
        self.app.copier.copy(text, what, style.label)  # type: ignore[attr-defined]

    def action_show_copy(self) -> None:
        self.app.copier.show_last()  # type: ignore[attr-defined]

    def action_export(self) -> None:
        from bbtui.core.exporters import FORMATS, suggested_filename
        from bbtui.ui.screens.export import ExportScreen

        self.app.push_screen(
            ExportScreen(
                self.session.export_scope(),
                list(FORMATS),
                suggested_filename,
                None if self.app.is_web else Path.cwd(),  # in a browser: a download
                protected=Path(self.dataset.path) if self.dataset.path else None,
            ),
            self._export,
        )

    def _export(self, request: ExportRequest | None) -> None:
        if request is not None:
            self._write_export(request, self.session.marks)

    @work(thread=True, exclusive=True, group="export")
    def _write_export(self, request: ExportRequest, marks: frozenset[str]) -> None:
        # A thread: a large dataset takes a while to format, and the UI must not freeze.
        from bbtui.core.atomic import write_pieces
        from bbtui.core.exporters import export, export_pieces
        from bbtui.ui.browser import deliver_download

        try:
            # Read from the dataset as it is opened (a store's rows, a chunk at a
            # time), never made whole: a million events took 10 GB that way.
            if request.download:  # a browser is handed the text in one piece
                text = export(self.dataset, request.format, only=marks or None)
                self.app.call_from_thread(deliver_download, self.app, request.path.name, text)
                return
            pieces = export_pieces(self.dataset, request.format, only=marks or None)
            write_pieces(request.path, pieces, force=request.overwrite)
        except (OSError, ValueError, KeyError) as exc:
            self.app.call_from_thread(
                self.notify,
                visible_line(str(exc)),
                title="Export failed",
                severity="error",
                markup=False,
            )
            return
        self.app.call_from_thread(
            self.notify,
            visible_line(f"{request.format} → {request.path}"),
            title="Exported",
            markup=False,
        )
