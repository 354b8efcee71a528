"""textual-serve's server with the safety it lacks: a token, an Origin check, deep links.

textual-serve starts one explorer process per WebSocket (per browser tab)
and ends it when the socket closes. What this subclass adds:

- the page (`/?token=…`) and the socket (`/ws/TOKEN`) refuse anyone without
  the token from the printed URL (403), compared in constant time;
- the socket refuses a handshake whose Origin is not the server's own (403),
  so another web page cannot start or drive a session;
- `?event=ID` on the page opens that session on an event: the socket's path
  carries the id, and the session's command gets `--event ID`;
- our own page: the dataset's title, nothing fetched from elsewhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import shlex
import signal
import socket
import sys
from collections.abc import Collection
from pathlib import Path

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from bbtui.web.guard import origin_allowed, token_matches, url_host

TEMPLATES = Path(__file__).parent / "templates"

# The command of the session being opened. textual-serve reads `self.command`
# in the handshake's own task, so a context variable set there gives every
# tab its own command without any shared state.
_session_command: contextvars.ContextVar[str] = contextvars.ContextVar("bbtui_session_command")

NEEDS_TOKEN = "Open the address that `bbtui serve` printed: it carries the session token.\n"  # noqa: S105 (a message)
FOREIGN_ORIGIN = "This session can only be opened from the page that bbtui serve itself served.\n"


class ExplorerServer(Server):
    def __init__(
        self,
        dataset_path: str,
        *,
        title: str,
        event_ids: Collection[str],
        token: str,
        host: str = "127.0.0.1",
        port: int = 8000,
    ) -> None:
        self._base_command = [sys.executable, "-m", "bbtui", dataset_path]
        self._event_ids = frozenset(event_ids)
        self._token = token
        super().__init__(
            shlex.join(self._base_command),
            host=host,
            port=port,
            title=title,
            templates_path=TEMPLATES,
        )

    # --- the command each tab runs ---------------------------------------------

    @property
    def command(self) -> str:
        return _session_command.get(shlex.join(self._base_command))

    @command.setter
    def command(self, value: str) -> None:
        pass  # the base class sets it once; the command is built from the dataset path

    def session_command(self, event: str | None) -> str:
        """The shell command for one session; `event` must be a known id (never raw input)."""
        argv = list(self._base_command)
        if event is not None:
            argv += ["--event", event]
        return shlex.join(argv)

    # --- addresses --------------------------------------------------------------

    def page_url(self, event: str | None = None) -> str:
        host = "127.0.0.1" if self.host in ("", "0.0.0.0", "::") else self.host  # noqa: S104
        url = f"http://{url_host(host)}:{self.port}/?token={self._token}"
        return url + (f"&event={event}" if event else "")

    def known_event(self, event: str | None) -> str | None:
        return event if event in self._event_ids else None

    # --- routes -----------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        # The token and event ride in the socket's path: textual-serve's page
        # script appends its own "?width=…&height=…" to the socket URL.
        app.router.add_get("/ws/{token}", self.handle_websocket)
        app.router.add_get("/ws/{token}/{event}", self.handle_websocket)
        return app

    async def handle_index(self, request: web.Request) -> web.Response:
        if not token_matches(request.query.get("token"), self._token):
            raise web.HTTPForbidden(text=NEEDS_TOKEN)
        event = self.known_event(request.query.get("event"))
        socket_path = f"/ws/{self._token}" + (f"/{event}" if event else "")
        font_size = request.query.get("fontsize", "16")
        context = {
            "title": self.title,
            "socket_path": socket_path,
            "font_size": int(font_size)
            if font_size.isdigit() and 6 <= int(font_size) <= 64
            else 16,
            "screen_reader": request.query.get("screenreader") == "1",
        }
        response = aiohttp_jinja2.render_template("explorer.html", request, context)
        # The page's URL holds the token: never send it to another site, never cache it.
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not token_matches(request.match_info.get("token"), self._token):
            raise web.HTTPForbidden(text=NEEDS_TOKEN)
        if not origin_allowed(request.headers.get("Origin"), request.host, self.host):
            raise web.HTTPForbidden(text=FOREIGN_ORIGIN)
        _session_command.set(
            self.session_command(self.known_event(request.match_info.get("event")))
        )
        return await super().handle_websocket(request)

    # --- console ----------------------------------------------------------------

    def initialize_logging(self) -> None:
        # Warnings and errors only: the access log would print every URL, token included.
        super().initialize_logging()
        import logging

        logging.getLogger().setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        pass  # textual-serve prints its banner here, before the port is even bound

    def announce(self, *_: object) -> None:
        """Print the address once the socket listens, so it works as soon as it is read."""
        print(f"Serving {self.title} at", flush=True)
        print(f"  {self.page_url()}", flush=True)
        print("Open that address in a browser (each tab runs its own explorer).", flush=True)
        print("Add &event=ID to open on an event. Press Ctrl+C to stop.", flush=True)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM, as textual-serve does, announcing the address
        only when it can be opened (aiohttp calls `print` after binding)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows has no such handlers
                loop.add_signal_handler(signal_number, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self.announce,
        )


def listen_error(host: str, port: int) -> OSError | None:
    """Why the server could not listen on host:port (taken, not this machine's), if it could not.

    Checked before serving, so that a taken port is one clear line rather
    than a "Serving at" line followed by a failure.
    """
    try:
        infos = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
            probe.bind(address)
    except OSError as exc:
        return exc
    return None
