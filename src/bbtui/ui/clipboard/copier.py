"""`y` in the explorer: copy through every route, then say what happened.

Textual's OSC 52 goes out at once (it also keeps `App.clipboard`); the
routes that can confirm a copy (tmux, a native clipboard program) run in a
thread worker, since each may take up to five seconds. The notification then
names where the text went ("Copied 412 characters to tmux's buffer and the
terminal clipboard"), or says nothing confirmed it and offers `Y`, which
shows the text to select or save (`CopyFallbackScreen`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual.app import App

from bbtui.core.textsafe import visible_line

if TYPE_CHECKING:
    # The routes are imported at the first copy, not at every start (~3 ms).
    from bbtui.ui.clipboard.routes import Report, Route

PREVIEW = 160

UNCONFIRMED = (
    "Sent {count:,} characters to the terminal clipboard (OSC 52), but nothing confirmed "
    "they arrived: tmux drops them unless set-clipboard is on, and some terminals ignore "
    "them. Y shows the text, to select or save it."
)


def preview(text: str) -> str:
    return visible_line(text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…")


class Copier:
    """One per app: copies, and remembers the last text for the fallback (`Y`)."""

    def __init__(
        self, app: App[Any], routes: Callable[[], Iterable[Route] | None] = lambda: None
    ) -> None:
        self.app = app
        self.routes = routes
        self.last_text: str | None = None
        self.last_report: Report | None = None

    def copy(self, text: str, what: str, style: str | None = None) -> None:
        """Copy `text` (a `what` such as "quote by Marty Beard (30 Nov 2015)").

        `style` names the citation style when one was chosen (e.g. "APA"): the
        title says "with APA citation", and the message ends with it in parentheses.
        """
        self.last_text = text
        self.app.copy_to_clipboard(text)  # OSC 52: sent, never confirmed
        routes = self.routes()
        self.app.run_worker(
            lambda: self._deliver(text, what, style, routes),
            thread=True,
            group="clipboard",
            exclusive=True,
            name="clipboard",
        )

    def _deliver(
        self, text: str, what: str, style: str | None, routes: Iterable[Route] | None
    ) -> None:
        from bbtui.ui.clipboard.routes import deliver

        report = deliver(text, routes=routes)
        self.app.call_from_thread(self._announce, text, what, style, report)

    def _announce(self, text: str, what: str, style: str | None, report: Report) -> None:
        from bbtui.ui.clipboard.routes import describe

        self.last_report = report
        cited = f"{style} citation" if style else "its citation"
        title = visible_line(f"Copied {what} with {cited}")
        if report.confirmed:
            message = f"{describe(len(text), report, style)}.\n{preview(text)}"
            self.app.notify(message, title=title, markup=False)
            return
        failed = f" ({'; '.join(report.failures)})" if report.failures else ""
        self.app.notify(
            UNCONFIRMED.format(count=len(text)) + visible_line(failed) + "\n" + preview(text),
            title=visible_line(f"Sent {what} with {cited}, not confirmed"),
            severity="warning",
            timeout=8,
            markup=False,
        )

    def show_last(self) -> None:
        from bbtui.ui.clipboard.dialog import CopyFallbackScreen
        from bbtui.ui.clipboard.routes import describe

        if self.last_text is None:
            self.app.notify("Nothing copied yet: y copies.", timeout=2, markup=False)
            return
        report = self.last_report
        why = (
            f"{describe(len(self.last_text), report)}."
            if report is not None and report.confirmed
            else "No clipboard confirmed this copy. Select the text below, or save it to a file."
        )
        self.app.push_screen(CopyFallbackScreen(self.last_text, why))
