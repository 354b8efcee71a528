"""`bbtui serve` in a real browser: headless Chromium on the page, keys, clipboard, download.

One server (`bbtui serve` as a subprocess on a free loopback port) and one
browser for the whole module, and one test for the whole visit, so pytest-xdist
never starts a second pair. The screen is read from xterm.js's own buffer
(the page keeps the terminal as `window.bbtuiTerminal`), and with
`?screenreader=1` from xterm.js's accessibility tree, as a screen reader would.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
from pathlib import Path
from typing import Any

import pytest

import realtools
from served import bbtui_serve, descendants, wait_until

MINI = Path(__file__).parent / "data" / "mini.yaml"

SCREEN = """() => {
    const terminal = window.bbtuiTerminal;
    if (!terminal) return "";
    const buffer = terminal.buffer.active, rows = [];
    for (let y = 0; y < terminal.rows; y++) rows.push(buffer.getLine(y).translateToString(true));
    return rows.join("\\n");
}"""

# A page on another site that tries the socket, token and all: the browser
# itself sets the Origin header, so this is exactly what an attacker's page can do.
FOREIGN_PAGE = """<!doctype html><script>
window.result = new Promise(resolve => {
    const socket = new WebSocket(%r);
    socket.onopen = () => resolve("opened");
    socket.onerror = () => resolve("refused");
});
</script>"""


@contextlib.contextmanager
def foreign_site(page: str):
    """A second web server on loopback serving `page` at its root; yields its URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{site.server_address[1]}/"
    finally:
        site.shutdown()
        site.server_close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(server process, page URL, the server's folder and home, Chromium)."""
    executable = realtools.require_chromium()
    realtools.require_playwright()
    workdir = tmp_path_factory.mktemp("serve")
    with bbtui_serve(MINI, workdir) as (server, url):
        yield server, url, workdir, executable


def test_the_explorer_in_a_browser(served):
    server, url, workdir, executable = served
    sync_api = realtools.require_playwright()
    origin = url.split("/?", 1)[0]
    token = url.split("token=", 1)[1]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=realtools.CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(viewport={"width": 1000, "height": 600})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        page = context.new_page()

        def screen() -> str:
            return str(page.evaluate(SCREEN))

        def wait_for_text(text: str, what: str) -> None:
            try:
                page.wait_for_function(
                    f"text => ({SCREEN})().includes(text)", arg=text, timeout=30_000
                )
            except sync_api.TimeoutError:
                pytest.fail(f"{what}: {text!r} never showed; the screen:\n{screen()}")

        # A deep link, in screen-reader mode: the session opens on that event.
        page.goto(f"{url}&event=pk-reversal&screenreader=1")
        assert page.title() == "Mini dataset for tests · bbtui"
        wait_for_text("31 Dec 2015 · Pakistan (PK)", "the deep-linked event's detail")
        assert "Shutdown order rescinded; BlackBerry stays" in screen()
        tree = page.locator(".xterm-accessibility-tree")
        wait_until(lambda: "Timeline · 6 events" in tree.inner_text(), 10, "the accessibility tree")
        sessions = descendants(server.pid)
        assert sessions, "no app process runs for the open tab"

        # Keys reach the explorer without a click first.
        page.keyboard.press("k")
        wait_for_text("30 Nov 2015 · Pakistan (PK)", "k: the event before")

        # y: the citation lands on the browser's clipboard (not the server's).
        page.keyboard.press("y")
        wait_for_text("with Chicago citation", "y: the copy notification")
        copied = wait_until(
            lambda: page.evaluate("() => navigator.clipboard.readText()"), 10, "the clipboard"
        )
        assert copied.startswith("BlackBerry announces it will leave Pakistan\n30 Nov 2015")

        # ctrl+e: the export dialog offers a download; Export delivers one.
        downloads: list[Any] = []
        # Playwright tags each handler with an attribute, which a builtin
        # method such as list.append cannot take: hence the lambdas.
        context.on("page", lambda opened: opened.on("download", lambda d: downloads.append(d)))
        page.on("download", lambda d: downloads.append(d))
        page.keyboard.press("Control+e")
        wait_for_text("Download as", "ctrl+e: the export dialog in download mode")
        page.keyboard.press("Enter")  # export what the dialog shows
        wait_until(lambda: downloads or page.wait_for_timeout(100), 15, "the download")
        download = downloads[0]
        assert download.suggested_filename == "bbtui-export.md"
        assert (
            Path(download.path())
            .read_text(encoding="utf-8")
            .startswith("# Mini dataset for tests\n")
        )
        written = [p for p in workdir.rglob("*") if p.name.startswith("bbtui-export")]
        assert written == [], "the export was written on the server's disk"

        # /: search; ctrl+o (ctrl+t belongs to the browser) extends it to events.
        page.keyboard.press("/")
        wait_for_text("^o Events too", "the search screen, its footer with the browser key")
        page.keyboard.type("reprieve")
        wait_for_text('No quotes match "reprieve"', "the typed query")
        page.keyboard.press("Control+o")
        wait_for_text("[title] India grants a 60-day reprieve", "ctrl+o: events too")
        page.keyboard.press("Escape")

        # Another site's page cannot open a session, even knowing the token: here
        # a page of another web app on this machine (another port, so another
        # Origin; served for real, since Chromium lets only loopback pages reach loopback).
        socket_url = f"ws://{origin.split('//', 1)[1]}/ws/{token}"
        with foreign_site(FOREIGN_PAGE % socket_url) as foreign_url:
            foreign = context.new_page()
            foreign.goto(foreign_url)
            assert foreign.evaluate("() => window.result") == "refused"
            foreign.close()

        # Closing the tab ends its explorer.
        page.close()
        wait_until(
            lambda: not any(pid in descendants(server.pid) for pid in sessions),
            15,
            "the tab's app process to end",
        )
        assert descendants(server.pid) == []
        browser.close()
