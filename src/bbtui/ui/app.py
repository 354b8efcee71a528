"""The explorer application: global keys, the command palette, help and themes.

The three-pane view itself lives in `screens/explorer.py`; the app owns what
is true on every screen (quit, help, palette) and the entry points other
parts call (jump to an event or a country, filter the timeline).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.notifications import Notification
from textual.screen import Screen
from textual.theme import Theme

from bbtui.core.cite_style import Style
from bbtui.core.model import Dataset
from bbtui.ui import collector, compat, outcomes
from bbtui.ui.clipboard.copier import Copier
from bbtui.ui.contrast import readable
from bbtui.ui.palette import CountryCommands, EventCommands
from bbtui.ui.screens.explorer import ExplorerScreen
from bbtui.ui.screens.help import HelpScreen, Section
from bbtui.ui.text import shown_line
from bbtui.ui.widgets.event_detail import EventDetail
from bbtui.ui.widgets.line_list import LineList
from bbtui.ui.widgets.precedents import PrecedentPanel
from bbtui.ui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from bbtui.ui.clipboard.routes import Route  # imported at the first copy


class ExplorerApp(App[None]):
    CSS_PATH = "bbtui.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-normal"), (120, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012
    COMMANDS = App.COMMANDS | {EventCommands, CountryCommands}

    # Shown in the Footer by the explorer screen, first (see ExplorerScreen.BINDINGS).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark", "help", "Help", show=False, id="app.help", tooltip="Show every key"
        ),
        Binding("q", "leave", "Quit", show=False, id="app.quit", tooltip="Leave bbtui"),
    ]

    def __init__(
        self,
        dataset: Dataset,
        *,
        theme: str | None = None,
        started_at: float | None = None,
        start_event: str | None = None,
        start_country: str | None = None,
        show_description: bool = False,
        keymap: dict[str, str] | None = None,
        notices: list[str] | None = None,
        settings_file: Path | None = None,
        citation_style: Style = Style.CHICAGO,
    ) -> None:
        """`started_at`: a `time.perf_counter()` reading from process start, to log start-up time.

        `start_event`: the id of an event to open on (`bbtui --event ID`, a browser deep link);
        `start_country`: a country code to filter the timeline to (`bbtui --country CODE`).
        Without either, the explorer opens on the dataset's own `start` event, if it has one.
        `show_description`: say what the dataset is, once, as the explorer opens.
        `keymap`: binding id -> keys, already checked (bbtui.ui.keys); `notices`: problems
        with the user's settings, shown once open; `settings_file`: where a theme chosen
        in the palette is saved (None: not saved, as in tests);
        `citation_style`: the style `y` copies in (the config file's `citation_style`); the
        palette changes it for the session.
        """
        self._start_country = start_country
        self.copier = Copier(self, self.clipboard_routes)
        self._started_at = time.perf_counter() if started_at is None else started_at
        super().__init__()
        self.dataset = dataset
        if start_event is None and start_country is None:
            start_event = dataset.start
        self._start_event = start_event
        self._show_description = show_description
        self._description_notice: Notification | None = None
        self._keymap = dict(keymap or {})
        self._notices = list(notices or ())
        self._settings_file = settings_file
        self.citation_style = citation_style
        self.title = shown_line(dataset.title)
        if theme is not None:
            self.theme = theme

    def _save_theme(self, theme: Theme) -> None:
        from bbtui.core.config import save_theme

        assert self._settings_file is not None
        problem = save_theme(theme.name, self._settings_file)
        if problem is not None:
            self.notify(problem, title="Settings", severity="warning", markup=False)

    def get_driver_class(self) -> type[Driver]:
        # `q` ends the process at once: Textual's terminal driver otherwise
        # waits up to 0.2 s for its input thread (see compat.prompt_exit_driver).
        return compat.prompt_exit_driver(super().get_driver_class())

    def get_css_variables(self) -> dict[str, str]:
        # Every theme the palette offers, made readable (see ui/contrast.py) in
        # the colours this terminal can show (256 or 16 when TERM says so).
        console = getattr(self, "console", None)
        system = console.color_system if console is not None else None
        return readable(super().get_css_variables(), system=system)

    def get_default_screen(self) -> ExplorerScreen:
        # The timeline starts on the start event, so the detail pane is built
        # once, for it; with a country filter the jump waits for the filter.
        start = self._start_event if self._start_country is None else None
        screen = ExplorerScreen(self.dataset, start_event=start)
        # Textual adds the breakpoint classes on the first resize, which styles
        # every widget a second time before the first frame; start with the
        # ones Textual will choose for the terminal's size.
        width, height = self.size
        # update=False: the screen is styled when it mounts; styling it now
        # (add_class's default) would style it, unmounted, once more.
        screen.add_class(*compat.breakpoint_classes(screen, width, height, self), update=False)
        return screen

    def on_mount(self) -> None:
        if not self.is_headless:
            from bbtui.ui.signals import exit_on_termination

            exit_on_termination(self)
        if self.is_web:
            from bbtui.ui.browser import BROWSER_KEYMAP

            self.update_keymap(BROWSER_KEYMAP)
        if self._keymap:
            self.update_keymap(self._keymap)
        for notice in self._notices:
            self.notify(notice, title="Settings", severity="warning", timeout=10, markup=False)
        if self._settings_file is not None:
            self.theme_changed_signal.subscribe(self, self._save_theme)
        if self._start_country is not None:
            self.call_after_refresh(self.filter_timeline, self._start_country)
        if self._start_event is not None and self._start_country is not None:
            # After the filter (the timeline started on the start event otherwise).
            self.call_after_refresh(self.jump_to_event, self._start_event)
        elif self._start_event is not None:
            # The timeline started on it; once the panes are laid out it is scrolled into view.
            self.call_after_refresh(self._settle_on_start)
        if self._show_description and self.dataset.description.strip():
            # Until the first key: at 80x24 the toast covers the detail pane,
            # so it goes as soon as the reader starts; unread, it goes in 30 s.
            self._description_notice = compat.notify_until_dismissed(
                self,
                shown_line(self.dataset.description),
                title=shown_line(self.dataset.title),
                timeout=30,
            )

    def _settle_on_start(self) -> None:
        # Focused here too: auto-focus waits for the app to have focus, which
        # in a browser it may not have yet, and keys must work without a click.
        explorer = self.explorer
        explorer.activate(explorer.timeline)
        explorer.timeline.scroll_to_cursor()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self._description_notice is not None:
            compat.dismiss_notification(self, self._description_notice)
            self._description_notice = None
        await super().on_event(event)

    def on_ready(self) -> None:
        elapsed = time.perf_counter() - self._started_at
        self.log.info("bbtui ready in %.0f ms", elapsed * 1000)
        # Both start once the first frame is drawn: a thread started here runs
        # beside the first frame and takes the interpreter from it. The index
        # costs time in proportion to the dataset (on the store there is
        # nothing to build); the store check reads the whole file.
        self.call_after_refresh(self.explorer.build_index)
        self.call_after_refresh(self._check_store)
        self.call_after_refresh(collector.resume)  # paused by `bbtui` while it started

    def _check_store(self) -> None:
        """A dataset read from its store: hash the file and check the store, off the UI thread.

        A daemon thread, not a worker: the interpreter waits for a worker's
        pool thread at exit, and `q` must never wait for a hash.
        """
        from bbtui.core.store import StoredDataset, verify

        dataset = self.dataset
        if not isinstance(dataset, StoredDataset):
            return
        dataset.on_notice = self._store_notice  # on screen now, not on standard error
        threading.Thread(target=verify, args=(dataset,), daemon=True, name="store-check").start()

    def _store_notice(self, message: str) -> None:
        def show() -> None:
            self.notify(shown_line(message), title="Dataset read again", markup=False)

        try:
            self.call_from_thread(show)
        except RuntimeError:  # already on the app's thread
            show()

    def clipboard_routes(self) -> list[Route] | None:
        """The routes `y` copies through besides OSC 52; None: tmux and the native ones.

        In a browser (`bbtui serve`) the reader's clipboard is the browser's: the
        server's tmux or X clipboard would be the wrong machine's.
        """
        if self.is_web:
            from bbtui.ui.clipboard.routes import BrowserRoute  # at the first copy

            return [BrowserRoute()]
        return None

    @property
    def explorer(self) -> ExplorerScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ExplorerScreen)
        return screen

    # --- entry points for the palette, search and tests ----------------------

    def jump_to_event(self, event_id: str, quote_id: str | None = None) -> bool:
        return self.explorer.jump_to_event(event_id, quote_id)

    def jump_to_country(self, code: str) -> bool:
        return self.explorer.jump_to_country(code)

    def filter_timeline(self, code: str | None) -> None:
        explorer = self.explorer
        explorer.apply_filter(code)
        explorer.activate(explorer.timeline)

    def action_leave(self) -> None:
        marked = len(self.explorer.session.marks)
        if not marked:
            self.exit()
            return
        from bbtui.ui.screens.confirm_quit import ConfirmQuit

        self.push_screen(ConfirmQuit(marked), lambda leave: self.exit() if leave else None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # `q` must not quit from inside a dialog (a stray key while choosing an
        # export format); ctrl+q still does, everywhere.
        if action == "leave":
            # The comparison is a view of the explorer, not a dialog: q leaves from it too.
            return isinstance(self.screen, ExplorerScreen) or self.screen.id == "compare-screen"
        return True

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's own "Keys" panel would stand beside our fuller "Help".
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        if isinstance(screen, ExplorerScreen):
            yield SystemCommand(
                "Export",
                "Export the marked items (everything when nothing is marked) to a file",
                screen.action_export,
            )
            yield SystemCommand("Help", "Show every key", self.action_help)
            for style in Style:
                yield SystemCommand(
                    f"Citation style: {style.label}",
                    f"Copy citations (y) in {style.label} style",
                    partial(self.set_citation_style, style),
                )

    def set_citation_style(self, style: Style) -> None:
        """The style `y` copies in, from now on (this session)."""
        self.citation_style = style
        self.notify(f"y now copies {style.label} citations", timeout=3, markup=False)

    # --- help ------------------------------------------------------------------

    def help_sections(self) -> list[Section]:
        palette = Binding(
            self.COMMAND_PALETTE_BINDING,
            "command_palette",
            "Palette",
            tooltip="Jump to an event or a country, filter, change theme",
        )
        return [
            ("Everywhere", [*ExplorerScreen.BINDINGS, palette]),
            (
                "Timeline and precedents",
                [*LineList.BINDINGS, *Timeline.BINDINGS, *PrecedentPanel.BINDINGS],
            ),
            ("Detail", EventDetail.BINDINGS),
            ("Comparing precedents", compare_bindings()),
        ]

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(
                HelpScreen(self.help_sections(), about=self.about(), legend=outcomes.legend())
            )

    def about(self) -> str:
        """One line on the open dataset, for the help screen."""
        counts = self.dataset.counts()
        summary = ", ".join(f"{n:,} {what}" for what, n in counts.items())
        return f"{shown_line(self.dataset.title)}: {summary}"


def compare_bindings() -> list[BindingType]:
    """The compare screen's own keys, for help (imported when asked: not needed to start)."""
    from bbtui.ui.screens.compare import CLOSE, PAGING
    from bbtui.ui.widgets.compare_table import CompareTable

    return [CLOSE, *PAGING, *CompareTable.BINDINGS]
