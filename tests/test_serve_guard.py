"""`bbtui serve` refuses whoever lacks the token, and sockets from another Origin (403).

Plain HTTP and WebSocket requests from Python (aiohttp) against a real
`bbtui serve` subprocess; the same rules as pure functions below them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from bbtui.ui.screens.export import download_name
from bbtui.web.guard import origin_allowed, token_matches
from served import bbtui_serve, descendants

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    # The hostile title: the page must show it as text, never as markup.
    with bbtui_serve(DATA / "html-injection.yaml", tmp_path_factory.mktemp("serve")) as running:
        yield running


def statuses(url: str, sockets: list[tuple[str, str | None]]) -> tuple[list[int], list[int], str]:
    """(status of GET / without, with a wrong, with the right token; of each socket; the page)."""
    base, token = url.split("/?token=")

    async def probe() -> tuple[list[int], list[int], str]:
        async with aiohttp.ClientSession() as client:
            pages = []
            for query in ("", "?token=", "?token=" + "x" * len(token), f"?token={token}"):
                async with client.get(f"{base}/{query}") as response:
                    pages.append(response.status)
                    text = await response.text()
            handshakes = []
            for path, origin in sockets:
                headers = {"Origin": origin} if origin else {}
                try:
                    async with client.ws_connect(
                        base.replace("http", "ws") + path, headers=headers
                    ):
                        handshakes.append(101)
                except aiohttp.WSServerHandshakeError as refused:
                    handshakes.append(refused.status)
            return pages, handshakes, text

    return asyncio.run(probe())


def test_page_and_socket_refuse_without_the_token_or_from_another_origin(served):
    server, url = served
    base, token = url.split("/?token=")
    port = base.rsplit(":", 1)[1]
    pages, handshakes, page = statuses(
        url,
        [
            ("/ws", base),  # textual-serve's own socket: no token, so never
            ("/ws/not-the-token", base),
            (f"/ws/{token}", "http://attacker.example"),
            (f"/ws/{token}", f"http://127.0.0.1:{int(port) + 1}"),  # another local app
            (f"/ws/{token}", None),  # no Origin at all
            (f"/ws/{token}", "null"),  # a sandboxed or file: page
        ],
    )
    assert pages == [403, 403, 403, 200]
    assert handshakes == [403] * 6
    assert descendants(server.pid) == [], "a refused handshake started a session"
    # The dataset's title names the page, as text only.
    assert "<title>&lt;img src=x onerror=&#34;window.bbtuiPwned=" in page
    assert "<script>window.bbtuiPwned" not in page


@pytest.mark.parametrize(
    ("origin", "host", "bound", "allowed"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", "127.0.0.1", True),
        ("http://localhost:8000", "localhost:8000", "127.0.0.1", True),
        ("http://[::1]:8000", "[::1]:8000", "::1", True),
        ("http://attacker.example", "127.0.0.1:8000", "127.0.0.1", False),
        ("http://127.0.0.1:9000", "127.0.0.1:8000", "127.0.0.1", False),
        # DNS rebinding: the attacker's name pointed at 127.0.0.1, same origin as far as
        # the browser knows, but not one of the server's own names.
        ("http://attacker.example:8000", "attacker.example:8000", "127.0.0.1", False),
        (None, "127.0.0.1:8000", "127.0.0.1", False),
        ("null", "127.0.0.1:8000", "127.0.0.1", False),
        ("http://127.0.0.1:8000", None, "127.0.0.1", False),
        ("http://127.0.0.1:bad", "127.0.0.1:8000", "127.0.0.1", False),
        ("ftp://127.0.0.1:8000", "127.0.0.1:8000", "127.0.0.1", False),
        ("http://192.0.2.7:8000", "192.0.2.7:8000", "192.0.2.7", True),
        ("http://192.0.2.8:8000", "192.0.2.8:8000", "192.0.2.7", False),
        # Bound to every address: any of them, but only from itself.
        ("http://host.lan:8000", "host.lan:8000", "0.0.0.0", True),
        ("http://attacker.example:8000", "host.lan:8000", "0.0.0.0", False),
    ],
)
def test_origin_rules(origin, host, bound, allowed):
    assert origin_allowed(origin, host, bound) is allowed


@pytest.mark.parametrize(
    ("given", "matches"),
    [("s3cret-token", True), ("s3cret-toke", False), ("", False), (None, False), ("s3crét", False)],
)
def test_token_comparison(given, matches):
    assert token_matches(given, "s3cret-token") is matches


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("bbtui-export.md", "bbtui-export.md"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\notes.csv", "notes.csv"),
        ('a"; filename=evil.exe', "a-filename-evil.exe"),
        ("Pakistan exit.md", "Pakistan-exit.md"),
        ("...", "bbtui-export.txt"),
    ],
)
def test_download_names_carry_no_folder_and_no_header_syntax(typed, name):
    assert download_name(typed) == name
