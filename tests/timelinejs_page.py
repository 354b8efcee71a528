"""TimelineJS 3.9.11 itself, in headless Chromium, reading a timeline document.

The library is served from tests/node/node_modules by Playwright's request
routing under a made-up origin, so nothing touches the network and
TimelineJS reads the document by URL, exactly as an embed does (its own
fetch and JSON parsing, not a Python-built object). The only foreign
requests it makes are for web fonts; they get an empty style sheet, so the
page raises no load errors of its own.
"""

from __future__ import annotations

import contextlib
import mimetypes
from dataclasses import dataclass, field
from typing import Any

import realtools

ORIGIN = "http://timelinejs.test"
FONT_HOSTS = ("https://fonts.googleapis.com/", "https://fonts.gstatic.com/")

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/css/timeline.css">
<script src="/dist/js/timeline.js"></script>
</head><body>
<div id="timeline" style="width: 1000px; height: 650px"></div>
<script>
  window.timelineLoaded = false;
  const timeline = new TL.Timeline("timeline", "%(origin)s/%(name)s",
                                    {script_path: "%(origin)s/dist/js/"});
  timeline.on("loaded", () => { window.timelineLoaded = true; });
</script>
</body></html>
"""

# Settles when TimelineJS has either rendered or put up its error message.
SETTLED = """() => window.timelineLoaded ||
    /error/i.test(document.querySelector('#timeline > .tl-message-full .tl-message-content')?.textContent || '')"""

HEADLINES = """() => Object.fromEntries([...document.querySelectorAll('.tl-slide')].map(
    slide => [slide.id, slide.querySelector('.tl-headline')?.textContent ?? null]))"""


@dataclass
class Rendering:
    """What a reader would see, and what went wrong on the way."""

    loaded: bool
    message: str  # the text of TimelineJS's message box, if any is showing
    marker_ids: list[str]  # unique ids of the markers on the time axis
    headlines: dict[str, str]  # slide id -> its headline as shown (text, not HTML)
    errors: list[str] = field(default_factory=list)  # JavaScript errors and console errors
    foreign_requests: list[str] = field(default_factory=list)
    pwned: Any = None  # window.bbtuiPwned: set only if script from the data ran


class TimelineJS:
    """One browser for many documents (a fresh page each)."""

    def __init__(self) -> None:
        self._package = realtools.require_node_package("@knight-lab/timelinejs")
        executable = realtools.require_chromium()
        sync_api = realtools.require_playwright()
        self._timeout = sync_api.TimeoutError
        self._playwright = sync_api.sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=executable, args=realtools.CHROMIUM_ARGS, headless=True
        )

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()

    def render(
        self, document: str, name: str = "timeline.json", timeout_ms: int = 20_000
    ) -> Rendering:
        """Load `document` (the file's text) as TimelineJS would from a web server."""
        page = self._browser.new_page()
        errors: list[str] = []
        foreign: list[str] = []
        page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
        page.on(
            "console",
            lambda msg: (
                errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None
            ),
        )

        def route(request_route: Any) -> None:
            url = request_route.request.url
            if not url.startswith(ORIGIN + "/"):
                foreign.append(url)
                if url.startswith(FONT_HOSTS):
                    request_route.fulfill(status=200, content_type="text/css", body="")
                else:
                    request_route.abort()
                return
            path = url[len(ORIGIN) + 1 :].split("?")[0]
            if path == "index.html":
                body = (PAGE % {"origin": ORIGIN, "name": name}).encode()
                request_route.fulfill(status=200, content_type="text/html", body=body)
            elif path == name:
                content_type = "text/csv" if name.endswith(".csv") else "application/json"
                request_route.fulfill(status=200, content_type=content_type, body=document)
            elif path.startswith("dist/") and ".." not in path:
                file = self._package / path
                if file.is_file():
                    kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                    request_route.fulfill(status=200, content_type=kind, body=file.read_bytes())
                else:
                    request_route.fulfill(status=404, body="")
            else:
                request_route.fulfill(status=404, body="")

        page.route("**/*", route)
        try:
            page.goto(f"{ORIGIN}/index.html")
            # A timeout is an answer too: the page stayed on "Loading Timeline...".
            with contextlib.suppress(self._timeout):
                page.wait_for_function(SETTLED, timeout=timeout_ms)
            return Rendering(
                loaded=page.evaluate("window.timelineLoaded"),
                message=page.evaluate(
                    "document.querySelector('#timeline > .tl-message-full .tl-message-content')?.textContent || ''"
                ),
                marker_ids=page.eval_on_selector_all(
                    ".tl-timemarker", "els => els.map(el => el.id.replace(/-marker$/, ''))"
                ),
                headlines=page.evaluate(HEADLINES),
                errors=errors,
                foreign_requests=foreign,
                pwned=page.evaluate("window.bbtuiPwned"),
            )
        finally:
            page.close()
